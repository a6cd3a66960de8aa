import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { LessonSummary } from '@dangjian/shared';
import { LESSON_KIND_LABEL, PROGRESS_STATE_LABEL } from '@dangjian/shared';
import { serverUrl } from '@/api/links';
import { getCourse } from '@/api/study';
import { Card, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { ProgressBar } from '@/components/ProgressBar';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { formatDuration } from '../../format';
import { courseEditUrl, lessonUrl, quizUrl } from '../../routes';
import '../../study.scss';

function LessonLine({ lesson }: { lesson: LessonSummary }) {
  const length = lesson.durationS ? formatDuration(lesson.durationS) : lesson.minSeconds ? `${Math.ceil(lesson.minSeconds / 60)} 分钟` : '';
  return (
    <View className='study-row' data-lesson={lesson.id} onClick={() => void Taro.navigateTo({ url: lessonUrl(lesson.id) })}>
      <View className='study-row__main'>
        <Text className='study-row__title'>{`${lesson.position + 1}. ${lesson.title}`}</Text>
        <View className='study-row__meta'>
          <Tag>{LESSON_KIND_LABEL[lesson.kind]}</Tag>
          {length ? <Text className='study-row__sub'>{length}</Text> : null}
        </View>
        <ProgressBar value={lesson.progress} />
      </View>
      <Tag tone={lesson.state === 'done' ? 'success' : lesson.state === 'in_progress' ? 'warning' : 'neutral'}>{PROGRESS_STATE_LABEL[lesson.state]}</Tag>
    </View>
  );
}

/** A course: its lessons with the member's progress, and the quiz. */
export default function CoursePage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const q = useQuery(id ? `course:${id}` : null, () => getCourse(id));
  const course = q.data;
  usePullDownRefresh(() => void q.reload().finally(() => Taro.stopPullDownRefresh()));
  // back from a lesson or the quiz: show the progress made there
  useDidShow(() => {
    if (course) void q.reload();
  });
  const next = course?.lessons.find((l) => l.state !== 'done');

  return (
    <View className='page study-page'>
      <StateView loading={q.loading} error={q.error} ready={course !== undefined} onRetry={() => void q.reload()}>
        {course ? (
          <>
            {course.coverUrl ? <Image className='study-cover' src={serverUrl(course.coverUrl)} mode='aspectFill' /> : null}
            <Card
              title={course.title}
              extra={
                course.requiredBy ? <Tag tone='primary'>{`必修 · ${course.requiredBy} 前完成`}</Tag> : course.recommended ? <Tag tone='gold'>推荐</Tag> : null
              }
            >
              {course.summary ? <Text className='study-summary'>{course.summary}</Text> : null}
              <View className='study-course-progress'>
                <Text className='study-row__sub'>{`已完成 ${course.lessonsDone}/${course.lessonCount} 课时`}</Text>
                <ProgressBar value={course.lessonCount ? course.lessonsDone / course.lessonCount : 0} />
              </View>
              {next ? (
                <DjButton className='study-course__continue' onClick={() => void Taro.navigateTo({ url: lessonUrl(next.id) })}>
                  {next.state === 'in_progress' ? `继续学习：${next.title}` : `开始学习：${next.title}`}
                </DjButton>
              ) : null}
            </Card>
            <Card title='课时'>
              {course.lessons.length ? course.lessons.map((l) => <LessonLine key={l.id} lesson={l} />) : <Text className='dj-muted'>暂无课时</Text>}
            </Card>
            {course.quizzes.filter((z) => z.published).length ? (
              <Card title='课程测验'>
                {course.quizzes
                  .filter((z) => z.published)
                  .map((z) => (
                    <View key={z.id} className='study-row' data-quiz={z.id} onClick={() => void Taro.navigateTo({ url: quizUrl(z.id) })}>
                      <View className='study-row__main'>
                        <Text className='study-row__title'>{z.title}</Text>
                        <Text className='study-row__sub'>{`${z.questionCount} 题 · 限时 ${Math.round(z.timeLimitS / 60)} 分钟 · ${z.passPercent} 分合格`}</Text>
                      </View>
                      <Text className='study-link'>参加测验</Text>
                    </View>
                  ))}
              </Card>
            ) : null}
            {course.canManage ? (
              <View className='study-links'>
                <Text className='study-links__item' onClick={() => void Taro.navigateTo({ url: courseEditUrl(course.id) })}>
                  编辑课程
                </Text>
              </View>
            ) : null}
          </>
        ) : null}
      </StateView>
    </View>
  );
}
