import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { todoSourceLabel, type TodoList } from '@dangjian/shared';
import { listTodos } from '@/api/todos';
import { Tag } from '@/components/Card';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { formatDateTime } from '@/utils/format';
import '../../../notices/notices.scss';

/** 待办: what waits for me across every module; each item opens the page where it is done. */
export default function TodosPage() {
  const q = useQuery<TodoList>('todos', () => listTodos());
  const [source, setSource] = useState<string | null>(null);
  const shown = useState(false);
  useDidShow(() => {
    if (shown[0]) void q.reload();
    shown[1](true);
  });
  usePullDownRefresh(() => void q.reload().finally(() => Taro.stopPullDownRefresh()));
  const items = (q.data?.items ?? []).filter((i) => !source || i.source === source);

  return (
    <View className='page notices'>
      {q.data && Object.keys(q.data.bySource).some((s) => (q.data?.bySource[s] ?? 0) > 0) ? (
        <View className='notices__tags' style={{ padding: '0 16px 8px' }}>
          <Text className={`dj-tag ${source === null ? 'dj-tag--primary' : 'dj-tag--neutral'}`} onClick={() => setSource(null)}>{`全部 ${q.data.total}`}</Text>
          {Object.entries(q.data.bySource)
            .filter(([, n]) => n > 0)
            .map(([s, n]) => (
              <Text
                key={s}
                className={`dj-tag ${source === s ? 'dj-tag--primary' : 'dj-tag--neutral'}`}
                onClick={() => setSource(s)}
              >{`${todoSourceLabel(s)} ${n}`}</Text>
            ))}
        </View>
      ) : null}
      <StateView
        loading={q.loading && !q.data}
        error={q.error}
        ready={Boolean(q.data)}
        empty={Boolean(q.data) && items.length === 0}
        emptyTitle='暂无待办，一切都处理好了'
        onRetry={() => void q.reload()}
      >
        {items.map((i) => (
          <View key={`${i.source}-${i.id}`} className='notices__row' data-todo={i.source} onClick={() => void Taro.navigateTo({ url: i.page })}>
            <View className='notices__row-head'>
              <Text className='notices__title'>{i.title}</Text>
            </View>
            <View className='notices__tags'>
              <Tag tone='gold'>{todoSourceLabel(i.source)}</Tag>
              {i.overdue ? <Tag tone='warning'>已逾期</Tag> : null}
            </View>
            {i.detail ? <Text className='notices__sub'>{i.detail}</Text> : null}
            {i.dueAt ? <Text className='notices__sub'>{`期限 ${formatDateTime(i.dueAt)}`}</Text> : null}
          </View>
        ))}
        {q.data?.unavailable.length ? <Text className='notices__sub'>部分事项暂时无法加载，请稍后下拉刷新</Text> : null}
      </StateView>
    </View>
  );
}
