import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { RECEIPT_STATE_LABEL, type NoticeCounts, type NoticeReceipt, type ReceiptState } from '@dangjian/shared';
import { authedUrl } from '@/api/links';
import { listReceipts, receiptsXlsxPath, remindNotice } from '@/api/notices';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { StateView } from '@/components/StateView';
import { openExternal } from '@/platform/open';
import { formatDateTime } from '@/utils/format';
import '../../notices.scss';

const STATES: ReceiptState[] = ['unread', 'read', 'acked'];

/** 阅读回执: who has not read, read, acknowledged (keyset pages), remind the rest, export .xlsx. */
export default function NoticeReceiptsPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [state, setState] = useState<ReceiptState>('unread');
  const [items, setItems] = useState<NoticeReceipt[]>([]);
  const [counts, setCounts] = useState<NoticeCounts | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      setFailed(false);
      try {
        const page = await listReceipts(id, { state, after: after ?? undefined, limit: 50 });
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCounts(page.counts);
        setNext(page.next);
      } catch {
        setFailed(true);
      } finally {
        setLoading(false);
      }
    },
    [id, state],
  );
  useEffect(() => {
    void load(null);
  }, [load]);
  usePullDownRefresh(() => void load(null).finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => {
    if (next && !loading) void load(next);
  });

  const remind = async () => {
    setBusy(true);
    try {
      const r = await remindNotice(id);
      void Taro.showToast({ title: `已提醒 ${r.reminded} 人`, icon: 'none' });
    } catch {
      // shown by the client
    } finally {
      setBusy(false);
    }
  };
  const countOf = (s: ReceiptState) => (counts ? { unread: counts.unread, read: counts.read - counts.acked, acked: counts.acked }[s] : 0);

  return (
    <View className='page notices'>
      <View className='notices__tabs'>
        {STATES.map((s) => (
          <Text key={s} className={`notices__tab ${state === s ? 'notices__tab--on' : ''}`} onClick={() => setState(s)}>
            {`${RECEIPT_STATE_LABEL[s]} ${countOf(s)}`}
          </Text>
        ))}
      </View>
      <View className='notices__actions'>
        <DjButton loading={busy} disabled={!counts || counts.unread + counts.read - counts.acked === 0} onClick={() => void remind()}>
          提醒未完成的同志
        </DjButton>
        <DjButton variant='secondary' onClick={() => void authedUrl(receiptsXlsxPath(id), { fresh: true }).then((u) => openExternal(u, 'spreadsheet'))}>
          导出回执名单
        </DjButton>
      </View>
      <StateView
        loading={loading && !items.length}
        error={null}
        ready={!failed}
        empty={!loading && !items.length}
        emptyTitle='暂无人员'
        onRetry={() => void load(null)}
      >
        <Card>
          {items.map((r) => (
            <View key={r.memberId} className='notices__person' data-receipt={r.name}>
              <Text className='notices__person-name'>{r.name}</Text>
              <Text className='notices__sub'>{r.orgName}</Text>
              <Text className='notices__sub'>{r.ackedAt ? `确认 ${formatDateTime(r.ackedAt)}` : r.readAt ? `阅读 ${formatDateTime(r.readAt)}` : '未读'}</Text>
            </View>
          ))}
        </Card>
      </StateView>
    </View>
  );
}
