import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { formatRate, type HallCoverage, type HallMeeting, type HallRanking } from '@dangjian/shared';
import { formatClock } from '@/utils/format';

/** A section's frame: title, then its content or a line saying the data is not there yet. */
export function Panel({ title, className = '', children }: { title: string; className?: string; children: ReactNode }) {
  return (
    <View className={`hall-panel ${className}`}>
      <Text className='hall-panel__title'>{title}</Text>
      <View className='hall-panel__body'>{children}</View>
    </View>
  );
}

const Pending = ({ text }: { text: string }) => <Text className='hall-pending'>{text}</Text>;

const width = (bp: number | null) => `${Math.min(100, Math.max(0, (bp ?? 0) / 100))}%`;

export function TodayMeetings({ meetings }: { meetings: HallMeeting[] }) {
  if (!meetings.length) return <Pending text='今日没有安排会议' />;
  return (
    <View className='hall-meetings'>
      {meetings.map((m) => {
        const bp = m.expected ? Math.round((m.present / m.expected) * 10_000) : null;
        return (
          <View key={m.id} className='hall-meeting' data-meeting={m.id}>
            <View className='hall-meeting__line'>
              <Text className='hall-meeting__time'>{formatClock(m.startsAt)}</Text>
              <Text className='hall-meeting__title'>{m.title}</Text>
              <Text className='hall-meeting__count'>{`${m.present}/${m.expected}`}</Text>
            </View>
            <Text className='hall-meeting__org'>{m.organisationName}</Text>
            <View className='hall-bar'>
              <View className='hall-bar__fill' style={{ width: width(bp) }} />
            </View>
          </View>
        );
      })}
    </View>
  );
}

/** K2–K4: each coverage rate as a bar with the year's target marked on it. */
export function Coverage({ coverage }: { coverage: HallCoverage | null }) {
  if (!coverage) return <Pending text='本区域台账暂无企业' />;
  return (
    <View className='hall-coverage'>
      <Text className='hall-coverage__sub'>{`${coverage.year} 年 · 台账企业 ${coverage.enterprises} 家`}</Text>
      {coverage.items.map((i) => {
        const met = i.targetBp !== null && i.rateBp !== null && i.rateBp >= i.targetBp;
        return (
          <View key={i.key} className='hall-coverage__item' data-coverage={i.key}>
            <View className='hall-meeting__line'>
              <Text className='hall-coverage__label'>{i.label}</Text>
              <Text className={`hall-coverage__rate${met ? ' hall-coverage__rate--met' : ''}`}>{formatRate(i.rateBp)}</Text>
              {i.targetBp !== null ? <Text className='hall-coverage__target'>{`目标 ${formatRate(i.targetBp)}`}</Text> : null}
            </View>
            <View className='hall-bar'>
              <View className={`hall-bar__fill${met ? ' hall-bar__fill--met' : ''}`} style={{ width: width(i.rateBp) }} />
              {i.targetBp !== null ? <View className='hall-bar__target' style={{ left: width(i.targetBp) }} /> : null}
            </View>
          </View>
        );
      })}
    </View>
  );
}

/** K5: the top organisations of the month by index score. */
export function Ranking({ ranking }: { ranking: HallRanking | null }) {
  if (!ranking) return <Pending text='本月指数尚未计算' />;
  return (
    <View className='hall-ranking'>
      <Text className='hall-coverage__sub'>{`${ranking.month} · ${ranking.indexName}`}</Text>
      {ranking.items.map((r) => (
        <View key={r.orgId} className='hall-rank' data-rank={r.rank}>
          <Text className={`hall-rank__no${r.rank <= 3 ? ' hall-rank__no--top' : ''}`}>{r.rank}</Text>
          <Text className='hall-rank__name'>{r.name}</Text>
          <Text className='hall-rank__score'>{r.score.toFixed(1)}</Text>
          <Text className='hall-rank__change'>{r.change === null ? '' : r.change > 0 ? `▲${r.change}` : r.change < 0 ? `▼${-r.change}` : '—'}</Text>
        </View>
      ))}
    </View>
  );
}
