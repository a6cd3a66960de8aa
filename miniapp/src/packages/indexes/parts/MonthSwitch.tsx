import { Text, View } from '@tarojs/components';
import { formatMonthCn, nextMonth, previousMonth } from './shape';

/** ‹ 2026年12月 › — the next month only up to `max` (the current month). */
export function MonthSwitch({ month, max, onChange }: { month: string; max: string; onChange: (m: string) => void }) {
  const atMax = month >= max;
  return (
    <View className='idx-month'>
      <Text className='idx-month__step' onClick={() => onChange(previousMonth(month))} aria-label='上个月'>
        ‹
      </Text>
      <Text className='idx-month__label'>{formatMonthCn(month)}</Text>
      <Text className={`idx-month__step ${atMax ? 'idx-month__step--off' : ''}`} onClick={() => !atMax && onChange(nextMonth(month))} aria-label='下个月'>
        ›
      </Text>
    </View>
  );
}
