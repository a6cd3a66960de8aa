import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { hoursLabel, SIGNUP_STATE_LABEL, type RosterEntry } from '@dangjian/shared';
import { getRoster, rosterSignIn, rosterSignOut } from '@/api/volunteer';
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
