import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { NEWS_LIMITS, type NewsComments } from '@dangjian/shared';
import { ApiError } from '@/api/errors';
import { Card, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { FormError } from '@/components/Field';
import { useQuery } from '@/hooks/useQuery';
import { formatDateTime } from '@/utils/format';
import './Comments.scss';

/** The endpoints of one commented object (news, a live class): every list has the news comments' shape. */
export type CommentsApi = {
  list: () => Promise<NewsComments>;
  add: (body: string) => Promise<unknown>;
  approve: (commentId: string) => Promise<unknown>;
  remove: (commentId: string) => Promise<unknown>;
};

/**
 * Moderated comments. A member's comment waits for a moderator (待审核, shown only to its author and
 * the moderators); moderators approve or delete pending ones.
 */
export function Comments({ cacheKey, api, canWrite }: { cacheKey: string; api: CommentsApi; canWrite: boolean }) {
  const q = useQuery(cacheKey, api.list);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const data = q.data;

  const send = async () => {
    if (!text.trim()) return setError('请填写评论内容');
    setBusy(true);
    setError(null);
    try {
      await api.add(text.trim());
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
      {data && !data.items.length ? <Text className='comment-empty'>暂无评论</Text> : null}
      {data?.items.map((c) => (
        <View key={c.id} className='comment' data-comment={c.body}>
          <View className='comment__head'>
            <Text className='comment__name'>{c.authorName}</Text>
            {c.state === 'pending' ? <Tag tone='warning'>待审核</Tag> : null}
            <Text className='comment__time'>{formatDateTime(c.createdAt)}</Text>
          </View>
          <Text className='comment__body'>{c.body}</Text>
          {data.canModerate || c.mine ? (
            <View className='comment__actions'>
              {data.canModerate && c.state === 'pending' ? (
                <Text className='comment__action' onClick={() => void moderate(() => api.approve(c.id))}>
                  通过
                </Text>
              ) : null}
              <Text className='comment__action comment__action--danger' onClick={() => void moderate(() => api.remove(c.id))}>
                删除
              </Text>
            </View>
          ) : null}
        </View>
      ))}
      {canWrite ? (
        <View className='comment__form'>
          <Textarea
            className='comment__input'
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
