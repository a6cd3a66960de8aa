import Taro, { useRouter } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { hoursLabel, SIGNUP_STATE_LABEL, type RosterEntry } from '@dangjian/shared';
import { addToRoster, getActivity, getRoster, getTeam, rosterSignIn, rosterSignOut } from '@/api/volunteer';
import { Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { formatClock } from '@/utils/format';
import { safeDecode } from '@/utils/qr';
import '../../volunteer.scss';

const status = (e: RosterEntry) =>
  e.state !== 'confirmed'
    ? `${SIGNUP_STATE_LABEL[e.state]}${e.waitPosition ? ` 第 ${e.waitPosition} 位` : ''}`
    : e.signedOutAt
      ? `${formatClock(e.signedInAt)}–${formatClock(e.signedOutAt)} · ${hoursLabel(e.serviceSeconds ?? 0)}${e.signOutConfirmedBy ? `（${e.signOutConfirmedBy}确认签退）` : ''}`
      : e.signedInAt
        ? `${formatClock(e.signedInAt)} 已签到，未签退`
        : '未签到';

/**
 * The organiser's roster: who has a place, who waits; a sign-in for a volunteer without the app, and
 * the confirmation of a missing sign-out (P4) — both recorded as now, audited with the organiser's name.
 */
export default function RosterPage() {
  const id = safeDecode(useRouter().params.id);
  const q = useQuery(id ? `volunteer-roster-${id}` : null, () => getRoster(id));
  // The team's volunteers not yet on the roster: a 群众 without the app is signed up by the organiser.
  const team = useQuery(id ? `volunteer-roster-team-${id}` : null, async () => getTeam((await getActivity(id)).teamId));
  const listed = new Set((q.data?.items ?? []).filter((e) => e.state !== 'cancelled').map((e) => e.volunteerId));
  const addable = (team.data?.volunteers ?? []).filter((v) => !listed.has(v.volunteerId));
  const add = async (index: number) => {
    const v = addable[index];
    if (!v) return;
    try {
      await addToRoster(id, v.volunteerId);
      await q.reload();
      void Taro.showToast({ title: `已为${v.name}报名`, icon: 'none' });
    } catch {
      // the client showed the server's message
    }
  };
  const record = async (fn: typeof rosterSignIn, e: RosterEntry, what: string) => {
    const ok = await Taro.showModal({ title: what, content: `${e.name}：按当前时间记录${what}？` });
    if (!ok.confirm) return;
    try {
      await fn(id, e.signupId, { at: new Date().toISOString(), note: '组织者现场登记' });
      await q.reload();
    } catch {
      // the client showed the server's message
    }
  };
  const items = q.data?.items ?? [];
  return (
    <View className='page vol'>
      {addable.length ? (
        <View className='vol__row'>
          <Picker mode='selector' range={addable.map((v) => `${v.name}（${v.isMember ? '党员' : '群众'}）`)} onChange={(e) => void add(Number(e.detail.value))}>
            <DjButton variant='secondary'>为队员报名</DjButton>
          </Picker>
        </View>
      ) : null}
      <StateView
        loading={q.loading}
        error={q.error}
        ready={Boolean(q.data)}
        empty={Boolean(q.data) && !items.length}
        emptyTitle='暂无报名'
        onRetry={() => void q.reload()}
      >
        {items.map((e) => (
          <View key={e.signupId} className='vol__row' data-roster={e.name}>
            <Text className='vol__title'>{e.name}</Text>
            <View className='vol__tags'>
              <Tag tone={e.isMember ? 'primary' : 'neutral'}>{e.isMember ? '党员' : '群众'}</Tag>
              {e.phoneMasked ? <Tag tone='neutral'>{e.phoneMasked}</Tag> : null}
            </View>
            <Text className='vol__sub'>{status(e)}</Text>
            {e.state === 'confirmed' && !e.signedOutAt ? (
              <View className='vol__actions'>
                {!e.signedInAt ? (
                  <DjButton variant='secondary' onClick={() => void record(rosterSignIn, e, '签到')}>
                    代为签到
                  </DjButton>
                ) : (
                  <DjButton variant='secondary' onClick={() => void record(rosterSignOut, e, '签退')}>
                    确认签退
                  </DjButton>
                )}
              </View>
            ) : null}
          </View>
        ))}
      </StateView>
    </View>
  );
}
