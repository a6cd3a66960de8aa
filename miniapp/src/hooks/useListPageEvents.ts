import { useRef } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { PagedList } from './usePagedList';

/**
 * The page events of a page that is one paged list: pulling down reloads it, reaching the bottom loads
 * the next page, and with `refreshOnShow` coming back to the page (from a detail or a form) reloads it.
 */
export function useListPageEvents(list: Pick<PagedList<unknown>, 'error' | 'refresh' | 'loadMore'>, { refreshOnShow = false } = {}) {
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (refreshOnShow && shownOnce.current) void list.refresh();
    shownOnce.current = true;
  });
  usePullDownRefresh(() => {
    void list.refresh().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (!list.error) void list.loadMore();
  });
}
