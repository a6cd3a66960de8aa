import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { chinaToday } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { listMembers } from '@/api/members';
import { createTemporaryBranch, endSecondment, listTemporaryBranches, secondMembers } from '@/api/requests';
import { Card, InfoRow, Notice, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { EmptyState, StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { PickerRow } from '@/packages/admin/components/PickerRow';
import { safeDecode } from '@/utils/qr';
import '../../requests.scss';

/** 临时党支部 / 战时党支部 (S4): set one up under the committee, second members to it and end a secondment (their branch stays theirs, M2). */
export default function TemporaryBranchesPage() {
  const { params } = useRouter();
  const orgId = safeDecode(params.orgId) || null;
  const list = useQuery(orgId, () => listTemporaryBranches(orgId ?? ''));
  const [form, setForm] = useState({ name: '', project: '', kind: 'temporary' as 'temporary' | 'wartime', startsOn: chinaToday(), endsOn: '' });
  const [open, setOpen] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const found = useQuery(orgId && open && q.trim() ? `m:${q}` : null, () => listMembers({ orgId: orgId!, q: q.trim(), pageSize: 10 }));
  const [error, setError] = useState<string | null>(null);
  if (!orgId) return <EmptyState title='未指定党委' description='请从组织架构进入' />;

  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await list.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const end = async (id: string, name: string) => {
    const { confirm } = await Taro.showModal({ title: '结束选派', content: `${name}回到原支部参加组织生活，选派记录保留。`, confirmText: '结束选派' });
    if (confirm) await run(() => endSecondment(id));
  };

  return (
    <View className='page requests'>
      <Notice tone='info'>选派的党员组织关系不转移，党费和组织关系转接仍在原支部；临时党支部不能审批发展党员，到期自动撤销。</Notice>
      <StateView loading={list.loading} error={list.error} ready={list.data !== undefined} onRetry={() => void list.reload()}>
        {(list.data?.items ?? []).map((b) => (
          <Card key={b.orgId} title={b.name} extra={<Tag tone={b.active ? 'warning' : 'neutral'}>{b.active ? `${b.kindLabel} · 临时` : '已撤销'}</Tag>}>
            <InfoRow label='项目' value={b.project} />
            <InfoRow label='期限' value={`${b.startsOn} 至 ${b.endsOn}`} />
            {b.secondments.length === 0 ? <InfoRow label='选派党员' value='暂无' /> : null}
            {b.secondments.map((s) => (
              <View key={s.id} className='requests__contact'>
                <View className='requests__row-text'>
                  <Text className='requests__contact-name'>{`${s.memberName}（组织关系在${s.formalOrgName}）`}</Text>
                  <Text className='requests__sub'>{s.endedOn ? `${s.startedOn} 至 ${s.endedOn}` : `${s.startedOn} 起选派`}</Text>
                </View>
                {b.active && !s.endedOn ? (
                  <Text className='requests__link' onClick={() => void end(s.id, s.memberName)}>
                    结束选派
                  </Text>
                ) : null}
              </View>
            ))}
            {b.active ? (
              open === b.orgId ? (
                <>
                  <Field label='选派党员' value={q} onChange={setQ} placeholder='输入姓名查找' />
                  <View className='requests__chips'>
                    {(found.data?.items ?? []).map((m) => (
                      <Text key={m.id} className='requests__chip' onClick={() => void run(() => secondMembers(b.orgId, [m.id]))}>
                        {`+ ${m.name}`}
                      </Text>
                    ))}
                  </View>
                  <DjButton variant='secondary' onClick={() => setOpen(null)}>
                    完成
                  </DjButton>
                </>
              ) : (
                <DjButton variant='secondary' onClick={() => setOpen(b.orgId)}>
                  选派党员
                </DjButton>
              )
            ) : null}
          </Card>
        ))}
      </StateView>
      <Card title='成立临时党支部'>
        <Field label='名称' value={form.name} onChange={(name) => setForm({ ...form, name })} placeholder='例如 智慧园区项目临时党支部' maxlength={60} />
        <Field label='项目' value={form.project} onChange={(project) => setForm({ ...form, project })} placeholder='项目名称' maxlength={100} />
        <PickerRow
          label='类型'
          mode='selector'
          value={form.kind}
          placeholder='请选择'
          options={[
            { value: 'temporary', label: '临时党支部' },
            { value: 'wartime', label: '战时党支部' },
          ]}
          onChange={(kind) => setForm({ ...form, kind: kind as 'temporary' | 'wartime' })}
        />
        <PickerRow label='开始日期' mode='date' value={form.startsOn} placeholder='请选择' onChange={(startsOn) => setForm({ ...form, startsOn })} />
        <PickerRow
          label='结束日期'
          mode='date'
          value={form.endsOn}
          start={form.startsOn}
          placeholder='项目结束日'
          onChange={(endsOn) => setForm({ ...form, endsOn })}
        />
        <FormError message={error} />
        <DjButton disabled={!form.name || !form.project || !form.endsOn} onClick={() => void run(() => createTemporaryBranch({ parentId: orgId, ...form }))}>
          成立
        </DjButton>
      </Card>
    </View>
  );
}
