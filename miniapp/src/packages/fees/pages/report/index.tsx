import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { CollectionRow } from '@dangjian/shared';
import { chinaMonth, formatMonthCn, formatRate, formatYuan, yearOfMonth } from '@dangjian/shared';
import { collectionExportUrl, getCollectionReport, getYearlyReport, yearlyExportUrl } from '@/api/fees';
import { Card, InfoRow, Notice } from '@/components/Card';
import { EmptyState, Loading, StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { openExternal } from '@/platform/open';
import { Money } from '../../Money';
import { OrgMonthBar } from '../../OrgMonthBar';
import { useFeeOrg } from '../../useFeeOrg';
import '../../fees.scss';

function Figures({ row }: { row: CollectionRow }) {
  return (
    <View className='fee-figures'>
      <View className='fee-figures__cell'>
        <Text className='fee-figures__value fee-report__due'>{formatYuan(row.dueFen)}</Text>
        <Text className='fee-figures__label'>应交（元）</Text>
      </View>
      <View className='fee-figures__cell'>
        <Text className='fee-figures__value fee-report__paid'>{formatYuan(row.paidFen)}</Text>
        <Text className='fee-figures__label'>实交（元）</Text>
      </View>
      <View className='fee-figures__cell'>
        <Text className='fee-figures__value fee-report__rate'>{formatRate(row.amountRateBp)}</Text>
        <Text className='fee-figures__label'>收缴率</Text>
      </View>
    </View>
  );
}

/** Some organisations below have bills and some none: the rate above covers only the first. */
const partialCoverage = (children: ReadonlyArray<{ bills: number }>) => children.some((r) => r.bills > 0) && children.some((r) => r.bills === 0);

/** Collection per month rolled up the tree (due, paid, rate), and the branch's yearly public report (F7). */
export default function FeeReportPage() {
  const { me, org, grants, setPicked } = useFeeOrg();
  const [month, setMonth] = useState(chinaMonth());
  const year = yearOfMonth(month);
  const collection = useQuery(org ? `c:${org.orgId}:${month}` : null, () => getCollectionReport(org?.orgId ?? '', month));
  const yearly = useQuery(org ? `y:${org.orgId}:${year}` : null, () => getYearlyReport(org?.orgId ?? '', year));

  usePullDownRefresh(() => {
    void Promise.all([collection.reload(), yearly.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  if (!org) return <View className='page'>{me ? <EmptyState title='没有可查看的党费' /> : <Loading />}</View>;
  const c = collection.data;
  const y = yearly.data;

  return (
    <View className='page fee-report'>
      <View className='fee-toolbar'>
        <OrgMonthBar org={org} grants={grants} onOrg={setPicked} month={month} onMonth={setMonth} />
      </View>
      <View className='fees-page'>
        <StateView loading={collection.loading} error={collection.error} ready={c !== undefined} onRetry={() => void collection.reload()}>
          {c ? (
            <>
              <Card
                title={`${formatMonthCn(c.month)}收缴情况`}
                extra={
                  <Text className='fee-links__item' onClick={() => void collectionExportUrl(org.orgId, month).then((url) => openExternal(url, 'spreadsheet'))}>
                    导出
                  </Text>
                }
              >
                <Figures row={c.total} />
                <InfoRow label='账单' value={`${c.total.bills} 笔`} />
                <InfoRow label='已交/减交/免交' value={`${c.total.paid} / ${c.total.reduced} / ${c.total.exempt}`} />
                <InfoRow label='未交' value={<Text className='fee-report__unpaid'>{`${c.total.unpaid} 笔`}</Text>} />
                <InfoRow label='人数收缴率' value={formatRate(c.total.countRateBp)} />
              </Card>
              {partialCoverage(c.children) ? (
                <Notice>{`${c.children.filter((r) => r.bills === 0).length} 个下级党组织本月还没有党费账单，以上收缴率只反映已生成账单的 ${c.children.filter((r) => r.bills > 0).length} 个组织，请督促其生成账单。`}</Notice>
              ) : null}
              {c.children.length ? (
                <Card title='下级党组织'>
                  {c.children.map((r) => (
                    <View key={r.org.id} className='fee-row'>
                      <View className='fee-row__main'>
                        <Text className='fee-row__title'>{r.org.name}</Text>
                        <Text className='fee-row__sub'>
                          {r.bills === 0 ? '本月尚无账单' : `应交 ${formatYuan(r.dueFen)} · 实交 ${formatYuan(r.paidFen)} · 未交 ${r.unpaid} 笔`}
                        </Text>
                      </View>
                      <View className='fee-row__side'>
                        <Text className='fee-row__title'>{formatRate(r.amountRateBp)}</Text>
                      </View>
                    </View>
                  ))}
                </Card>
              ) : null}
            </>
          ) : null}
        </StateView>

        <StateView loading={yearly.loading} error={yearly.error} ready={y !== undefined} onRetry={() => void yearly.reload()}>
          {y ? (
            <Card
              title={`${y.year}年度党费收缴公示`}
              extra={
                <Text className='fee-links__item' onClick={() => void yearlyExportUrl(org.orgId, year).then((url) => openExternal(url, 'spreadsheet'))}>
                  导出
                </Text>
              }
            >
              {y.months
                .filter((m) => m.bills > 0)
                .map((m) => (
                  <View key={m.month} className='fee-row'>
                    <Text className='fee-row__title'>{formatMonthCn(m.month)}</Text>
                    <View className='fee-row__side'>
                      <Text className='fee-row__sub'>
                        应交 {formatYuan(m.dueFen)} · 实交 {formatYuan(m.paidFen)} · {formatRate(m.amountRateBp)}
                      </Text>
                    </View>
                  </View>
                ))}
              <InfoRow label='全年应交' value={<Money fen={y.totals.dueFen} />} />
              <InfoRow label='全年实交' value={<Money fen={y.totals.paidFen} />} />
              <InfoRow label='收缴率' value={formatRate(y.totals.amountRateBp)} />
              <InfoRow label='减交 / 免交' value={`${y.reliefs.reduce} / ${y.reliefs.exempt} 人次`} />
              <InfoRow
                label='自愿多交'
                value={
                  <Text>
                    {`${y.voluntary.count} 笔，`}
                    <Money fen={y.voluntary.amountFen} />
                  </Text>
                }
              />
              <InfoRow
                label='大额党费'
                value={
                  <Text>
                    {`${y.large.count} 笔，`}
                    <Money fen={y.large.amountFen} />
                  </Text>
                }
              />
            </Card>
          ) : null}
        </StateView>
      </View>
    </View>
  );
}
