import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { BallotMark, MotionDetail, VoterRoll } from '@dangjian/shared';
import { BALLOT_MARK_LABEL, chinaToday } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { addOpinion, removeOpinion } from '@/api/vote';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { Segmented } from '@/components/SearchBar';
import { Pick, useSend } from './form-parts';
import { buildOpinion, emptyOpinion } from './manage-forms';

const MARKS: BallotMark[] = ['for', 'against', 'abstain'];

/** V2: written opinions of absent voting members, entered before voting opens (admission / confirmation). */
export function OpinionsCard({ m, roll, onDone }: { m: MotionDetail; roll: VoterRoll | undefined; onDone: (next: MotionDetail) => void }) {
  const editable = m.canManage && m.state === 'draft' && m.rule === 'V2';
  const [form, setForm] = useState(() => emptyOpinion(chinaToday()));
  const [removing, setRemoving] = useState<string | null>(null);
  const { busy, error, setError, send } = useSend<MotionDetail>((next) => {
    onDone(next);
    setForm(emptyOpinion(chinaToday()));
  });
  if (!editable && !m.writtenOpinions.length) return null;
  const given = new Set(m.writtenOpinions.map((o) => o.member.memberId));
  const choices = (roll?.members ?? [])
    .filter((x) => x.eligible && !x.excluded && !x.present && !given.has(x.memberId))
    .map((x) => ({ id: x.memberId, label: x.name }));
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));

  const remove = async (memberId: string) => {
    setRemoving(memberId);
    setError(null);
    try {
      onDone(await removeOpinion(m.id, memberId));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setRemoving(null);
    }
  };

  return (
    <Card title={`书面意见（${m.writtenOpinions.length} 份）`}>
      <View className='vote-steps' data-form='opinions'>
        {m.writtenOpinions.map((o) => (
          <View key={o.member.memberId} className='vote-entry'>
            <Text className='vote-entry__name'>
              {o.member.name}：{BALLOT_MARK_LABEL[o.choice]}
            </Text>
            <Text className='vote-entry__line'>
              {o.submittedOn} 提交{o.note ? ` · ${o.note}` : ''}
              {o.counted === false ? '（本人到会投票，不计书面意见）' : ''}
            </Text>
            {editable ? (
              <DjButton variant='plain' className='vote-entry__remove' loading={removing === o.member.memberId} onClick={() => void remove(o.member.memberId)}>
                移除
              </DjButton>
            ) : null}
          </View>
        ))}
        {editable ? (
          <>
            <Text className='vote-steps__hint'>因故不能到会的有表决权党员，会前提交的书面意见（本人到会投票的不计）</Text>
            {choices.length ? (
              <Pick items={choices} value={form.memberId} onChange={(memberId) => set({ memberId })} />
            ) : (
              <Text className='vote-steps__hint'>没有可选的未到会党员</Text>
            )}
            <Segmented
              options={MARKS.map((value) => ({ value, label: BALLOT_MARK_LABEL[value] }))}
              value={form.choice ?? ('' as BallotMark)}
              onChange={(choice) => set({ choice })}
            />
            <Field label='提交日期' value={form.submittedOn} onChange={(submittedOn) => set({ submittedOn })} placeholder='YYYY-MM-DD' maxlength={10} />
            <Field label='说明（可不填）' value={form.note} onChange={(note) => set({ note })} maxlength={500} />
            <FormError message={error} />
            <DjButton className='vote-steps__btn' loading={busy} onClick={() => void send(buildOpinion(form), (body) => addOpinion(m.id, body))}>
              录入书面意见
            </DjButton>
          </>
        ) : (
          <FormError message={error} />
        )}
      </View>
    </Card>
  );
}
