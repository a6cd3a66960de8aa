/*
 * Learning rules L1–L5 as pure functions. The server enforces them (a heartbeat's credit is
 * `creditHeartbeat` applied to the member's study-clock row as the locking upsert returned it, see
 * server/src/study/study-progress.service.ts), the mini-program shows them.
 */

import type { AssignmentState, LessonKind, PointsActivity, ProgressState, QuestionKind } from '../study.js';
import { chinaDate } from './meeting-rules.js';

// ---------------------------------------------------------------------------------------------
// L2 heartbeats

/** L2: a gap over 10 minutes closes the study session; the gap itself is never credited. */
export const SESSION_GAP_MS = 10 * 60_000;
/** Clients send a heartbeat every 30 s (the bench's learner model). */
export const HEARTBEAT_INTERVAL_S = 30;
/** Fastest playback that still counts as watching (2× speed). */
export const MAX_PLAYBACK_RATE = 2;
/** Slack for timer jitter between client and server when judging a position advance (seconds). */
export const POSITION_SLACK_S = 2;

/** `lastAtMs` null: no open session (never studied, or the last beat was a 'stop'). */
export type StudyClockState = { lastAtMs: number | null; seqs: Readonly<Record<string, number>> };
export type HeartbeatCredit = { creditedMs: number; outcome: 'credited' | 'session_started' | 'replay'; next: StudyClockState };

/**
 * L2: what one heartbeat at server time `nowMs` credits. One clock per member (not per device or
 * lesson): a heartbeat credits the wall-clock time since the member's previous accepted heartbeat,
 * whatever device sent either, so any number of devices in parallel together never earn more than
 * the time that passed. A repeated or older `seq` of a device is a replay (nothing credited, state
 * unchanged); a gap over SESSION_GAP_MS starts a new session (nothing credited for the gap);
 * a heartbeat at or before the previous one credits nothing. A 'stop' beat is credited like any
 * other, then closes the session: the time until the next beat (a pause) is never credited.
 */
export function creditHeartbeat(
  state: StudyClockState,
  hb: { nowMs: number; deviceId: string; seq: number; event?: 'start' | 'tick' | 'stop' },
): HeartbeatCredit {
  const lastSeq = state.seqs[hb.deviceId];
  if (lastSeq !== undefined && hb.seq <= lastSeq) return { creditedMs: 0, outcome: 'replay', next: state };
  const seqs = { ...state.seqs, [hb.deviceId]: hb.seq };
  const open = (lastAtMs: number) => (hb.event === 'stop' ? null : lastAtMs);
  if (state.lastAtMs === null || hb.nowMs - state.lastAtMs > SESSION_GAP_MS) {
    return { creditedMs: 0, outcome: 'session_started', next: { lastAtMs: open(hb.nowMs), seqs } };
  }
  const creditedMs = Math.max(0, hb.nowMs - state.lastAtMs);
  return { creditedMs, outcome: 'credited', next: { lastAtMs: open(Math.max(state.lastAtMs, hb.nowMs)), seqs } };
}

/** Watched parts of a media file: sorted, disjoint [start, end) ranges of whole seconds. */
export type Segments = Array<[number, number]>;

export function mergeSegment(segments: Segments, from: number, to: number): Segments {
  const a = Math.max(0, Math.floor(from));
  const b = Math.floor(to);
  if (b <= a) return segments;
  const out: Segments = [];
  let cur: [number, number] = [a, b];
  let placed = false;
  for (const [s, e] of segments) {
    if (e < cur[0]) out.push([s, e]);
    else if (s > cur[1]) {
      if (!placed) {
        out.push(cur);
        placed = true;
      }
      out.push([s, e]);
    } else cur = [Math.min(s, cur[0]), Math.max(e, cur[1])];
  }
  if (!placed) out.push(cur);
  return out;
}

export const watchedSeconds = (segments: Segments): number => segments.reduce((n, [s, e]) => n + (e - s), 0);

/**
 * L2: the part of the media watched between two heartbeats. Only a forward move no larger than the
 * credited wall-clock time (at up to MAX_PLAYBACK_RATE, plus slack) counts: a jump ahead (seek, or a
 * claimed position) moves the resume point but adds nothing to the watched share.
 */
