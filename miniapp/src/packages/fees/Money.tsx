import { Text } from '@tarojs/components';
import { formatYuan } from '@dangjian/shared';
import './fees.scss';

/** An amount in fen shown as yuan with two decimals — through shared's formatYuan, nothing else. */
export function Money({ fen, size = 'md', className }: { fen: number; size?: 'md' | 'lg'; className?: string }) {
  return (
    <Text className={`fee-money fee-money--${size} ${className ?? ''}`}>
      <Text className='fee-money__unit'>¥</Text>
      {formatYuan(fen)}
    </Text>
  );
}
