import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { chinaToday, hasPermission, type DevAction, type DevRecord, type DevStepDto } from '@dangjian/shared';
import { takeDevStep } from '@/api/development';
import { errorMessage } from '@/api/errors';
import { listMembers } from '@/api/members';
import { listMotions } from '@/api/vote';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { useQuery } from '@/hooks/useQuery';
import { useMe } from '@/store/me';

type Chip = { id: string; label: string };
const Chips = ({ items, on, onPick, className = '' }: { items: Chip[]; on: (id: string) => boolean; onPick: (id: string) => void; className?: string }) => (
  <View className={`dev-choice ${className}`}>
    {items.map((c) => (
      <Text key={c.id} className={`dev-choice__item ${on(c.id) ? 'is-on' : ''}`} onClick={() => onPick(c.id)}>
        {c.label}
      </Text>
    ))}
  </View>
);

const PEOPLE: Partial<Record<DevAction, string>> = { assign_contacts: '培养联系人（1–2 名正式党员）', assign_sponsors: '入党介绍人（2 名正式党员）' };
const VOTES: Partial<Record<DevAction, 'admission' | 'confirmation'>> = { branch_vote: 'admission', confirmation_vote: 'confirmation' };
const DECIDE: DevAction[] = ['vet', 'pre_review', 'approve', 'approve_confirmation'];
const APPROVE: DevAction[] = ['approve', 'approve_confirmation'];

/**
 * One step of the record: the action (from the table's next steps), its day, a note, and the fields
 * that step needs. The server checks the D rules; a refusal is shown here in plain Chinese.
 */
export function StepForm({ record, onDone }: { record: DevRecord; onDone: (r: DevRecord) => void }) {
  const { me } = useMe();
  const actions = [...record.next, { action: 'close' as const, label: '终止发展程序', stepNo: null, actor: 'branch' as const, actorLabel: '党支部' }];
  const [action, setAction] = useState<DevAction>(record.next[0]?.action ?? 'close');
  const [on, setOn] = useState(chinaToday());
  const [note, setNote] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [extra, setExtra] = useState<Record<string, string>>({});
  const [passed, setPassed] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const people = useQuery(PEOPLE[action] ? `dev-people-${record.branch.id}` : null, () =>
    listMembers({ orgId: record.branch.id, status: 'full', pageSize: 50 }),
  );
  const motions = useQuery(VOTES[action] ? `dev-motions-${record.branch.id}` : null, () => listMotions({ orgId: record.branch.id, pageSize: 50 }));
  const approvers = (me?.roles ?? []).filter((g) => g.orgId !== record.branch.id && hasPermission([g], 'member.manage'));
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const num = (k: string) => (extra[k] ? Number(extra[k]) : undefined);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const body: DevStepDto = { action: action as DevStepDto['action'], on: on.trim(), note: note.trim() || undefined };
    if (PEOPLE[action]) body.memberIds = picked;
    if (VOTES[action]) body.motionId = picked[0];
    if (action === 'confirmation_vote') Object.assign(body, { outcome: extra.outcome ?? 'confirm', extendMonths: num('extendMonths') });
    if (DECIDE.includes(action)) body.passed = passed;
    if (APPROVE.includes(action)) body.approverOrgId = picked[0];
    if (action === 'train') Object.assign(body, { trainingDays: num('days') ?? 0, trainingHours: num('hours') ?? 0 });
    if (action === 'committee_review') Object.assign(body, { noticeFrom: extra.from, noticeTo: extra.to });
    try {
      const r = await takeDevStep(record.id, body);
      void Taro.showToast({ title: '已办理', icon: 'success' });
      setNote('');
      setPicked([]);
      onDone(r);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      <Chips
        items={actions.map((a) => ({ id: a.action, label: a.stepNo ? `${a.stepNo}. ${a.label}` : a.label }))}
        on={(id) => id === action}
        onPick={(id) => {
          setAction(id as DevAction);
          setPicked([]);
          setError(null);
        }}
      />
      <Field label='办理日期' name='on' value={on} onChange={setOn} maxlength={10} />
      <Field label='情况记录' name='note' value={note} onChange={setNote} placeholder='谈话情况、研究意见、考察意见等' maxlength={500} />
      {PEOPLE[action] ? (
        <>
          <Text className='dev-next__who'>{PEOPLE[action]}</Text>
          <Chips
            className='dev-people'
            items={(people.data?.items ?? []).map((m) => ({ id: m.id, label: m.name }))}
            on={(id) => picked.includes(id)}
            onPick={toggle}
          />
        </>
      ) : null}
      {VOTES[action] ? (
        <>
          <Text className='dev-next__who'>关联支部大会表决（在"投票表决"中完成计票）</Text>
          <Chips
            items={(motions.data?.items ?? []).filter((m) => m.kind === VOTES[action] && m.state === 'counted').map((m) => ({ id: m.id, label: m.title }))}
            on={(id) => picked.includes(id)}
            onPick={(id) => setPicked([id])}
          />
        </>
      ) : null}
      {action === 'confirmation_vote' ? (
        <>
          <Chips
            items={[
              { id: 'confirm', label: '按期转正' },
              { id: 'extend', label: '延长预备期' },
              { id: 'cancel', label: '取消预备党员资格' },
            ]}
            on={(id) => (extra.outcome ?? 'confirm') === id}
            onPick={(id) => setExtra((x) => ({ ...x, outcome: id }))}
          />
          {extra.outcome === 'extend' ? (
            <Field label='延长月数' type='number' value={extra.extendMonths ?? ''} onChange={(v) => setExtra((x) => ({ ...x, extendMonths: v }))} />
          ) : null}
        </>
      ) : null}
      {APPROVE.includes(action) ? (
        <Chips items={approvers.map((g) => ({ id: g.orgId, label: `以${g.orgName}审批` }))} on={(id) => picked.includes(id)} onPick={(id) => setPicked([id])} />
      ) : null}
      {DECIDE.includes(action) ? (
        <Chips
          items={[
            { id: 'yes', label: '同意 / 合格' },
            { id: 'no', label: '不同意 / 不合格' },
          ]}
          on={(id) => (id === 'yes') === passed}
          onPick={(id) => setPassed(id === 'yes')}
        />
      ) : null}
      {action === 'train' ? (
        <>
          <Field label='培训天数' type='number' value={extra.days ?? ''} onChange={(v) => setExtra((x) => ({ ...x, days: v }))} />
          <Field label='培训学时' type='number' value={extra.hours ?? ''} onChange={(v) => setExtra((x) => ({ ...x, hours: v }))} />
        </>
      ) : null}
      {action === 'committee_review' ? (
        <>
          <Field label='公示开始' value={extra.from ?? ''} onChange={(v) => setExtra((x) => ({ ...x, from: v }))} placeholder='YYYY-MM-DD' maxlength={10} />
          <Field label='公示结束' value={extra.to ?? ''} onChange={(v) => setExtra((x) => ({ ...x, to: v }))} placeholder='YYYY-MM-DD' maxlength={10} />
        </>
      ) : null}
      <FormError message={error} />
      <DjButton loading={busy} onClick={() => void submit()}>
        办理
      </DjButton>
    </View>
  );
}
