import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { PgListener } from '../common/pg-listener.js';
import type { BeatRow, BeatWrite } from './study-progress.repository.js';
import type { Learner } from './study.repository.js';

/** The lesson's part of a heartbeat's read: its rules, its course, the course's path and status. */
type LessonPart = Pick<BeatRow, 'kind' | 'duration_s' | 'watch_threshold' | 'min_seconds' | 'course_id' | 'org_path' | 'status'>;
/** The learner's part: their clock, their progress on one lesson and their total of one day. */
type LearnerPart = Omit<BeatRow, keyof LessonPart> & { col: Learner['col']; lessonId: string; day: string };

/** Learners and lessons kept per process; past these the oldest entry goes (a miss only costs the read). */
const MAX_LEARNERS = 50_000;
const MAX_LESSONS = 5_000;

/**
 * What a learner's next heartbeat would read (issue 12), so that in the common case a heartbeat is
 * one statement — its write — instead of a read and a write.
 * - The learner's clock, progress and day total are what this process last wrote for them. They need
 *   no invalidation: the write moves the clock only if its `seqs` is still the one the heartbeat
 *   computed from (compare-and-set), and only heartbeats write clocks, progress and day totals, each
 *   moving the clock. A heartbeat on another process or instance in between fails that comparison,
 *   and the heartbeat runs again on a fresh read (StudyProgressService), dropping the entry.
 * - A lesson's rules and its course's path and status can change under a heartbeat: every change
 *   sends NOTIFY study_changed (migration 1795400008000) and every process drops its copy; the
 *   process that made it through StudyContentService drops it at once (`courseChanged`). Lessons
 *   are used only while that connection listens, as the cached callers of SessionService; a read
 *   that was on its way while a change was heard is not kept (`generation`).
 */
@Injectable()
export class HeartbeatCache implements OnApplicationBootstrap {
  /** By the learner's id (a member's or an account's; `col` says which), as the cached caller holds it: no key is built per heartbeat. */
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
    const mine = this.learners.get(learner.id);
    const lesson = this.lessons.get(lessonId);
    if (!mine || !lesson || mine.col !== learner.col || mine.lessonId !== lessonId) return undefined;
    // Every field named, not spread: this runs on every heartbeat, and spreading and rest patterns
    // were a tenth of the server's time per heartbeat (profiled, issue 12).
    return {
      kind: lesson.kind,
      duration_s: lesson.duration_s,
      watch_threshold: lesson.watch_threshold,
      min_seconds: lesson.min_seconds,
      course_id: lesson.course_id,
      org_path: lesson.org_path,
      status: lesson.status,
      clock_id: mine.clock_id,
      clock_at: mine.clock_at,
      clock_open: mine.clock_open,
      clock_seqs: mine.clock_seqs,
      position: mine.position,
      credited_ms: mine.credited_ms,
      watched: mine.watched,
      last_beat_at: mine.last_beat_at,
      completed_at: mine.completed_at,
      // Only heartbeats write day totals and each moves the clock: a day it has not written is empty.
      day_ms: mine.day === day ? mine.day_ms : null,
    };
  }

  /**
   * After this process's write `w` of a heartbeat that read `row` (study_heartbeat_write_batch,
   * migration 1795400007000), keeps what the learner's next heartbeat would read; `generation`: taken
   * before the heartbeat got its lesson. A learner without a clock yet is not kept: their first write
   * opens it, and its id is read next time.
   */
  remember(row: BeatRow, w: BeatWrite, dayMs: string | null, generation: number) {
    const { learner, lessonId } = w;
    if (row.clock_id === null) return this.forget(learner);
    const seqs = Object.assign({}, row.clock_seqs);
    seqs[w.deviceId] = w.seq;
    // Replaced where it stands: when the map is full the learner kept longest goes, not the least recently seen (a miss costs one read).
    if (!this.learners.has(learner.id) && this.learners.size >= MAX_LEARNERS) this.learners.delete(this.learners.keys().next().value!);
    this.learners.set(learner.id, {
      col: learner.col,
      lessonId,
      day: w.day,
      clock_id: row.clock_id,
      clock_at: row.clock_at && row.clock_at > w.now ? row.clock_at : w.now,
      clock_open: w.open,
      clock_seqs: seqs,
      position: w.position,
      credited_ms: String(w.creditedMs),
      watched: w.watched,
      last_beat_at: w.now,
      completed_at: row.completed_at ?? w.completedAt,
      day_ms: dayMs ?? row.day_ms,
    });
    if (generation !== this.changes || !this.listener.isListening || this.lessons.has(lessonId)) return;
    if (this.lessons.size >= MAX_LESSONS) this.lessons.delete(this.lessons.keys().next().value!);
    const { kind, duration_s, watch_threshold, min_seconds, course_id, org_path, status } = row;
    this.lessons.set(lessonId, { kind, duration_s, watch_threshold, min_seconds, course_id, org_path, status });
  }

  forget(learner: Learner) {
    this.learners.delete(learner.id);
  }

  /**
   * A change this process committed to a course or lesson: dropped now, so that this instance's very
   * next heartbeat sees it (an archived course refuses it), not only once the NOTIFY comes back —
   * which under load can take longer than the manager's next request.
   */
  courseChanged(courseId: string) {
    this.drop('c', courseId);
  }

  lessonChanged(lessonId: string) {
    this.drop('l', lessonId);
  }

  /** A study_changed payload: `l:<lesson>` or `c:<course>`. */
  private changed(payload: string) {
    this.drop(payload[0] === 'l' ? 'l' : 'c', payload.slice(2));
  }

  private drop(kind: 'l' | 'c', id: string) {
    this.changes++;
    if (kind === 'l') this.lessons.delete(id);
    else for (const [lessonId, l] of this.lessons) if (l.course_id === id) this.lessons.delete(lessonId);
  }

  private dropLessons() {
    this.changes++;
    this.lessons.clear();
  }
}
