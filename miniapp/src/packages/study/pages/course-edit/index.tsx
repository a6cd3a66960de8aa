import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Picker, Switch, Text, View } from '@tarojs/components';
import type { CourseDetail, CourseStatus, LessonDetail } from '@dangjian/shared';
import { COURSE_STATUS_LABEL, LESSON_KIND_LABEL } from '@dangjian/shared';
import { serverUrl } from '@/api/links';
import { createCourse, deleteCourse, deleteLesson, getCourse, getLesson, listCategories, updateCourse } from '@/api/study';
import { Card, InfoRow, Tag } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { confirmRemove } from '../../console/confirm';
import { LessonEditor } from '../../console/LessonEditor';
import { QuestionBank } from '../../console/QuestionBank';
import { consoleUrl, courseEditUrl } from '../../routes';
import { pickStudyFile } from '../../upload';
import { useStudyOrg } from '../../useStudyOrg';
import { useTask } from '../../useTask';
import '../../study.scss';

type CourseFields = { title: string; summary: string; categoryId: string | null; recommended: boolean; coverFileId: string | null; coverUrl: string | null };
const fieldsOf = (c: CourseDetail | undefined): CourseFields => ({
  title: c?.title ?? '',
  summary: c?.summary ?? '',
  categoryId: c?.category?.id ?? null,
  recommended: c?.recommended ?? false,
  coverFileId: null,
  coverUrl: c?.coverUrl ?? null,
});

