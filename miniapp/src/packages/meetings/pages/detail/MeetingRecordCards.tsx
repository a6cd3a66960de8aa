import { Text, View } from '@tarojs/components';
import type { MeetingDetail } from '@dangjian/shared';
import { minutesPagePath, signInSheetPath } from '@/api/meetings';
import { Card, InfoRow, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { formatDateTime, formatMeetingTime } from '@/utils/format';

type Props = {
  meeting: MeetingDetail;
  onPick: (role: 'chair' | 'recorder') => void;
  onExport: (path: string, kind: 'page' | 'spreadsheet') => void;
};

/** 会议信息 (chair and recorder pickable) and 会议档案 (what the record still lacks, exports) of the detail page. */
export function MeetingRecordCards({ meeting: m, onPick, onExport }: Props) {
  return (
    <>
      <Card title='会议信息'>
        <InfoRow
          label='主持人'
          value={
            <Text className='meeting-detail__edit' onClick={() => onPick('chair')}>
              {m.chair?.name ?? '未指定'} ›
            </Text>
          }
        />
        <InfoRow
          label='记录人'
          value={
            <Text className='meeting-detail__edit' onClick={() => onPick('recorder')}>
              {m.recorder?.name ?? '未指定'} ›
            </Text>
          }
        />
        <InfoRow label='签到时段' value={formatMeetingTime(m.checkinOpensAt, m.checkinClosesAt)} />
        <InfoRow label='二维码' value={`每 ${m.qrStepSeconds} 秒更新`} />
        <InfoRow label='定位签到' value={m.geofence ? `会场 ${m.geofence.radiusM} 米内` : '不限'} />
        {m.agenda ? <InfoRow label='议程' value={<Text className='meeting-detail__agenda'>{m.agenda}</Text>} /> : null}
      </Card>

      <Card title='会议档案' extra={<Tag tone={m.completeness.complete ? 'success' : 'warning'}>{m.completeness.complete ? '记录完整' : '待补全'}</Tag>}>
        {m.completeness.missing.map((x, i) => (
          <Text key={`${x.item}-${x.member?.id ?? i}`} className='meeting-detail__missing'>
            · {x.message}
            {x.member && !x.message.includes(x.member.name) ? `：${x.member.name}` : ''}
          </Text>
        ))}
        <InfoRow label='会议记录' value={m.minutes ? `已填写（${formatDateTime(m.minutesUpdatedAt)}）` : '未填写'} />
        <InfoRow label='会议照片' value={`${m.photos.length} 张`} />
        <View className='meeting-detail__row-buttons'>
          <DjButton variant='secondary' onClick={() => onExport(signInSheetPath(m.id), 'spreadsheet')}>
            签到表 (.xlsx)
          </DjButton>
          <DjButton variant='plain' onClick={() => onExport(minutesPagePath(m.id), 'page')}>
            打印会议记录
          </DjButton>
        </View>
      </Card>
    </>
  );
}
