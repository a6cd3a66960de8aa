import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  advanceWatched,
  chinaDate,
  chinaYear,
  creditHeartbeat,
  HEARTBEAT_INTERVAL_S,
  hoursMet,
  lessonProgress,
  progressState,
  requiredHours,
  studyStepsCrossed,
  watchedSeconds,
  type CreateOfflineTraining,
  type Heartbeat,
  type HeartbeatResult,
  type OfflineTraining,
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
import { StudyProgressRepository, type HoursRow } from './study-progress.repository.js';
import { StudyErrors } from './study.errors.js';

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
    private readonly repo: StudyProgressRepository,
  ) {}

  async heartbeat(auth: AuthContext, hb: Heartbeat): Promise<HeartbeatResult> {
    const learner = this.study.learner(auth);
    const { memberId } = learner;
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const row = await this.repo.openHeartbeat(tx, { learner, now, deviceId: hb.deviceId, seq: hb.seq, open: hb.event !== 'stop', lessonId: hb.lessonId });
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
        const dayMs = await this.repo.writeProgress(tx, {
          learner,
          lessonId: hb.lessonId,
          courseId: row.course_id,
          position: hb.position,
          creditedMs,
          watched,
          watchedS,
          now,
          completedAt: justCompleted ? now : null,
          day,
          dayCreditedMs: credit.creditedMs,
        });
        // L4 points are a member's (ledger, leaderboards); a candidate's account earns time and completions only.
        if (dayMs && memberId) {
          const after = Number(dayMs) / 1000;
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
    if (await this.repo.courseCompleted(tx, courseId, memberId))
      await this.points.award(tx, memberId, 'course_completed', `course:${memberId}:${courseId}`, day);
  }

  // ---- L1 hours ----

  /**
   * D11: online study credited to an account (a development candidate studying before they are a
   * member) on the China days `from`–`to`, in whole seconds. Read by the development module.
   */
  async accountStudySeconds(userId: string, from: string, to: string, manager: EntityManager = this.db.manager): Promise<number> {
    return Math.floor((await this.repo.accountStudyMs(userId, from, to, manager)) / 1000);
  }

  async myHours(auth: AuthContext, year?: number): Promise<StudyHours> {
    return this.memberHours(this.study.memberId(auth), year);
  }

  async hoursOf(auth: AuthContext, memberId: string, year?: number): Promise<StudyHours> {
    await this.study.requireMember(auth, memberId);
    return this.memberHours(memberId, year);
  }

  /** A member's study hours of a year for another module that has checked access itself (the member card). */
  async yearHoursOf(memberId: string, year: number): Promise<StudyHours> {
    return this.memberHours(memberId, year);
  }

  private async memberHours(memberId: string, year = chinaYear(this.clock.now())): Promise<StudyHours> {
    const [row] = await this.repo.hoursRows(year, { memberId });
    if (!row) throw notFound('党员');
    return toHours(row, year);
  }

  async recordOffline(auth: AuthContext, dto: CreateOfflineTraining): Promise<OfflineTraining> {
    const orgPath = await this.study.requireOrg(auth, dto.orgId);
    const ids = [...new Set(dto.memberIds)];
    return this.db.transaction(async (tx) => {
      if ((await this.repo.countCurrentMembers(tx, ids, orgPath)) !== ids.length) throw StudyErrors.memberOutside();
      const t = await this.repo.insertOffline(tx, {
        orgId: dto.orgId,
        orgPath,
        title: dto.title,
        date: dto.date,
        seconds: Math.round(dto.hours * 3600),
        createdBy: auth.userId,
        memberIds: ids,
      });
      await this.audit.record(
        auth,
        {
          action: 'study.offline.record',
          objectType: 'study_offline_training',
          objectId: t.id,
          orgPath,
          details: { title: dto.title, date: dto.date, hours: dto.hours, members: ids.length },
        },
        tx,
      );
      const orgName = await this.repo.orgName(tx, dto.orgId);
      return {
        id: t.id,
        org: { id: dto.orgId, name: orgName! },
        title: dto.title,
        date: dto.date,
        hours: dto.hours,
        memberCount: ids.length,
        createdAt: t.created_at.toISOString(),
      };
    });
  }

  async listOffline(auth: AuthContext, orgId: string): Promise<OfflineTraining[]> {
    const orgPath = await this.study.requireOrg(auth, orgId);
    const rows = await this.repo.listOffline(orgPath);
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
      const path = await this.repo.lockMeetingPath(tx, meetingId);
      if (path === undefined) throw notFound('会议');
      this.access.assert(auth, 'meeting.manage', path);
      await this.repo.setMeetingHours(tx, meetingId, dto.hours);
      await this.audit.record(
        auth,
        { action: 'study.meeting.hours', objectType: 'meeting', objectId: meetingId, orgPath: path, details: { hours: dto.hours } },
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
