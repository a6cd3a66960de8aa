import { Text, View } from '@tarojs/components';
import type { ApiError } from '@/api/errors';
import './ListFooter.scss';

type ListFooterProps = {
  loadingMore: boolean;
  hasMore: boolean;
  error: ApiError | null;
  onLoadMore: () => void;
};

/** The end of an infinite list: loading, a tap-to-retry after a failed page, or the end mark. */
export function ListFooter({ loadingMore, hasMore, error, onLoadMore }: ListFooterProps) {
  let text = '没有更多了';
  if (loadingMore) text = '正在加载…';
  else if (error) text = '加载失败，点击重试';
  else if (hasMore) text = '点击加载更多';
  const tappable = !loadingMore && (Boolean(error) || hasMore);
  return (
    <View className='dj-list-footer' onClick={tappable ? onLoadMore : undefined}>
      <Text className={tappable ? 'dj-list-footer__link' : ''}>{text}</Text>
    </View>
  );
}
