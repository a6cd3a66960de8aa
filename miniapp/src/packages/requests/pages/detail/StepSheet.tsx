import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { REQUEST_ACTION_LABEL, REQUEST_TEXT_ACTIONS, type EnterpriseRequest, type RequestAction } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { listDepartments, stepRequest } from '@/api/requests';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { useQuery } from '@/hooks/useQuery';

const PLACEHOLDER: Partial<Record<RequestAction, string>> = {
  reject: '不予受理的理由（提出人可见）',
  return: '退回的理由，例如不属于本部门职责',
  ask: '需要对方补充的材料或说明',
  answer: '补充的说明',
  reply: '答复内容',
  resolve: '办理结果',
  reopen: '为什么需要重新办理',
  withdraw: '撤回的理由',
};

/** What one step needs: a department (route), a rating (confirm), a text (the rest that take one). */
export function StepSheet({
  r,
  action,
  onDone,
  onCancel,
}: {
  r: EnterpriseRequest;
  action: RequestAction;
  onDone: (r: EnterpriseRequest) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const [departmentId, setDepartmentId] = useState<string | null>(r.department?.id ?? null);
  const [rating, setRating] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const deps = useQuery(action === 'route' ? `deps:${r.committee.id}` : null, () => listDepartments(r.committee.id));
  const needsText = REQUEST_TEXT_ACTIONS.has(action);
  const ready = (!needsText || text.trim().length >= 2) && (action !== 'route' || departmentId) && (action !== 'confirm' || rating > 0);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await stepRequest(r.id, action, { text: needsText ? text : null, departmentId, rating: rating || null }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={REQUEST_ACTION_LABEL[action]}>
      {action === 'route' ? (
        <View className='requests__chips'>
          {(deps.data?.items ?? [])
            .filter((d) => d.active && d.handlers.length > 0)
            .map((d) => (
              <Text key={d.id} className={`requests__chip ${d.id === departmentId ? 'requests__chip--on' : ''}`} onClick={() => setDepartmentId(d.id)}>
                {d.name}
              </Text>
            ))}
        </View>
      ) : null}
      {action === 'confirm' ? (
        <View className='requests__chips' data-field='rating'>
          {[1, 2, 3, 4, 5].map((n) => (
            <Text key={n} className={`requests__chip ${n <= rating ? 'requests__chip--on' : ''}`} onClick={() => setRating(n)}>
              {`${n} 星`}
            </Text>
          ))}
        </View>
      ) : null}
      {needsText ? (
        <Textarea
          className='requests__textarea'
          value={text}
          maxlength={2000}
          placeholder={PLACEHOLDER[action] ?? ''}
          onInput={(e) => setText(e.detail.value)}
        />
      ) : null}
      <FormError message={error} />
      <View className='requests__actions'>
        <DjButton variant='secondary' onClick={onCancel}>
          取消
        </DjButton>
        <DjButton loading={busy} disabled={!ready} onClick={() => void send()}>
          {REQUEST_ACTION_LABEL[action]}
        </DjButton>
      </View>
    </Card>
  );
}
