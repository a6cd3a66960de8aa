import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { HoursShortfall } from '@dangjian/shared';
import { formatHours } from '@dangjian/shared';
import { ProgressBar } from '@/components/ProgressBar';

type Branch = { id: string; name: string; rows: HoursShortfall[]; missingS: number };

/** Members below their hours, by organisation (most people behind first), so 278 names are not one list. */
export function groupByBranch(rows: readonly HoursShortfall[]): Branch[] {
  const by = new Map<string, Branch>();
  for (const r of rows) {
    const b = by.get(r.org.id) ?? { id: r.org.id, name: r.org.name, rows: [], missingS: 0 };
    b.rows.push(r);
    b.missingS += r.missingS;
    by.set(r.org.id, b);
  }
  return [...by.values()].sort((a, b) => b.rows.length - a.rows.length || a.name.localeCompare(b.name, 'zh-CN'));
}

/** A row per organisation with its count; tapping it lists its members (the only one opens by itself). */
export function BelowHoursByBranch({ rows, onRemind }: { rows: readonly HoursShortfall[]; onRemind?: (rows: HoursShortfall[], label: string) => void }) {
  const branches = groupByBranch(rows);
  const [open, setOpen] = useState<string | null>(branches.length === 1 ? (branches[0]?.id ?? null) : null);
  return (
    <View className='hours-branches'>
      {branches.map((b) => (
        <View key={b.id} className='hours-branch' data-branch={b.id}>
          <View className='hours-branch__head' onClick={() => setOpen(open === b.id ? null : b.id)}>
            <View className='study-row__main'>
              <Text className='study-row__title'>{b.name}</Text>
              <Text className='study-row__sub'>{`${b.rows.length} 人未达标 · 合计还差 ${formatHours(b.missingS)} 小时`}</Text>
            </View>
            {onRemind ? (
              <Text
                className='study-link'
                onClick={(e) => {
                  e.stopPropagation();
                  onRemind(b.rows, b.name);
                }}
              >
                提醒
              </Text>
            ) : null}
            <Text className='hours-branch__arrow'>{open === b.id ? '▴' : '▾'}</Text>
          </View>
          {open === b.id
            ? b.rows.map((m) => (
                <View key={m.member.id} className='study-row hours-branch__member' data-member={m.member.id}>
                  <View className='study-row__main'>
                    <Text className='study-row__title'>{m.member.name}</Text>
                    <Text className='study-row__sub'>{`还差 ${formatHours(m.missingS)} 小时`}</Text>
                    <ProgressBar value={m.totalS / (m.requiredHours * 3600)} />
                  </View>
                  <Text className='study-link'>{`${formatHours(m.totalS)}/${m.requiredHours}`}</Text>
                </View>
              ))
            : null}
        </View>
      ))}
    </View>
  );
}
