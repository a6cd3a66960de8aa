import { Text, View } from '@tarojs/components';
import type { MeetingStatus, MeetingSummary } from '@dangjian/shared';
import { MEETING_STATUS_LABEL, MEETING_TYPE_LABEL } from '@dangjian/shared';
import { formatMeetingTime } from '@/utils/format';
import { Tag, type TagTone } from './Card';
import './MeetingRow.scss';

export const STATUS_TONE: Record<MeetingStatus, TagTone> = {
  scheduled: 'gold',
  in_progress: 'success',
  ended: 'neutral',
  cancelled: 'warning',
};

type MeetingRowProps = {
  meeting: MeetingSummary;
  onOpen: (m: MeetingSummary) => void;
  /** Secretaries see the counts and whether the record is complete (C2). */
  showCounts?: boolean;
};

/** One meeting in a list: type, title, time and place, status. */
export function MeetingRow({ meeting: m, onOpen, showCounts }: MeetingRowProps) {
  return (
    <View className='meeting-row' data-meeting-id={m.id} onClick={() => onOpen(m)}>
      <View className='meeting-row__head'>
        <Tag tone='primary'>{MEETING_TYPE_LABEL[m.type]}</Tag>
        <Tag tone={STATUS_TONE[m.status]}>{MEETING_STATUS_LABEL[m.status]}</Tag>
        {showCounts && m.status === 'ended' ? <Tag tone={m.complete ? 'success' : 'warning'}>{m.complete ? '记录完整' : '记录待补全'}</Tag> : null}
      </View>
      <Text className='meeting-row__title'>{m.title}</Text>
      <Text className='meeting-row__sub'>{formatMeetingTime(m.startsAt, m.endsAt)}</Text>
      <Text className='meeting-row__sub'>
        {m.place} · {m.organisationName}
      </Text>
      {showCounts && m.status !== 'cancelled' ? (
        <Text className='meeting-row__counts'>
          应到 {m.expectedCount} · 已签到 {m.presentCount} · 请假 {m.onLeaveCount}
        </Text>
      ) : null}
    </View>
  );
}
