import { addNewsComment, approveNewsComment, deleteNewsComment, listNewsComments } from '@/api/news';
import { Comments } from '@/components/Comments';

/** Comments under published news, moderated by the branch secretary or the committee. */
export function NewsComments({ newsId, canWrite }: { newsId: string; canWrite: boolean }) {
  return (
    <Comments
      cacheKey={`news-comments-${newsId}`}
      canWrite={canWrite}
      api={{
        list: () => listNewsComments(newsId),
        add: (body) => addNewsComment(newsId, { body }),
        approve: (id) => approveNewsComment(newsId, id),
        remove: (id) => deleteNewsComment(newsId, id),
      }}
    />
  );
}
