import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  attendanceState,
  chinaDayEnd,
  chinaDayStart,
  defaultCheckinWindow,
  meetingCompleteness,
  meetingTypeAllowed,
  type AttendeesChange,
  type CancelMeetingDto,
  type CreateMeetingDto,
  type MeetingDetail,
  type MeetingListQuery,
  type MeetingPage,
  type MyMeetingsQuery,
  type UpdateMeetingDto,
} from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { MeetingAccess } from './meeting-access.js';
import { MeetingNoticesService } from './meeting-notices.service.js';
import { geofenceOf, iso, isoOrNull, mapLeave, mapSummary, statusOf } from './meeting.mapper.js';
import { MeetingErrors } from './meetings.errors.js';
import { MeetingsRepository, STATUS_SQL, type MeetingRow } from './meetings.repository.js';

export type { MeetingRow };

/**
 * Meetings (三会一课, C1): scheduling, expected attendees and guests (C4), changes and cancellation,
 * reading (members see only the meetings they are expected at). Leave, minutes and photos are in
 * MeetingRecordsService; check-in in CheckinService.
 */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly meetings: MeetingsRepository,
    private readonly gate: MeetingAccess,
    private readonly clock: Clock,
    private readonly notices: MeetingNoticesService,
  ) {}

  async create(auth: AuthContext, dto: CreateMeetingDto): Promise<MeetingDetail> {
    const orgPath = await this.access.requireOrg(auth, 'meeting.manage', dto.organisationId);
    const org = (await this.meetings.findOrg(dto.organisationId))!;
    if (!meetingTypeAllowed(dto.type, org.kind)) throw MeetingErrors.typeNotForOrg(dto.type, org.kind);
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    const window = this.window(startsAt, endsAt, dto.checkinOpensAt, dto.checkinClosesAt);
    const guests = await this.checkGuests(auth, dto.guestMemberIds);
    const id = await this.db.transaction(async (tx) => {
      const id = await this.meetings.insert(tx, {
        organisationId: org.id,
        type: dto.type,
        title: dto.title,
        startsAt,
        endsAt,
        place: dto.place,
        chairMemberId: dto.chairMemberId ?? null,
        recorderMemberId: dto.recorderMemberId ?? null,
        agenda: dto.agenda ?? '',
        checkinOpensAt: window.opensAt,
        checkinClosesAt: window.closesAt,
        geofenceLat: dto.geofence?.lat ?? null,
        geofenceLng: dto.geofence?.lng ?? null,
        geofenceRadiusM: dto.geofence?.radiusM ?? null,
        qrStepSeconds: dto.qrStepSeconds,
        attendeeScope: org.kind === 'group' ? 'organisation' : dto.attendeeScope,
        createdBy: auth.userId,
      });
      const scope = { id, organisationId: org.id, orgPath, orgKind: org.kind, attendeeScope: dto.attendeeScope };
      const expected = await this.meetings.addScopeAttendees(tx, scope);
      // C4: guests are marked and never vote here; a guest who is also a member of the scope stays a member.
      const invited = await this.meetings.insertAttendees(
        tx,
        id,
        guests.map((g) => ({ memberId: g, isGuest: true, canVote: false })),
      );
      await this.checkOfficers(auth, tx, id, [dto.chairMemberId ?? null, dto.recorderMemberId ?? null]);
      await this.notices.notify(tx, id, 'scheduled');
      await this.audit.record(auth, { action: 'meeting.create', objectType: 'meeting', objectId: id, orgPath, details: { ...dto, expected, invited } }, tx);
      return id;
    });
    return this.detail(auth, id);
  }

  async list(auth: AuthContext, q: MeetingListQuery): Promise<MeetingPage> {
    let roots: string[];
    if (q.orgId) roots = [await this.access.requireOrg(auth, 'org.read', q.orgId)];
    else roots = this.access.scopes(auth, 'org.read');
    if (roots.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const params: unknown[] = [roots, this.clock.now()];
    const where = [`o.path <@ ANY($1::ltree[])`];
    this.filters(q, params, where);
    return this.page(where, params, q, 'm.starts_at DESC, m.id');
  }

  /** The caller's own meetings (expected there, as member or guest). */
  async mine(auth: AuthContext, q: MyMeetingsQuery): Promise<MeetingPage> {
    if (!auth.memberId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const params: unknown[] = [auth.memberId, this.clock.now()];
    const where = [`EXISTS (SELECT 1 FROM meeting_attendee a WHERE a.meeting_id = m.id AND a.member_id = $1)`];
    this.filters({ from: q.from, to: q.to }, params, where);
    if (q.upcoming) {
      where.push(`m.ends_at > $2 AND m.cancelled_at IS NULL`);
      return this.page(where, params, q, 'm.starts_at, m.id');
    }
    return this.page(where, params, q, 'm.starts_at DESC, m.id');
  }

  async detail(auth: AuthContext, id: string): Promise<MeetingDetail> {
    const r = await this.gate.read(auth, id);
    const m = r.meeting;
    const now = this.clock.now();
    const status = statusOf(m, now);
    const [counts, photos, names, attendees] = await Promise.all([
      this.meetings.counts([m.id]),
      this.meetings.photos(m.id),
      this.meetings.memberNames([m.chairMemberId, m.recorderMemberId]),
      status === 'ended' ? this.meetings.attendees(m.id) : Promise.resolve([]),
    ]);
    const c = counts.get(m.id);
    const summary = mapSummary(m, c, now);
    const absentees = attendees
      .filter((a) => {
        const s = attendanceState({ checkin: a.checkinStatus, leave: a.leaveStatus, meeting: status });
        return s === 'absent' || s === 'leave_pending';
      })
      .map((a) => ({ member: { id: a.memberId, name: a.name }, reason: a.absenceReason }));
    const completeness = meetingCompleteness({
      status,
      minutes: m.minutes,
      chairId: m.chairMemberId,
      recorderId: m.recorderMemberId,
      absentees,
      pendingCheckins: c?.pending ?? 0,
    });
    let myAttendance: MeetingDetail['myAttendance'] = null;
    if (r.attendee && auth.memberId) {
      const [checkin, leave] = await Promise.all([this.meetings.findCheckin(m.id, auth.memberId), this.meetings.liveLeaveOf(m.id, auth.memberId)]);
      const liveLeave = leave && (leave.status === 'pending' || leave.status === 'approved') ? leave.status : null;
      myAttendance = {
        state: attendanceState({ checkin: checkin?.status ?? null, leave: liveLeave, meeting: status }),
        isGuest: r.attendee.isGuest,
        canVote: r.attendee.canVote,
        checkedInAt: checkin && checkin.status !== 'rejected' ? iso(checkin.at) : null,
        method: checkin && checkin.status !== 'rejected' ? checkin.method : null,
        leave: leave ? mapLeave(leave) : null,
      };
    }
    const ref = (memberId: string | null) => (memberId ? { id: memberId, name: names.get(memberId) ?? '' } : null);
    const expected = c?.expected ?? 0;
    return {
      ...summary,
      organisationKind: m.orgKind,
      chair: ref(m.chairMemberId),
      recorder: ref(m.recorderMemberId),
      agenda: m.agenda,
      checkinOpensAt: iso(m.checkinOpensAt),
      checkinClosesAt: iso(m.checkinClosesAt),
      geofence: geofenceOf(m),
      qrStepSeconds: m.qrStepSeconds,
      attendeeScope: m.attendeeScope,
      cancelledAt: isoOrNull(m.cancelledAt),
      cancelReason: m.cancelReason,
      minutes: m.minutes,
      minutesUpdatedAt: isoOrNull(m.minutesUpdatedAt),
      photos: photos.map((p) => ({
        id: p.id,
        caption: p.caption,
        contentType: p.contentType,
        sizeBytes: p.sizeBytes,
        createdAt: iso(p.createdAt),
        url: `/api/v1/meetings/${m.id}/photos/${p.id}`,
      })),
      pendingCount: c?.pending ?? 0,
      absentCount: status === 'ended' ? expected - (c?.present ?? 0) - (c?.onLeave ?? 0) - (c?.pending ?? 0) : 0,
      completeness,
      myAttendance,
      canManage: r.canManage,
    };
  }

  async update(auth: AuthContext, id: string, dto: UpdateMeetingDto): Promise<MeetingDetail> {
    await this.db.transaction(async (tx) => {
      const m = await this.gate.manage(auth, id, tx, true);
      const now = this.clock.now();
      const status = statusOf(m, now);
      if (status === 'cancelled') throw MeetingErrors.cancelled();
      if (status === 'ended') throw MeetingErrors.alreadyEnded('修改会议');
      const timesChange = dto.startsAt !== undefined || dto.endsAt !== undefined;
      if (timesChange && status !== 'scheduled') throw MeetingErrors.alreadyStarted('修改会议时间');
      const startsAt = dto.startsAt ? new Date(dto.startsAt) : m.startsAt;
      const endsAt = dto.endsAt ? new Date(dto.endsAt) : m.endsAt;
      if (endsAt <= startsAt) throw MeetingErrors.timeInvalid('结束时间必须晚于开始时间');
      // New times without a new window move the default window with them.
      const window =
        dto.checkinOpensAt !== undefined || dto.checkinClosesAt !== undefined || timesChange
          ? this.window(
              startsAt,
              endsAt,
              dto.checkinOpensAt ?? (timesChange ? undefined : iso(m.checkinOpensAt)),
              dto.checkinClosesAt ?? (timesChange ? undefined : iso(m.checkinClosesAt)),
            )
          : null;
      const set: Record<string, unknown> = {};
      if (dto.title !== undefined) set.title = dto.title;
      if (dto.place !== undefined) set.place = dto.place;
      if (dto.agenda !== undefined) set.agenda = dto.agenda;
      if (timesChange) Object.assign(set, { starts_at: startsAt, ends_at: endsAt });
      if (window) Object.assign(set, { checkin_opens_at: window.opensAt, checkin_closes_at: window.closesAt });
      if (dto.chairMemberId !== undefined) set.chair_member_id = dto.chairMemberId;
      if (dto.recorderMemberId !== undefined) set.recorder_member_id = dto.recorderMemberId;
      if (dto.qrStepSeconds !== undefined) set.qr_step_seconds = dto.qrStepSeconds;
      if (dto.geofence !== undefined) {
        Object.assign(set, {
          geofence_lat: dto.geofence?.lat ?? null,
          geofence_lng: dto.geofence?.lng ?? null,
          geofence_radius_m: dto.geofence?.radiusM ?? null,
        });
      }
      await this.checkOfficers(auth, tx, id, [dto.chairMemberId ?? null, dto.recorderMemberId ?? null]);
      // A new time is reminded again; attendees hear of a new time or place now.
      if (timesChange) set.reminded_at = null;
      await this.meetings.update(tx, id, set);
      if (timesChange || (dto.place !== undefined && dto.place !== m.place)) await this.notices.notify(tx, id, 'changed');
      await this.audit.record(auth, { action: 'meeting.update', objectType: 'meeting', objectId: id, orgPath: m.orgPath, details: { ...dto } }, tx);
    });
    return this.detail(auth, id);
  }

  async cancel(auth: AuthContext, id: string, dto: CancelMeetingDto): Promise<MeetingDetail> {
    await this.db.transaction(async (tx) => {
      const m = await this.gate.manage(auth, id, tx, true);
      const status = statusOf(m, this.clock.now());
      if (status === 'cancelled') throw MeetingErrors.cancelled();
      if (status === 'ended') throw MeetingErrors.alreadyEnded('取消会议');
      await this.meetings.update(tx, id, { cancelled_at: this.clock.now(), cancel_reason: dto.reason });
      await this.notices.notify(tx, id, 'cancelled', dto.reason);
      await this.audit.record(auth, { action: 'meeting.cancel', objectType: 'meeting', objectId: id, orgPath: m.orgPath, details: { reason: dto.reason } }, tx);
    });
    return this.detail(auth, id);
  }

  /** C4: invite guests (流动党员 from elsewhere, members of the subtree); they never vote here. */
  async addGuests(auth: AuthContext, id: string, memberIds: string[]): Promise<AttendeesChange> {
    await this.gate.manage(auth, id);
    const guests = await this.checkGuests(auth, memberIds);
    return this.db.transaction(async (tx) => {
      const m = await this.openForAttendees(auth, id, tx);
      const added = await this.meetings.insertAttendees(
        tx,
        id,
        guests.map((g) => ({ memberId: g, isGuest: true, canVote: false })),
      );
      await this.audit.record(
        auth,
        { action: 'meeting.guests.add', objectType: 'meeting', objectId: id, orgPath: m.orgPath, details: { memberIds: guests, added } },
        tx,
      );
      return { added, expectedCount: await this.meetings.expectedCount(id, tx) };
    });
  }

  async removeGuest(auth: AuthContext, id: string, memberId: string): Promise<AttendeesChange> {
    return this.db.transaction(async (tx) => {
      const m = await this.openForAttendees(auth, id, tx);
      const a = await this.meetings.attendee(id, memberId, tx);
      if (!a || !a.isGuest) throw MeetingErrors.notAGuest();
      if (await this.meetings.findCheckin(id, memberId, tx)) throw MeetingErrors.guestCheckedIn();
      await this.meetings.removeAttendee(tx, id, memberId);
      await this.audit.record(auth, { action: 'meeting.guests.remove', objectType: 'meeting', objectId: id, orgPath: m.orgPath, details: { memberId } }, tx);
      return { added: 0, expectedCount: await this.meetings.expectedCount(id, tx) };
    });
  }

  /** Adds members who joined the organisation (or group) since the meeting was created. Removes no one. */
  async refreshAttendees(auth: AuthContext, id: string): Promise<AttendeesChange> {
    return this.db.transaction(async (tx) => {
      const m = await this.openForAttendees(auth, id, tx);
      const added = await this.meetings.addScopeAttendees(tx, m);
      await this.audit.record(auth, { action: 'meeting.attendees.refresh', objectType: 'meeting', objectId: id, orgPath: m.orgPath, details: { added } }, tx);
      return { added, expectedCount: await this.meetings.expectedCount(id, tx) };
    });
  }

  // ---- helpers ----

  private async openForAttendees(auth: AuthContext, id: string, tx: EntityManager): Promise<MeetingRow> {
    const m = await this.gate.manage(auth, id, tx, true);
    const status = statusOf(m, this.clock.now());
    if (status === 'cancelled') throw MeetingErrors.cancelled();
    if (status === 'ended') throw MeetingErrors.alreadyEnded('调整应到人员');
    return m;
  }

  /** C4: the check-in window; default 30 minutes before the start to the end. */
  private window(startsAt: Date, endsAt: Date, opens?: string, closes?: string) {
    const d = defaultCheckinWindow(startsAt, endsAt);
    const opensAt = opens ? new Date(opens) : d.opensAt;
    const closesAt = closes ? new Date(closes) : d.closesAt;
    if (closesAt <= opensAt) throw MeetingErrors.timeInvalid('签到截止时间必须晚于签到开始时间');
    if (opensAt >= endsAt || closesAt <= startsAt) throw MeetingErrors.timeInvalid('签到时间必须与会议时间有重叠');
    return { opensAt, closesAt };
  }

  /** Guests: members the caller may read, or 流动党员 (mobile) from anywhere (C4). */
  private async checkGuests(auth: AuthContext, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const found = await this.meetings.members(unique);
    const missing = unique.filter((id) => !found.some((f) => f.id === id));
    if (missing.length) throw MeetingErrors.memberUnknown(missing);
    const refused = found.filter((f) => !f.flags.includes('mobile') && !this.access.can(auth, 'member.read', f.orgPath)).map((f) => f.id);
    if (refused.length) throw MeetingErrors.guestNotAllowed(refused);
    return unique;
  }

  /** C2: chair and recorder are expected attendees or members the caller may read. */
  private async checkOfficers(auth: AuthContext, tx: EntityManager, meetingId: string, ids: Array<string | null>) {
    const list = [...new Set(ids.filter((x): x is string => !!x))];
    if (list.length === 0) return;
    const found = await this.meetings.members(list);
    const bad: string[] = [];
    for (const id of list) {
      const f = found.find((x) => x.id === id);
      if (!f) bad.push(id);
      else if (!this.access.can(auth, 'member.read', f.orgPath) && !(await this.meetings.attendee(meetingId, id, tx))) bad.push(id);
    }
    if (bad.length) throw MeetingErrors.memberUnknown(bad);
  }

  private filters(q: Pick<MeetingListQuery, 'type' | 'status' | 'from' | 'to'>, params: unknown[], where: string[]) {
    if (q.type) {
      params.push(q.type);
      where.push(`m.type = $${params.length}`);
    }
    if (q.status) where.push(STATUS_SQL[q.status]!('$2'));
    if (q.from) {
      params.push(chinaDayStart(q.from));
      where.push(`m.starts_at >= $${params.length}`);
    }
    if (q.to) {
      params.push(chinaDayEnd(q.to));
      where.push(`m.starts_at < $${params.length}`);
    }
  }

  /** The meeting row for another module's own checks (elections, motions, ballots); no access check here. */
  row(id: string): Promise<MeetingRow | null> {
    return this.meetings.find(id);
  }

  /**
   * For another module's step (an outbound transfer's receipt, T5): a member who left the platform is
   * no longer expected at meetings that have not started; past meetings keep them on record.
   */
  dropFromUpcoming(tx: EntityManager, memberId: string, at: Date): Promise<void> {
    return this.meetings.dropFromUpcoming(tx, memberId, at);
  }
  /** A member who moved organisation is no longer expected at the old one's meetings that have not started. */
  dropOutOfScopeFromUpcoming(tx: EntityManager, memberId: string, at: Date): Promise<void> {
    return this.meetings.dropOutOfScopeFromUpcoming(tx, memberId, at);
  }

  private async page(where: string[], params: unknown[], q: { page: number; pageSize: number }, order: string): Promise<MeetingPage> {
    const { rows, total } = await this.meetings.page(where, params, order, q.pageSize, (q.page - 1) * q.pageSize);
    const counts = await this.meetings.counts(rows.map((x) => x.id));
    const now = this.clock.now();
    return { items: rows.map((x) => mapSummary(x, counts.get(x.id), now)), total, page: q.page, pageSize: q.pageSize };
  }
}
