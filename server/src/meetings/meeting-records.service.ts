import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { attendanceState, MEETING_PHOTO_LIMITS, type ApproveLeaveDto, type LeaveRequest, type MeetingPhoto, type RefuseLeaveDto } from '@dangjian/shared';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { sniffImageType } from '../storage/image-type.js';
import { StorageService } from '../storage/storage.service.js';
import { Clock } from '../common/clock.js';
import { MeetingAccess } from './meeting-access.js';
import { iso, mapLeave, statusOf } from './meeting.mapper.js';
import { MeetingErrors } from './meetings.errors.js';
import { MeetingsRepository } from './meetings.repository.js';

const UNIQUE_VIOLATION = '23505';

/** The record of a meeting (C2): leave requests (请假), minutes, photos and absence reasons. */
@Injectable()
export class MeetingRecordsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly meetings: MeetingsRepository,
    private readonly gate: MeetingAccess,
    private readonly storage: StorageService,
    private readonly clock: Clock,
  ) {}

  // ---- leave ----

  /** A member asks for leave before the meeting starts, with a reason (C2). */
  async requestLeave(auth: AuthContext, meetingId: string, reason: string): Promise<LeaveRequest> {
    const r = await this.gate.read(auth, meetingId);
    if (!r.attendee || !auth.memberId) throw MeetingErrors.notExpected();
    const memberId = auth.memberId;
    const status = statusOf(r.meeting, this.clock.now());
    if (status === 'cancelled') throw MeetingErrors.cancelled();
    if (status !== 'scheduled') throw MeetingErrors.leaveTooLate();
    const checkin = await this.meetings.findCheckin(meetingId, memberId);
    if (checkin && checkin.status === 'confirmed') throw MeetingErrors.leaveAlreadyPresent();
    let id: string;
    try {
      id = await this.db.transaction(async (tx) => {
        const id = await this.meetings.insertLeave(tx, meetingId, memberId, reason);
        await this.audit.record(
          auth,
          { action: 'meeting.leave.request', objectType: 'meeting_leave', objectId: id, orgPath: r.meeting.orgPath, details: { meetingId, reason } },
          tx,
        );
        return id;
      });
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw MeetingErrors.leaveAlreadyRequested();
      throw err;
    }
    return mapLeave((await this.meetings.findLeave(id))!);
  }

  /** The member withdraws their pending or approved request before the meeting starts. */
  async withdrawLeave(auth: AuthContext, meetingId: string, leaveId: string): Promise<LeaveRequest> {
    const r = await this.gate.read(auth, meetingId);
    const leave = await this.meetings.findLeave(leaveId);
    if (!leave || leave.meetingId !== meetingId) throw notFound('请假申请');
    if (leave.memberId !== auth.memberId) throw forbidden('只能撤回本人的请假申请');
    if (statusOf(r.meeting, this.clock.now()) !== 'scheduled') throw MeetingErrors.leaveTooLate();
    await this.db.transaction(async (tx) => {
      const ok = await this.meetings.setLeaveStatus(tx, { id: leaveId, from: ['pending', 'approved'], to: 'withdrawn', at: this.clock.now() });
      if (!ok) throw MeetingErrors.leaveNotPending();
      await this.audit.record(
        auth,
        { action: 'meeting.leave.withdraw', objectType: 'meeting_leave', objectId: leaveId, orgPath: r.meeting.orgPath, details: { meetingId } },
        tx,
      );
    });
    return mapLeave((await this.meetings.findLeave(leaveId))!);
  }

  async leaves(auth: AuthContext, meetingId: string): Promise<LeaveRequest[]> {
    await this.gate.oversee(auth, meetingId);
    return (await this.meetings.leaves(meetingId)).map(mapLeave);
  }

  async approveLeave(auth: AuthContext, meetingId: string, leaveId: string, dto: ApproveLeaveDto): Promise<LeaveRequest> {
    return this.decideLeave(auth, meetingId, leaveId, 'approved', dto.note ?? null);
  }

  async refuseLeave(auth: AuthContext, meetingId: string, leaveId: string, dto: RefuseLeaveDto): Promise<LeaveRequest> {
    return this.decideLeave(auth, meetingId, leaveId, 'refused', dto.note);
  }

  /** The secretary decides a pending request, also after the meeting (the record needs it, C2). */
  private async decideLeave(auth: AuthContext, meetingId: string, leaveId: string, to: 'approved' | 'refused', note: string | null): Promise<LeaveRequest> {
    await this.db.transaction(async (tx) => {
      const m = await this.gate.manage(auth, meetingId, tx);
      const leave = await this.meetings.findLeave(leaveId, tx);
      if (!leave || leave.meetingId !== meetingId) throw notFound('请假申请');
      const ok = await this.meetings.setLeaveStatus(tx, {
        id: leaveId,
        from: ['pending'],
        to,
        decidedBy: auth.userId,
        decidedByName: auth.displayName,
        note,
        at: this.clock.now(),
      });
      if (!ok) throw MeetingErrors.leaveNotPending();
      await this.audit.record(
        auth,
        {
          action: `meeting.leave.${to === 'approved' ? 'approve' : 'refuse'}`,
          objectType: 'meeting_leave',
          objectId: leaveId,
          orgPath: m.orgPath,
          details: { meetingId, memberId: leave.memberId, note },
        },
        tx,
      );
    });
    return mapLeave((await this.meetings.findLeave(leaveId))!);
  }

  // ---- minutes and absences ----

  /** C2: the minutes, once the meeting has started; each change audited. */
  async setMinutes(auth: AuthContext, meetingId: string, text: string): Promise<{ minutes: string; minutesUpdatedAt: string }> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const m = await this.gate.manage(auth, meetingId, tx, true);
      const status = statusOf(m, now);
      if (status === 'cancelled') throw MeetingErrors.cancelled();
      if (status === 'scheduled') throw MeetingErrors.notStarted('填写会议记录');
      await this.meetings.update(tx, meetingId, { minutes: text, minutes_updated_at: now });
      await this.audit.record(
        auth,
        {
          action: 'meeting.minutes',
          objectType: 'meeting',
          objectId: meetingId,
          orgPath: m.orgPath,
          details: { length: text.length, previousLength: m.minutes?.length ?? 0 },
        },
        tx,
      );
    });
    return { minutes: text, minutesUpdatedAt: iso(now) };
  }

  /** C2: the reason an absentee without approved leave was absent. */
  async setAbsenceReason(auth: AuthContext, meetingId: string, memberId: string, reason: string): Promise<{ memberId: string; absenceReason: string }> {
    await this.db.transaction(async (tx) => {
      const m = await this.gate.manage(auth, meetingId, tx);
      const status = statusOf(m, this.clock.now());
      if (status === 'cancelled') throw MeetingErrors.cancelled();
      if (status === 'scheduled') throw MeetingErrors.notStarted('登记缺席原因');
      const a = await this.meetings.attendee(meetingId, memberId, tx);
      if (!a) throw MeetingErrors.checkinNotExpected();
      const checkin = await this.meetings.findCheckin(meetingId, memberId, tx);
      const leave = await this.meetings.liveLeaveOf(meetingId, memberId);
      const state = attendanceState({ checkin: checkin?.status ?? null, leave: leave?.status === 'approved' ? 'approved' : null, meeting: 'ended' });
      if (state !== 'absent') throw MeetingErrors.notAbsent();
      await this.meetings.setAbsenceReason(tx, meetingId, memberId, reason);
      await this.audit.record(
        auth,
        { action: 'meeting.absence_reason', objectType: 'meeting', objectId: meetingId, orgPath: m.orgPath, details: { memberId, reason } },
        tx,
      );
    });
    return { memberId, absenceReason: reason };
  }

  // ---- photos ----

  /** A photo (multipart, one file; `caption` as a query parameter or form field). Type from the bytes. */
  async addPhoto(auth: AuthContext, meetingId: string, req: FastifyRequest, captionQuery: string | undefined): Promise<MeetingPhoto> {
    const pre = await this.gate.manage(auth, meetingId);
    const status = statusOf(pre, this.clock.now());
    if (status === 'cancelled') throw MeetingErrors.cancelled();
    if (status === 'scheduled') throw MeetingErrors.notStarted('上传会议照片');
    const upload = await readPhoto(req);
    const type = sniffImageType(upload.data);
    if (!type || !(MEETING_PHOTO_LIMITS.contentTypes as readonly string[]).includes(type)) throw MeetingErrors.photoType();
    const caption = (captionQuery ?? upload.caption ?? '').trim().slice(0, 200) || null;
    const id = await this.db.transaction(async (tx) => {
      const m = await this.gate.manage(auth, meetingId, tx, true);
      if ((await this.meetings.photoCount(tx, meetingId)) >= MEETING_PHOTO_LIMITS.maxPerMeeting)
        throw MeetingErrors.photoLimit(MEETING_PHOTO_LIMITS.maxPerMeeting);
      const file = await this.storage.store(
        { data: upload.data, contentType: type, originalName: upload.fileName, createdBy: auth.userId, prefix: 'meeting-photos' },
        tx,
      );
      const id = await this.meetings.insertPhoto(tx, { meetingId, fileId: file.id, caption, createdBy: auth.userId });
      await this.audit.record(
        auth,
        {
          action: 'meeting.photo.add',
          objectType: 'meeting',
          objectId: meetingId,
          orgPath: m.orgPath,
          details: { photoId: id, sizeBytes: upload.data.length, contentType: type },
        },
        tx,
      );
      return id;
    });
    const p = (await this.meetings.photos(meetingId)).find((x) => x.id === id)!;
    return {
      id,
      caption: p.caption,
      contentType: p.contentType,
      sizeBytes: p.sizeBytes,
      createdAt: iso(p.createdAt),
      url: `/api/v1/meetings/${meetingId}/photos/${id}`,
    };
  }

  /** Photo bytes for whoever may read the meeting. */
  async photo(auth: AuthContext, meetingId: string, photoId: string): Promise<{ stream: Readable; contentType: string; sizeBytes: number }> {
    await this.gate.read(auth, meetingId);
    const p = await this.meetings.findPhoto(meetingId, photoId);
    if (!p) throw notFound('照片');
    const file = await this.storage.find(p.fileId);
    if (!file) throw notFound('照片');
    try {
      return { stream: await this.storage.open(file), contentType: file.contentType, sizeBytes: file.sizeBytes };
    } catch {
      throw notFound('照片文件');
    }
  }

  async removePhoto(auth: AuthContext, meetingId: string, photoId: string): Promise<void> {
    const removed = await this.db.transaction(async (tx) => {
      const m = await this.gate.manage(auth, meetingId, tx);
      const p = await this.meetings.findPhoto(meetingId, photoId, tx);
      if (!p) throw notFound('照片');
      await this.meetings.deletePhoto(tx, photoId);
      const file = await this.storage.removeRow(p.fileId, tx);
      await this.audit.record(
        auth,
        { action: 'meeting.photo.remove', objectType: 'meeting', objectId: meetingId, orgPath: m.orgPath, details: { photoId } },
        tx,
      );
      return file;
    });
    // Bytes go only after the rows are gone for good.
    if (removed) await this.storage.removeBytes(removed);
  }
}

async function readPhoto(req: FastifyRequest): Promise<{ data: Buffer; fileName: string | null; caption: string | null }> {
  if (!req.isMultipart()) throw MeetingErrors.photoMissing();
  let part;
  try {
    part = await req.file({ limits: { fileSize: MEETING_PHOTO_LIMITS.maxBytes, files: 1 } });
  } catch (err) {
    throw photoError(err);
  }
  if (!part) throw MeetingErrors.photoMissing();
  let data: Buffer;
  try {
    data = await part.toBuffer();
  } catch (err) {
    throw photoError(err);
  }
  const field = part.fields?.caption as { value?: unknown } | undefined;
  return { data, fileName: part.filename || null, caption: typeof field?.value === 'string' ? field.value : null };
}

function photoError(err: unknown) {
  const e = err as { statusCode?: number; code?: string };
  if (e?.statusCode === 413 || e?.code === 'FST_REQ_FILE_TOO_LARGE') return MeetingErrors.photoTooLarge(MEETING_PHOTO_LIMITS.maxBytes);
  return MeetingErrors.photoMissing();
}
