import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { NEWS_LIMITS } from '@dangjian/shared';
import { ApiError } from '@/api/errors';
import { addNewsComment, approveNewsComment, deleteNewsComment, listNewsComments } from '@/api/news';
import { Card, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { useQuery } from '@/hooks/useQuery';
import { formatDateTime } from '@/utils/format';

/**
 * Comments under published news. A member's comment waits for the branch secretary or the committee
 * (待审核, shown only to its author and the moderators); moderators approve or delete pending ones.
 */
export function NewsComments({ newsId, canWrite }: { newsId: string; canWrite: boolean }) {
  const q = useQuery(`news-comments-${newsId}`, () => listNewsComments(newsId));
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const data = q.data;

  const send = async () => {
    if (!text.trim()) return setError('请填写评论内容');
    setBusy(true);
    setError(null);
    try {
      await addNewsComment(newsId, { body: text.trim() });
      setText('');
      await q.reload();
      void Taro.showToast({ title: '已提交，待审核', icon: 'none' });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '发表失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  const moderate = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      await q.reload();
    } catch {
      // the client already showed the server's message
    }
  };

  const title = data?.canModerate && data.pendingCount ? `评论（${data.pendingCount} 条待审核）` : '评论';
  return (
    <Card title={title}>
      {data && !data.items.length ? <Text className='news__sub'>暂无评论</Text> : null}
      {data?.items.map((c) => (
        <View key={c.id} className='news-comment' data-comment={c.body}>
          <View className='news-comment__head'>
            <Text className='news-comment__name'>{c.authorName}</Text>
            {c.state === 'pending' ? <Tag tone='warning'>待审核</Tag> : null}
            <Text className='news-comment__time'>{formatDateTime(c.createdAt)}</Text>
          </View>
          <Text className='news-comment__body'>{c.body}</Text>
          {data.canModerate || c.mine ? (
            <View className='news-comment__actions'>
              {data.canModerate && c.state === 'pending' ? (
                <Text className='news-comment__action' onClick={() => void moderate(() => approveNewsComment(newsId, c.id))}>
                  通过
                </Text>
              ) : null}
              <Text className='news-comment__action news-comment__action--danger' onClick={() => void moderate(() => deleteNewsComment(newsId, c.id))}>
                删除
              </Text>
            </View>
          ) : null}
        </View>
      ))}
      {canWrite ? (
        <View className='news-comment__form'>
          <Textarea
            className='news-comment__input'
            value={text}
            maxlength={NEWS_LIMITS.commentMax}
            placeholder='写下您的评论，审核后公开显示'
            onInput={(e) => setText(e.detail.value)}
          />
          <FormError message={error} />
          <DjButton loading={busy} onClick={() => void send()}>
            发表评论
          </DjButton>
        </View>
      ) : null}
    </Card>
  );
}
