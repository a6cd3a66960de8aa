import { Text, View } from '@tarojs/components';
import { chinaYear } from '@dangjian/shared';
import './PeriodSwitch.scss';

type PeriodSwitchProps = {
  /** What is shown: 2026年12月, 2026 年. */
  title: string;
  /** Read aloud and used by tests: 上个月 / 下个月, 上一年 / 下一年. */
  prevLabel: string;
  nextLabel: string;
  onPrev: () => void;
  onNext: () => void;
  /** No later period to show (the current year of a record that only looks back). */
  nextDisabled?: boolean;
};

/**
 * ‹ title › — steps a month calendar or a yearly record back and forth; placed in the caller's flex row
 * (the calendar's head) or in a `dj-period-row` of its own.
 */
export function PeriodSwitch({ title, prevLabel, nextLabel, onPrev, onNext, nextDisabled }: PeriodSwitchProps) {
  return (
    <>
      <Text className='dj-period__nav' aria-label={prevLabel} onClick={onPrev}>
        ‹
      </Text>
      <Text className='dj-period__title'>{title}</Text>
      <Text
        className={`dj-period__nav${nextDisabled ? ' dj-period__nav--disabled' : ''}`}
        aria-label={nextLabel}
        aria-disabled={nextDisabled ? 'true' : undefined}
        onClick={nextDisabled ? undefined : onNext}
      >
        ›
      </Text>
    </>
  );
}

/** ‹ 2026 年 › on a row of its own: a yearly record (hours, points), back to earlier years, not past China's current year. */
export function YearSwitch({ year, onChange }: { year: number; onChange: (year: number) => void }) {
  return (
    <View className='dj-period-row'>
      <PeriodSwitch
        title={`${year} 年`}
        prevLabel='上一年'
        nextLabel='下一年'
        onPrev={() => onChange(year - 1)}
        onNext={() => onChange(year + 1)}
        nextDisabled={year >= chinaYear(new Date())}
      />
    </View>
  );
}
