import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import type { ElectionKind, MeetingSummary, Member, MotionKind } from '@dangjian/shared';
import {
  ELECTION_KIND_LABEL,
  ELECTION_MEETING_TYPES,
  MEETING_TYPE_LABEL,
  MOTION_MEETING_TYPE,
  MOTION_KIND_LABEL,
  candidateCountProblem,
  defaultCandidateMode,
} from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { listMeetings } from '@/api/meetings';
import { listMembers } from '@/api/members';
import { createElection, createMotion } from '@/api/vote';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { Segmented } from '@/components/SearchBar';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { formatMeetingTime } from '@/utils/format';
import { safeDecode } from '@/utils/qr';
import { electionPageUrl, motionPageUrl } from '../../routes';
import '../../vote.scss';
import './index.scss';

const ELECTION_KINDS = (['committee', 'secretary', 'deputy_secretary', 'delegates'] as const).map((value) => ({ value, label: ELECTION_KIND_LABEL[value] }));
const MOTION_KINDS = (['general', 'admission', 'confirmation', 'committee'] as const).map((value) => ({ value, label: MOTION_KIND_LABEL[value] }));

/** E4 before sending: the shared rule's message, or null. */
export function candidateProblem(kind: ElectionKind, seats: number, candidates: number): string | null {
  return candidateCountProblem(seats, candidates, defaultCandidateMode(kind, '2020-v1'));
}

