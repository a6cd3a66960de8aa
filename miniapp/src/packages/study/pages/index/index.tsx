import { useEffect, useState } from 'react';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { listCategories, listCourses } from '@/api/study';
import { Card } from '@/components/Card';
import { CourseRow } from '@/components/CourseRow';
import { ListFooter } from '@/components/ListFooter';
import { SearchBar } from '@/components/SearchBar';
import { StateView } from '@/components/StateView';
import { usePagedList } from '@/hooks/usePagedList';
import { useQuery } from '@/hooks/useQuery';
import { courseUrl } from '../../routes';
import '../../study.scss';

const decode = (v: string | undefined) => (v ? decodeURIComponent(v) : undefined);

/** Courses the member may study, by category; `required=true` lists the required ones (L5). */
export default function CoursesPage() {
  const { params } = useRouter();
  const required = params.required === 'true';
  const [categoryId, setCategoryId] = useState(decode(params.categoryId));
  const [text, setText] = useState('');
  const categories = useQuery('study-categories', listCategories);
  const list = usePagedList(`courses:${required}:${categoryId ?? ''}:${text}`, (page, pageSize) =>
    listCourses({ page, pageSize, categoryId, required: required || undefined, q: text || undefined }),
  );
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.loadMore());
  const title = decode(params.title);
  useEffect(() => {
    if (title) void Taro.setNavigationBarTitle({ title });
  }, [title]);

  return (
    <View className='page study-page'>
      <SearchBar value={text} placeholder='搜索课程' onSearch={setText} />
      {!required && categories.data?.length ? (
        <View className='study-tabs'>
          <Text className={`study-tabs__item ${categoryId ? '' : 'study-tabs__item--on'}`} onClick={() => setCategoryId(undefined)}>
            全部
          </Text>
          {categories.data.map((c) => (
            <Text key={c.id} className={`study-tabs__item ${categoryId === c.id ? 'study-tabs__item--on' : ''}`} onClick={() => setCategoryId(c.id)}>
              {c.name}
            </Text>
          ))}
        </View>
      ) : null}
      <StateView
        loading={list.loading}
        error={list.error}
        ready={!list.loading || list.items.length > 0}
        empty={!list.items.length}
        emptyTitle='暂无课程'
        onRetry={() => void list.refresh()}
      >
        <Card>
          {list.items.map((c) => (
            <CourseRow key={c.id} course={c} onClick={() => void Taro.navigateTo({ url: courseUrl(c.id) })} />
          ))}
        </Card>
        <ListFooter
          loadingMore={list.loadingMore}
          hasMore={list.hasMore}
          error={list.items.length ? list.error : null}
          onLoadMore={() => void list.loadMore()}
        />
      </StateView>
    </View>
  );
}
