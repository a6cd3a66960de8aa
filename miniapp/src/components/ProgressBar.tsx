import { Text, View } from '@tarojs/components';
import './ProgressBar.scss';

/** A thin bar for a share 0..1, with the percentage beside it unless `bare`. */
export function ProgressBar({ value, bare, tone = 'primary' }: { value: number; bare?: boolean; tone?: 'primary' | 'success' }) {
  const pct = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <View className='dj-progress' role='progressbar' aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
      <View className='dj-progress__track'>
        <View className={`dj-progress__fill dj-progress__fill--${pct >= 100 ? 'success' : tone}`} style={{ width: `${pct}%` }} />
      </View>
      {bare ? null : <Text className='dj-progress__text'>{`${pct}%`}</Text>}
    </View>
  );
}
