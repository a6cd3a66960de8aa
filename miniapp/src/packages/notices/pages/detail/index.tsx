import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { RichText, Text, View } from '@tarojs/components';
import { serverHtml, serverUrl } from '@/api/links';
import { acknowledgeNotice, readNotice, withdrawNotice } from '@/api/notices';
import { Card, InfoRow, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { openExternal } from '@/platform/open';
import { formatDateTime } from '@/utils/format';
import '../../notices.scss';

/** One notice: opening it marks it read; a notice that needs a receipt is acknowledged with one tap. */
export default function NoticeDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? null;
  const q = useQuery(id ? `notice-${id}` : null, () => readNotice(id!));
  const [busy, setBusy] = useState(false);
  usePullDownRefresh(() => void q.reload().finally(() => Taro.stopPullDownRefresh()));
  const n = q.data;

  const act = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      await q.reload();
      void Taro.showToast({ title: done, icon: 'success' });
    } catch {
      // the client already showed the server's message
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page notices'>
      <StateView loading={q.loading && !n} error={q.error} ready={Boolean(n)} onRetry={() => void q.reload()}>
        {n ? (
          <>
            <Card>
              <Text className='notices__title'>{n.title}</Text>
              <View className='notices__tags'>
                {n.pinned ? <Tag tone='primary'>置顶</Tag> : null}
                {n.requiresAck ? <Tag tone={n.ackedAt ? 'success' : 'warning'}>{n.ackedAt ? '已确认' : '需回执'}</Tag> : null}
                {n.withdrawn ? <Tag>已撤回</Tag> : null}
              </View>
              <Text className='notices__sub'>{`${n.orgName} · ${n.publisherName} · ${formatDateTime(n.publishedAt)}`}</Text>
              {n.expiresAt ? <Text className='notices__sub'>{`有效期至 ${formatDateTime(n.expiresAt)}`}</Text> : null}
              <RichText className='notices__body' nodes={serverHtml(n.bodyHtml || '<p></p>')} />
              {n.attachments.map((a) => (
                <Text
                  key={a.id}
                  className='notices__file'
                  onClick={() => void openExternal(serverUrl(a.url), a.contentType === 'application/pdf' ? 'pdf' : 'page')}
                >
                  {`附件：${a.name}`}
                </Text>
              ))}
            </Card>
            {n.inAudience && n.requiresAck && !n.withdrawn ? (
              <View className='notices__actions'>
                {n.ackedAt ? (
                  <Text className='notices__sub'>{`您已于 ${formatDateTime(n.ackedAt)} 确认`}</Text>
                ) : (
                  <DjButton loading={busy} onClick={() => void act(() => acknowledgeNotice(n.id), '已确认')}>
                    确认已阅
                  </DjButton>
                )}
              </View>
            ) : null}
            {n.canManage && n.counts ? (
              <Card title='阅读情况'>
                <InfoRow label='发送范围' value={n.targetLabel} />
                <View className='notices__counts'>
                  {[
                    ['应读', n.counts.audience],
                    ['已读', n.counts.read],
                    ['已确认', n.counts.acked],
                    ['未读', n.counts.unread],
                  ].map(([label, num]) => (
                    <View key={label}>
                      <Text className='notices__count-num'>{num}</Text>
                      <Text className='notices__count-label'>{label}</Text>
                    </View>
                  ))}
                </View>
                <View className='notices__actions'>
                  <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: `/packages/notices/pages/receipts/index?id=${n.id}` })}>
                    查看回执名单
                  </DjButton>
                  {!n.withdrawn ? (
                    <DjButton variant='plain' loading={busy} onClick={() => void act(() => withdrawNotice(n.id), '已撤回')}>
                      撤回通知
                    </DjButton>
                  ) : null}
                </View>
              </Card>
            ) : null}
          </>
        ) : null}
      </StateView>
    </View>
  );
}
