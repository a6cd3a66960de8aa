import { Text, View } from '@tarojs/components';
import type { ArrearsPage } from '@dangjian/shared';
import { FEE_REVIEW_CASE_LABEL, formatMonthCn } from '@dangjian/shared';
import { arrearsExportUrl, listArrears } from '@/api/fees';
import { Card, Notice, Tag } from '@/components/Card';
import { ListFooter } from '@/components/ListFooter';
import { EmptyState, Loading, StateView } from '@/components/StateView';
import { useListPageEvents } from '@/hooks/useListPageEvents';
import { usePagedList } from '@/hooks/usePagedList';
import { openExternal } from '@/platform/open';
import { grantsWith } from '@/utils/access';
import { remind } from '@/utils/remind';
import { Money } from '../../Money';
import { OrgMonthBar } from '../../OrgMonthBar';
import { useFeeOrg } from '../../useFeeOrg';
import '../../fees.scss';

type ArrearsRow = ArrearsPage['items'][number];

/** Members with unpaid ended months; F6 (six consecutive months) flagged for the branch, never acted on. */
export default function FeeArrearsPage() {
  const { me, org, grants, setPicked } = useFeeOrg();
  const list = usePagedList<ArrearsRow>(org?.orgId ?? null, (page, pageSize) => listArrears({ orgId: org?.orgId ?? '', page, pageSize }));

  useListPageEvents(list);
  // 催缴 needs fee.manage (组织委员, 书记); committee readers see the list only.
  const canRemind = me ? grantsWith(me, 'fee.manage').length > 0 : false;

  if (!org) return <View className='page'>{me ? <EmptyState title='没有可查看的党费' /> : <Loading />}</View>;

  return (
    <View className='page fee-arrears'>
      <View className='fee-toolbar'>
        <OrgMonthBar org={org} grants={grants} onOrg={setPicked} />
        <View className='fee-links'>
          <Text className='fee-links__item' onClick={() => void arrearsExportUrl(org.orgId).then((url) => openExternal(url, 'spreadsheet'))}>
            导出名单
          </Text>
          {canRemind && list.items.length ? (
            <Text
              className='fee-links__item'
              onClick={() =>
                void remind(
                  'fee_arrears',
                  org.orgId,
                  list.items.map((r) => r.member.id),
                  `已列出的 ${list.items.length} 名欠交党员`,
                )
              }
            >
              全部催缴
            </Text>
          ) : null}
          {list.loading ? null : <Text className='dj-muted'>共 {list.total} 人</Text>}
        </View>
      </View>
      <View className='fees-page'>
        <Notice tone='info'>连续六个月未交纳党费的党员仅作提示，由支部按规定研究处理，系统不会自动处置。</Notice>
        <StateView
          loading={list.loading}
          error={list.error}
          ready={list.items.length > 0 || (!list.loading && !list.error)}
          empty={list.items.length === 0}
          emptyTitle='没有欠交党费的党员'
          onRetry={() => void list.refresh()}
        >
          <Card>
            {list.items.map((r) => (
              <View key={r.member.id} className='fee-row fee-arrears__row'>
                <View className='fee-row__main'>
                  <Text className='fee-row__title'>{r.member.name}</Text>
                  <Text className='fee-row__sub'>
                    欠交 {r.unpaidMonths} 个月（{formatMonthCn(r.oldestMonth)}–{formatMonthCn(r.latestMonth)}）· 可补交 {r.payableMonths} 个月
                  </Text>
                  <Text className='fee-row__sub'>{r.org.name}</Text>
                  {canRemind ? (
                    <Text className='fee-remind' data-remind={r.member.id} onClick={() => void remind('fee_arrears', org.orgId, [r.member.id], r.member.name)}>
                      催缴
                    </Text>
                  ) : null}
                </View>
                <View className='fee-row__side'>
                  <Money fen={r.amountFen} />
                  {r.longestRun >= 6 ? <Tag tone='primary'>{`连续${r.longestRun}个月未交`}</Tag> : null}
                  {r.reviewCaseOpen ? <Tag tone='gold'>{`已提示：${FEE_REVIEW_CASE_LABEL}`}</Tag> : null}
                </View>
              </View>
            ))}
          </Card>
          <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onLoadMore={() => void list.loadMore()} />
        </StateView>
      </View>
    </View>
  );
}
