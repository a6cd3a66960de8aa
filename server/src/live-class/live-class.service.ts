import { Injectable } from '@nestjs/common';
import {
  attendanceSeconds,
  chinaDate,
  livePhase,
  nextHost,
  premierePosition,
  type CloseLiveClassDto,
  type CreateLiveClassDto,
  type CreateNewsCommentDto,
  type HeartbeatResult,
  type LiveClass,
  type LiveClassList,
  type LiveComments,
  type LiveHeartbeatDto,
  type LiveRota,
  type SetLiveRotaDto,
} from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { AuditWriter } from '../common/ports.js';
import { StudyContentService } from '../study/study-content.service.js';
import { StudyPointsService } from '../study/study-points.service.js';
import { StudyProgressService } from '../study/study-progress.service.js';
import { LiveClassErrors } from './live-class.errors.js';
import { LiveClassRepository, type LiveClassRow, type LiveCommentRow } from './live-class.repository.js';

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * 红色直播间. The class's course and lessons belong to the study module and are made through its
 * service with the organiser's own access: heartbeats from the room go to StudyProgressService (L2:
 * the one study clock, gaps over 10 minutes not credited) and count toward study hours (L1); the
 * recording is a video lesson of the same course. Scheduling and moderation need study.manage on the
 * class's organisation; its members (the organisation and the branches below) watch and comment.
 */
