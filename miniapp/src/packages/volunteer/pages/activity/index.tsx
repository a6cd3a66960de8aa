import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { hoursLabel, SIGNUP_STATE_LABEL, tokenFromScan } from '@dangjian/shared';
import { serverUrl, withToken } from '@/api/links';
import { cancelSignUp, getActivity, signUp } from '@/api/volunteer';
import { Card, InfoRow, Notice } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { scanQrCode } from '@/platform/scan';
import { formatDateTime, formatMeetingTime } from '@/utils/format';
import { safeDecode } from '@/utils/qr';
import { placesText } from '../../activity-row';
import { Organiser } from './Organiser';
import '../../volunteer.scss';

/** Scans the organiser's code on site: sign-in, and later sign-out (P4). */
async function scanOnSite() {
  try {
    const text = await scanQrCode();
    const token = text ? tokenFromScan(text) : null;
    if (text && !token) return void Taro.showToast({ title: '这不是志愿活动的签到码', icon: 'none' });
    if (token) void Taro.navigateTo({ url: `/packages/volunteer/pages/scan/index?t=${encodeURIComponent(token)}` });
  } catch (e) {
    void Taro.showToast({ title: e instanceof Error ? e.message : '无法打开扫码', icon: 'none' });
  }
}

/** An activity: time, place, places, my sign-up (or the waiting list), sign-in/out; for organisers the code and the roster. */
export default function ActivityPage() {
  const id = safeDecode(useRouter().params.id);
  const q = useQuery(id ? `volunteer-activity-${id}` : null, () => getActivity(id));
  useDidShow(() => void q.reload());
  const a = q.data;
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      await q.reload();
      void Taro.showToast({ title: done, icon: 'none' });
    } catch {
      // the client showed the server's message
    }
  };
  const mine = a?.mySignup ?? null;
  const ended = a ? Date.now() > Date.parse(a.endsAt) : false;
  return (
    <View className='page vol'>
      <StateView loading={q.loading} error={q.error} ready={Boolean(a)} onRetry={() => void q.reload()}>
        {a ? (
          <>
            <Card title={a.title}>
              <InfoRow label='时间' value={formatMeetingTime(a.startsAt, a.endsAt)} />
              <InfoRow label='地点' value={a.place} />
              <InfoRow label='队伍' value={`${a.teamName}（${a.orgName}）`} />
              <InfoRow label='名额' value={placesText(a)} />
              <InfoRow label='时长规则' value={a.capLabel} />
              {a.description ? <Text className='vol__sub'>{a.description}</Text> : null}
              {a.cancelled ? <Notice>该活动已取消</Notice> : null}
            </Card>
            <Card title='我的报名'>
              {mine ? (
                <>
                  <InfoRow label='状态' value={mine.state === 'waitlisted' ? `候补第 ${mine.waitPosition} 位` : SIGNUP_STATE_LABEL[mine.state]} />
                  {mine.signedInAt ? <InfoRow label='签到' value={formatDateTime(mine.signedInAt)} /> : null}
                  {mine.signedOutAt ? <InfoRow label='签退' value={formatDateTime(mine.signedOutAt)} /> : null}
                  {mine.serviceSeconds !== null ? <InfoRow label='服务时长' value={hoursLabel(mine.serviceSeconds)} /> : null}
                  {mine.signedInAt && !mine.signedOutAt && ended ? <Notice tone='info'>未签退：请联系组织者确认签退时间</Notice> : null}
                </>
              ) : (
                <Text className='vol__sub'>尚未报名</Text>
              )}
              <View className='vol__actions'>
                {!mine && !a.cancelled && !ended ? (
                  <DjButton onClick={() => void act(() => signUp(a.id), '报名成功')}>{a.confirmedCount >= a.capacity ? '报名候补' : '我要报名'}</DjButton>
                ) : null}
                {mine?.state === 'confirmed' && !mine.signedOutAt && !a.cancelled ? (
                  <DjButton onClick={() => void scanOnSite()}>{mine.signedInAt ? '扫码签退' : '扫码签到'}</DjButton>
                ) : null}
                {mine && !mine.signedInAt ? (
                  <DjButton variant='secondary' onClick={() => void act(() => cancelSignUp(a.id), '已取消报名')}>
                    取消报名
                  </DjButton>
                ) : null}
              </View>
            </Card>
            {a.canManage ? <Organiser a={a} onChanged={q.reload} /> : null}
            {a.report || a.photos.length ? (
              <Card title='活动总结'>
                {a.report ? <Text className='vol__sub'>{a.report}</Text> : null}
                <View className='vol__photos'>
                  {a.photos.map((p) => (
                    <Image key={p.id} className='vol__photo' src={withToken(serverUrl(p.url))} mode='aspectFill' />
                  ))}
                </View>
              </Card>
            ) : null}
          </>
        ) : null}
      </StateView>
    </View>
  );
}
