import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import type { ElectionDetail, ExclusionReason, RecordedVote, VoterRoll } from '@dangjian/shared';
import { chinaToday, EXCLUSION_REASON_LABEL, ExclusionReason as ExclusionReasons } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { addExclusion, electionStep, removeExclusion } from '@/api/vote';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { Segmented } from '@/components/SearchBar';
import { VoteCounts } from './VoteCounts';
import { Pick, useSend } from './form-parts';
import { buildAdditional, buildApproval, buildExclusion, buildReduceSeats, emptyApproval, emptyExclusion } from './manage-forms';

const REASONS = ExclusionReasons.options;

/** E2: members left out of 应到会 (listed reason, higher approval, branch-meeting vote); added and removed while in draft. */
export function ExclusionsCard({ e, roll, onDone }: { e: ElectionDetail; roll: VoterRoll | undefined; onDone: (next: ElectionDetail) => void }) {
  const editable = e.canManage && e.state === 'draft';
  const [form, setForm] = useState(() => emptyExclusion(chinaToday()));
  const [removing, setRemoving] = useState<string | null>(null);
  const { busy, error, setError, send } = useSend<ElectionDetail>((next) => {
    onDone(next);
    setForm(emptyExclusion(chinaToday()));
  });
  if (!editable && !e.exclusions.length) return null;
  const choices = (roll?.members ?? []).filter((m) => m.eligible && !m.excluded).map((m) => ({ id: m.memberId, label: m.name }));
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));

  const remove = async (memberId: string) => {
    setRemoving(memberId);
    setError(null);
    try {
      onDone(await removeExclusion(e.id, memberId));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setRemoving(null);
    }
  };

  return (
    <Card title={`不计入应到会人数（${e.exclusions.length} 人）`}>
      <View className='vote-steps' data-form='exclusions'>
        {e.exclusions.map((x) => (
          <View key={x.member.memberId} className='vote-entry'>
            <Text className='vote-entry__name'>{x.member.name}</Text>
            <Text className='vote-entry__line'>{x.reasonLabel}</Text>
            <Text className='vote-entry__line'>
              上级批准：{x.higherApproval.approvedBy} {x.higherApproval.reference}（{x.higherApproval.approvedOn}）
            </Text>
            <Text className='vote-entry__line'>
              支部党员大会（{x.meetingVote.heldOn}）：赞成 {x.meetingVote.for}，反对 {x.meetingVote.against}，弃权 {x.meetingVote.abstain}
            </Text>
            {editable ? (
              <DjButton variant='plain' className='vote-entry__remove' loading={removing === x.member.memberId} onClick={() => void remove(x.member.memberId)}>
                移除
              </DjButton>
            ) : null}
          </View>
        ))}
        {editable ? (
          <>
            <Text className='vote-steps__hint'>选择党员（须经上级党组织批准、支部党员大会表决通过）</Text>
            {choices.length ? (
              <Pick items={choices} value={form.memberId} onChange={(memberId) => set({ memberId })} />
            ) : (
              <Text className='vote-steps__hint'>没有可选的党员</Text>
            )}
            <Text className='vote-steps__hint'>原因</Text>
            <View className='vote-reasons'>
              {REASONS.map((r: ExclusionReason) => (
                <View key={r} className={`vote-reasons__item ${form.reason === r ? 'vote-reasons__item--on' : ''}`} onClick={() => set({ reason: r })}>
                  {EXCLUSION_REASON_LABEL[r]}
                </View>
              ))}
            </View>
            <Field label='批准机关' value={form.approvedBy} onChange={(approvedBy) => set({ approvedBy })} maxlength={100} />
            <Field label='批准文号' value={form.reference} onChange={(reference) => set({ reference })} maxlength={100} />
            <Field label='批准日期' value={form.approvedOn} onChange={(approvedOn) => set({ approvedOn })} placeholder='YYYY-MM-DD' maxlength={10} />
            <Field label='表决日期' value={form.heldOn} onChange={(heldOn) => set({ heldOn })} placeholder='YYYY-MM-DD' maxlength={10} />
            <VoteCounts label='支部党员大会表决结果（赞成须超过投票人数的一半）' value={form.vote} onChange={(vote) => set({ vote })} />
            <Field label='说明（可不填）' value={form.note} onChange={(note) => set({ note })} maxlength={500} />
            <FormError message={error} />
            <DjButton className='vote-steps__btn' loading={busy} onClick={() => void send(buildExclusion(form), (body) => addExclusion(e.id, body))}>
              记录不计入应到会人数
            </DjButton>
          </>
        ) : (
          <FormError message={error} />
        )}
      </View>
    </Card>
  );
}

