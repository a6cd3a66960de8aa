import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import type { LessonDetail, LessonKind } from '@dangjian/shared';
import { LESSON_KIND_LABEL } from '@dangjian/shared';
import { createLesson, updateLesson } from '@/api/study';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { emptyLessonForm, lessonFormOf, toLesson, type LessonForm } from '../console-forms';
import { pickStudyFile, uploadLimitText } from '../upload';
import { useTask } from '../useTask';

const KINDS = Object.keys(LESSON_KIND_LABEL) as LessonKind[];

type Props = {
  courseId: string;
  /** The course's organisation: uploads belong to it (null: platform-wide). */
  orgId: string | null;
  /** The lesson being edited (its kind stays); absent: a new lesson. */
  editing?: LessonDetail;
  /** Saved or cancelled. */
  onDone: () => void;
};

/** Adds a lesson of any kind to a course, or edits one; media are uploaded first (the server's refusals are shown as they come). */
export function LessonEditor({ courseId, orgId, editing, onDone }: Props) {
  const [form, setForm] = useState<LessonForm>(editing ? lessonFormOf(editing) : emptyLessonForm());
  const { busy, error, fail, run } = useTask<'upload' | 'save'>();
  const set = (patch: Partial<LessonForm>) => setForm((f) => ({ ...f, ...patch }));
  const media = form.kind === 'video' || form.kind === 'audio';

  const upload = () =>
    run(async () => {
      if (form.kind === 'article') return;
      const file = await pickStudyFile(form.kind, orgId);
      if (file) set({ fileId: file.id, fileName: `${file.contentType} · ${(file.sizeBytes / 1024 / 1024).toFixed(1)} MB` });
    }, 'upload');

  const save = () => {
    const built = toLesson(form, Boolean(editing));
    if (!built.ok) return fail(built.error);
    return run(async () => {
      if (editing) {
        const { kind: _fixed, ...changes } = built.body;
        await updateLesson(editing.id, changes);
      } else {
        await createLesson(courseId, built.body);
        setForm(emptyLessonForm(form.kind));
      }
      onDone();
    }, 'save');
  };

  return (
    <View className='study-form'>
      <View className='study-tabs'>
        {(editing ? [editing.kind] : KINDS).map((k) => (
          <Text
            key={k}
            className={`study-tabs__item ${form.kind === k ? 'study-tabs__item--on' : ''}`}
            onClick={() => setForm({ ...emptyLessonForm(k), title: form.title })}
          >
            {LESSON_KIND_LABEL[k]}
          </Text>
        ))}
      </View>
      <Field label='课时标题' name='lessonTitle' value={form.title} maxlength={100} onChange={(title) => set({ title })} />
      {form.kind === 'article' ? (
        <Textarea
          className='study-form__textarea'
          value={form.bodyHtml}
          maxlength={200000}
          placeholder='正文（HTML，可含图片链接）'
          onInput={(e) => set({ bodyHtml: e.detail.value })}
        />
      ) : (
        <View className='study-form__upload'>
          <Text>{form.fileName || uploadLimitText(form.kind)}</Text>
          <DjButton variant='secondary' loading={busy === 'upload'} onClick={() => void upload()}>
            {form.fileId ? '重新上传' : '上传文件'}
          </DjButton>
        </View>
      )}
      {media ? (
        <>
          <Field label='时长分钟' name='durationMin' type='number' value={form.durationMin} onChange={(durationMin) => set({ durationMin })} />
          <Field label='完成比例%' name='watchPercent' type='number' value={form.watchPercent} onChange={(watchPercent) => set({ watchPercent })} />
        </>
      ) : (
        <Field
          label='阅读分钟'
          name='minMinutes'
          type='number'
          value={form.minMinutes}
          placeholder='至少阅读，默认 1'
          onChange={(minMinutes) => set({ minMinutes })}
        />
      )}
      <FormError message={error} />
      <View className='study-form__actions'>
        <DjButton loading={busy === 'save'} disabled={busy === 'upload'} onClick={() => void save()}>
          {editing ? '保存课时' : '添加课时'}
        </DjButton>
        {editing ? (
          <DjButton variant='secondary' onClick={onDone}>
            取消
          </DjButton>
        ) : null}
      </View>
    </View>
  );
}
