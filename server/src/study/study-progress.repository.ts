import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { chinaYearRange, type CourseStatus, type LessonKind, type Segments } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { Learner } from './study.repository.js';

/** What a heartbeat reads: the learner's clock, the lesson and its course, the learner's progress on it and day. */
export type BeatRow = {
  clock_id: string | null;
  clock_at: Date | null;
  clock_open: boolean | null;
  clock_seqs: Record<string, number> | null;
  kind: LessonKind;
  duration_s: number | null;
  watch_threshold: number | null;
  min_seconds: number | null;
  course_id: string;
  org_path: string | null;
  status: CourseStatus;
  position: number | null;
  credited_ms: string | null;
  watched: Segments | null;
  last_beat_at: Date | null;
  completed_at: Date | null;
  day_ms: string | null;
};

/** What a heartbeat's read asks for. */
export type BeatRead = { learner: Learner; lessonId: string; day: string };

/** A heartbeat's write: the clock as it was read (compared and set) and what to store. */
export type BeatWrite = {
  learner: Learner;
  read: Pick<BeatRow, 'clock_id' | 'clock_seqs'>;
  deviceId: string;
  seq: number;
  open: boolean;
  lessonId: string;
  courseId: string;
  position: number;
  creditedMs: number;
  watched: Segments;
  watchedS: number;
  now: Date;
  completedAt: Date | null;
  day: string;
  dayCreditedMs: number;
};

export type HoursRow = {
  id: string;
  name: string;
  organisation_id: string;
  org_name: string;
  online_ms: string;
  offline_s: string;
  meeting_s: string;
  positions: string[];
};

/** Whose L1 hours: one member, or the current members of an organisation's subtree. */
export type HoursFilter = { memberId: string } | { orgPath: string };

export type OfflineTrainingRow = {
  id: string;
  organisation_id: string;
  org_name: string;
  title: string;
  date: string;
  seconds: number;
  member_count: number;
  created_at: Date;
};

