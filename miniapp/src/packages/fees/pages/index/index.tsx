import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { FeeBill, MyFees } from '@dangjian/shared';
import { FEE_BILL_STATUS_LABEL, FEE_CATEGORY_LABEL, formatMonthCn, formatRate, formatYuan, formatYuanWithUnit, sumFen } from '@dangjian/shared';
import { getMyFees } from '@/api/fees';
import { ApiError } from '@/api/errors';
import { Card, InfoRow, Notice, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { PayError } from '@/platform/pay.types';
import { Money } from '../../Money';
import { payBills, payPlan } from '../../pay-flow';
import { feeHistoryUrl, feeReceiptsUrl } from '../../routes';
import '../../fees.scss';
import './index.scss';

/** A bill; `picked` set when it can be chosen for payment (tapping it chooses every older month too). */
function BillLine({ bill, picked, onPick }: { bill: FeeBill; picked?: boolean; onPick?: () => void }) {
  return (
    <View className={`fee-row ${onPick ? 'fee-row--pick' : ''}`} data-month={bill.month} onClick={onPick}>
      {onPick ? <View className={`fee-check ${picked ? 'fee-check--on' : ''}`} aria-checked={picked} role='checkbox' /> : null}
      <View className='fee-row__main'>
        <Text className='fee-row__title'>{formatMonthCn(bill.month)}</Text>
        {bill.payable === 'too_old' ? <Text className='fee-row__sub'>超过6个月，不能线上补交，请联系支部</Text> : null}
      </View>
      <View className='fee-row__side'>
        <Money fen={bill.amountDueFen} />
        <Tag tone={bill.status === 'unpaid' ? 'warning' : 'success'}>{FEE_BILL_STATUS_LABEL[bill.status]}</Tag>
      </View>
    </View>
  );
}

function Computation({ my }: { my: MyFees }) {
  const c = my.standard?.computation;
  if (!c) return <Notice>支部尚未登记您本年度的党费基数，暂不能计算党费，请联系支部组织委员。</Notice>;
  return (
    <Card title='计算方式'>
      <InfoRow label='人员类别' value={FEE_CATEGORY_LABEL[c.category]} />
      {c.baseFen !== null ? <InfoRow label='计算基数' value={<Text>{formatYuanWithUnit(c.baseFen)}/月</Text>} /> : null}
      {c.rateBp !== null ? <InfoRow label='交纳比例' value={formatRate(c.rateBp)} /> : null}
      <InfoRow label='按规定应交' value={formatYuanWithUnit(c.computedFen)} />
      <InfoRow
        label='每月上限'
        value={
          <Text>
            {formatYuanWithUnit(c.capFen)}
            {c.capped ? '（已按上限计）' : ''}
          </Text>
        }
      />
      {c.voluntaryMonthlyFen !== null ? <InfoRow label='自愿多交' value={`${formatYuanWithUnit(c.voluntaryMonthlyFen)}/月`} /> : null}
      <Text className='fee-explain'>{c.explanation}</Text>
    </Card>
  );
}

/** The member: this month's fee and how it was computed, pay online, "paid until", history and receipts. */
export default function MyFeesPage() {
  const q = useQuery('my-fees', getMyFees);
  const [paying, setPaying] = useState(false);
  const [message, setMessage] = useState<{ tone: 'info' | 'warning'; text: string } | null>(null);
  const my = q.data;

  usePullDownRefresh(() => {
    void q.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useDidShow(() => {
    if (my) void q.reload();
  });

  const plan = my ? payPlan(my) : null;
  // How many of the payable months, oldest first, the member chose to pay now (all unless they tap one):
  // paying from the oldest keeps "交至" meaningful and no month is skipped.
  const [count, setCount] = useState<number | null>(null);
  const chosen = plan ? plan.bills.slice(0, count ?? plan.bills.length) : [];
  const chosenFen = sumFen(chosen.map((b) => b.amountDueFen));
  const pickable = Boolean(plan?.canPay && plan.bills.length > 1);
  const pickUpTo = (bill: FeeBill) => {
    const i = plan?.bills.findIndex((b) => b.id === bill.id) ?? -1;
    if (i >= 0) setCount(i + 1);
  };

  const confirmPay = async (bills: FeeBill[], totalFen: number, memberId?: string, who?: string) => {
    if (!bills.length || paying) return;
    const months = bills.map((b) => formatMonthCn(b.month)).join('、');
    const { confirm } = await Taro.showModal({
      title: who ? `代${who}缴纳党费` : '确认缴纳党费',
      content: `${months}，共 ${bills.length} 个月，合计 ${formatYuanWithUnit(totalFen)}`,
      confirmText: '确认缴纳',
      confirmColor: '#c8161d',
    });
    if (confirm) await pay(bills, memberId);
  };

  const pay = async (bills: FeeBill[], memberId?: string) => {
    if (!bills.length || paying) return;
    setPaying(true);
    setMessage(null);
    try {
      const result = await payBills({ billIds: bills.map((b) => b.id), memberId });
      if (result.status === 'paid') {
        setMessage({
          tone: 'info',
          text: `缴纳成功，${formatYuanWithUnit(result.payment.amountFen)}${result.payment.receiptNo ? `，收据号 ${result.payment.receiptNo}` : ''}`,
        });
        setCount(null);
        void Taro.showToast({ title: '缴纳成功', icon: 'success' });
      } else if (result.status === 'pending') {
        setMessage({ tone: 'info', text: '支付已提交，正在等待微信支付确认，稍后下拉刷新查看' });
      }
      await q.reload();
    } catch (e) {
      const text = e instanceof PayError || e instanceof ApiError ? e.message : '支付失败，请稍后重试';
      setMessage({ tone: 'warning', text });
    } finally {
      setPaying(false);
    }
  };

  return (
    <View className='page fees-page my-fees'>
      <StateView loading={q.loading} error={q.error} ready={my !== undefined} onRetry={() => void q.reload()}>
        {my ? (
          <>
            <Card
              title={`${formatMonthCn(my.currentMonth)}党费`}
              extra={
                my.currentBill ? (
                  <Tag tone={my.currentBill.status === 'unpaid' ? 'warning' : 'success'}>{FEE_BILL_STATUS_LABEL[my.currentBill.status]}</Tag>
                ) : null
              }
            >
              <View className='my-fees__amount'>
                {my.currentBill ? (
                  <Money fen={my.currentBill.amountDueFen} size='lg' />
                ) : my.standard ? (
                  <Money fen={my.standard.monthlyFeeFen} size='lg' />
                ) : (
                  <Text className='dj-muted'>暂无账单</Text>
                )}
              </View>
              <InfoRow label='所在支部' value={my.member.orgName} />
              <InfoRow
                label='交纳情况'
                value={<Text className={`my-fees__paid-until ${my.unpaid.length ? 'my-fees__paid-until--owed' : ''}`}>{my.paidUntil.text}</Text>}
              />
            </Card>

            <Computation my={my} />

            <Card title='待缴党费' extra={my.unpaid.length ? <Text className='dj-muted'>{my.unpaid.length} 个月</Text> : null}>
              {/* Without online payment (WECHATPAY_OFF, or not yet set up) months are not chosen: the branch takes the money. */}
              {my.unpaid.length && my.onlinePay === 'unavailable' ? <Notice tone='info'>暂未开通线上缴纳，请向支部组织委员交纳</Notice> : null}
              {pickable ? <Text className='fee-explain'>点选月份可只缴到该月（从最早的月份交起）</Text> : null}
              {my.unpaid.length ? (
                my.unpaid.map((b) => {
                  const payable = plan?.bills.some((x) => x.id === b.id) ?? false;
                  return (
                    <BillLine key={b.id} bill={b} picked={chosen.some((x) => x.id === b.id)} onPick={payable && pickable ? () => pickUpTo(b) : undefined} />
                  );
                })
              ) : (
                <Text className='dj-muted'>没有待缴的党费</Text>
              )}
            </Card>

            {my.proxyFor.map((p) => {
              const proxyPlan = payPlan({ unpaid: p.unpaid, onlinePay: my.onlinePay });
              return (
                <Card key={p.agreementId} className='my-fees__proxy' title={`代缴：${p.member.name}`}>
                  {p.unpaid.length ? p.unpaid.map((b) => <BillLine key={b.id} bill={b} />) : <Text className='dj-muted'>没有待缴的党费</Text>}
                  {proxyPlan.canPay ? (
                    <View className='fee-actions'>
                      <Text
                        className='fee-small-btn fee-small-btn--solid'
                        onClick={paying ? undefined : () => void confirmPay(proxyPlan.bills, proxyPlan.totalFen, p.member.id, p.member.name)}
                      >
                        {`代缴 ¥${formatYuan(proxyPlan.totalFen)}`}
                      </Text>
                    </View>
                  ) : null}
                </Card>
              );
            })}

            {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}

            <View className='fee-links'>
              <Text className='fee-links__item' onClick={() => void Taro.navigateTo({ url: feeHistoryUrl() })}>
                缴费记录
              </Text>
              <Text className='fee-links__item' onClick={() => void Taro.navigateTo({ url: feeReceiptsUrl() })}>
                电子收据
              </Text>
            </View>

            {plan?.canPay ? (
              <View className='fee-pay-bar'>
                <DjButton
                  className='my-fees__pay'
                  loading={paying}
                  disabled={!plan.canPay || !chosen.length}
                  onClick={() => void confirmPay(chosen, chosenFen)}
                >
                  {`缴纳 ¥${formatYuan(chosenFen)}（${chosen.length}个月）`}
                </DjButton>
                {my.onlinePay === 'demo' ? <Text className='fee-demo-label'>演示支付，非真实付款</Text> : null}
              </View>
            ) : null}
          </>
        ) : null}
      </StateView>
    </View>
  );
}
