import { emptyLessonForm, emptyQuestionForm, emptyQuizForm, quizFormOf, toLesson, toQuestion, toQuiz } from './console-forms';

const FILE = '44444444-4444-4444-8444-444444444444';

describe('console forms', () => {
  it('a video lesson needs its uploaded file; minutes and percent become seconds and a share', () => {
    const f = { ...emptyLessonForm('video'), title: '党章学习（一）' };
    expect(toLesson(f)).toEqual({ ok: false, error: '请先上传课时文件' });
    expect(toLesson({ ...f, fileId: FILE, durationMin: '12.5', watchPercent: '80' })).toEqual({
      ok: true,
      body: { title: '党章学习（一）', kind: 'video', fileId: FILE, durationS: 750, watchThreshold: 0.8 },
    });
  });

  it('an article needs a body and takes its minimum reading time in minutes; a missing title is named', () => {
    expect(toLesson({ ...emptyLessonForm('article'), title: '读原文' })).toEqual({ ok: false, error: '请填写正文' });
    expect(toLesson({ ...emptyLessonForm('article'), title: '读原文', bodyHtml: '<p>正文</p>', minMinutes: '3' })).toMatchObject({
      ok: true,
      body: { kind: 'article', minSeconds: 180 },
    });
    expect(toLesson({ ...emptyLessonForm('article'), bodyHtml: '<p>正文</p>' })).toEqual({ ok: false, error: '请填写标题' });
  });

  it('questions: options per line, answer as letters, the L3 shape rules of shared', () => {
    const f = { ...emptyQuestionForm(), stem: '党的最高理想是？', options: '共产主义\n小康社会\n\n', answer: 'a' };
    expect(toQuestion(f)).toMatchObject({ ok: true, body: { kind: 'single', options: ['共产主义', '小康社会'], answer: [0] } });
    expect(toQuestion({ ...f, answer: 'AB' })).toEqual({ ok: false, error: '单选题、判断题只有一个正确答案' });
    expect(toQuestion({ ...f, answer: 'C' })).toEqual({ ok: false, error: '答案超出选项范围' });
    expect(toQuestion({ ...f, answer: '' })).toEqual({ ok: false, error: '请填写正确答案（如 A 或 AC）' });
    expect(toQuestion({ ...f, kind: 'multiple', options: '甲\n乙\n丙', answer: 'ca' })).toMatchObject({ ok: true, body: { answer: [2, 0] } });
    expect(toQuestion({ ...f, kind: 'true_false', options: '', answer: 'B' })).toMatchObject({ ok: true, body: { kind: 'true_false', answer: [1] } });
  });

  it('a quiz cannot draw more questions than the bank holds; limits are the shared schema’s', () => {
    const f = emptyQuizForm('党章');
    expect(f.title).toBe('党章测验');
    expect(toQuiz(f, 3)).toEqual({ ok: false, error: '题库只有 3 道题，抽题数量不能更多' });
    expect(toQuiz(f, 10)).toEqual({ ok: true, body: { title: '党章测验', questionCount: 5, timeLimitS: 600, passPercent: 60, published: true } });
    expect(toQuiz({ ...f, passPercent: '0' }, 10)).toMatchObject({ ok: false });
  });

  it('edits an existing quiz with the same form: its settings come back unchanged', () => {
    const existing = { title: '党章知识测验', questionCount: 5, timeLimitS: 300, passPercent: 80 };
    expect(toQuiz(quizFormOf(existing), 6)).toEqual({ ok: true, body: { ...existing, published: true } });
  });
});
