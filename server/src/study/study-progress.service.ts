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
import { Batcher } from '../common/batcher.js';
import { Clock } from '../common/clock.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { HeartbeatCache } from './heartbeat-cache.js';
import { StudyAccess } from './study-access.js';
import { StudyPointsService } from './study-points.service.js';
import { StudyProgressRepository, type BeatRead, type BeatRow, type BeatWrite, type HoursRow } from './study-progress.repository.js';
import { StudyErrors } from './study.errors.js';

/**
 * L2 heartbeats and L1 hours. A heartbeat of the common case is one statement without a transaction
 * (issue 12): the learner's clock, the lesson and their progress as this process last wrote them
 * (HeartbeatCache; else read, a second statement), then one write that moves the clock only if no
 * other heartbeat of the learner moved it since (compare-and-set) and only then writes progress and
 * the day's total — so every heartbeat of a learner (any device, any
 * lesson) is still serialised and credited only the wall-clock time since the previous one. A
 * heartbeat that earns L4 points (a study step crossed, a lesson completed), or that lost the race to
 * another of the learner's heartbeats, runs again in a transaction holding the clock's row lock, with
 * its points in the same transaction.
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
    private readonly cache: HeartbeatCache,
  ) {}

  /** Group commit (issue 12): unlocked reads and writes arriving together go in one statement each. */
  private readonly reads = new Batcher<BeatRead, BeatRow | undefined>({
    many: (items) => this.repo.readHeartbeats(items),
  });
  private readonly writes = new Batcher<BeatWrite, { clocked: boolean; dayMs: string | null }>({
    many: (items) => this.repo.writeHeartbeats(items),
    key: (w) => w.learner.id,
    // One write on its way at a time: the heartbeats arriving meanwhile make the next batch larger, and
    // a larger batch costs less of both the server and PostgreSQL per heartbeat (pnpm bench study, issue 12:
    // ~8 heartbeats a statement at 2 batches in flight, ratio 0.93–0.95; at 1, ~15 and 0.98–1.03).
    concurrency: 1,
  });

  async heartbeat(auth: AuthContext, hb: Heartbeat): Promise<HeartbeatResult> {
    const now = this.clock.now();
    const fast = await this.beat(auth, hb, now, this.db.manager, false);
    if (fast) return fast;
    // Locked: only a learner's first heartbeat, inserted by another at the same moment, can still
    // move the clock under us (nothing to lock yet); the next try finds and locks it.
    for (let attempt = 0; attempt < 3; attempt++) {
      const locked = await this.db.transaction((tx) => this.beat(auth, hb, now, tx, true));
      if (locked) return locked;
    }
    throw new Error('study heartbeat: the clock kept moving under its row lock');
  }

  /**
   * One try of a heartbeat. Unlocked (`locked` false, autocommit): null when it must run locked —
   * it would award points, or another heartbeat of the learner came between its read and its write.
   */
  private async beat(auth: AuthContext, hb: Heartbeat, now: Date, m: EntityManager, locked: boolean): Promise<HeartbeatResult | null> {
    const learner = this.study.learner(auth);
    const { memberId } = learner;
    const day = chinaDate(now);
    if (locked) await this.repo.lockClock(m, learner);
    // Unlocked, the read comes from memory when this process wrote the learner's last heartbeat,
    // and the read and the write share their statements with the heartbeats arriving meanwhile.
    const read = { learner, lessonId: hb.lessonId, day };
    const generation = this.cache.generation;
    const row = locked ? (await this.repo.readHeartbeats([read], m))[0] : (this.cache.row(learner, hb.lessonId, day) ?? (await this.reads.submit(read)));
    if (!row) throw notFound('课时');
    if (!(await this.study.mayStudy(auth, { id: row.course_id, orgPath: row.org_path, status: row.status }, m))) throw forbidden();
    // A closed session (after a 'stop') counts as none: the pause is not credited.
    const prevAt = row.clock_open ? row.clock_at : null;
    const credit = creditHeartbeat(
      { lastAtMs: prevAt?.getTime() ?? null, seqs: row.clock_seqs ?? {} },
      { nowMs: now.getTime(), deviceId: hb.deviceId, seq: hb.seq, event: hb.event },
    );
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
      // L4 points are a member's (ledger, leaderboards); a candidate's account earns time and completions only.
      const dayBeforeS = Number(row.day_ms ?? 0) / 1000;
      const steps = memberId && credit.creditedMs > 0 ? studyStepsCrossed(dayBeforeS, dayBeforeS + credit.creditedMs / 1000) : [];
      if (!locked && (steps.length > 0 || (justCompleted && memberId))) return null;
      const beatWrite: BeatWrite = {
        learner,
        read: row,
        deviceId: hb.deviceId,
        seq: hb.seq,
        open: hb.event !== 'stop',
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
      };
      const written = locked
        ? (await this.repo.writeHeartbeats([beatWrite], m))[0]!
        : await this.writes.submit(beatWrite).catch((err: unknown) => {
            this.cache.forget(learner);
            throw err;
          });
      // Lost the race (or remembered a state another process has moved on from): run again on a fresh read.
      // Locked, the transaction may still roll back: its heartbeat is not remembered.
      if (!written.clocked || locked) this.cache.forget(learner);
      if (!written.clocked) return null;
      if (!locked) this.cache.remember(row, beatWrite, written.dayMs, generation);
      if (memberId) {
        for (const k of steps) await this.points.award(m, memberId, 'study_minutes', `study:${memberId}:${day}:${k}`, day);
        if (justCompleted) await this.completed(m, memberId, hb.lessonId, row.course_id, day);
      }
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
