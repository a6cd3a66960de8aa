import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { FeeBill, FeeBillStatus } from '@dangjian/shared';
import { FEE_PAYMENT_METHOD_LABEL, chinaMonth, formatMonthCn, formatYuanWithUnit } from '@dangjian/shared';
import { billsExportUrl, listBills, recordPayment } from '@/api/fees';
import { ApiError } from '@/api/errors';
import { Card, Tag } from '@/components/Card';
import { ListFooter } from '@/components/ListFooter';
import { Segmented, type SegmentOption } from '@/components/SearchBar';
import { EmptyState, Loading, StateView } from '@/components/StateView';
import { useListPageEvents } from '@/hooks/useListPageEvents';
import { usePagedList } from '@/hooks/usePagedList';
import { openExternal } from '@/platform/open';
import { Money } from '../../Money';
import { OrgMonthBar } from '../../OrgMonthBar';
import { feeArrearsUrl, feeReportUrl, feeStandardsUrl } from '../../routes';
import { useFeeOrg } from '../../useFeeOrg';
import '../../fees.scss';

type StatusFilter = FeeBillStatus | 'all';
const STATUS_OPTIONS: ReadonlyArray<SegmentOption<StatusFilter>> = [
  { value: 'all', label: '全部' },
  { value: 'unpaid', label: '未交' },
  { value: 'paid', label: '已交' },
];

/** The fee worker: the branch's bills of a month, recording cash or transfer payments, links to arrears and reports. */
export default function FeeBillsPage() {
  const { me, org, grants, setPicked, canManage } = useFeeOrg();
  const [month, setMonth] = useState(chinaMonth());
  const [status, setStatus] = useState<StatusFilter>('all');
  const [openBill, setOpenBill] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = org ? JSON.stringify([org.orgId, month, status]) : null;
  const list = usePagedList<FeeBill>(key, (page, pageSize) =>
    listBills({ orgId: org?.orgId ?? '', month, status: status === 'all' ? undefined : status, page, pageSize }),
  );

  useListPageEvents(list);

  if (!org) return <View className='page'>{me ? <EmptyState title='没有可管理的党费' description='您当前的角色不能查看党费' /> : <Loading />}</View>;

  const record = async (bill: FeeBill, method: 'cash' | 'transfer') => {
    const ok = await Taro.showModal({
      title: '登记收款',
      content: `${bill.memberName} ${formatMonthCn(bill.month)}党费 ${formatYuanWithUnit(bill.amountDueFen)}，${FEE_PAYMENT_METHOD_LABEL[method]}`,
    });
    if (!ok.confirm) return;
    setBusy(true);
    try {
      const p = await recordPayment({ kind: 'bills', memberId: bill.memberId, billIds: [bill.id], amountFen: bill.amountDueFen, method });
      void Taro.showToast({ title: `已登记，收据 ${p.receiptNo ?? ''}`, icon: 'none' });
      setOpenBill(null);
      await list.refresh();
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : '登记失败', icon: 'none', duration: 3000 });
    } finally {
      setBusy(false);
    }
  };

  const exportXlsx = async () => {
    await openExternal(await billsExportUrl(org.orgId, month, status === 'all' ? undefined : status), 'spreadsheet');
  };

  return (
    <View className='page fee-bills'>
      <View className='fee-toolbar'>
        <OrgMonthBar org={org} grants={grants} onOrg={setPicked} month={month} onMonth={setMonth} />
        <Segmented options={STATUS_OPTIONS} value={status} onChange={setStatus} />
        <View className='fee-links'>
          <Text className='fee-links__item' onClick={() => void Taro.navigateTo({ url: feeReportUrl(org.orgId, org.orgName) })}>
            收缴统计
          </Text>
          <Text className='fee-links__item' onClick={() => void Taro.navigateTo({ url: feeArrearsUrl(org.orgId, org.orgName) })}>
            欠交名单
          </Text>
          <Text className='fee-links__item' onClick={() => void Taro.navigateTo({ url: feeStandardsUrl(org.orgId, org.orgName) })}>
            基数与生成账单
          </Text>
          <Text className='fee-links__item' onClick={() => void exportXlsx()}>
            导出账单
          </Text>
          {list.loading ? null : <Text className='dj-muted'>共 {list.total} 条</Text>}
        </View>
      </View>
      <View className='fees-page'>
        <StateView
          loading={list.loading}
          error={list.error}
          ready={list.items.length > 0 || (!list.loading && !list.error)}
          empty={list.items.length === 0}
          emptyTitle='暂无账单'
          emptyDescription='该月没有符合条件的党费账单'
          onRetry={() => void list.refresh()}
        >
          <Card>
            {list.items.map((b) => (
              <View key={b.id} className='fee-bill' data-member={b.memberName}>
                <View className='fee-row'>
                  <View className='fee-row__main'>
                    <Text className='fee-row__title'>{b.memberName}</Text>
                    <Text className='fee-row__sub'>{b.receiptNo ? `收据 ${b.receiptNo}` : `${formatMonthCn(b.month)} · ${b.orgName}`}</Text>
                  </View>
                  <View className='fee-row__side'>
                    <Money fen={b.amountDueFen} />
                    <Tag tone={b.status === 'unpaid' ? 'warning' : 'success'}>{b.statusLabel}</Tag>
                  </View>
                </View>
                {canManage && b.status === 'unpaid' && b.payable === 'ok' ? (
                  openBill === b.id ? (
                    <View className='fee-actions'>
                      <Text className='fee-small-btn fee-small-btn--solid' onClick={busy ? undefined : () => void record(b, 'cash')}>
                        现金收款
                      </Text>
                      <Text className='fee-small-btn fee-small-btn--solid' onClick={busy ? undefined : () => void record(b, 'transfer')}>
                        转账收款
                      </Text>
                      <Text className='fee-small-btn' onClick={() => setOpenBill(null)}>
                        取消
                      </Text>
                    </View>
                  ) : (
                    <View className='fee-actions'>
                      <Text className='fee-small-btn' onClick={() => setOpenBill(b.id)}>
                        登记收款
                      </Text>
                    </View>
                  )
                ) : null}
              </View>
            ))}
          </Card>
          <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onLoadMore={() => void list.loadMore()} />
        </StateView>
      </View>
    </View>
  );
}
