import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '@dangjian/shared';
import { ApiError, networkError } from '@/api/errors';

/** A page as the server sends it; `totalCapped` marks `total` as a lower bound ("1000+"). */
export type ServerPage<T> = Page<T> & { totalCapped?: boolean };

export type PagedList<T> = {
  items: T[];
  total: number;
  totalCapped: boolean;
  /** First page loading (the list is replaced). */
  loading: boolean;
  /** A further page loading (the list grows). */
  loadingMore: boolean;
  error: ApiError | null;
  hasMore: boolean;
  refresh: () => Promise<void>;
  loadMore: () => Promise<void>;
};

/** Page-by-page list for infinite scroll; a new `key` (filters) starts again at page 1. */
export function usePagedList<T>(key: string | null, fetchPage: (page: number, pageSize: number) => Promise<ServerPage<T>>, pageSize = 20): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [totalCapped, setTotalCapped] = useState(false);
  const [lastPageFull, setLastPageFull] = useState(false);
  const [page, setPage] = useState(0);
  const [loading, setLoading] = useState(key !== null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const seq = useRef(0);
  const busy = useRef(false);

  const load = useCallback(
    async (nextPage: number) => {
      const mine = ++seq.current;
      busy.current = true;
      if (nextPage === 1) setLoading(true);
      else setLoadingMore(true);
      setError(null);
      try {
        const result = await fetchRef.current(nextPage, pageSize);
        if (mine !== seq.current) return;
        setItems((prev) => (nextPage === 1 ? result.items : [...prev, ...result.items]));
        setTotal(result.total);
        setTotalCapped(result.totalCapped ?? false);
        setLastPageFull(result.items.length >= pageSize);
        setPage(nextPage);
      } catch (e) {
        if (mine === seq.current) setError(e instanceof ApiError ? e : networkError());
      } finally {
        if (mine === seq.current) {
          busy.current = false;
          setLoading(false);
          setLoadingMore(false);
        }
      }
    },
    [pageSize],
  );

  useEffect(() => {
    if (key === null) return;
    setItems([]);
    setTotal(0);
    setPage(0);
    void load(1);
  }, [key, load]);

  // With a capped total the count says nothing about the end; a short page does.
  const hasMore = page > 0 && (totalCapped ? lastPageFull : items.length < total);
  const refresh = useCallback(() => load(1), [load]);
  const loadMore = useCallback(async () => {
    if (busy.current || !hasMore) return;
    await load(page + 1);
  }, [hasMore, load, page]);

  return { items, total, totalCapped, loading, loadingMore, error, hasMore, refresh, loadMore };
}
