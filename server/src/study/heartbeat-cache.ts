import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { PgListener } from '../common/pg-listener.js';
import type { BeatRow } from './study-progress.repository.js';
import type { Learner } from './study.repository.js';

/** The lesson's part of a heartbeat's read: its rules, its course, the course's path and status. */
type LessonPart = Pick<BeatRow, 'kind' | 'duration_s' | 'watch_threshold' | 'min_seconds' | 'course_id' | 'org_path' | 'status'>;
/** The learner's part: their clock, their progress on one lesson and their total of one day. */
type LearnerPart = Omit<BeatRow, keyof LessonPart> & { lessonId: string; day: string };

/** Learners and lessons kept per process; past these the oldest entry goes (a miss only costs the read). */
const MAX_LEARNERS = 50_000;
const MAX_LESSONS = 5_000;

const learnerKey = (l: Learner) => `${l.col}:${l.id}`;

/**
 * What a learner's next heartbeat would read (issue 12), so that in the common case a heartbeat is
 * one statement — its write — instead of a read and a write.
 * - The learner's clock, progress and day total are what this process last wrote for them. They need
 *   no invalidation: the write moves the clock only if its `seqs` is still the one the heartbeat
 *   computed from (compare-and-set), and only heartbeats write clocks, progress and day totals, each
 *   moving the clock. A heartbeat on another process or instance in between fails that comparison,
 *   and the heartbeat runs again on a fresh read (StudyProgressService), dropping the entry.
 * - A lesson's rules and its course's path and status can change under a heartbeat: every change
 *   sends NOTIFY study_changed (migration 1795400008000) and every process drops its copy. Lessons
 *   are used only while that connection listens, as the cached callers of SessionService; a read
 *   that was on its way while a change was heard is not kept (`generation`).
 */
@Injectable()
export class HeartbeatCache implements OnApplicationBootstrap {
  private readonly learners = new Map<string, LearnerPart>();
  private readonly lessons = new Map<string, LessonPart>();
  /** Bumped by every change heard: a read begun before it may hold what changed. */
  private changes = 0;

  constructor(private readonly listener: PgListener) {}

  async onApplicationBootstrap() {
    await this.listener.subscribe('study_changed', {
      onNotify: (payload) => this.changed(payload),
      onResync: () => this.dropLessons(),
    });
  }

  /** Taken before a read, passed back to `remember` with what it read. */
  get generation(): number {
    return this.changes;
  }

  /** The heartbeat's read from memory, or undefined when it must go to the database. */
  row(learner: Learner, lessonId: string, day: string): BeatRow | undefined {
    if (!this.listener.isListening) return undefined;
    const mine = this.learners.get(learnerKey(learner));
    const lesson = this.lessons.get(lessonId);
    if (!mine || !lesson || mine.lessonId !== lessonId) return undefined;
    const { lessonId: _l, day: at, ...state } = mine;
    // Only heartbeats write day totals and each moves the clock: a day it has not written is empty.
    return { ...lesson, ...state, day_ms: at === day ? state.day_ms : null };
  }

  /**
   * `row`: what the learner's next heartbeat would read, after this process's write; `generation`:
   * taken before the heartbeat got its lesson. A learner without a clock yet is not kept: their first
   * write opens it, and its id is read next time.
   */
  remember(learner: Learner, lessonId: string, day: string, row: BeatRow, generation: number) {
    if (row.clock_id === null) return this.forget(learner);
    const { kind, duration_s, watch_threshold, min_seconds, course_id, org_path, status, ...state } = row;
    const key = learnerKey(learner);
    this.learners.delete(key);
    if (this.learners.size >= MAX_LEARNERS) this.learners.delete(this.learners.keys().next().value!);
    this.learners.set(key, { ...state, lessonId, day });
    if (generation !== this.changes || !this.listener.isListening) return;
    if (!this.lessons.has(lessonId) && this.lessons.size >= MAX_LESSONS) this.lessons.delete(this.lessons.keys().next().value!);
    this.lessons.set(lessonId, { kind, duration_s, watch_threshold, min_seconds, course_id, org_path, status });
  }

  forget(learner: Learner) {
    this.learners.delete(learnerKey(learner));
  }

  /** A study_changed payload: `l:<lesson>` or `c:<course>`. */
  private changed(payload: string) {
    this.changes++;
    const id = payload.slice(2);
    if (payload.startsWith('l:')) this.lessons.delete(id);
    else for (const [lessonId, l] of this.lessons) if (l.course_id === id) this.lessons.delete(lessonId);
  }

  private dropLessons() {
    this.changes++;
    this.lessons.clear();
  }
}
