import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  advanceWatched,
  chinaDate,
  chinaYear,
  chinaYearRange,
  creditHeartbeat,
  HEARTBEAT_INTERVAL_S,
  hoursMet,
  lessonProgress,
  progressState,
  requiredHours,
  studyStepsCrossed,
  watchedSeconds,
  type CourseStatus,
  type CreateOfflineTraining,
  type Heartbeat,
  type HeartbeatResult,
  type LessonKind,
  type OfflineTraining,
  type Segments,
  type SetMeetingStudyHours,
  type StudyHours,
} from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { StudyAccess } from './study-access.js';
import { StudyPointsService } from './study-points.service.js';
import { StudyErrors } from './study.errors.js';

type BeatRow = {
  clocked: boolean;
  prev_at: Date | null;
  was_open: boolean | null;
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

/**
 * L2 heartbeats and L1 hours. A heartbeat is one transaction of two statements: `study_heartbeat_open`
 * (the member's study-clock upsert, which locks the member's row so every heartbeat of a member — any
 * device, any lesson — is serialised and credited only the wall-clock time since the previous one, then
 * the read of the lesson with the member's progress) and one statement that writes progress and the day's total.
 */
@Injectable()
export class StudyProgressService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly study: StudyAccess,
    private readonly access: AccessService,
    private readonly points: StudyPointsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async heartbeat(auth: AuthContext, hb: Heartbeat): Promise<HeartbeatResult> {
    const learner = this.study.learner(auth);
    const { memberId, col } = learner;
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      // One round trip: the learner's clock upsert (locks it; a seq not above the device's last one is a
      // replay: clocked = false), then the lesson and progress read after the lock (migration 1795337000000).
      const [row]: BeatRow[] = await tx.query(`SELECT * FROM study_heartbeat_open($1, $2, $3, $4, $5, $6, $7)`, [
        learner.memberId,
        learner.userId,
        now,
        hb.deviceId,
        hb.seq,
        hb.event !== 'stop',
        hb.lessonId,
      ]);
      if (!row) throw notFound('课时');
      // A closed session (after a 'stop') counts as none: the pause is not credited.
      const prevAt = row.was_open ? row.prev_at : null;
      const credit = !row.clocked
        ? { creditedMs: 0, outcome: 'replay' as const }
        : creditHeartbeat({ lastAtMs: prevAt?.getTime() ?? null, seqs: {} }, { nowMs: now.getTime(), deviceId: hb.deviceId, seq: hb.seq, event: hb.event });
      if (!(await this.study.mayStudy(auth, { id: row.course_id, orgPath: row.org_path, status: row.status }, tx))) throw forbidden();
      const rule = { kind: row.kind, durationS: row.duration_s, watchThreshold: row.watch_threshold, minSeconds: row.min_seconds };
      let watched = row.watched ?? [];
      let creditedMs = Number(row.credited_ms ?? 0);
      const wasDone = row.completed_at !== null;
      if (credit.outcome !== 'replay') {
        // Watched share only between consecutive heartbeats of the member on this lesson.
        const consecutive = credit.outcome === 'credited' && row.last_beat_at !== null && prevAt !== null && row.last_beat_at.getTime() === prevAt.getTime();
        if (row.kind === 'video' || row.kind === 'audio') {
          watched = advanceWatched(watched, {
            prevPosition: consecutive ? row.position : null,
            position: hb.position,
            creditedS: credit.creditedMs / 1000,
            durationS: row.duration_s ?? 0,
          });
        }
        creditedMs += credit.creditedMs;
      }
      const watchedS = watchedSeconds(watched);
      const progress = lessonProgress(rule, { watchedS, creditedS: Math.floor(creditedMs / 1000) });
      const justCompleted = !wasDone && progress >= 1 && credit.outcome !== 'replay';
      if (credit.outcome !== 'replay') {
        const day = chinaDate(now);
        const [w]: Array<{ day_ms: string | null }> = await tx.query(
          `WITH p AS (
             INSERT INTO study_progress AS sp (${col}, lesson_id, course_id, position, credited_ms, watched, watched_s, last_beat_at, completed_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $8)
             ON CONFLICT (${col}, lesson_id) DO UPDATE SET position = excluded.position, credited_ms = excluded.credited_ms, watched = excluded.watched,
               watched_s = excluded.watched_s, last_beat_at = excluded.last_beat_at, completed_at = COALESCE(sp.completed_at, excluded.completed_at), updated_at = excluded.updated_at),
           d AS (
             INSERT INTO study_day AS sd (${col}, day, credited_ms) SELECT $1, $10::date, $11::bigint WHERE $11::bigint > 0
             ON CONFLICT (${col}, day) DO UPDATE SET credited_ms = sd.credited_ms + excluded.credited_ms RETURNING sd.credited_ms)
           SELECT (SELECT credited_ms FROM d) AS day_ms`,
          [
            learner.id,
            hb.lessonId,
            row.course_id,
            hb.position,
            creditedMs,
            JSON.stringify(watched),
            watchedS,
            now,
            justCompleted ? now : null,
            day,
            credit.creditedMs,
          ],
        );
        // L4 points are a member's (ledger, leaderboards); a candidate's account earns time and completions only.
        if (w?.day_ms && memberId) {
          const after = Number(w.day_ms) / 1000;
          for (const k of studyStepsCrossed(after - credit.creditedMs / 1000, after))
            await this.points.award(tx, memberId, 'study_minutes', `study:${memberId}:${day}:${k}`, day);
        }
        if (justCompleted && memberId) await this.completed(tx, memberId, hb.lessonId, row.course_id, day);
      }
      return {
        outcome: credit.outcome,
        creditedS: credit.creditedMs / 1000,
        lessonCreditedS: Math.floor(creditedMs / 1000),
        watchedS,
        progress: wasDone || justCompleted ? 1 : progress,
        state: progressState({ started: row.credited_ms !== null || credit.outcome !== 'replay', done: wasDone || justCompleted }),
        justCompleted,
        nextInS: HEARTBEAT_INTERVAL_S,
      };
    });
  }

  /** L4: points for the lesson, and for the course when it was the last lesson left. */
  private async completed(tx: EntityManager, memberId: string, lessonId: string, courseId: string, day: string) {
    await this.points.award(tx, memberId, 'lesson_completed', `lesson:${memberId}:${lessonId}`, day);
    const [c]: Array<{ all_done: boolean }> = await tx.query(
      `SELECT (SELECT count(*) FROM study_lesson WHERE course_id = $1) = (SELECT count(*) FROM study_progress WHERE course_id = $1 AND member_id = $2 AND completed_at IS NOT NULL) AS all_done`,
      [courseId, memberId],
    );
    if (c?.all_done) await this.points.award(tx, memberId, 'course_completed', `course:${memberId}:${courseId}`, day);
  }

  // ---- L1 hours ----

  /**
   * D11: online study credited to an account (a development candidate studying before they are a
   * member) on the China days `from`–`to`, in whole seconds. Read by the development module.
   */
  async accountStudySeconds(userId: string, from: string, to: string, manager: EntityManager = this.db.manager): Promise<number> {
    const [row]: Array<{ ms: string }> = await manager.query(
      `SELECT COALESCE(sum(credited_ms), 0)::bigint AS ms FROM study_day WHERE user_id = $1 AND day BETWEEN $2 AND $3`,
      [userId, from, to],
    );
    return Math.floor(Number(row?.ms ?? 0) / 1000);
  }

  async myHours(auth: AuthContext, year?: number): Promise<StudyHours> {
    return this.memberHours(this.study.memberId(auth), year);
  }

  async hoursOf(auth: AuthContext, memberId: string, year?: number): Promise<StudyHours> {
    await this.study.requireMember(auth, memberId);
    return this.memberHours(memberId, year);
  }

  private async memberHours(memberId: string, year = chinaYear(this.clock.now())): Promise<StudyHours> {
    const [row] = await this.hoursRows(year, 'm.id = $5', [memberId]);
    if (!row) throw notFound('党员');
    return toHours(row, year);
  }

  /**
   * L1 totals of a year for the members matching `where` (extra parameters from $5): online study
   * (study days), offline training and meetings with study hours the member checked in to.
   */
  hoursRows(year: number, where: string, params: unknown[]): Promise<HoursRow[]> {
    const { from, to } = chinaYearRange(year);
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
      [`${year}-01-01`, `${year}-12-31`, from, to, ...params],
    );
  }

  async recordOffline(auth: AuthContext, dto: CreateOfflineTraining): Promise<OfflineTraining> {
    const orgPath = await this.study.requireOrg(auth, dto.orgId);
    const ids = [...new Set(dto.memberIds)];
    return this.db.transaction(async (tx) => {
      const [count]: Array<{ n: number }> = await tx.query(
        `SELECT count(*)::int AS n FROM member WHERE id = ANY($1::uuid[]) AND org_path <@ $2::ltree AND left_at IS NULL`,
        [ids, orgPath],
      );
      if (count?.n !== ids.length) throw StudyErrors.memberOutside();
      const [t]: Array<{ id: string; created_at: Date }> = await tx.query(
        `INSERT INTO study_offline_training (organisation_id, org_path, title, date, seconds, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at`,
        [dto.orgId, orgPath, dto.title, dto.date, Math.round(dto.hours * 3600), auth.userId],
      );
      await tx.query(`INSERT INTO study_offline_attendee (training_id, member_id) SELECT $1, unnest($2::uuid[])`, [t!.id, ids]);
      await this.audit.record(
        auth,
        {
          action: 'study.offline.record',
          objectType: 'study_offline_training',
          objectId: t!.id,
          orgPath,
          details: { title: dto.title, date: dto.date, hours: dto.hours, members: ids.length },
        },
        tx,
      );
      const [org]: Array<{ name: string }> = await tx.query(`SELECT name FROM organisation WHERE id = $1`, [dto.orgId]);
      return {
        id: t!.id,
        org: { id: dto.orgId, name: org!.name },
        title: dto.title,
        date: dto.date,
        hours: dto.hours,
        memberCount: ids.length,
        createdAt: t!.created_at.toISOString(),
      };
    });
  }

  async listOffline(auth: AuthContext, orgId: string): Promise<OfflineTraining[]> {
    const orgPath = await this.study.requireOrg(auth, orgId);
    const rows: Array<{
      id: string;
      organisation_id: string;
      org_name: string;
      title: string;
      date: string;
      seconds: number;
      member_count: number;
      created_at: Date;
    }> = await this.db.query(
      `SELECT t.id, t.organisation_id, o.name AS org_name, t.title, t.date::text AS date, t.seconds, t.created_at,
              (SELECT count(*)::int FROM study_offline_attendee a WHERE a.training_id = t.id) AS member_count
         FROM study_offline_training t JOIN organisation o ON o.id = t.organisation_id
        WHERE t.org_path <@ $1::ltree ORDER BY t.date DESC, t.created_at DESC LIMIT 200`,
      [orgPath],
    );
    return rows.map((r) => ({
      id: r.id,
      org: { id: r.organisation_id, name: r.org_name },
      title: r.title,
      date: r.date,
      hours: r.seconds / 3600,
      memberCount: r.member_count,
      createdAt: r.created_at.toISOString(),
    }));
  }

  /** L1: study hours of a meeting (e.g. a 党课), earned by the members who checked in. */
  async setMeetingHours(auth: AuthContext, meetingId: string, dto: SetMeetingStudyHours): Promise<{ hours: number | null }> {
    return this.db.transaction(async (tx) => {
      const [m]: Array<{ path: string }> = await tx.query(
        `SELECT o.path::text AS path FROM meeting mt JOIN organisation o ON o.id = mt.organisation_id WHERE mt.id = $1 FOR UPDATE OF mt`,
        [meetingId],
      );
      if (!m) throw notFound('会议');
      this.access.assert(auth, 'meeting.manage', m.path);
      await tx.query(`UPDATE meeting SET study_hours = $2 WHERE id = $1`, [meetingId, dto.hours]);
      await this.audit.record(
        auth,
        { action: 'study.meeting.hours', objectType: 'meeting', objectId: meetingId, orgPath: m.path, details: { hours: dto.hours } },
        tx,
      );
      return { hours: dto.hours };
    });
  }
}

export function toHours(row: HoursRow, year: number): StudyHours {
  const onlineS = Math.floor(Number(row.online_ms) / 1000);
  const offlineS = Number(row.offline_s);
  const meetingS = Math.round(Number(row.meeting_s));
  const totalS = onlineS + offlineS + meetingS;
  const req = requiredHours(row.positions);
  return {
    year,
    member: { id: row.id, name: row.name },
    onlineS,
    offlineS,
    meetingS,
    totalS,
    requiredHours: req.hours,
    requirementReason: req.reason,
    met: hoursMet(totalS, req.hours),
  };
}
