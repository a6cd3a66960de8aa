import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { LESSON_KIND_LABEL } from '@dangjian/shared';
import { getCourse } from '@/api/study';
import { DjButton } from '@/components/DjButton';
import { useQuery } from '@/hooks/useQuery';
import { courseUrl, lessonUrl, quizUrl } from '../../routes';

/**
 * What comes after this lesson: the next lesson of the course, else its quiz, else back to the course.
 * Shown below every lesson and brought forward once the media has ended (a video used to just stop).
 */
export function NextStep({ courseId, lessonId, ended }: { courseId: string; lessonId: string; ended: boolean }) {
  const course = useQuery(`course:${courseId}`, () => getCourse(courseId, { toast: false }));
  const c = course.data;
  if (!c) return null;
  const sorted = [...c.lessons].sort((a, b) => a.position - b.position);
  const next = sorted[sorted.findIndex((l) => l.id === lessonId) + 1];
  const quiz = c.quizzes.find((q) => q.published);
  const go = (url: string) => void Taro.redirectTo({ url });
  return (
    <View className={`study-next ${ended ? 'study-next--ended' : ''}`} data-next={next?.id ?? quiz?.id ?? 'course'}>
      {ended ? <Text className='study-next__done'>本课时已播放完</Text> : null}
      {next ? (
        <>
          <Text className='study-next__label'>下一课时</Text>
          <Text className='study-next__title'>{`${LESSON_KIND_LABEL[next.kind]} · ${next.title}`}</Text>
          <DjButton variant={ended ? 'primary' : 'secondary'} onClick={() => go(lessonUrl(next.id))}>
            学习下一课时
          </DjButton>
        </>
      ) : quiz ? (
        <>
          <Text className='study-next__label'>课时已全部学完</Text>
          <Text className='study-next__title'>{quiz.title}</Text>
          <DjButton variant={ended ? 'primary' : 'secondary'} onClick={() => go(quizUrl(quiz.id))}>
            参加测验
          </DjButton>
        </>
      ) : (
        <>
          <Text className='study-next__label'>这是本课程的最后一个课时</Text>
          <DjButton variant='secondary' onClick={() => go(courseUrl(courseId))}>
            返回课程
          </DjButton>
        </>
      )}
    </View>
  );
}
