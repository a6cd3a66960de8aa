import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { CourseSummary } from '@dangjian/shared';
import { formatHours } from '@dangjian/shared';
import { getLeaderboard, getMyHours, getMyPoints, listCategories, listCourses } from '@/api/study';
import { Card } from '@/components/Card';
import { CourseRow } from '@/components/CourseRow';
import { ProgressBar } from '@/components/ProgressBar';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { consoleUrl, courseUrl, coursesUrl, oversightUrl, pointsUrl } from '@/packages/study/routes';
import { useMe } from '@/store/me';
import { grantsWith } from '@/utils/access';
import './index.scss';

/** Everything the tab shows a member, in one request round. */
async function loadStudyHome() {
  const [hours, points, required, recommended, categories, board] = await Promise.all([
    getMyHours(),
    getMyPoints(),
    listCourses({ required: true, pageSize: 10 }),
    listCourses({ recommended: true, pageSize: 6 }),
    listCategories(),
    // the rank is a nicety: the tab shows without it
    getLeaderboard({ by: 'members', limit: 1 }, { toast: false }).catch(() => null),
  ]);
  return { hours, points, required: required.items, recommended: recommended.items, categories, rank: board?.mine?.rank ?? null };
}

const open = (url: string) => void Taro.navigateTo({ url });

function CourseList({ courses, empty }: { courses: CourseSummary[]; empty: string }) {
  return courses.length ? (
    <>
      {courses.map((c) => (
        <CourseRow key={c.id} course={c} onClick={() => open(courseUrl(c.id))} />
      ))}
    </>
  ) : (
    <Text className='dj-muted'>{empty}</Text>
  );
}

/** 学习: my hours this year against L1, points and rank, required courses (L5) and recommended ones, categories. */
export default function StudyPage() {
  const { me } = useMe();
  // accounts without a member record (a platform admin) study nothing: they see only the management card
  const q = useQuery(me?.memberId ? 'study-home' : null, loadStudyHome);
  const data = q.data;
  usePullDownRefresh(() => void q.reload().finally(() => Taro.stopPullDownRefresh()));
  useDidShow(() => {
    if (data) void q.reload();
  });
  const managed = me ? grantsWith(me, 'study.manage') : [];

  return (
    <View className='page study'>
      <StateView loading={q.loading} error={q.error} ready={data !== undefined || (me !== null && !me.memberId)} onRetry={() => void q.reload()}>
        {data ? (
          <>
            <View className='study__banner'>
              <Text className='study__banner-sub'>{`${data.hours.year} 年度学时`}</Text>
              <View className='study__hours'>
                <Text className='study__hours-value'>{formatHours(data.hours.totalS)}</Text>
                <Text className='study__hours-unit'>{`/ ${data.hours.requiredHours} 小时`}</Text>
              </View>
              <ProgressBar value={data.hours.totalS / (data.hours.requiredHours * 3600)} bare />
              <Text className='study__banner-sub'>
                {data.hours.met
                  ? '已完成本年度学时要求'
                  : `${data.hours.requirementReason}，还差 ${formatHours(Math.max(0, data.hours.requiredHours * 3600 - data.hours.totalS))} 小时`}
              </Text>
            </View>

            <View className='study__figures' onClick={() => open(pointsUrl())}>
              <View className='study__figure'>
                <Text className='study__figure-value'>{data.points.yearTotal}</Text>
                <Text className='study__figure-label'>本年积分</Text>
              </View>
              <View className='study__figure'>
                <Text className='study__figure-value'>{data.points.today.reduce((n, a) => n + a.points, 0)}</Text>
                <Text className='study__figure-label'>今日积分</Text>
              </View>
              <View className='study__figure'>
                <Text className='study__figure-value'>{data.rank ?? '—'}</Text>
                <Text className='study__figure-label'>支部排名</Text>
              </View>
              <Text className='study__figure-more'>排行榜 ›</Text>
            </View>

            <Card
              title='必修课程'
              extra={
                <Text className='study__more' onClick={() => open(coursesUrl({ required: true, title: '必修课程' }))}>
                  全部
                </Text>
              }
            >
              <CourseList courses={data.required} empty='暂无必修课程' />
            </Card>

            {data.categories.length ? (
              <View className='study__categories'>
                {data.categories.map((c) => (
                  <Text key={c.id} className='study__category' onClick={() => open(coursesUrl({ categoryId: c.id, title: c.name }))}>
                    {c.name}
                  </Text>
                ))}
              </View>
            ) : null}

            <Card
              title='推荐课程'
              extra={
                <Text className='study__more' onClick={() => open(coursesUrl({ title: '全部课程' }))}>
                  全部课程
                </Text>
              }
            >
              <CourseList courses={data.recommended} empty='暂无推荐课程' />
            </Card>
          </>
        ) : null}
        {managed.length ? (
          <Card title='学习管理'>
            <View className='study__manage'>
              <Text className='study__manage-item' onClick={() => open(oversightUrl(managed[0]!.orgId, managed[0]!.orgName))}>
                学习督促
              </Text>
              <Text className='study__manage-item' onClick={() => open(consoleUrl())}>
                课程管理
              </Text>
            </View>
          </Card>
        ) : null}
      </StateView>
    </View>
  );
}
