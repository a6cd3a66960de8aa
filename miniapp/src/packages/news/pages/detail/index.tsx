import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Image, RichText, Text, View } from '@tarojs/components';
import { NEWS_STATE_LABEL } from '@dangjian/shared';
import { serverHtml, serverUrl } from '@/api/links';
import { getNews, likeNews, newsStep } from '@/api/news';
import { Card, InfoRow, Notice, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { PromptDialog } from '@/components/PromptDialog';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { useMe } from '@/store/me';
import { formatDateTime } from '@/utils/format';
import { NewsComments } from '../../NewsComments';
import '../../news.scss';

/** One news item: members read and like it; the branch edits and submits; a committee above publishes or returns it. */
export default function NewsDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? null;
  const q = useQuery(id ? `news-${id}` : null, () => getNews(id!));
  const [busy, setBusy] = useState(false);
  const [returning, setReturning] = useState(false);
  const { me } = useMe();
  usePullDownRefresh(() => void q.reload().finally(() => Taro.stopPullDownRefresh()));
  const n = q.data;

  const act = async (fn: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await fn();
      await q.reload();
      if (done) void Taro.showToast({ title: done, icon: 'success' });
    } catch {
      // the client already showed the server's message
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page news'>
      <StateView loading={q.loading && !n} error={q.error} ready={Boolean(n)} onRetry={() => void q.reload()}>
        {n ? (
          <>
            <Card>
              {n.coverUrl ? <Image className='news__cover' src={serverUrl(n.coverUrl)} mode='aspectFill' /> : null}
              <Text className='news__title'>{n.title}</Text>
              {n.state !== 'published' ? (
                <View className='news__tags'>
                  <Tag tone={n.state === 'returned' ? 'warning' : 'neutral'}>{NEWS_STATE_LABEL[n.state]}</Tag>
                </View>
              ) : null}
              <Text className='news__sub'>{`${n.orgName} · ${n.authorName} · ${formatDateTime(n.publishedAt ?? n.updatedAt)}`}</Text>
              {n.returnReason ? <Notice>{`退回原因：${n.returnReason}`}</Notice> : null}
              <RichText className='news__body' nodes={serverHtml(n.bodyHtml || '<p></p>')} />
              {n.photos.length ? (
                <View className='news__photos'>
                  {n.photos.map((p) => (
                    <Image key={p.id} className='news__photo' src={serverUrl(p.url)} mode='aspectFill' />
                  ))}
                </View>
              ) : null}
              {n.meeting ? <InfoRow label='活动' value={`${n.meeting.title}（${formatDateTime(n.meeting.startsAt)}）`} /> : null}
              {n.reviewerOrgName ? <InfoRow label='审核发布' value={n.reviewerOrgName} /> : null}
              {n.state === 'published' && !me?.memberId ? <InfoRow label='点赞' value={`${n.likeCount} 人`} /> : null}
            </Card>
            <View className='news__actions'>
              {n.state === 'published' && me?.memberId ? (
                <DjButton variant={n.likedByMe ? 'secondary' : 'plain'} loading={busy} onClick={() => void act(() => likeNews(n.id, !n.likedByMe))}>
                  {n.likedByMe ? `已赞 ${n.likeCount}` : `点赞 ${n.likeCount}`}
                </DjButton>
              ) : null}
              {n.canEdit ? (
                <>
                  <DjButton variant='secondary' onClick={() => void Taro.navigateTo({ url: `/packages/news/pages/edit/index?id=${n.id}` })}>
                    修改
                  </DjButton>
                  <DjButton loading={busy} onClick={() => void act(() => newsStep(n.id, { action: 'submit' }), '已提交审核')}>
                    提交审核
                  </DjButton>
                </>
              ) : null}
              {n.canReview ? (
                <>
                  <DjButton loading={busy} onClick={() => void act(() => newsStep(n.id, { action: 'publish' }), '已发布')}>
                    审核发布
                  </DjButton>
                  <DjButton variant='plain' onClick={() => setReturning(true)}>
                    退回修改
                  </DjButton>
                </>
              ) : null}
            </View>
            {n.state === 'published' ? <NewsComments newsId={n.id} canWrite={Boolean(me?.memberId)} /> : null}
            <PromptDialog
              open={returning}
              title='退回修改'
              description={n.title}
              placeholder='请填写退回原因，支部将据此修改'
              confirmText='退回'
              minLength={2}
              maxLength={300}
              onConfirm={async (reason) => {
                await newsStep(n.id, { action: 'return', reason });
                setReturning(false);
                await q.reload();
              }}
              onClose={() => setReturning(false)}
            />
          </>
        ) : null}
      </StateView>
    </View>
  );
}
