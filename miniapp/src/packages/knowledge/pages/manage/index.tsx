import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Switch, Text, Textarea, View } from '@tarojs/components';
import { KNOWLEDGE_LIMITS, type KnowledgeQa } from '@dangjian/shared';
import { createQa, deleteQa, listQa, updateQa } from '@/api/knowledge';
import { ApiError } from '@/api/errors';
import { Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { ListFooter } from '@/components/ListFooter';
import { OrgSwitch } from '@/components/OrgSwitch';
import { StateView } from '@/components/StateView';
import { useListPageEvents } from '@/hooks/useListPageEvents';
import { useOrgChoice } from '@/hooks/useOrgChoice';
import { usePagedList } from '@/hooks/usePagedList';
import { confirmStep } from '@/utils/confirm';
import { formatDateTime } from '@/utils/format';
import '../../knowledge.scss';

type Draft = { id: string | null; question: string; answer: string; published: boolean };
const EMPTY: Draft = { id: null, question: '', answer: '', published: true };

/** 问答管理 (committee workers, knowledge.manage): write, edit, publish or withdraw, delete the Q&A of their organisations. */
export default function KnowledgeManagePage() {
  const { grants, org, setPicked } = useOrgChoice('knowledge.manage');
  const list = usePagedList<KnowledgeQa>('knowledge-manage', (page, pageSize) => listQa({ page, pageSize, manage: true }));
  useListPageEvents(list);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      setDraft(null);
      await list.refresh();
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  const remove = async (x: KnowledgeQa) => {
    if (await confirmStep('删除问答', `删除后党员将看不到“${x.question}”，且不可恢复。`, '删除')) await run(() => deleteQa(x.id), '已删除');
  };

  const save = (d: Draft) =>
    run(
      () =>
        d.id
          ? updateQa(d.id, { question: d.question, answer: d.answer, published: d.published })
          : createQa({ organisationId: org!.orgId, question: d.question, answer: d.answer, published: d.published }),
      d.published ? '已发布' : '已保存',
    );

  if (!org)
    return (
      <StateView loading={false} error={null} ready empty emptyTitle='您没有管理问答的权限'>
        {null}
      </StateView>
    );

  return (
    <View className='page knowledge'>
      <View className='knowledge__head'>
        <OrgSwitch className='knowledge__title' switchClassName='knowledge__switch' orgName={org.orgName} grants={grants} onPick={setPicked} />
        <Text className='knowledge__sub'>{`${org.orgName}及下级组织的党员可以看到这里发布的问答`}</Text>
      </View>
      {draft ? null : (
        <View className='knowledge__form-actions'>
          <DjButton
            onClick={() => {
              setError(null);
              setDraft(EMPTY);
            }}
          >
            新建问答
          </DjButton>
        </View>
      )}
      {draft ? (
        <View className='knowledge__form'>
          <Text className='knowledge__title'>{draft.id ? '编辑问答' : '新问答'}</Text>
          <Field
            label='问题'
            name='question'
            value={draft.question}
            maxlength={KNOWLEDGE_LIMITS.questionMax}
            placeholder='例如：入党需要什么条件？'
            onChange={(question) => setDraft({ ...draft, question })}
          />
          <Textarea
            className='knowledge__textarea'
            name='answer'
            value={draft.answer}
            maxlength={KNOWLEDGE_LIMITS.answerMax}
            placeholder='解答（请注明依据的党章党规）'
            onInput={(e) => setDraft({ ...draft, answer: e.detail.value })}
          />
          <View className='knowledge__check'>
            <Switch checked={draft.published} color='#c8161d' onChange={(e) => setDraft({ ...draft, published: e.detail.value })} />
            <Text>{draft.published ? ' 保存后立即发布' : ' 暂不发布（仅管理人员可见）'}</Text>
          </View>
          <FormError message={error} />
          <View className='knowledge__actions'>
            <DjButton loading={busy} onClick={() => void save(draft)}>
              保存
            </DjButton>
            <DjButton variant='plain' onClick={() => setDraft(null)}>
              取消
            </DjButton>
          </View>
        </View>
      ) : null}
      <StateView
        loading={list.loading}
        error={list.error}
        ready={!list.loading || list.items.length > 0}
        empty={!list.loading && !list.error && !list.items.length}
        emptyTitle='还没有问答'
        emptyDescription='把党员常问的问题写成问答，发布后党员可在党建知识中查到'
        onRetry={() => void list.refresh()}
      >
        {list.items.map((x) => (
          <View key={x.id} className='knowledge__row' data-qa={x.id}>
            <View className='knowledge__row-head'>
              <Text className='knowledge__title'>{x.question}</Text>
              <Tag tone={x.published ? 'success' : 'neutral'}>{x.published ? '已发布' : '未发布'}</Tag>
            </View>
            <Text className='knowledge__sub'>{`${x.orgName} · ${x.authorName} · ${formatDateTime(x.updatedAt)}`}</Text>
            {x.canManage ? (
              <View className='knowledge__row-actions'>
                <Text className='knowledge__act' onClick={() => setDraft({ id: x.id, question: x.question, answer: x.answer, published: x.published })}>
                  编辑
                </Text>
                <Text className='knowledge__act' onClick={() => void run(() => updateQa(x.id, { published: !x.published }), x.published ? '已撤回' : '已发布')}>
                  {x.published ? '撤回' : '发布'}
                </Text>
                <Text className='knowledge__act knowledge__act--danger' onClick={() => void remove(x)}>
                  删除
                </Text>
              </View>
            ) : null}
          </View>
        ))}
        <ListFooter loadingMore={list.loadingMore} hasMore={list.hasMore} error={list.error} onLoadMore={() => void list.loadMore()} />
      </StateView>
    </View>
  );
}