/** The worker's console (H5): a course's fields and cover, its lessons with uploads, question bank and quiz, publishing. */
export default function CourseEditPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { org } = useStudyOrg();
  const q = useQuery(id ? `edit-course:${id}` : null, () => getCourse(id));
  const categories = useQuery('study-categories', listCategories);
  const [f, setF] = useState<CourseFields>(fieldsOf(undefined));
  const { busy, error, run } = useTask();
  const course = q.data;
  useEffect(() => setF(fieldsOf(course)), [course]);
  const set = (patch: Partial<CourseFields>) => setF((x) => ({ ...x, ...patch }));
  const cats = categories.data ?? [];

  const cover = () =>
    run(async () => {
      const file = await pickStudyFile('image', course ? (course.org?.id ?? null) : (org?.orgId ?? null));
      if (file) set({ coverFileId: file.id, coverUrl: file.url });
    });

  const save = () =>
    run(async () => {
      const base = {
        title: f.title,
        summary: f.summary,
        categoryId: f.categoryId,
        recommended: f.recommended,
        ...(f.coverFileId ? { coverFileId: f.coverFileId } : {}),
      };
      if (course) {
        await updateCourse(course.id, base);
        await q.reload();
        void Taro.showToast({ title: '已保存', icon: 'success' });
      } else {
        const created = await createCourse({ ...base, coverFileId: f.coverFileId, orgId: org?.orgId ?? null });
        void Taro.redirectTo({ url: courseEditUrl(created.id) });
      }
    });

  const [editingLesson, setEditingLesson] = useState<LessonDetail | null>(null);
  const editLesson = (lessonId: string) =>
    run(async () => {
      setEditingLesson(await getLesson(lessonId));
    });
  const lessonSaved = () => {
    setEditingLesson(null);
    void q.reload();
  };

  const removeLesson = async (lessonId: string) => {
    if (!(await confirmRemove('课时'))) return;
    await run(async () => {
      await deleteLesson(lessonId);
      await q.reload();
    });
  };

  const setStatus = (status: CourseStatus) =>
    run(async () => {
      if (!course) return;
      await updateCourse(course.id, { status });
      await q.reload();
    });

  // Archiving withdraws the course from members and keeps their progress and hours; deleting is only
  // for a course nobody has studied (the server answers 409 otherwise, shown in place).
  const remove = async () => {
    if (!course || !(await confirmRemove('课程'))) return;
    await run(async () => {
      await deleteCourse(course.id);
      await Taro.redirectTo({ url: consoleUrl() });
    });
  };

  return (
    <View className='page study-page study-form'>
      <StateView loading={q.loading} error={q.error} ready={!id || course !== undefined} onRetry={() => void q.reload()}>
        <Card
          title={course ? '课程信息' : '新建课程'}
          extra={course ? <Tag tone={course.status === 'published' ? 'success' : 'neutral'}>{COURSE_STATUS_LABEL[course.status]}</Tag> : null}
        >
          <Field label='课程名称' name='title' value={f.title} maxlength={100} onChange={(title) => set({ title })} />
          <Field label='简介' name='summary' value={f.summary} maxlength={2000} onChange={(summary) => set({ summary })} />
          <Picker
            mode='selector'
            range={['未分类', ...cats.map((c) => c.name)]}
            onChange={(e) => set({ categoryId: cats[Number(e.detail.value) - 1]?.id ?? null })}
          >
            <InfoRow label='分类' value={cats.find((c) => c.id === f.categoryId)?.name ?? '未分类 ▾'} />
          </Picker>
          <View className='study-form__switch'>
            <Text>推荐课程</Text>
            <Switch checked={f.recommended} color='#c8161d' onChange={(e) => set({ recommended: e.detail.value })} />
          </View>
          <View className='study-form__upload'>
            {f.coverUrl ? (
              <Image className='study-form__cover' src={serverUrl(f.coverUrl)} mode='aspectFill' />
            ) : (
              <Text>封面图片（png/jpg/webp，不超过 8 MB）</Text>
            )}
            <DjButton variant='secondary' loading={busy !== null} onClick={() => void cover()}>
              上传封面
            </DjButton>
          </View>
          {!course && org ? <InfoRow label='所属组织' value={org.orgName} /> : null}
          <FormError message={error} />
          <View className='study-form__actions'>
            <DjButton loading={busy !== null} onClick={() => void save()}>
              {course ? '保存' : '创建课程'}
            </DjButton>
            {course ? (
              <>
                <DjButton variant='secondary' loading={busy !== null} onClick={() => void setStatus(course.status === 'published' ? 'draft' : 'published')}>
                  {course.status === 'published' ? '撤回为草稿' : course.status === 'archived' ? '重新发布' : '发布课程'}
                </DjButton>
                {course.status !== 'archived' ? (
                  <DjButton variant='secondary' loading={busy !== null} onClick={() => void setStatus('archived')}>
                    归档课程
                  </DjButton>
                ) : null}
                <DjButton variant='secondary' loading={busy !== null} onClick={() => void remove()}>
                  删除课程
                </DjButton>
              </>
            ) : null}
          </View>
        </Card>
        {course ? (
          <>
            <Card title={`课时（${course.lessons.length}）`}>
              {course.lessons.map((l) => (
                <View key={l.id} className='study-row'>
                  <View className='study-row__main'>
                    <Text className='study-row__title'>{`${l.position + 1}. ${l.title}`}</Text>
                  </View>
                  <Tag>{LESSON_KIND_LABEL[l.kind]}</Tag>
                  <Text className='study-link' onClick={() => void editLesson(l.id)}>
                    编辑
                  </Text>
                  <Text className='study-link' onClick={() => void removeLesson(l.id)}>
                    删除
                  </Text>
                </View>
              ))}
              <LessonEditor
                key={editingLesson?.id ?? 'new'}
                courseId={course.id}
                orgId={course.org?.id ?? null}
                editing={editingLesson ?? undefined}
                onDone={lessonSaved}
              />
            </Card>
            <Card
              title='题库与测验'
              extra={
                course.quizzes[0] ? (
                  <Tag tone={course.quizzes[0].published ? 'success' : 'neutral'}>{course.quizzes[0].published ? '测验已启用' : '测验已停用'}</Tag>
                ) : null
              }
            >
              <QuestionBank courseId={course.id} courseTitle={course.title} quiz={course.quizzes[0]} onQuiz={() => void q.reload()} />
            </Card>
          </>
        ) : null}
      </StateView>
    </View>
  );
}