/** Study progress, hours, offline training and points (L1, L2, L4): all their SQL. */
@Injectable()
export class StudyProgressRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Heartbeats' reads without a lock, many in one statement (`study_heartbeat_read_batch`, migration
   * 1795400007000): each learner's clock (null before their first heartbeat), the lesson with its
   * course, the learner's progress on it and their total of the day; one answer per item, undefined
   * for a lesson that does not exist. `m` is the transaction of the heartbeat's slow path.
   */
  async readHeartbeats(items: BeatRead[], m: EntityManager = this.db.manager): Promise<Array<BeatRow | undefined>> {
    const rows: Array<BeatRow & { ord: number }> = await m.query(`SELECT * FROM study_heartbeat_read_batch($1::uuid[], $2::uuid[], $3::uuid[], $4::date[])`, [
      items.map((i) => i.learner.memberId),
      items.map((i) => i.learner.userId),
      items.map((i) => i.lessonId),
      items.map((i) => i.day),
    ]);
    const out = new Array<BeatRow | undefined>(items.length);
    for (const { ord, ...row } of rows) out[ord - 1] = row;
    return out;
  }

  /** Locks the learner's clock row for the rest of the transaction (the heartbeat's slow path). */
  async lockClock(tx: EntityManager, learner: Learner): Promise<void> {
    await tx.query(`SELECT 1 FROM study_clock WHERE ${learner.col} = $1 FOR UPDATE`, [learner.id]);
  }

  /**
   * Heartbeats' writes, many in one statement (`study_heartbeat_write_batch`, migration
   * 1795400007000), at most one per learner: each learner's clock moves only if it is still as `read`
   * found it (compare-and-set on `seqs`, which every heartbeat changes — each device's sequence only
   * grows — so no other heartbeat of the learner came between), and only then are the lesson's
   * progress and the day's total written. `clocked` false: another heartbeat won, nothing was written.
   * `dayMs`: the day's new total when something was added. `m` is the transaction of the heartbeat's
   * slow path.
   */
  async writeHeartbeats(items: BeatWrite[], m: EntityManager = this.db.manager): Promise<Array<{ clocked: boolean; dayMs: string | null }>> {
    const col = <T>(f: (w: BeatWrite) => T) => items.map(f);
    const rows: Array<{ ord: number; clocked: boolean; day_ms: string | null }> = await m.query(
      `SELECT * FROM study_heartbeat_write_batch($1::uuid[], $2::uuid[], $3::uuid[], $4::jsonb[], $5::text[], $6::bigint[], $7::boolean[], $8::timestamptz[],
                                                 $9::uuid[], $10::uuid[], $11::float8[], $12::bigint[], $13::jsonb[], $14::integer[], $15::timestamptz[],
                                                 $16::date[], $17::bigint[])`,
      [
        col((w) => w.learner.memberId),
        col((w) => w.learner.userId),
        col((w) => w.read.clock_id),
        col((w) => JSON.stringify(w.read.clock_seqs)),
        col((w) => w.deviceId),
        col((w) => w.seq),
        col((w) => w.open),
        col((w) => w.now),
        col((w) => w.lessonId),
        col((w) => w.courseId),
        col((w) => w.position),
        col((w) => w.creditedMs),
        col((w) => JSON.stringify(w.watched)),
        col((w) => w.watchedS),
        col((w) => w.completedAt),
        col((w) => w.day),
        col((w) => w.dayCreditedMs),
      ],
    );
    const out = items.map(() => ({ clocked: false, dayMs: null as string | null }));
    for (const r of rows) out[r.ord - 1] = { clocked: r.clocked, dayMs: r.day_ms };
    return out;
  }

  async courseCompleted(tx: EntityManager, courseId: string, memberId: string): Promise<boolean> {
    const [c]: Array<{ all_done: boolean }> = await tx.query(
      `SELECT (SELECT count(*) FROM study_lesson WHERE course_id = $1) = (SELECT count(*) FROM study_progress WHERE course_id = $1 AND member_id = $2 AND completed_at IS NOT NULL) AS all_done`,
      [courseId, memberId],
    );
    return c?.all_done ?? false;
  }

  /** Milliseconds credited to an account on the days `from`–`to`. */
  async accountStudyMs(userId: string, from: string, to: string, manager: EntityManager = this.db.manager): Promise<number> {
    const [row]: Array<{ ms: string }> = await manager.query(
      `SELECT COALESCE(sum(credited_ms), 0)::bigint AS ms FROM study_day WHERE user_id = $1 AND day BETWEEN $2 AND $3`,
      [userId, from, to],
    );
    return Number(row?.ms ?? 0);
  }

  /**
   * L1 totals of a year for the members `f` names: online study (study days), offline training and
   * meetings with study hours the member checked in to.
   */
  hoursRows(year: number, f: HoursFilter): Promise<HoursRow[]> {
    const { from, to } = chinaYearRange(year);
    const [where, param] = 'memberId' in f ? ['m.id = $5', f.memberId] : ['m.org_path <@ $5::ltree AND m.left_at IS NULL', f.orgPath];
    return this.db.query(
      `SELECT m.id, m.name, m.organisation_id, o.name AS org_name,
              COALESCE((SELECT sum(credited_ms) FROM study_day d WHERE d.member_id = m.id AND d.day BETWEEN $1 AND $2), 0) AS online_ms,
              COALESCE((SELECT sum(t.seconds) FROM study_offline_attendee a JOIN study_offline_training t ON t.id = a.training_id
                         WHERE a.member_id = m.id AND t.date BETWEEN $1 AND $2), 0) AS offline_s,
              COALESCE((SELECT sum(mt.study_hours * 3600) FROM meeting_checkin ch JOIN meeting mt ON mt.id = ch.meeting_id
                         WHERE ch.member_id = m.id AND ch.status = 'confirmed' AND mt.study_hours IS NOT NULL AND mt.cancelled_at IS NULL
                           AND mt.starts_at >= $3 AND mt.starts_at < $4), 0) AS meeting_s,
              ARRAY(SELECT cp.position::text FROM committee_position cp WHERE cp.member_id = m.id AND cp.ended_on IS NULL
                    UNION SELECT r.role::text FROM role_assignment r JOIN user_account u ON u.id = r.user_id WHERE u.member_id = m.id) AS positions
         FROM member m JOIN organisation o ON o.id = m.organisation_id
        WHERE ${where}
        ORDER BY m.name`,
      [`${year}-01-01`, `${year}-12-31`, from, to, param],
    );
  }

  /** How many of `ids` are current members inside `orgPath`. */
  async countCurrentMembers(tx: EntityManager, ids: string[], orgPath: string): Promise<number> {
    const [count]: Array<{ n: number }> = await tx.query(
      `SELECT count(*)::int AS n FROM member WHERE id = ANY($1::uuid[]) AND org_path <@ $2::ltree AND left_at IS NULL`,
      [ids, orgPath],
    );
    return count?.n ?? 0;
  }

  async insertOffline(
    tx: EntityManager,
    t: { orgId: string; orgPath: string; title: string; date: string; seconds: number; createdBy: string; memberIds: string[] },
  ): Promise<{ id: string; created_at: Date }> {
    const [row]: Array<{ id: string; created_at: Date }> = await tx.query(
      `INSERT INTO study_offline_training (organisation_id, org_path, title, date, seconds, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at`,
      [t.orgId, t.orgPath, t.title, t.date, t.seconds, t.createdBy],
    );
    await tx.query(`INSERT INTO study_offline_attendee (training_id, member_id) SELECT $1, unnest($2::uuid[])`, [row!.id, t.memberIds]);
    return row!;
  }

  async orgName(tx: EntityManager, orgId: string): Promise<string | undefined> {
    const [org]: Array<{ name: string }> = await tx.query(`SELECT name FROM organisation WHERE id = $1`, [orgId]);
    return org?.name;
  }

  listOffline(orgPath: string): Promise<OfflineTrainingRow[]> {
    return this.db.query(
      `SELECT t.id, t.organisation_id, o.name AS org_name, t.title, t.date::text AS date, t.seconds, t.created_at,
              (SELECT count(*)::int FROM study_offline_attendee a WHERE a.training_id = t.id) AS member_count
         FROM study_offline_training t JOIN organisation o ON o.id = t.organisation_id
        WHERE t.org_path <@ $1::ltree ORDER BY t.date DESC, t.created_at DESC LIMIT 200`,
      [orgPath],
    );
  }

  /** The meeting's organisation path, the meeting row locked; undefined when there is no such meeting. */
  async lockMeetingPath(tx: EntityManager, meetingId: string): Promise<string | undefined> {
    const [m]: Array<{ path: string }> = await tx.query(
      `SELECT o.path::text AS path FROM meeting mt JOIN organisation o ON o.id = mt.organisation_id WHERE mt.id = $1 FOR UPDATE OF mt`,
      [meetingId],
    );
    return m?.path;
  }

  async setMeetingHours(tx: EntityManager, meetingId: string, hours: number | null): Promise<void> {
    await tx.query(`UPDATE meeting SET study_hours = $2 WHERE id = $1`, [meetingId, hours]);
  }
}
