import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import type { CourseDetail, QuestionKind } from '@dangjian/shared';
import { QUESTION_KIND_LABEL } from '@dangjian/shared';
import { createQuestion, createQuiz, deleteQuestion, listQuestions, updateQuiz } from '@/api/study';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { useQuery } from '@/hooks/useQuery';
import { emptyQuestionForm, emptyQuizForm, quizFormOf, toQuestion, toQuiz, type QuestionForm, type QuizForm } from '../console-forms';
import { optionLetter } from '../quiz-view';
import { useTask } from '../useTask';
import { confirmRemove } from './confirm';

const KINDS = Object.keys(QUESTION_KIND_LABEL) as QuestionKind[];

type Props = { courseId: string; courseTitle: string; quiz: CourseDetail['quizzes'][number] | undefined; onQuiz: () => void };

/** The course's question bank (L3) and, once it has questions, the quiz drawn from it: set up, edited, withdrawn. */
export function QuestionBank({ courseId, courseTitle, quiz: existing, onQuiz }: Props) {
  const bank = useQuery(`questions:${courseId}`, () => listQuestions(courseId));
  const [form, setForm] = useState<QuestionForm>(emptyQuestionForm());
  const [quiz, setQuiz] = useState<QuizForm>(existing ? quizFormOf(existing) : emptyQuizForm(courseTitle));
  const { busy, error, fail, run } = useTask();
  const set = (patch: Partial<QuestionForm>) => setForm((f) => ({ ...f, ...patch }));
  const questions = bank.data ?? [];

  const addQuestion = () => {
    const built = toQuestion(form);
    if (!built.ok) return fail(built.error);
    return run(async () => {
      await createQuestion(courseId, built.body);
      setForm({ ...emptyQuestionForm(), kind: form.kind });
      await bank.reload();
    });
  };

  const saveQuiz = () => {
    const built = toQuiz(quiz, questions.length);
    if (!built.ok) return fail(built.error);
    return run(async () => {
      if (existing) {
        const { published: _kept, ...settings } = built.body;
        await updateQuiz(existing.id, settings);
      } else {
        await createQuiz(courseId, built.body);
      }
      onQuiz();
    });
  };

  const removeQuestion = async (id: string) => {
    if (!(await confirmRemove('题目'))) return;
    await run(async () => {
      await deleteQuestion(id);
      await bank.reload();
    });
  };

  const setPublished = (published: boolean) =>
    run(async () => {
      if (existing) await updateQuiz(existing.id, { published });
      onQuiz();
    });

  return (
    <View className='study-form'>
      {questions.map((q, i) => (
        <View key={q.id} className='study-row'>
          <View className='study-row__main'>
            <Text className='study-row__title'>{`${i + 1}. ${q.stem}`}</Text>
            <Text className='study-row__sub'>{`${QUESTION_KIND_LABEL[q.kind]} · 答案 ${q.answer.map(optionLetter).join('')}`}</Text>
          </View>
          <Text className='study-link' onClick={() => void removeQuestion(q.id)}>
            删除
          </Text>
        </View>
      ))}
      <View className='study-tabs'>
        {KINDS.map((k) => (
          <Text key={k} className={`study-tabs__item ${form.kind === k ? 'study-tabs__item--on' : ''}`} onClick={() => set({ kind: k })}>
            {QUESTION_KIND_LABEL[k]}
          </Text>
        ))}
      </View>
      <Textarea className='study-form__textarea' value={form.stem} maxlength={1000} placeholder='题干' onInput={(e) => set({ stem: e.detail.value })} />
      {form.kind !== 'true_false' ? (
        <Textarea
          className='study-form__textarea'
          value={form.options}
          maxlength={2400}
          placeholder='选项，每行一个'
          onInput={(e) => set({ options: e.detail.value })}
        />
      ) : null}
      <Field
        label='正确答案'
        name='answer'
        value={form.answer}
        maxlength={8}
        placeholder={form.kind === 'true_false' ? 'A 正确 / B 错误' : '如 A 或 AC'}
        onChange={(answer) => set({ answer })}
      />
      <Field
        label='解析'
        name='explanation'
        value={form.explanation}
        maxlength={2000}
        placeholder='交卷后显示（选填）'
        onChange={(explanation) => set({ explanation })}
      />
      <DjButton variant='secondary' loading={busy !== null} onClick={() => void addQuestion()}>
        添加题目
      </DjButton>
      {existing || questions.length ? (
        <View className='study-form__quiz'>
          <Field label='测验标题' name='quizTitle' value={quiz.title} onChange={(title) => setQuiz((q) => ({ ...q, title }))} />
          <Field
            label='抽题数量'
            name='questionCount'
            type='number'
            value={quiz.questionCount}
            onChange={(questionCount) => setQuiz((q) => ({ ...q, questionCount }))}
          />
          <Field
            label='限时分钟'
            name='timeLimitMin'
            type='number'
            value={quiz.timeLimitMin}
            onChange={(timeLimitMin) => setQuiz((q) => ({ ...q, timeLimitMin }))}
          />
          <Field
            label='合格分数'
            name='passPercent'
            type='number'
            value={quiz.passPercent}
            onChange={(passPercent) => setQuiz((q) => ({ ...q, passPercent }))}
          />
          <View className='study-form__actions'>
            <DjButton loading={busy !== null} onClick={() => void saveQuiz()}>
              {existing ? '保存测验' : '设置测验'}
            </DjButton>
            {existing ? (
              <DjButton variant='secondary' loading={busy !== null} onClick={() => void setPublished(!existing.published)}>
                {existing.published ? '停用测验' : '启用测验'}
              </DjButton>
            ) : null}
          </View>
        </View>
      ) : null}
      <FormError message={error} />
    </View>
  );
}
