import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ServiceDepartment } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { createDepartment, listDepartments, searchAccounts, updateDepartment } from '@/api/requests';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { useQuery } from '@/hooks/useQuery';

/** The committee's departments (组织部, 经信, 商务, 科技, 税务 …): add one, add or remove handler accounts, pause one. */
export function Departments({ committeeId }: { committeeId: string }) {
  const deps = useQuery(`deps:${committeeId}`, () => listDepartments(committeeId));
  const [name, setName] = useState('');
  const [editing, setEditing] = useState<ServiceDepartment | null>(null);
  const [q, setQ] = useState('');
  const found = useQuery(editing && q.trim() ? `acc:${q}` : null, () => searchAccounts(committeeId, q.trim()));
  const [error, setError] = useState<string | null>(null);

  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await deps.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const save = (d: ServiceDepartment, handlerUserIds: string[], active = d.active) =>
    run(async () => setEditing(await updateDepartment(d.id, { committeeId, name: d.name, handlerUserIds, active })));

  return (
    <Card title='承办部门'>
      {(deps.data?.items ?? []).map((d) => (
        <View key={d.id} className='requests__table-row' onClick={() => setEditing(d)}>
          <Text>{`${d.name}${d.active ? '' : '（已停用）'}`}</Text>
          <Text>{d.handlers.map((h) => h.name).join('、') || '未设承办人'}</Text>
          <Text>{`在办 ${d.openCount}`}</Text>
        </View>
      ))}
      {editing ? (
        <View data-editing={editing.name}>
          <Text className='requests__sub'>{`${editing.name}的承办人（点击移除）`}</Text>
          <View className='requests__chips'>
            {editing.handlers.map((h) => (
              <Text
                key={h.userId}
                className='requests__chip requests__chip--on'
                onClick={() =>
                  void save(
                    editing,
                    editing.handlers.filter((x) => x.userId !== h.userId).map((x) => x.userId),
                  )
                }
              >
                {`${h.name} ×`}
              </Text>
            ))}
          </View>
          <Field label='添加承办人' value={q} onChange={setQ} placeholder='输入姓名查找' />
          <View className='requests__chips'>
            {(found.data?.items ?? []).map((a) => (
              <Text key={a.userId} className='requests__chip' onClick={() => void save(editing, [...editing.handlers.map((h) => h.userId), a.userId])}>
                {`+ ${a.name}`}
              </Text>
            ))}
          </View>
          <View className='requests__actions'>
            <DjButton
              variant='secondary'
              onClick={() =>
                void save(
                  editing,
                  editing.handlers.map((h) => h.userId),
                  !editing.active,
                )
              }
            >
              {editing.active ? '停用部门' : '启用部门'}
            </DjButton>
            <DjButton variant='secondary' onClick={() => setEditing(null)}>
              完成
            </DjButton>
          </View>
        </View>
      ) : (
        <>
          <Field label='新部门' value={name} onChange={setName} placeholder='例如 区商务局' maxlength={40} />
          <DjButton disabled={name.trim().length === 0} onClick={() => void run(async () => (await createDepartment({ committeeId, name }), setName('')))}>
            添加部门
          </DjButton>
        </>
      )}
      <FormError message={error} />
    </Card>
  );
}