@Injectable()
export class LiveClassService {
  constructor(
    private readonly repo: LiveClassRepository,
    private readonly access: AccessService,
    private readonly content: StudyContentService,
    private readonly progress: StudyProgressService,
    private readonly points: StudyPointsService,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  // ---- rota ----

  async rota(auth: AuthContext, orgId: string | undefined): Promise<LiveRota> {
    const id = orgId ?? auth.memberOrg?.id;
    if (!id) throw forbidden();
    const path = await this.repo.orgPath(id);
    if (!path) throw notFound('组织');
    const canManage = this.access.can(auth, 'study.manage', path);
    // Members see the rota of their own organisation and those above it (who hosts next).
    if (!canManage && !(auth.memberOrg && isWithin(auth.memberOrg.path, path))) throw forbidden();
    const members = await this.repo.rota(id);
    return {
      orgId: id,
      members,
      nextMemberId: nextHost(
        members.map((m) => m.memberId),
        await this.repo.lastHost(id),
      ),
      canManage,
    };
  }

  async setRota(auth: AuthContext, orgId: string, dto: SetLiveRotaDto): Promise<LiveRota> {
    const orgPath = await this.access.requireOrg(auth, 'study.manage', orgId);
    const within = new Set(await this.repo.membersWithin(dto.memberIds, orgPath));
    if (dto.memberIds.some((m) => !within.has(m))) throw LiveClassErrors.hostNotInOrg();
    await this.repo.transaction(async (tx) => {
      await this.repo.lockOrg(tx, orgId);
      await this.repo.replaceRota(tx, orgId, dto.memberIds);
      await this.audit.record(
        auth,
        { action: 'live.rota.set', objectType: 'organisation', objectId: orgId, orgPath, details: { memberIds: dto.memberIds } },
        tx,
      );
    });
    return this.rota(auth, orgId);
  }

  // ---- classes ----

  /** The course, the attendance lesson (and a premiere's video lesson) through the study module, then the class. */
  async create(auth: AuthContext, dto: CreateLiveClassDto): Promise<LiveClass> {
    const orgPath = await this.access.requireOrg(auth, 'study.manage', dto.orgId);
    const rota = (await this.repo.rota(dto.orgId)).map((m) => m.memberId);
    const hostMemberId = dto.hostMemberId ?? nextHost(rota, await this.repo.lastHost(dto.orgId));
    if (!hostMemberId) throw LiveClassErrors.noHost();
    if (!(await this.repo.membersWithin([hostMemberId], orgPath)).length) throw LiveClassErrors.hostNotInOrg();
    const w = { startsAt: new Date(dto.startsAt), endsAt: new Date(dto.endsAt) };
    const course = await this.content.create(auth, {
      title: `红色直播间：${dto.topic}`.slice(0, 100),
      summary: dto.summary,
      categoryId: null,
      coverFileId: null,
      recommended: false,
      orgId: dto.orgId,
    });
    // The room's lesson: credited by heartbeats while live; attended at half the scheduled length (L2 threshold).
    const lesson = await this.content.addLesson(auth, course.id, {
      title: '直播课堂',
      kind: 'article',
      bodyHtml: `<p>${escapeHtml(dto.summary || dto.topic)}</p>`,
      minSeconds: attendanceSeconds(w),
    });
    const recording =
      dto.streamKind === 'premiere'
        ? await this.content.addLesson(auth, course.id, { title: '视频回放', kind: 'video', fileId: dto.videoFileId!, durationS: dto.videoDurationS! })
        : null;
    await this.content.update(auth, course.id, { status: 'published' });
    const id = await this.repo.transaction(async (tx) => {
      const id = await this.repo.insert(tx, {
        orgId: dto.orgId,
        topic: dto.topic,
        summary: dto.summary,
        ...w,
        hostMemberId,
        streamKind: dto.streamKind,
        streamUrl: dto.streamKind === 'hls' ? dto.streamUrl : null,
        courseId: course.id,
        lessonId: lesson.id,
        recordingLessonId: recording?.id ?? null,
        createdBy: auth.userId,
      });
      await this.audit.record(
        auth,
        { action: 'live.create', objectType: 'live_class', objectId: id, orgPath, details: { topic: dto.topic, hostMemberId } },
        tx,
      );
      return id;
    });
    return this.get(auth, id);
  }

  async list(auth: AuthContext): Promise<LiveClassList> {
    const rows = await this.repo.list(auth.memberOrg?.path ?? null, this.access.scopes(auth, 'study.manage'));
    return { items: await Promise.all(rows.map((r) => this.view(auth, r, false))) };
  }

  async get(auth: AuthContext, id: string): Promise<LiveClass> {
    return this.view(auth, await this.read(auth, id), true);
  }

  /** L2: a heartbeat from the room credits the class's lesson through the study clock — only while live. */
  async heartbeat(auth: AuthContext, id: string, dto: LiveHeartbeatDto): Promise<HeartbeatResult> {
    const c = await this.read(auth, id);
    if (livePhase(c, this.clock.now()) !== 'live') throw LiveClassErrors.notLive();
    return this.progress.heartbeat(auth, { lessonId: c.lessonId, ...dto });
  }

  /** After the class: the recording kept as a lesson (live streams), and the host's points once it was attended. */
  async close(auth: AuthContext, id: string, dto: CloseLiveClassDto): Promise<LiveClass> {
    const c = await this.manage(auth, id);
    const now = this.clock.now();
    if (now <= c.endsAt) throw LiveClassErrors.notEnded();
    if (dto.recording && c.recordingLessonId) throw LiveClassErrors.recordingExists();
    const recording = dto.recording
      ? await this.content.addLesson(auth, c.courseId, {
          title: '直播回放',
          kind: 'video',
          fileId: dto.recording.videoFileId,
          durationS: dto.recording.durationS,
        })
      : null;
    await this.repo.transaction(async (tx) => {
      const locked = (await this.repo.find(id, tx, true))!;
      if (recording) await this.repo.setRecording(tx, id, recording.id);
      // The host's performance: points when members attended the class (P3, activity live_host), once.
      if (!locked.hostAwardedAt && locked.attendeeCount > 0) {
        await this.points.award(tx, locked.hostMemberId, 'live_host', `live:${id}`, chinaDate(locked.startsAt));
        await this.repo.markHostAwarded(tx, id, now);
      }
      await this.audit.record(
        auth,
        {
          action: 'live.close',
          objectType: 'live_class',
          objectId: id,
          orgPath: c.orgPath,
          details: { recordingLessonId: recording?.id ?? null, attendees: locked.attendeeCount },
        },
        tx,
      );
    });
    return this.get(auth, id);
  }

  // ---- comments: the news comments' moderation (pending until a moderator approves) ----

  async comments(auth: AuthContext, id: string): Promise<LiveComments> {
    const c = await this.read(auth, id);
    const canModerate = this.access.can(auth, 'study.manage', c.orgPath);
    const rows = await this.repo.comments(id, auth.memberId, canModerate);
    return { items: rows.map((r) => this.commentOf(auth, r)), canModerate, pendingCount: rows.filter((r) => r.state === 'pending').length };
  }

  async addComment(auth: AuthContext, id: string, dto: CreateNewsCommentDto): Promise<LiveComments> {
    if (!auth.memberId) throw LiveClassErrors.notAMember();
    const memberId = auth.memberId;
    await this.read(auth, id);
    await this.repo.transaction((tx) => this.repo.insertComment(tx, { classId: id, memberId, authorName: auth.displayName.slice(0, 50), body: dto.body }));
    return this.comments(auth, id);
  }

  async approveComment(auth: AuthContext, id: string, commentId: string): Promise<LiveComments> {
    const c = await this.manage(auth, id);
    const comment = await this.repo.comment(id, commentId);
    if (!comment) throw notFound('评论');
    await this.repo.transaction(async (tx) => {
      await this.repo.approveComment(tx, commentId, auth.userId);
      await this.audit.record(auth, { action: 'live.comment.approve', objectType: 'live_class', objectId: id, orgPath: c.orgPath, details: { commentId } }, tx);
    });
    return this.comments(auth, id);
  }

  /** The author withdraws their comment, or a moderator refuses or removes one (audited with its text). */
  async deleteComment(auth: AuthContext, id: string, commentId: string): Promise<LiveComments> {
    const c = await this.read(auth, id);
    const comment = await this.repo.comment(id, commentId);
    const moderator = this.access.can(auth, 'study.manage', c.orgPath);
    if (!comment || (!moderator && comment.memberId !== auth.memberId)) throw notFound('评论');
    await this.repo.transaction(async (tx) => {
      await this.repo.deleteComment(tx, commentId);
      if (moderator && comment.memberId !== auth.memberId)
        await this.audit.record(
          auth,
          {
            action: 'live.comment.delete',
            objectType: 'live_class',
            objectId: id,
            orgPath: c.orgPath,
            details: { commentId, body: comment.body, state: comment.state },
          },
          tx,
        );
    });
    return this.comments(auth, id);
  }

  // ---- helpers ----

  /** A class the caller may watch: its organisation is theirs or above theirs, or they manage study there (404 otherwise). */
  private async read(auth: AuthContext, id: string): Promise<LiveClassRow> {
    const c = await this.repo.find(id);
    if (!c) throw notFound('直播课');
    const member = auth.memberOrg !== null && isWithin(auth.memberOrg.path, c.orgPath);
    if (!member && !this.access.can(auth, 'study.manage', c.orgPath)) throw notFound('直播课');
    return c;
  }

  private async manage(auth: AuthContext, id: string): Promise<LiveClassRow> {
    const c = await this.read(auth, id);
    this.access.assert(auth, 'study.manage', c.orgPath);
    return c;
  }

  private async view(auth: AuthContext, c: LiveClassRow, detail: boolean): Promise<LiveClass> {
    const now = this.clock.now();
    const phase = livePhase(c, now);
    const need = attendanceSeconds(c);
    // The caller's credit on the room's lesson, as the study module reports it (members only).
    const lesson = detail && auth.memberId ? await this.content.lesson(auth, c.lessonId) : null;
    const video =
      detail && c.streamKind === 'premiere' && c.recordingLessonId && phase !== 'upcoming' ? await this.content.lesson(auth, c.recordingLessonId) : null;
    return {
      id: c.id,
      orgId: c.orgId,
      orgName: c.orgName,
      topic: c.topic,
      summary: c.summary,
      startsAt: c.startsAt.toISOString(),
      endsAt: c.endsAt.toISOString(),
      host: { memberId: c.hostMemberId, name: c.hostName },
      streamKind: c.streamKind,
      phase,
      playUrl: phase === 'upcoming' ? null : c.streamKind === 'hls' ? c.streamUrl : (video?.mediaUrl ?? null),
      premierePositionS: c.streamKind === 'premiere' && phase === 'live' ? premierePosition(c.startsAt, now) : null,
      courseId: c.courseId,
      lessonId: c.lessonId,
      recordingLessonId: c.recordingLessonId,
      myCreditedS: lesson?.creditedS ?? 0,
      attended: lesson?.completedAt != null,
      attendanceSeconds: need,
      attendeeCount: c.attendeeCount,
      hostPointsAwarded: c.hostAwardedAt !== null,
      canManage: this.access.can(auth, 'study.manage', c.orgPath),
    };
  }

  private commentOf(auth: AuthContext, c: LiveCommentRow) {
    return { id: c.id, authorName: c.authorName, body: c.body, state: c.state, createdAt: c.createdAt.toISOString(), mine: c.memberId === auth.memberId };
  }
}
