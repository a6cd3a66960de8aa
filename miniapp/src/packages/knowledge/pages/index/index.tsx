import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { KNOWLEDGE_LIMITS, type KnowledgeHit, type KnowledgeQa } from '@dangjian/shared';
import { listCollections, listQa, searchKnowledge } from '@/api/knowledge';
import { Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { ListFooter } from '@/components/ListFooter';
import { EmptyState, StateView } from '@/components/StateView';
import { useListPageEvents } from '@/hooks/useListPageEvents';
import { usePagedList } from '@/hooks/usePagedList';
import { useQuery } from '@/hooks/useQuery';
import { useMe } from '@/store/me';
import { grantsWith } from '@/utils/access';
import { Highlight } from '../../Highlight';
import { articleUrl, collectionUrl, KNOWLEDGE_MANAGE_URL, qaUrl } from '../../routes';
import '../../knowledge.scss';

/** Typing pauses this long before the search runs: each keystroke of a phrase is not a request. */
const TYPING_PAUSE_MS = 250;

const open = (url: string) => void Taro.navigateTo({ url });

/** 党建知识: a search box that answers as one types; below it, the regulations and the Q&A. */
export default function KnowledgeIndexPage() {
  const { me } = useMe();
  const canManage = me ? grantsWith(me, 'knowledge.manage').length > 0 : false;
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQ(draft.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(t);
  }, [draft]);
  const searching = q.length >= KNOWLEDGE_LIMITS.queryMin;
  const hits = usePagedList<KnowledgeHit>(searching ? `knowledge-search-${q}` : null, (page, pageSize) => searchKnowledge(q, page, pageSize));
  const qa = usePagedList<KnowledgeQa>(searching ? null : 'knowledge-qa', (page, pageSize) => listQa({ page, pageSize }));
  const collections = useQuery('knowledge-collections', listCollections);
  useListPageEvents(searching ? hits : qa, { refreshOnShow: !searching });

  return (
    <View className='page knowledge'>
      <View className='knowledge__search'>
        <Input
          className='knowledge__input'
          value={draft}
          placeholder='输入党章党规中的一句话或问题'
          confirmType='search'
          maxlength={KNOWLEDGE_LIMITS.queryMax}
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={(e) => setQ(e.detail.value.trim())}
        />
        {draft ? (
          <Text className='knowledge__clear' onClick={() => setDraft('')}>
            ×
          </Text>
        ) : null}
      </View>
      {draft.trim().length === 1 ? <Text className='knowledge__hint'>{`请至少输入 ${KNOWLEDGE_LIMITS.queryMin} 个字`}</Text> : null}

      {searching ? (
        <StateView
          loading={hits.loading}
          error={hits.error}
          ready={!hits.loading || hits.items.length > 0}
          empty={!hits.loading && !hits.error && !hits.items.length}
          emptyTitle='没有找到包含这句话的条文或问答'
          emptyDescription='换一个说法，或少输入几个字试试'
          onRetry={() => void hits.refresh()}
        >
          <View className='knowledge__count'>{hits.totalCapped ? `找到 ${hits.total}+ 条结果，多输入几个字可以找得更准` : `找到 ${hits.total} 条结果`}</View>
          {hits.items.map((h) => (
            <View
              key={`${h.kind}-${h.id}`}
              className='knowledge__row'
              data-hit={h.id}
              onClick={() => open(h.kind === 'article' ? articleUrl(h.id) : qaUrl(h.id))}
            >
              <View className='knowledge__row-head'>
                <Highlight className='knowledge__title' parts={h.titleParts} />
                <Tag tone={h.kind === 'qa' ? 'gold' : 'primary'}>{h.kind === 'qa' ? '问答' : '条文'}</Tag>
              </View>
              <Highlight className='knowledge__snippet' parts={h.snippet} />
            </View>
          ))}
          <ListFooter loadingMore={hits.loadingMore} hasMore={hits.hasMore} error={hits.error} onLoadMore={() => void hits.loadMore()} />
        </StateView>
      ) : (
        <>
          {canManage ? (
            <View className='knowledge__form-actions'>
              <DjButton variant='secondary' onClick={() => open(KNOWLEDGE_MANAGE_URL)}>
                问答管理
              </DjButton>
            </View>
          ) : null}
          <Text className='knowledge__section'>党章党规</Text>
          <StateView loading={collections.loading} error={collections.error} ready={Boolean(collections.data)} onRetry={() => void collections.reload()}>
            {collections.data?.length ? (
              collections.data.map((c) => (
                <View key={c.id} className='knowledge__row' data-collection={c.id} onClick={() => open(collectionUrl(c.id))}>
                  <Text className='knowledge__title'>{c.name}</Text>
                  <Text className='knowledge__sub'>{`${c.issuedBy ? `${c.issuedBy} · ` : ''}共 ${c.articleCount} 条`}</Text>
                </View>
              ))
            ) : (
              <EmptyState title='法规原文尚未导入' description='党委工作人员导入党章和各项条例的正式文本后，可在这里按章节阅读和检索' />
            )}
          </StateView>
          <Text className='knowledge__section'>常见问答</Text>
          <StateView
            loading={qa.loading}
            error={qa.error}
            ready={!qa.loading || qa.items.length > 0}
            empty={!qa.loading && !qa.error && !qa.items.length}
            emptyTitle='暂无问答'
            onRetry={() => void qa.refresh()}
          >
            {qa.items.map((x) => (
              <View key={x.id} className='knowledge__row' data-qa={x.id} onClick={() => open(qaUrl(x.id))}>
                <Text className='knowledge__title'>{x.question}</Text>
                <Text className='knowledge__sub'>{x.orgName}</Text>
              </View>
            ))}
            <ListFooter loadingMore={qa.loadingMore} hasMore={qa.hasMore} error={qa.error} onLoadMore={() => void qa.loadMore()} />
          </StateView>
        </>
      )}
    </View>
  );
}