export function advanceWatched(segments: Segments, p: { prevPosition: number | null; position: number; creditedS: number; durationS: number }): Segments {
  if (p.prevPosition === null || p.creditedS <= 0) return segments;
  const moved = p.position - p.prevPosition;
  if (moved <= 0 || moved > p.creditedS * MAX_PLAYBACK_RATE + POSITION_SLACK_S) return segments;
  return mergeSegment(segments, p.prevPosition, Math.min(p.position, p.durationS));
}

export type LessonRule = { kind: LessonKind; durationS: number | null; watchThreshold: number | null; minSeconds: number | null };

/** L2: share of the completion threshold reached, 0..1 (1 = done). */
export function lessonProgress(rule: LessonRule, p: { watchedS: number; creditedS: number }): number {
  if (rule.kind === 'video' || rule.kind === 'audio') {
    const duration = rule.durationS ?? 0;
    const threshold = rule.watchThreshold ?? 0.9;
    if (duration <= 0) return 0;
    // Integer seconds: 90 % of 61 s needs 55 s (ceil), never 54.9.
    const need = Math.max(1, Math.ceil(duration * threshold - 1e-9));
    return Math.min(1, p.watchedS / need);
  }
  const need = rule.minSeconds ?? 60;
  return Math.min(1, p.creditedS / need);
}

export const lessonDone = (rule: LessonRule, p: { watchedS: number; creditedS: number }) => lessonProgress(rule, p) >= 1;

export function progressState(p: { started: boolean; done: boolean }): ProgressState {
  return p.done ? 'done' : p.started ? 'in_progress' : 'not_started';
}

// ---------------------------------------------------------------------------------------------
// L1 yearly hours

export const HOURS_REQUIRED_MEMBER = 32;
export const HOURS_REQUIRED_LEADER = 56;
/** Committee roles/positions that raise the requirement to 56 h. */
export const LEADER_POSITIONS = ['secretary', 'deputy_secretary', 'organisation_member', 'propaganda_member', 'discipline_member', 'committee_member'] as const;

/** L1: 56 h for secretaries and committee members (any committee position or such a role), 32 h otherwise. */
export function requiredHours(positions: ReadonlyArray<string>): { hours: number; reason: string } {
  const leader = positions.some((p) => (LEADER_POSITIONS as readonly string[]).includes(p));
  return leader
    ? { hours: HOURS_REQUIRED_LEADER, reason: '书记、委员每年学习不少于 56 学时' }
    : { hours: HOURS_REQUIRED_MEMBER, reason: '党员每年学习不少于 32 学时' };
}

/** L1: met when the year's seconds reach the requirement (hours do not carry over: one year only). */
export const hoursMet = (totalS: number, requiredH: number) => totalS >= requiredH * 3600;

/** Hours with one decimal, rounded down (never show a requirement as met before it is). */
export const formatHours = (seconds: number): string => (Math.floor(seconds / 360) / 10).toFixed(1);

/** China calendar year of an instant. */
export const chinaYear = (d: Date): number => Number(chinaDate(d).slice(0, 4));
/** [start, end) of a China calendar year as instants. */
export function chinaYearRange(year: number): { from: Date; to: Date } {
  return { from: new Date(Date.UTC(year, 0, 1) - 8 * 3600_000), to: new Date(Date.UTC(year + 1, 0, 1) - 8 * 3600_000) };
}

// ---------------------------------------------------------------------------------------------
// L3 quizzes

/** L3: a question is right when the chosen options are exactly the answer (order and repeats ignored). */
export function answerCorrect(kind: QuestionKind, answer: ReadonlyArray<number>, given: ReadonlyArray<number> | undefined): boolean {
  if (!given || given.length === 0) return false;
  const a = [...new Set(answer)].sort();
  const g = [...new Set(given)].sort();
  if (kind !== 'multiple' && g.length !== 1) return false;
  return a.length === g.length && a.every((v, i) => v === g[i]);
}

/** L3: the answer key must fit the kind and the options. */
export function questionShapeError(q: { kind: QuestionKind; options: ReadonlyArray<string>; answer: ReadonlyArray<number> }): string | null {
  if (q.kind === 'true_false' && q.options.length !== 2) return '判断题只有两个选项';
  if (q.answer.some((i) => i >= q.options.length)) return '答案超出选项范围';
  if (new Set(q.answer).size !== q.answer.length) return '答案重复';
  if (q.kind !== 'multiple' && q.answer.length !== 1) return '单选题、判断题只有一个正确答案';
  return null;
}

export const TRUE_FALSE_OPTIONS = ['正确', '错误'];

