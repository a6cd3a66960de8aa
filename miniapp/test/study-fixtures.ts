import type { CourseSummary, MyPoints, QuizAttempt, QuizSummary, StudyHours } from '@dangjian/shared';
import { BRANCH_ID, memberMe } from './fixtures';

export const COURSE_ID = '77777777-7777-4777-8777-777777777777';
export const QUIZ_ID = '88888888-8888-4888-8888-888888888888';
export const ATTEMPT_ID = '99999999-9999-4999-8999-999999999999';
export const Q1 = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const Q2 = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

export const studyHours = (over: Partial<StudyHours> = {}): StudyHours => ({
  year: 2026,
  member: { id: memberMe.memberId!, name: memberMe.displayName },
  onlineS: 36_000,
  offlineS: 7_200,
  meetingS: 0,
  totalS: 43_200,
  requiredHours: 32,
  requirementReason: '党员每年不少于 32 学时',
  met: false,
  ...over,
});

export const courseSummary = (over: Partial<CourseSummary> = {}): CourseSummary => ({
  id: COURSE_ID,
  title: '学习新党章',
  summary: '',
  category: null,
  coverUrl: null,
  recommended: false,
  status: 'published',
  org: { id: BRANCH_ID, name: '第一党支部' },
  lessonCount: 4,
  lessonsDone: 1,
  state: 'in_progress',
  requiredBy: '2026-12-31',
  publishedAt: '2026-11-01T00:00:00.000Z',
  ...over,
});

export const myPoints = (over: Partial<MyPoints> = {}): MyPoints => ({
  total: 120,
  year: 2026,
  yearTotal: 86,
  today: [
    { activity: 'study_minutes', points: 4, cap: 6 },
    { activity: 'quiz_passed', points: 5, cap: 10 },
  ],
  recent: [],
  ...over,
});

export const quizSummary = (over: Partial<QuizSummary> = {}): QuizSummary => ({
  id: QUIZ_ID,
  courseId: COURSE_ID,
  title: '党章测验',
  questionCount: 2,
  timeLimitS: 600,
  passPercent: 60,
  published: true,
  attempts: 0,
  bestPercent: null,
  lastPercent: null,
  passed: false,
  ...over,
});

export const runningAttempt = (over: Partial<QuizAttempt> = {}): QuizAttempt => ({
  id: ATTEMPT_ID,
  quizId: QUIZ_ID,
  quizTitle: '党章测验',
  status: 'in_progress',
  startedAt: '2026-11-22T08:00:00.000Z',
  deadline: '2026-11-22T08:10:00.000Z',
  submittedAt: null,
  passPercent: 60,
  questions: [
    { id: Q1, kind: 'single', stem: '党的最高理想是？', options: ['共产主义', '小康社会'] },
    { id: Q2, kind: 'multiple', stem: '三会一课包括？', options: ['支部党员大会', '党课', '运动会'] },
  ],
  correctCount: null,
  scorePercent: null,
  passed: null,
  ...over,
});
