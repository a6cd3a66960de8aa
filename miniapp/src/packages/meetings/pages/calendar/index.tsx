import { useMemo, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { MEETING_STATUS_LABEL, MEETING_TYPE_LABEL, type CalendarMeeting } from '@dangjian/shared';
import { getCalendar } from '@/api/meeting-plans';
import { Notice, Tag } from '@/components/Card';
import { STATUS_TONE } from '@/components/MeetingRow';
import { PeriodSwitch } from '@/components/PeriodSwitch';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { useMe } from '@/store/me';
import { grantsWith } from '@/utils/access';
import { chinaDateAndTime, formatClock } from '@/utils/format';
import { safeDecode } from '@/utils/qr';
import { meetingPageUrl } from '@/packages/checkin/routes';
import { dayMarks, dayTitle, gapsByOrg, monthGrid, monthTitle, shiftMonth, WEEKDAYS } from '../../calendar/month-grid';
import { createMeetingUrl, meetingDetailUrl, plansUrl } from '../../routes';
import './index.scss';

function MeetingItem({ m, onOpen }: { m: CalendarMeeting; onOpen: () => void }) {
  return (
    <View className={`cal-meeting ${m.status === 'cancelled' ? 'cal-meeting--cancelled' : ''}`} data-meeting-id={m.id} onClick={onOpen}>
      <View className='cal-meeting__time'>
        <Text>{formatClock(m.startsAt)}</Text>
        <Text className='cal-meeting__end'>{formatClock(m.endsAt)}</Text>
      </View>
      <View className='cal-meeting__body'>
        <View className='cal-meeting__tags'>
          <Tag tone='primary'>{MEETING_TYPE_LABEL[m.type]}</Tag>
          <Tag tone={STATUS_TONE[m.status]}>{MEETING_STATUS_LABEL[m.status]}</Tag>
          {m.mine ? <Tag tone='gold'>我参加</Tag> : null}
        </View>
        <Text className='cal-meeting__title'>{m.title}</Text>
        <Text className='cal-meeting__sub'>
          {m.place} · {m.organisationName}
        </Text>
      </View>
    </View>
  );
}

/**
 * 三会一课 month calendar: a grid with a dot on each day with meetings (red: mine, gold: my
 * organisation's others), the chosen day's meetings, and the C1 requirements of the month's periods
 * not yet scheduled ("本月尚未安排：主题党日") for the branches the person runs.
 */
export default function CalendarPage() {
  const { params } = useRouter();
  const { me } = useMe();
  const orgId = safeDecode(params.orgId) || undefined;
  const today = chinaDateAndTime(new Date()).date;
  const [month, setMonth] = useState(today.slice(0, 7));
  const [picked, setPicked] = useState<string | null>(null);
  const cal = useQuery(JSON.stringify([month, orgId]), () => getCalendar({ month, orgId }));
  usePullDownRefresh(() => void cal.reload().finally(() => Taro.stopPullDownRefresh()));

  const weeks = useMemo(() => monthGrid(month), [month]);
  const marks = useMemo(() => dayMarks(cal.data?.meetings ?? []), [cal.data]);
  const day = picked && picked.startsWith(month) ? picked : today.startsWith(month) ? today : null;
  const dayMeetings = (cal.data?.meetings ?? []).filter((m) => m.date === day);
  const managed = new Set(me ? grantsWith(me, 'meeting.manage').map((g) => g.orgId) : []);
  const planOrg = me ? (grantsWith(me, 'meeting.manage')[0] ?? grantsWith(me, 'org.read')[0]) : undefined;

  const go = (delta: number) => {
    setMonth(shiftMonth(month, delta));
    setPicked(null);
  };
  const open = (m: CalendarMeeting) => void Taro.navigateTo({ url: managed.has(m.organisationId) || !m.mine ? meetingDetailUrl(m.id) : meetingPageUrl(m.id) });

  return (
    <View className='page cal'>
      <View className='cal__head'>
        <PeriodSwitch title={monthTitle(month)} prevLabel='上个月' nextLabel='下个月' onPrev={() => go(-1)} onNext={() => go(1)} />
        {month !== today.slice(0, 7) ? (
          <Text
            className='cal__today'
            onClick={() => {
              setMonth(today.slice(0, 7));
              setPicked(null);
            }}
          >
            今天
          </Text>
        ) : null}
        {planOrg ? (
          <Text className='cal__plans' onClick={() => void Taro.navigateTo({ url: plansUrl(planOrg.orgId, planOrg.orgName) })}>
            年度计划
          </Text>
        ) : null}
      </View>
      <View className='cal__layout'>
        <View className='cal__grid' role='grid' aria-label={monthTitle(month)}>
          <View className='cal__row cal__row--head'>
            {WEEKDAYS.map((w) => (
              <Text key={w} className='cal__weekday'>
                {w}
              </Text>
            ))}
          </View>
          {weeks.map((w) => (
            <View key={w[0]!.date} className='cal__row'>
              {w.map((d) => {
                const mk = marks.get(d.date);
                const cls = [
                  'cal__day',
                  d.inMonth ? '' : 'cal__day--out',
                  d.date === today ? 'cal__day--today' : '',
                  d.date === day ? 'cal__day--picked' : '',
                  mk ? 'cal__day--busy' : '',
                ].join(' ');
                return (
                  <View
                    key={d.date}
                    className={cls}
                    data-date={d.date}
                    role='gridcell'
                    aria-label={`${d.date}${mk ? `，${mk.mine + mk.others} 场会议` : ''}`}
                    onClick={() => {
                      if (!d.inMonth) setMonth(d.date.slice(0, 7));
                      setPicked(d.date);
                    }}
                  >
                    <Text className='cal__num'>{d.day}</Text>
                    <View className='cal__dots'>
                      {mk && mk.mine ? <View className='cal__dot cal__dot--mine' /> : null}
                      {mk && mk.others ? <View className='cal__dot cal__dot--org' /> : null}
                    </View>
                  </View>
                );
              })}
            </View>
          ))}
          <View className='cal__legend'>
            <View className='cal__dot cal__dot--mine' />
            <Text>我参加的</Text>
            <View className='cal__dot cal__dot--org' />
            <Text>本组织其他会议</Text>
          </View>
        </View>
        <StateView loading={cal.loading && !cal.data} error={cal.error} ready={Boolean(cal.data)} onRetry={() => void cal.reload()}>
          <View className='cal__side'>
            {cal.data?.truncated ? <Notice tone='info'>本月会议较多，仅显示前 500 场；可选择具体组织查看。</Notice> : null}
            {gapsByOrg(cal.data?.gaps ?? []).map((o) => (
              <View key={o.orgId} className='cal-gaps' data-org={o.orgId}>
                <Text className='cal-gaps__title'>{o.orgName} · 三会一课提醒</Text>
                {o.gaps.map((g) => (
                  <View key={`${g.type}:${g.group?.id ?? ''}`} className={`cal-gap cal-gap--${g.state}`}>
                    <View className='cal-gap__main'>
                      <Text className='cal-gap__text'>{g.text}</Text>
                      {g.plannedTopic ? <Text className='cal-gap__topic'>计划议题：{g.plannedTopic}</Text> : null}
                    </View>
                    {managed.has(g.organisationId) && g.state === 'unscheduled' ? (
                      <Text
                        className='cal-gap__go'
                        onClick={() => void Taro.navigateTo({ url: createMeetingUrl(g.group?.id ?? g.organisationId, g.group?.name ?? g.organisationName) })}
                      >
                        去安排
                      </Text>
                    ) : null}
                  </View>
                ))}
              </View>
            ))}
            <Text className='section-title'>{day ? dayTitle(day) : '点选日期查看当天会议'}</Text>
            {day && dayMeetings.length === 0 ? <Text className='cal__none'>当天没有会议</Text> : null}
            {dayMeetings.map((m) => (
              <MeetingItem key={m.id} m={m} onOpen={() => open(m)} />
            ))}
          </View>
        </StateView>
      </View>
    </View>
  );
}