/** Set up an election (kind, seats, candidates with introductions) or a motion for a meeting. */
export default function CreateVotePage() {
  const { params } = useRouter();
  const what = params.kind === 'motion' ? 'motion' : 'election';
  const orgId = safeDecode(params.orgId);
  const meetings = useQuery(orgId || null, () => listMeetings({ orgId, pageSize: 30 }));
  const members = useQuery(orgId || null, () => listMembers({ orgId, pageSize: 100, subtree: false }));
  const [meetingId, setMeetingId] = useState<string | null>(null);
  const [eKind, setEKind] = useState<ElectionKind>('committee');
  const [mKind, setMKind] = useState<MotionKind>('general');
  const [seats, setSeats] = useState('3');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [applicant, setApplicant] = useState('');
  const [applicantId, setApplicantId] = useState<string | null>(null);
  const [intros, setIntros] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const picked = Object.keys(intros);
  // Only meetings that can hold this vote: the right type, not cancelled, not over.
  const fits = (m: MeetingSummary) =>
    m.status !== 'cancelled' &&
    m.status !== 'ended' &&
    (what === 'election' ? ELECTION_MEETING_TYPES[eKind].includes(m.type) : MOTION_MEETING_TYPE[mKind] === m.type);
  const choices = (meetings.data?.items ?? []).filter(fits);

  const seatCount = Number.parseInt(seats, 10) || 0;
  const toggle = (m: Member) =>
    setIntros((x) => {
      const next = { ...x };
      if (m.id in next) delete next[m.id];
      else next[m.id] = '';
      return next;
    });

  const submit = async () => {
    if (!meetingId || !choices.some((m) => m.id === meetingId)) return setError('请选择会议');
    setSending(true);
    setError(null);
    try {
      if (what === 'election') {
        const problem = candidateProblem(eKind, seatCount, picked.length);
        if (problem) throw new Error(problem);
        const e = await createElection({
          meetingId,
          kind: eKind,
          seats: seatCount,
          ruleSet: '2020-v1',
          electorate: 'members',
          candidates: picked.map((memberId) => ({ memberId, introduction: intros[memberId] ?? '' })),
          ...(title.trim() ? { title: title.trim() } : {}),
        });
        void Taro.redirectTo({ url: electionPageUrl(e.id) });
      } else {
        const needsApplicant = mKind === 'admission' || mKind === 'confirmation';
        const m = await createMotion({
          meetingId,
          kind: mKind,
          title: title.trim(),
          description: description.trim(),
          ...(needsApplicant ? { applicant: mKind === 'confirmation' ? { memberId: applicantId ?? undefined } : { name: applicant.trim() } } : {}),
        });
        void Taro.redirectTo({ url: motionPageUrl(m.id) });
      }
    } catch (e) {
      setError(e instanceof Error && !('code' in e) ? e.message : errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  const memberItems = members.data?.items ?? [];
  return (
    <View className='page vote-create'>
      <Card title='会议'>
        <StateView
          loading={meetings.loading}
          error={meetings.error}
          ready={!!meetings.data}
          empty={choices.length === 0}
          emptyTitle='没有可选的会议'
          emptyDescription={
            what === 'election'
              ? '选举须在未结束的党员大会（书记、副书记也可在委员会会议）上进行，请先安排会议'
              : '表决须在未结束的党员大会或支委会上进行，请先安排会议'
          }
        >
          {choices.map((m: MeetingSummary) => (
            <View key={m.id} className={`vote-create__meeting ${meetingId === m.id ? 'vote-create__meeting--on' : ''}`} onClick={() => setMeetingId(m.id)}>
              <Text className='vote-create__meeting-title'>{m.title}</Text>
              <Text className='vote-create__meeting-line'>
                {MEETING_TYPE_LABEL[m.type]} · {formatMeetingTime(m.startsAt, m.endsAt)}
              </Text>
            </View>
          ))}
        </StateView>
      </Card>
      {what === 'election' ? (
        <>
          <Card title='选举'>
            <Segmented options={ELECTION_KINDS} value={eKind} onChange={setEKind} />
            <Field label='名称（可不填）' value={title} onChange={setTitle} maxlength={100} />
            <Field label='应选名额' type='number' value={seats} onChange={setSeats} />
          </Card>
          <Card title={`候选人（已选 ${picked.length} 人，按姓氏笔画排列）`}>
            <View className='vote-pick'>
              {memberItems
                .filter((m) => m.status === 'full')
                .map((m) => (
                  <View key={m.id} className={`vote-pick__item ${m.id in intros ? 'vote-pick__item--on' : ''}`} onClick={() => toggle(m)}>
                    {m.name}
                  </View>
                ))}
            </View>
            {memberItems
              .filter((m) => m.id in intros)
              .map((m) => (
                <View key={m.id} className='vote-create__intro'>
                  <Text className='vote-create__intro-name'>{m.name} 的简介</Text>
                  <Textarea
                    className='vote-create__textarea'
                    value={intros[m.id] ?? ''}
                    maxlength={2000}
                    placeholder='候选人基本情况（将印在选票上）'
                    onInput={(ev) => {
                      const v = ev.detail.value;
                      setIntros((x) => ({ ...x, [m.id]: v }));
                    }}
                  />
                </View>
              ))}
            {seatCount > 0 && picked.length > 0 ? (
              <Text className='vote-steps__hint'>{candidateProblem(eKind, seatCount, picked.length) ?? '候选人人数符合要求'}</Text>
            ) : null}
          </Card>
        </>
      ) : (
        <Card title='表决事项'>
          <Segmented options={MOTION_KINDS} value={mKind} onChange={setMKind} />
          <Field label='事项' value={title} onChange={setTitle} maxlength={200} />
          <Textarea
            className='vote-create__textarea'
            value={description}
            maxlength={20000}
            placeholder='说明（可不填）'
            onInput={(ev) => setDescription(ev.detail.value)}
          />
          {mKind === 'admission' ? <Field label='申请人姓名' value={applicant} onChange={setApplicant} /> : null}
          {mKind === 'confirmation' ? (
            <View className='vote-pick'>
              {memberItems
                .filter((m) => m.status === 'probationary')
                .map((m) => (
                  <View key={m.id} className={`vote-pick__item ${applicantId === m.id ? 'vote-pick__item--on' : ''}`} onClick={() => setApplicantId(m.id)}>
                    {m.name}
                  </View>
                ))}
            </View>
          ) : null}
        </Card>
      )}
      <FormError message={error} />
      <DjButton loading={sending} onClick={() => void submit()}>
        {what === 'election' ? '创建选举' : '创建表决'}
      </DjButton>
    </View>
  );
}
