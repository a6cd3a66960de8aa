import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { CheckinWindow, LiveSnapshot } from '@dangjian/shared';
import { LIVE_ARRIVALS_SHOWN, SCREEN_TOKEN_PARAM } from '@dangjian/shared';
import { formatClock, formatDateTime } from '@/utils/format';
import { safeDecode, svgDataUri } from '@/utils/qr';
import { useScreen } from './useScreen';
import './index.scss';

const LIVE_LABEL = { connecting: '连接中', live: '实时更新', reconnecting: '连接中断，正在重连', failed: '已断开' } as const;

function windowText(w: CheckinWindow | undefined): string | null {
  if (!w) return null;
  if (w.state === 'not_open') return `签到将于 ${formatClock(w.opensAt)} 开始`;
  if (w.state === 'closed') return '签到已结束';
  return null;
}

function Arrivals({ snapshot }: { snapshot: LiveSnapshot | null }) {
  // The snapshot names only the latest arrivals (older ones are counted, not named).
  const shown = (snapshot?.arrivals ?? []).slice(-LIVE_ARRIVALS_SHOWN);
  const first = Math.max(0, (snapshot?.present ?? 0) - shown.length);
  if (!shown.length) return <Text className='screen__empty'>等待签到…</Text>;
  return (
    <View className='screen__names'>
      {first > 0 ? <Text className='screen__more'>前 {first} 位已签到</Text> : null}
      {shown.map((a, i) => (
        <View key={a.memberId} className={`screen__name ${i === shown.length - 1 ? 'screen__name--latest' : ''}`} data-arrival={first + i + 1}>
          <Text className='screen__name-no'>{first + i + 1}</Text>
          <Text className='screen__name-text'>{a.name}</Text>
          {a.isGuest ? <Text className='screen__name-guest'>列席</Text> : null}
        </View>
      ))}
    </View>
  );
}

/**
 * The projector's page (H5, full screen), opened by the screen link without signing in: the rotating
 * QR code, the count present / expected and the names in order of arrival, live.
 */
export default function ScreenPage() {
  const { params } = useRouter();
  const meetingId = safeDecode(params.id) || null;
  const screenToken = safeDecode(params[SCREEN_TOKEN_PARAM]) || null;
  const { code, codeAt, snapshot, live, error } = useScreen(meetingId, screenToken);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);

  if (!meetingId || error) {
    return (
      <View className='screen screen--error'>
        <Text className='screen__error-title'>无法显示签到大屏</Text>
        <Text className='screen__error-text'>{error?.message ?? '大屏链接不完整，请在会议管理中重新打开大屏'}</Text>
      </View>
    );
  }

  const title = snapshot?.title ?? code?.title ?? '';
  const win = snapshot?.window ?? code?.window;
  const closedText = windowText(win);
  const left = code ? Math.max(0, code.expiresInMs - (now - codeAt)) : 0;
  const progress = code ? Math.min(1, left / (code.stepSeconds * 1000)) : 0;

  return (
    <View className='screen'>
      <View className='screen__header'>
        <Text className='screen__badge'>会议签到</Text>
        <Text className='screen__title'>{title}</Text>
        {snapshot ? <Text className='screen__time'>{formatDateTime(snapshot.startsAt)}</Text> : null}
      </View>
      <View className='screen__body'>
        <View className='screen__qr-panel'>
          <View className={`screen__qr-box ${closedText ? 'screen__qr-box--closed' : ''}`}>
            {code ? (
              <Image className='screen__qr' src={svgDataUri(code.svg)} mode='aspectFit' data-step={code.step} />
            ) : (
              <Text className='screen__qr-wait'>正在生成二维码…</Text>
            )}
            {closedText ? <Text className='screen__qr-closed'>{closedText}</Text> : null}
          </View>
          <Text className='screen__hint'>请使用微信或手机相机扫码签到</Text>
          <View className='screen__bar'>
            <View className='screen__bar-fill' style={{ width: `${progress * 100}%` }} />
          </View>
          <Text className='screen__refresh'>
            二维码每 {code?.stepSeconds ?? 15} 秒更新，{Math.ceil(left / 1000)} 秒后刷新
          </Text>
        </View>
        <View className='screen__live-panel'>
          <View className='screen__count'>
            <Text className='screen__count-label'>已签到 / 应到</Text>
            <View className='screen__count-line'>
              <Text className='screen__present' data-testid='present'>
                {snapshot?.present ?? '–'}
              </Text>
              <Text className='screen__expected'> / {snapshot?.expected ?? '–'}</Text>
            </View>
            {snapshot && snapshot.pending > 0 ? <Text className='screen__pending'>另有 {snapshot.pending} 人离线签到待确认</Text> : null}
          </View>
          <Arrivals snapshot={snapshot} />
        </View>
      </View>
      <View className='screen__footer'>
        <Text className={`screen__status screen__status--${live}`}>● {LIVE_LABEL[live]}</Text>
        <Text className='screen__clock'>{formatClock(new Date(now).toISOString(), true)}</Text>
      </View>
    </View>
  );
}