export type ScoredQuestion = { id: string; kind: QuestionKind; answer: ReadonlyArray<number> };
/** L3: score of an attempt; percent rounded down, pass when percent ≥ pass mark. */
export function scoreAttempt(questions: ReadonlyArray<ScoredQuestion>, answers: Readonly<Record<string, ReadonlyArray<number>>>, passPercent: number) {
  const correct = questions.map((q) => answerCorrect(q.kind, q.answer, answers[q.id]));
  const correctCount = correct.filter(Boolean).length;
  const scorePercent = questions.length === 0 ? 0 : Math.floor((correctCount * 100) / questions.length);
  return { correct, correctCount, scorePercent, passed: scorePercent >= passPercent };
}

/** L3: draw `count` distinct ids at random (Fisher–Yates on a copy); `random` is injectable for tests. */
export function drawQuestions<T>(bank: ReadonlyArray<T>, count: number, random: () => number = Math.random): T[] {
  const pool = [...bank];
  const n = Math.min(count, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n);
}

/** L3: the server accepts a submission until the deadline (inclusive) plus this grace for the network. */
export const SUBMIT_GRACE_MS = 5_000;
export const attemptOpen = (deadline: Date, now: Date) => now.getTime() <= deadline.getTime() + SUBMIT_GRACE_MS;

// ---------------------------------------------------------------------------------------------
// L4 points

/**
 * L4, P3: the default points per event and caps per activity (学习强国 style): each activity's first rule
 * version. The committee versions them afterwards (server/src/points); `yearlyCap` absent = none.
 */
export const POINTS_RULES: Record<PointsActivity, { points: number; dailyCap: number; yearlyCap?: number; note: string }> = {
  study_minutes: { points: 1, dailyCap: 6, note: '每学习 5 分钟 1 分，每日上限 6 分' },
  lesson_completed: { points: 2, dailyCap: 10, note: '每完成 1 个课时 2 分，每日上限 10 分' },
  course_completed: { points: 5, dailyCap: 10, note: '每完成 1 门课程 5 分，每日上限 10 分' },
  quiz_passed: { points: 5, dailyCap: 10, note: '每通过 1 次测验 5 分，每日上限 10 分' },
  checkin: { points: 2, dailyCap: 4, note: '每次会议签到 2 分，每日上限 4 分' },
  fee_on_time: { points: 3, dailyCap: 3, yearlyCap: 36, note: '每月按时交纳党费 3 分，每年上限 36 分' },
  notice_ack: { points: 1, dailyCap: 3, yearlyCap: 100, note: '每确认 1 条通知 1 分，每日上限 3 分' },
  news_published: { points: 3, dailyCap: 6, yearlyCap: 60, note: '每发表 1 篇党建动态 3 分，每日上限 6 分' },
  vanguard_duty: { points: 2, dailyCap: 4, yearlyCap: 120, note: '先锋岗每履职 1 次 2 分，每日上限 4 分' },
  // P4: one award per whole service hour credited (wholeHoursCrossed), on the activity's day.
  volunteer_hours: { points: 1, dailyCap: 8, note: '志愿服务每满 1 小时 1 分，每日上限 8 分' },
  live_host: { points: 10, dailyCap: 10, note: '担任红色主播完成一次直播 10 分，每日上限 10 分' },
};
/** Seconds of credited study per study_minutes award. */
export const STUDY_MINUTES_STEP_S = 300;

/** L4: points that may still be awarded today: never above the cap, never negative. */
export const pointsWithinCap = (earnedToday: number, points: number, cap: number): number => Math.max(0, Math.min(points, cap - earnedToday));

/** L4: how many study_minutes steps a day's credited seconds crossed by going from `before` to `after`. */
export const studyStepsCrossed = (beforeS: number, afterS: number): number[] => {
  const out: number[] = [];
  for (let k = Math.floor(beforeS / STUDY_MINUTES_STEP_S) + 1; k * STUDY_MINUTES_STEP_S <= afterS; k++) out.push(k);
  return out;
};

// ---------------------------------------------------------------------------------------------
// L5 assignments

/** L5: done beats everything; past the deadline (China date) and not done = overdue. */
export function assignmentState(p: { done: boolean; started: boolean; deadline: string; today: string }): AssignmentState {
  if (p.done) return 'done';
  if (p.today > p.deadline) return 'overdue';
  return p.started ? 'in_progress' : 'not_started';
}
