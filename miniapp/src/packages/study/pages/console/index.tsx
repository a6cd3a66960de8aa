import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { COURSE_STATUS_LABEL } from '@dangjian/shared';
import { listCourses } from '@/api/study';
import { Card, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { ListFooter } from '@/components/ListFooter';
import { StateView } from '@/components/StateView';
import { usePagedList } from '@/hooks/usePagedList';
import { courseEditUrl } from '../../routes';
import '../../study.scss';

/** The organisation worker's console (H5, also at desktop width): the courses they manage, drafts included. */
export default function ConsolePage() {
  const list = usePagedList('console-courses', (page, pageSize) => listCourses({ manage: true, page, pageSize }));
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.loadMore());
  useDidShow(() => {
    if (list.items.length) void list.refresh();
  });

  return (
    <View className='page study-page'>
      <StateView
        loading={list.loading}
        error={list.error}
        ready={!list.loading || list.items.length > 0}
        empty={!list.items.length}
        emptyTitle='还没有课程'
        emptyDescription='点击下方按钮新建课程'
        onRetry={() => void list.refresh()}
      >
        <Card>
          {list.items.map((c) => (
            <View key={c.id} className='study-row' data-course={c.id} onClick={() => void Taro.navigateTo({ url: courseEditUrl(c.id) })}>
              <View className='study-row__main'>
                <Text className='study-row__title'>{c.title}</Text>
                <Text className='study-row__sub'>{`${c.org?.name ?? '全平台'} · ${c.category?.name ?? '未分类'} · ${c.lessonCount} 课时`}</Text>
              </View>
              <Tag tone={c.status === 'published' ? 'success' : 'neutral'}>{COURSE_STATUS_LABEL[c.status]}</Tag>
            </View>
          ))}
        </Card>
        <ListFooter
          loadingMore={list.loadingMore}
          hasMore={list.hasMore}
          error={list.items.length ? list.error : null}
          onLoadMore={() => void list.loadMore()}
        />
      </StateView>
      <View className='study-footer'>
        <DjButton onClick={() => void Taro.navigateTo({ url: courseEditUrl() })}>新建课程</DjButton>
      </View>
    </View>
  );
}
