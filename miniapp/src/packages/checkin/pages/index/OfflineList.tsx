import { Text, View } from '@tarojs/components';
import { Card, Tag, type TagTone } from '@/components/Card';
import { OFFLINE_STATE_LABEL, dismissOfflineCheckin, type OfflineCheckin, type OfflineState } from '@/store/offline-checkins';
import { formatDateTime } from '@/utils/format';

const TONE: Record<OfflineState, TagTone> = { waiting: 'gold', submitted: 'gold', confirmed: 'success', failed: 'warning' };

const DEFAULT_TEXT: Record<OfflineState, string> = {
  waiting: '已保存在手机上，联网后自动提交',
  submitted: '已提交，等待书记确认',
  confirmed: '书记已确认',
  failed: '未被接受',
};

/** Scans kept or sent while offline: each stays visibly 待确认 until the secretary has decided. */
export function OfflineList({ entries }: { entries: OfflineCheckin[] }) {
  if (!entries.length) return null;
  return (
    <Card title='离线签到' className='checkin-offline'>
      {entries.map((e) => (
        <View key={e.id} className='checkin-offline__item' data-state={e.state}>
          <View className='checkin-offline__line'>
            <Text className='checkin-offline__title'>{e.meeting?.title ?? '会议（联网后显示名称）'}</Text>
            <Tag tone={TONE[e.state]}>{OFFLINE_STATE_LABEL[e.state]}</Tag>
          </View>
          <Text className='checkin-offline__sub'>扫码时间 {formatDateTime(e.scannedAt)}</Text>
          <Text className='checkin-offline__sub'>{e.message && e.state !== 'waiting' ? e.message : DEFAULT_TEXT[e.state]}</Text>
          {e.state === 'confirmed' || e.state === 'failed' ? (
            <Text className='checkin-offline__dismiss' onClick={() => dismissOfflineCheckin(e.id)}>
              知道了
            </Text>
          ) : null}
        </View>
      ))}
    </Card>
  );
}
