import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { TransferListItem } from '@dangjian/shared';
import { listMobileMembers } from '@/api/transfers';
import { ListFooter } from '@/components/ListFooter';
import { StateView } from '@/components/StateView';
import { useListPageEvents } from '@/hooks/useListPageEvents';
import { usePagedList } from '@/hooks/usePagedList';
import { safeDecode } from '@/utils/qr';
import { TransferRow } from '../../components/TransferRow';
import { transferDetailUrl } from '../../routes';
import '../../transfer.scss';

/** 流入的流动党员: members registered at this organisation's subtree without moving their relationship (M2). */
export default function MobileMembersPage() {
  const { params } = useRouter();
  const orgId = safeDecode(params.orgId);
  const list = usePagedList<TransferListItem>(orgId || null, (page, pageSize) => listMobileMembers(orgId, { page, pageSize }));

  useListPageEvents(list);

  return (
    <View className='page transfer-page'>
      <Text className='section-title'>{safeDecode(params.orgName)}</Text>
      <StateView
        loading={list.loading}
        error={list.error}
        ready={!list.loading || list.items.length > 0}
        empty={!list.loading && !list.error && !list.items.length}
        emptyTitle='没有流入的流动党员'
        onRetry={() => void list.refresh()}
      >
        {list.items.map((t) => (
          <TransferRow key={t.id} item={t} onOpen={(x) => void Taro.navigateTo({ url: transferDetailUrl(x.id) })} />
        ))}
        <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onLoadMore={() => void list.loadMore()} />
      </StateView>
    </View>
  );
}