/** E12: 另行选举 for the shortfall (new candidates with introductions) or 减少名额 with the voters' recorded consent. */
export function ShortfallCard({ e, roll, onDone }: { e: ElectionDetail; roll: VoterRoll | undefined; onDone: (next: ElectionDetail) => void }) {
  const canAdd = e.allowedActions.includes('start_additional');
  const canReduce = e.allowedActions.includes('reduce_seats');
  const [intros, setIntros] = useState<Record<string, string>>({});
  const [consent, setConsent] = useState<RecordedVote>({ for: 0, against: 0, abstain: 0 });
  const add = useSend<ElectionDetail>((next) => {
    onDone(next);
    setIntros({});
  });
  const reduce = useSend<ElectionDetail>(onDone);
  if (!e.canManage || (!canAdd && !canReduce)) return null;

  const shortfall = Math.max(0, e.seats - e.elected.length);
  const taken = new Set([...e.elected.map((x) => x.memberId), ...e.scrutineers.map((s) => s.memberId)]);
  const choices = (roll?.members ?? []).filter((m) => m.eligible && !taken.has(m.memberId));
  const order = choices.map((m) => m.memberId);
  const present = roll?.present ?? e.attendance?.present ?? null;
  const toggle = (id: string) =>
    setIntros((x) => {
      const next = { ...x };
      if (id in next) delete next[id];
      else next[id] = '';
      return next;
    });

  return (
    <Card title={`当选人不足（已当选 ${e.elected.length} 名，差 ${shortfall} 名）`}>
      <View className='vote-steps' data-form='shortfall'>
        {canAdd ? (
          <>
            <Text className='vote-steps__title'>另行选举</Text>
            <Text className='vote-steps__hint'>就差额另行选举，重新提出候选人（不含已当选者和监票人），每人须有简介</Text>
            <View className='vote-pick'>
              {choices.map((m) => (
                <View key={m.memberId} className={`vote-pick__item ${m.memberId in intros ? 'vote-pick__item--on' : ''}`} onClick={() => toggle(m.memberId)}>
                  {m.name}
                </View>
              ))}
            </View>
            {choices
              .filter((m) => m.memberId in intros)
              .map((m) => (
                <View key={m.memberId} className='vote-intro'>
                  <Text className='vote-steps__hint'>{m.name} 的简介</Text>
                  <Textarea
                    className='vote-intro__input'
                    value={intros[m.memberId] ?? ''}
                    maxlength={2000}
                    placeholder='候选人简介'
                    onInput={(ev) => setIntros((x) => ({ ...x, [m.memberId]: ev.detail.value }))}
                  />
                </View>
              ))}
            <FormError message={add.error} />
            <DjButton
              className='vote-steps__btn'
              loading={add.busy}
              disabled={reduce.busy}
              onClick={() => void add.send(buildAdditional(intros, order, shortfall, e.candidateMode), (body) => electionStep(e.id, 'start-additional', body))}
            >
              另行选举
            </DjButton>
          </>
        ) : null}
        {canReduce ? (
          <>
            <Text className='vote-steps__title'>减少名额</Text>
            <Text className='vote-steps__hint'>
              名额由 {e.seats} 名减为 {e.elected.length} 名，须经到会选举人过半数同意{present !== null ? `（实到 ${present} 人）` : ''}
            </Text>
            <VoteCounts label='到会选举人表决结果' value={consent} onChange={setConsent} />
            <FormError message={reduce.error} />
            <DjButton
              variant='secondary'
              className='vote-steps__btn'
              loading={reduce.busy}
              disabled={add.busy}
              onClick={() => void reduce.send(buildReduceSeats(consent, present), (body) => electionStep(e.id, 'reduce-seats', body))}
            >
              减少名额
            </DjButton>
          </>
        ) : null}
      </View>
    </Card>
  );
}

const APPROVAL = [
  { value: 'yes', label: '批准' },
  { value: 'no', label: '不批准' },
] as const;

/** E14: the higher organisation's answer on a 书记/副书记 result. */
export function ApprovalCard({ e, onDone }: { e: ElectionDetail; onDone: (next: ElectionDetail) => void }) {
  const [form, setForm] = useState(() => emptyApproval(chinaToday()));
  const { busy, error, send } = useSend<ElectionDetail>(onDone);
  if (!e.allowedActions.includes('record_approval')) return null;
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  return (
    <Card title='上级党组织批复'>
      <View className='vote-steps' data-form='approval'>
        <Text className='vote-steps__hint'>当选：{e.elected.map((x) => x.name).join('、') || '—'}，报上级党组织批准</Text>
        <Segmented
          options={[...APPROVAL]}
          value={form.approved === null ? ('' as 'yes') : form.approved ? 'yes' : 'no'}
          onChange={(v) => set({ approved: v === 'yes' })}
        />
        <Field label='批复文号' value={form.reference} onChange={(reference) => set({ reference })} maxlength={100} />
        <Field label='批复日期' value={form.approvedOn} onChange={(approvedOn) => set({ approvedOn })} placeholder='YYYY-MM-DD' maxlength={10} />
        <Field label='说明（可不填）' value={form.note} onChange={(note) => set({ note })} maxlength={500} />
        <FormError message={error} />
        <DjButton
          className='vote-steps__btn'
          loading={busy}
          onClick={() => void send(buildApproval(form), (body) => electionStep(e.id, 'record-approval', body))}
        >
          记录上级批复
        </DjButton>
      </View>
    </Card>
  );
}
