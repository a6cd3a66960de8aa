import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { TransferFees } from '@dangjian/shared';
import { formatMonthCn, formatYuanWithUnit } from '@dangjian/shared';
import { Card, InfoRow, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import '../transfer.scss';

/** '2026年11月', or the first and last month when several are owed ('2026年05月至2026年11月'). */
export const owedMonthsText = (months: ReadonlyArray<string>) =>
  months.length > 2 ? `${formatMonthCn(months[0] ?? '')}至${formatMonthCn(months[months.length - 1] ?? '')}` : months.map(formatMonthCn).join('、');

/**
 * T3: fees must be paid through the month of transfer-out. Shows what is paid, what is still owed and,
 * to the member, a button to the fees pay page.
 */
export function FeesNotice({ fees, canPay }: { fees: TransferFees; canPay: boolean }) {
  const owed = fees.owedMonths;
  return (
    <Card
      className='transfer-fees'
      title='党费交纳情况'
      extra={<Tag tone={fees.paidThroughTransferMonth ? 'success' : 'warning'}>{fees.paidThroughTransferMonth ? '已交清' : '未交清'}</Tag>}
    >
      <InfoRow label='交纳情况' value={fees.text} />
      <InfoRow label='转出月份' value={formatMonthCn(fees.transferMonth)} />
      {owed.length ? (
        <>
          <InfoRow
            label='尚欠党费'
            value={
              <Text className='transfer-fees__owed'>
                {formatYuanWithUnit(fees.owedFen)}（{owed.length}个月）
              </Text>
            }
          />
          <Text className='transfer-hint'>按规定，党费须交纳至转出当月（{owedMonthsText(owed)}未交），交清后党委方可审批并开具介绍信。</Text>
          {canPay ? (
            <View className='transfer-fees__pay'>
              <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: fees.payPage })}>
                去缴纳党费
              </DjButton>
            </View>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}
