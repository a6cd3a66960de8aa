import { Image, Text, View } from '@tarojs/components';
import type { CourseSummary } from '@dangjian/shared';
import { PROGRESS_STATE_LABEL } from '@dangjian/shared';
import { serverUrl } from '@/api/links';
import { Tag } from './Card';
import { ProgressBar } from './ProgressBar';
import './CourseRow.scss';

/** One course in a list: cover, title, required-by date, lessons done as a bar. */
export function CourseRow({ course, onClick }: { course: CourseSummary; onClick: () => void }) {
  const share = course.lessonCount ? course.lessonsDone / course.lessonCount : 0;
  return (
    <View className='dj-course' onClick={onClick} data-course={course.id}>
      {course.coverUrl ? (
        <Image className='dj-course__cover' src={serverUrl(course.coverUrl)} mode='aspectFill' />
      ) : (
        <View className='dj-course__cover dj-course__cover--blank'>
          <Text>{course.title.slice(0, 2)}</Text>
        </View>
      )}
      <View className='dj-course__main'>
        <Text className='dj-course__title'>{course.title}</Text>
        <View className='dj-course__meta'>
          {course.requiredBy ? (
            <Tag tone='primary'>{`必修 · ${Number(course.requiredBy.slice(5, 7))}月${Number(course.requiredBy.slice(8, 10))}日前`}</Tag>
          ) : null}
          {course.recommended && !course.requiredBy ? <Tag tone='gold'>推荐</Tag> : null}
          <Text className='dj-course__sub'>{`${course.lessonsDone}/${course.lessonCount} 课时 · ${PROGRESS_STATE_LABEL[course.state]}`}</Text>
        </View>
        <ProgressBar value={share} />
      </View>
    </View>
  );
}
