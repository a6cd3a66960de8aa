import { Text } from '@tarojs/components';
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
