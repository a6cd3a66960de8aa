import type {
  AssignmentDetail,
  CourseDetail,
  CourseListQuery,
  CoursePage,
  CreateAssignment,
  CreateCourse,
  CreateLesson,
  CreateOfflineTraining,
  CreateQuestion,
  CreateQuiz,
  Heartbeat,
  HeartbeatResult,
  Leaderboard,
  LeaderboardQuery,
  LessonDetail,
  MyPoints,
  OfflineTraining,
  Question,
  QuizAttempt,
  QuizSummary,
  StudyCategory,
  StudyHours,
  StudyOversight,
  SubmitAttempt,
  UpdateCourse,
  UpdateLesson,
  UpdateQuiz,
} from '@dangjian/shared';
import { request } from './client';
import { authedUrl } from './links';

/* 学习 (issue 7): typed calls over /api/v1/study/*. Study time is integer seconds on the wire. */

const enc = encodeURIComponent;
type Query<T> = { [K in keyof T]?: T[K] extends string | number | boolean | null | undefined ? T[K] : never };

// ---- the member ----

export const listCategories = () => request<StudyCategory[]>('/study/categories');
export const listCourses = (query: Query<CourseListQuery> = {}) => request<CoursePage>('/study/courses', { query });
export const getCourse = (id: string, opts: { toast?: boolean } = {}) => request<CourseDetail>(`/study/courses/${enc(id)}`, opts);
export const getLesson = (id: string) => request<LessonDetail>(`/study/lessons/${enc(id)}`);

/**
 * Heartbeats fail quietly: the scheduler queues and resends them. `event` says whether studying starts,
 * goes on or stops ('stop' closes the session on the server, so a pause is never credited).
 */
export const sendHeartbeat = (body: Heartbeat) => request<HeartbeatResult>('/study/heartbeats', { method: 'POST', body, toast: false });

export const getMyHours = (year?: number) => request<StudyHours>('/study/hours', { query: { year } });
export const getMyPoints = () => request<MyPoints>('/study/points/me');
export const getLeaderboard = (query: Partial<LeaderboardQuery> = {}, opts: { toast?: boolean } = {}) =>
  request<Leaderboard>('/study/leaderboard', { query, ...opts });

export const getQuiz = (id: string) => request<QuizSummary>(`/study/quizzes/${enc(id)}`);
export const listAttempts = (quizId: string) => request<QuizAttempt[]>(`/study/quizzes/${enc(quizId)}/attempts`);
export const startAttempt = (quizId: string) => request<QuizAttempt>(`/study/quizzes/${enc(quizId)}/attempts`, { method: 'POST' });
export const getAttempt = (id: string) => request<QuizAttempt>(`/study/attempts/${enc(id)}`);
export const submitAttempt = (id: string, body: SubmitAttempt) => request<QuizAttempt>(`/study/attempts/${enc(id)}/submit`, { method: 'POST', body });

// ---- secretaries: oversight of the subtree, required courses (L5) ----

export const getOversight = (orgId: string, year?: number) => request<StudyOversight>('/study/oversight', { query: { orgId, year } });
export const oversightExportUrl = (orgId: string, year: number) => authedUrl(`/study/oversight.xlsx?orgId=${enc(orgId)}&year=${year}`, { fresh: true });
export const createAssignment = (body: CreateAssignment) => request<AssignmentDetail>('/study/assignments', { method: 'POST', body, toast: false });
export const getAssignment = (id: string) => request<AssignmentDetail>(`/study/assignments/${enc(id)}`);
/** 集中培训 recorded offline: its hours count for each attendee (L1). */
export const listOfflineTrainings = (orgId: string) => request<OfflineTraining[]>('/study/offline-trainings', { query: { orgId } });
export const recordOfflineTraining = (body: CreateOfflineTraining) =>
  request<OfflineTraining>('/study/offline-trainings', { method: 'POST', body, toast: false });

// ---- organisation workers: the H5 console ----

export const createCourse = (body: CreateCourse) => request<CourseDetail>('/study/courses', { method: 'POST', body, toast: false });
export const updateCourse = (id: string, body: UpdateCourse) => request<CourseDetail>(`/study/courses/${enc(id)}`, { method: 'PATCH', body, toast: false });
export const createLesson = (courseId: string, body: CreateLesson) =>
  request<LessonDetail>(`/study/courses/${enc(courseId)}/lessons`, { method: 'POST', body, toast: false });
export const updateLesson = (id: string, body: UpdateLesson) => request<LessonDetail>(`/study/lessons/${enc(id)}`, { method: 'PATCH', body, toast: false });
/** Only a course nobody has studied; otherwise 409 STUDY_COURSE_STUDIED (archive it instead). */
export const deleteCourse = (id: string) => request<null>(`/study/courses/${enc(id)}`, { method: 'DELETE', toast: false });
export const deleteLesson = (id: string) => request<null>(`/study/lessons/${enc(id)}`, { method: 'DELETE', toast: false });
export const listQuestions = (courseId: string) => request<Question[]>(`/study/courses/${enc(courseId)}/questions`);
export const createQuestion = (courseId: string, body: CreateQuestion) =>
  request<Question>(`/study/courses/${enc(courseId)}/questions`, { method: 'POST', body, toast: false });
export const deleteQuestion = (id: string) => request<null>(`/study/questions/${enc(id)}`, { method: 'DELETE', toast: false });
export const createQuiz = (courseId: string, body: CreateQuiz) =>
  request<QuizSummary>(`/study/courses/${enc(courseId)}/quizzes`, { method: 'POST', body, toast: false });
/** Settings, or `published: false` to withdraw the quiz (true to bring it back). */
export const updateQuiz = (id: string, body: UpdateQuiz) => request<QuizSummary>(`/study/quizzes/${enc(id)}`, { method: 'PATCH', body, toast: false });
