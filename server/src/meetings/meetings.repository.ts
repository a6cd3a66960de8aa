import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  canVoteAt,
  type AttendeeScope,
  type CheckinMethod,
  type CheckinStatus,
  type LeaveStatus,
  type MeetingType,
  type MemberFlag,
  type MemberStatus,
  type OrgKind,
} from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { PgListener } from '../common/pg-listener.js';

/** What a meeting notice says of its meeting. */
export type NoticeMeetingRow = { id: string; title: string; type: MeetingType; place: string; starts_at: Date };

/** A meeting with its organisation, as the services use it. */
export type MeetingRow = {
  id: string;
  organisationId: string;
  type: MeetingType;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  chairMemberId: string | null;
  recorderMemberId: string | null;
  agenda: string;
  checkinOpensAt: Date;
  checkinClosesAt: Date;
  geofenceLat: number | null;
  geofenceLng: number | null;
  geofenceRadiusM: number | null;
  qrStepSeconds: number;
  attendeeScope: AttendeeScope;
  cancelledAt: Date | null;
  cancelReason: string | null;
  minutes: string | null;
  minutesUpdatedAt: Date | null;
  orgName: string;
  orgKind: OrgKind;
  orgPath: string;
};

/** `unexplained`: neither present, pending, nor on approved leave, and no absence reason recorded (C2). */
export type MeetingCounts = { expected: number; present: number; pending: number; onLeave: number; unexplained: number };

export type AttendeeRow = {
  memberId: string;
  name: string;
  orgName: string;
  isGuest: boolean;
  canVote: boolean;
  absenceReason: string | null;
  checkinId: string | null;
  checkedInAt: Date | null;
  method: CheckinMethod | null;
  checkinStatus: CheckinStatus | null;
  checkinNote: string | null;
  leaveId: string | null;
  leaveReason: string | null;
  leaveStatus: LeaveStatus | null;
};

export type CheckinRow = { id: string; at: Date; method: CheckinMethod; status: CheckinStatus; memberId: string };

/** A check-in to record; `notify` false leaves the NOTIFY to the caller (after commit). */
export type CheckinInsert = {
  meetingId: string;
  memberId: string;
  at: Date;
  method: CheckinMethod;
  status: CheckinStatus;
  tokenStep: number | null;
  lat: number | null;
  lng: number | null;
  note: string | null;
  recordedBy: string | null;
  notify?: boolean;
};

/** What recording a check-in did: nothing for a member not expected (C4), a row written, or the row already there (when visible). */
export type CheckinWrite = { expected: boolean; written: boolean; row: CheckinRow | null };

export type LeaveRow = {
  id: string;
  meetingId: string;
  memberId: string;
  memberName: string;
  reason: string;
  status: LeaveStatus;
  createdAt: Date;
  decidedAt: Date | null;
  decidedByName: string | null;
  decisionNote: string | null;
};

const MEETING_COLS = `m.id, m.organisation_id AS "organisationId", m.type, m.title, m.starts_at AS "startsAt", m.ends_at AS "endsAt",
  m.place, m.chair_member_id AS "chairMemberId", m.recorder_member_id AS "recorderMemberId", m.agenda,
  m.checkin_opens_at AS "checkinOpensAt", m.checkin_closes_at AS "checkinClosesAt", m.geofence_lat AS "geofenceLat",
  m.geofence_lng AS "geofenceLng", m.geofence_radius_m AS "geofenceRadiusM", m.qr_step_seconds AS "qrStepSeconds",
  m.attendee_scope AS "attendeeScope", m.cancelled_at AS "cancelledAt", m.cancel_reason AS "cancelReason", m.minutes,
  m.minutes_updated_at AS "minutesUpdatedAt", o.name AS "orgName", o.kind AS "orgKind", o.path::text AS "orgPath"`;

const LEAVE_COLS = `l.id, l.meeting_id AS "meetingId", l.member_id AS "memberId", mb.name AS "memberName", l.reason, l.status,
  l.created_at AS "createdAt", l.decided_at AS "decidedAt", l.decided_by_name AS "decidedByName", l.decision_note AS "decisionNote"`;

/** Conditions on `m` (meeting) for a derived status at `$now`. */
export const STATUS_SQL: Record<string, (now: string) => string> = {
  cancelled: () => `m.cancelled_at IS NOT NULL`,
  scheduled: (now) => `m.cancelled_at IS NULL AND m.starts_at > ${now}`,
  in_progress: (now) => `m.cancelled_at IS NULL AND m.starts_at <= ${now} AND m.ends_at > ${now}`,
  ended: (now) => `m.cancelled_at IS NULL AND m.ends_at <= ${now}`,
};

/** pg answers UPDATE … RETURNING through TypeORM's query() as [rows, count]. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]));

/** How long the check-in path may reuse a meeting row it has read (per server process). */
const CHECKIN_CACHE_MS = 1000;

/** Data access of meetings, attendees, check-ins, leave and photos. No rules here. */
@Injectable()
export class MeetingsRepository implements OnApplicationBootstrap {
  private readonly cache = new Map<string, { row: MeetingRow; until: number }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly listener: PgListener,
  ) {}

  async onApplicationBootstrap() {
    // Every change to a meeting row, on any instance, sends NOTIFY meeting_changed (a trigger).
    await this.listener.subscribe('meeting_changed', { onNotify: (id) => this.cache.delete(id), onResync: () => this.cache.clear() });
  }

  /**
   * The meeting for the check-in path: a hall scanning at once reads the same row hundreds of times a
   * second, so it is reused for up to a second. A change made on any instance drops the copy on every
   * instance when its NOTIFY arrives (issue 12); this instance also drops it on every change it writes.
   */
  async findForCheckin(id: string): Promise<MeetingRow | null> {
    const now = Date.now();
    const hit = this.cache.get(id);
    if (hit && hit.until > now) return hit.row;
    const row = await this.find(id);
    if (row) {
      if (this.cache.size > 1000) this.cache.clear();
      this.cache.set(id, { row, until: now + CHECKIN_CACHE_MS });
    }
    return row;
  }

  async find(id: string, manager: EntityManager = this.db.manager, lock = false): Promise<MeetingRow | null> {
    const rows: MeetingRow[] = await manager.query(
      `SELECT ${MEETING_COLS} FROM meeting m JOIN organisation o ON o.id = m.organisation_id WHERE m.id = $1 ${lock ? 'FOR UPDATE OF m' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** A page of meetings; `where` conditions use `m` and `o`, and `$2` is always the current time. */
  async page(where: string[], params: unknown[], order: string, limit: number, offset: number): Promise<{ rows: MeetingRow[]; total: number }> {
    const from = `FROM meeting m JOIN organisation o ON o.id = m.organisation_id WHERE ${where.join(' AND ')} AND $2::timestamptz IS NOT NULL`;
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n ${from}`, params);
    const rows: MeetingRow[] = await this.db.query(`SELECT ${MEETING_COLS} ${from} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, params);
    return { rows, total: n };
  }

  async findOrg(id: string): Promise<{ id: string; name: string; kind: OrgKind; path: string; fullMemberCount: number } | null> {
    const rows = await this.db.query(`SELECT id, name, kind, path::text AS path, full_member_count AS "fullMemberCount" FROM organisation WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async insert(
    tx: EntityManager,
    m: Omit<MeetingRow, 'id' | 'orgName' | 'orgKind' | 'orgPath' | 'cancelledAt' | 'cancelReason' | 'minutes' | 'minutesUpdatedAt'> & { createdBy: string },
  ) {
    const rows: Array<{ id: string }> = await tx.query(
      `INSERT INTO meeting (organisation_id, type, title, starts_at, ends_at, place, chair_member_id, recorder_member_id, agenda,
         checkin_opens_at, checkin_closes_at, geofence_lat, geofence_lng, geofence_radius_m, qr_step_seconds, attendee_scope, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
      [
        m.organisationId,
        m.type,
        m.title,
        m.startsAt,
        m.endsAt,
        m.place,
        m.chairMemberId,
        m.recorderMemberId,
        m.agenda,
        m.checkinOpensAt,
        m.checkinClosesAt,
        m.geofenceLat,
        m.geofenceLng,
        m.geofenceRadiusM,
        m.qrStepSeconds,
        m.attendeeScope,
        m.createdBy,
      ],
    );
    return rows[0]!.id;
  }

  async update(tx: EntityManager, id: string, set: Record<string, unknown>) {
    const cols = Object.keys(set);
    this.cache.delete(id);
    if (cols.length === 0) return;
    await tx.query(`UPDATE meeting SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [
      id,
      ...cols.map((c) => set[c]),
    ]);
  }

  /** Members expected by the meeting's scope who are not listed yet; `canVote` by E1 (never for guests). */
  async addScopeAttendees(tx: EntityManager, meeting: { id: string; organisationId: string; orgPath: string; orgKind: OrgKind; attendeeScope: AttendeeScope }) {
    const [where, arg] =
      meeting.orgKind === 'group'
        ? [`m.group_id = $2`, meeting.organisationId]
        : meeting.attendeeScope === 'subtree'
          ? [`m.org_path <@ $2::ltree`, meeting.orgPath]
          : [`m.organisation_id = $2`, meeting.organisationId];
    const members: Array<{ id: string; status: MemberStatus; flags: MemberFlag[] }> = await tx.query(
      `SELECT m.id, m.status, m.flags FROM member m
        WHERE ${where} AND m.left_at IS NULL AND NOT EXISTS (SELECT 1 FROM meeting_attendee a WHERE a.meeting_id = $1 AND a.member_id = m.id)`,
      [meeting.id, arg],
    );
    // M2/C4: members seconded to a temporary branch take part in its meetings as guests (their formal branch stays theirs).
    const seconded: Array<{ id: string }> = await tx.query(
      `SELECT s.member_id AS id FROM secondment s JOIN member m ON m.id = s.member_id
        WHERE s.organisation_id = $2 AND s.ended_on IS NULL AND m.left_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM meeting_attendee a WHERE a.meeting_id = $1 AND a.member_id = s.member_id)`,
      [meeting.id, meeting.organisationId],
    );
    return this.insertAttendees(tx, meeting.id, [
      ...members.map((m) => ({ memberId: m.id, isGuest: false, canVote: canVoteAt({ isGuest: false, status: m.status, flags: m.flags }) })),
      ...seconded.filter((s) => !members.some((m) => m.id === s.id)).map((s) => ({ memberId: s.id, isGuest: true, canVote: false })),
    ]);
  }

  async insertAttendees(tx: EntityManager, meetingId: string, rows: Array<{ memberId: string; isGuest: boolean; canVote: boolean }>): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted = await tx.query(
      `INSERT INTO meeting_attendee (meeting_id, member_id, is_guest, can_vote)
       SELECT $1, u.member_id, u.is_guest, u.can_vote FROM unnest($2::uuid[], $3::bool[], $4::bool[]) AS u(member_id, is_guest, can_vote)
       ON CONFLICT DO NOTHING RETURNING member_id`,
      [meetingId, rows.map((r) => r.memberId), rows.map((r) => r.isGuest), rows.map((r) => r.canVote)],
    );
    return rowsOf(inserted).length;
  }

  async expectedCount(meetingId: string, manager: EntityManager = this.db.manager): Promise<number> {
    const [r] = await manager.query(`SELECT count(*)::int AS n FROM meeting_attendee WHERE meeting_id = $1`, [meetingId]);
    return r.n;
  }

  async attendee(meetingId: string, memberId: string, manager: EntityManager = this.db.manager) {
    const rows: Array<{ isGuest: boolean; canVote: boolean; absenceReason: string | null }> = await manager.query(
      `SELECT is_guest AS "isGuest", can_vote AS "canVote", absence_reason AS "absenceReason" FROM meeting_attendee WHERE meeting_id = $1 AND member_id = $2`,
      [meetingId, memberId],
    );
    return rows[0] ?? null;
  }

  async removeAttendee(tx: EntityManager, meetingId: string, memberId: string) {
    await tx.query(`DELETE FROM meeting_leave WHERE meeting_id = $1 AND member_id = $2`, [meetingId, memberId]);
    await tx.query(`DELETE FROM meeting_attendee WHERE meeting_id = $1 AND member_id = $2`, [meetingId, memberId]);
  }

  /**
   * A member who left the platform is no longer expected at meetings that have not started (and
   * where they have not checked in); past meetings keep them on record.
   */
  async dropFromUpcoming(tx: EntityManager, memberId: string, at: Date): Promise<void> {
    const upcoming = `SELECT id FROM meeting WHERE starts_at > $2`;
    await tx.query(`DELETE FROM meeting_leave WHERE member_id = $1 AND meeting_id IN (${upcoming})`, [memberId, at]);
    await tx.query(
      `DELETE FROM meeting_attendee a WHERE a.member_id = $1 AND a.meeting_id IN (${upcoming})
          AND NOT EXISTS (SELECT 1 FROM meeting_checkin c WHERE c.meeting_id = a.meeting_id AND c.member_id = a.member_id)`,
      [memberId, at],
    );
  }

  /**
   * A member who moved to another organisation (a transfer's acceptance, T5) is no longer expected at
   * the meetings of the old one that have not started: the same rule as `addScopeAttendees`, so a
   * meeting scheduled before the move and one scheduled after count the same 应到 (issue 13 saw 36 and
   * 35 for one branch). Guests stay invited; a member already checked in and past meetings keep the record.
   */
  async dropOutOfScopeFromUpcoming(tx: EntityManager, memberId: string, at: Date): Promise<void> {
    const stale = `SELECT mt.id FROM meeting mt JOIN organisation o ON o.id = mt.organisation_id, member m
        WHERE m.id = $1 AND mt.starts_at > $2
          AND NOT COALESCE(CASE WHEN o.kind = 'group' THEN m.group_id = o.id
                                WHEN mt.attendee_scope = 'subtree' THEN m.org_path <@ o.path
                                ELSE m.organisation_id = o.id END, false)`;
    await tx.query(
      `DELETE FROM meeting_leave l WHERE l.member_id = $1 AND l.meeting_id IN (${stale})
          AND EXISTS (SELECT 1 FROM meeting_attendee a WHERE a.meeting_id = l.meeting_id AND a.member_id = l.member_id AND NOT a.is_guest)`,
      [memberId, at],
    );
    await tx.query(
      `DELETE FROM meeting_attendee a WHERE a.member_id = $1 AND NOT a.is_guest AND a.meeting_id IN (${stale})
          AND NOT EXISTS (SELECT 1 FROM meeting_checkin c WHERE c.meeting_id = a.meeting_id AND c.member_id = a.member_id)`,
      [memberId, at],
    );
  }

  async setAbsenceReason(tx: EntityManager, meetingId: string, memberId: string, reason: string) {
    await tx.query(`UPDATE meeting_attendee SET absence_reason = $3 WHERE meeting_id = $1 AND member_id = $2`, [meetingId, memberId, reason]);
  }

  /** Members by id with their organisation path and flags (chair, recorder, guests). */
  async members(ids: string[]): Promise<Array<{ id: string; name: string; orgPath: string; flags: MemberFlag[] }>> {
    if (ids.length === 0) return [];
    return this.db.query(`SELECT id, name, org_path::text AS "orgPath", flags FROM member WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async memberNames(ids: Array<string | null>): Promise<Map<string, string>> {
    const list = ids.filter((x): x is string => !!x);
    if (list.length === 0) return new Map();
    const rows: Array<{ id: string; name: string }> = await this.db.query(`SELECT id, name FROM member WHERE id = ANY($1::uuid[])`, [list]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Attendance counts per meeting; `unexplained`: absent without approved leave and without a recorded reason. */
  async counts(ids: string[]): Promise<Map<string, MeetingCounts>> {
    if (ids.length === 0) return new Map();
    const rows: Array<MeetingCounts & { id: string }> = await this.db.query(
      `SELECT a.meeting_id AS id, count(*)::int AS expected,
              (count(*) FILTER (WHERE c.status = 'confirmed'))::int AS present,
              (count(*) FILTER (WHERE c.status = 'pending_confirmation'))::int AS pending,
              (count(*) FILTER (WHERE l.id IS NOT NULL AND c.status IS DISTINCT FROM 'confirmed'))::int AS "onLeave",
              (count(*) FILTER (WHERE (c.status IS NULL OR c.status = 'rejected') AND l.id IS NULL AND a.absence_reason IS NULL))::int AS unexplained
         FROM meeting_attendee a
         LEFT JOIN meeting_checkin c ON c.meeting_id = a.meeting_id AND c.member_id = a.member_id
         LEFT JOIN meeting_leave l ON l.meeting_id = a.meeting_id AND l.member_id = a.member_id AND l.status = 'approved'
        WHERE a.meeting_id = ANY($1::uuid[]) GROUP BY a.meeting_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Every expected attendee with check-in and live leave request: present in arrival order, then by name. */
  async attendees(meetingId: string): Promise<AttendeeRow[]> {
    return this.db.query(
      `SELECT a.member_id AS "memberId", mb.name, o.name AS "orgName", a.is_guest AS "isGuest", a.can_vote AS "canVote",
              a.absence_reason AS "absenceReason", c.id AS "checkinId", c.at AS "checkedInAt", c.method, c.status AS "checkinStatus",
              c.note AS "checkinNote", l.id AS "leaveId", l.reason AS "leaveReason", l.status AS "leaveStatus"
         FROM meeting_attendee a
         JOIN member mb ON mb.id = a.member_id
         JOIN organisation o ON o.id = mb.organisation_id
         LEFT JOIN meeting_checkin c ON c.meeting_id = a.meeting_id AND c.member_id = a.member_id
         LEFT JOIN meeting_leave l ON l.meeting_id = a.meeting_id AND l.member_id = a.member_id AND l.status IN ('pending', 'approved')
        WHERE a.meeting_id = $1
        ORDER BY (c.status = 'confirmed') IS NOT TRUE, c.at, mb.name, mb.id`,
      [meetingId],
    );
  }

  async attendeeIds(meetingId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(`SELECT member_id AS id FROM meeting_attendee WHERE meeting_id = $1`, [meetingId]);
    return rows.map((r) => r.id);
  }

  // ---- check-ins ----

  /**
   * C3: inserts the check-in, or answers nothing when the member already has one. A confirmed
   * check-in may replace a pending or rejected one; nothing replaces a confirmed one (the first
   * time wins). pg_notify is sent with the statement (unless `notify` is false), so listeners hear
   * of it when it commits. One call of `meeting_checkin_record` (migration 1795400002000), whose plan
   * PostgreSQL keeps per connection.
   * A member who is not expected fails the composite foreign key (23503).
   */
  async insertCheckin(c: CheckinInsert, manager: EntityManager = this.db.manager): Promise<CheckinRow | null> {
    const rows: CheckinRow[] = await manager.query(`SELECT * FROM meeting_checkin_record($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, [
      c.meetingId,
      c.memberId,
      c.at,
      c.method,
      c.status,
      c.tokenStep,
      c.lat,
      c.lng,
      c.note,
      c.recordedBy,
      c.notify ?? true,
    ]);
    const r = rows[0];
    return r ? { id: r.id, at: r.at, method: r.method, status: r.status, memberId: r.memberId } : null;
  }

  /**
   * Many check-ins in one statement (`meeting_checkin_record_batch`, migration 1795400003000), each
   * answered as `insertCheckin` would have been: not expected (C4), written, or the row it already
   * had (null when a concurrent scan's row is not visible yet). Items must differ in meeting and
   * member. The NOTIFY goes once for each meeting of an item with `notify`.
   */
  async insertCheckins(items: CheckinInsert[]): Promise<CheckinWrite[]> {
    const col = <K extends keyof CheckinInsert>(k: K) => items.map((i) => i[k]);
    const notify = [...new Set(items.filter((i) => i.notify ?? true).map((i) => i.meetingId))];
    const rows: Array<{ ord: number; expected: boolean; written: boolean; id: string | null; at: Date | null; method: CheckinMethod; status: CheckinStatus }> =
      await this.db.query(
        `SELECT * FROM meeting_checkin_record_batch($1::uuid[], $2::uuid[], $3::timestamptz[], $4::varchar[], $5::varchar[], $6::bigint[],
                                                    $7::float8[], $8::float8[], $9::text[], $10::uuid[], $11::uuid[])`,
        [
          col('meetingId'),
          col('memberId'),
          col('at'),
          col('method'),
          col('status'),
          col('tokenStep'),
          col('lat'),
          col('lng'),
          col('note'),
          col('recordedBy'),
          notify,
        ],
      );
    const out = new Array<CheckinWrite>(items.length);
    for (const r of rows) {
      const row = r.id && r.at ? { id: r.id, at: r.at, method: r.method, status: r.status, memberId: items[r.ord - 1]!.memberId } : null;
      out[r.ord - 1] = { expected: r.expected, written: r.written, row };
    }
    return out;
  }

  async findCheckin(meetingId: string, memberId: string, manager: EntityManager = this.db.manager): Promise<CheckinRow | null> {
    const rows: CheckinRow[] = await manager.query(
      `SELECT id, at, method, status, member_id AS "memberId" FROM meeting_checkin WHERE meeting_id = $1 AND member_id = $2`,
      [meetingId, memberId],
    );
    return rows[0] ?? null;
  }

  /** A NOTIFY of its own (after a check-in whose statement did not send one). */
  async notifyCheckin(meetingId: string) {
    await this.db.query(`SELECT pg_notify('meeting_checkin', $1)`, [meetingId]);
  }

  /** Decides a pending (offline) check-in; null when it is not pending (or not of this meeting). */
  async decideCheckin(
    tx: EntityManager,
    p: { meetingId: string; checkinId: string; status: 'confirmed' | 'rejected'; userId: string; note: string | null; at: Date },
  ) {
    const rows = rowsOf<CheckinRow>(
      await tx.query(
        `UPDATE meeting_checkin SET status = $3, decided_by = $4, decided_at = $6, note = COALESCE($5, note)
          WHERE id = $2 AND meeting_id = $1 AND status = 'pending_confirmation'
          RETURNING id, at, method, status, member_id AS "memberId"`,
        [p.meetingId, p.checkinId, p.status, p.userId, p.note, p.at],
      ),
    );
    if (rows[0]) await tx.query(`SELECT pg_notify('meeting_checkin', $1::text)`, [p.meetingId]);
    return rows[0] ?? null;
  }

  /** What the screen shows. */
  /**
   * The screen's figures and the latest `shown` confirmed arrivals (in order of arrival), in one
   * statement so the count and the names agree; the latest are read backwards on the arrival index,
   * so an update costs the same whatever the hall's size.
   */
  async live(meetingId: string, shown: number) {
    const [row]: Array<{
      expected: number;
      present: number;
      pending: number;
      arrivals: Array<{ memberId: string; name: string; at: string; isGuest: boolean }>;
    }> = await this.db.query(
      `SELECT (SELECT count(*) FROM meeting_attendee WHERE meeting_id = $1)::int AS expected,
                k.present, k.pending,
                (SELECT COALESCE(json_agg(json_build_object('memberId', l.member_id, 'name', l.name, 'at', l.at, 'isGuest', l.is_guest) ORDER BY l.at, l.id), '[]')
                   FROM (SELECT c.id, c.member_id, mb.name, c.at, a.is_guest
                           FROM meeting_checkin c
                           JOIN meeting_attendee a ON a.meeting_id = c.meeting_id AND a.member_id = c.member_id
                           JOIN member mb ON mb.id = c.member_id
                          WHERE c.meeting_id = $1 AND c.status = 'confirmed'
                          ORDER BY c.at DESC, c.id DESC LIMIT $2) l) AS arrivals
           FROM (SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS present,
                        count(*) FILTER (WHERE status = 'pending_confirmation')::int AS pending
                   FROM meeting_checkin WHERE meeting_id = $1) k`,
      [meetingId, shown],
    );
    return row!;
  }

  // ---- leave ----

  async insertLeave(tx: EntityManager, meetingId: string, memberId: string, reason: string): Promise<string> {
    const rows: Array<{ id: string }> = await tx.query(`INSERT INTO meeting_leave (meeting_id, member_id, reason) VALUES ($1, $2, $3) RETURNING id`, [
      meetingId,
      memberId,
      reason,
    ]);
    return rows[0]!.id;
  }

  async findLeave(id: string, manager: EntityManager = this.db.manager): Promise<LeaveRow | null> {
    const rows: LeaveRow[] = await manager.query(`SELECT ${LEAVE_COLS} FROM meeting_leave l JOIN member mb ON mb.id = l.member_id WHERE l.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async liveLeaveOf(meetingId: string, memberId: string): Promise<LeaveRow | null> {
    const rows: LeaveRow[] = await this.db.query(
      `SELECT ${LEAVE_COLS} FROM meeting_leave l JOIN member mb ON mb.id = l.member_id
        WHERE l.meeting_id = $1 AND l.member_id = $2 ORDER BY l.created_at DESC LIMIT 1`,
      [meetingId, memberId],
    );
    return rows[0] ?? null;
  }

  async leaves(meetingId: string): Promise<LeaveRow[]> {
    return this.db.query(`SELECT ${LEAVE_COLS} FROM meeting_leave l JOIN member mb ON mb.id = l.member_id WHERE l.meeting_id = $1 ORDER BY l.created_at`, [
      meetingId,
    ]);
  }

  /** Moves a leave request from one of `from` to `to`; false when it was not in such a state. */
  async setLeaveStatus(
    tx: EntityManager,
    p: { id: string; from: LeaveStatus[]; to: LeaveStatus; decidedBy?: string; decidedByName?: string; note?: string | null; at: Date },
  ): Promise<boolean> {
    const rows = rowsOf<{ id: string }>(
      await tx.query(
        `UPDATE meeting_leave SET status = $3, decided_by = COALESCE($4, decided_by), decided_by_name = COALESCE($5, decided_by_name),
                decided_at = CASE WHEN $4::uuid IS NULL THEN decided_at ELSE $7 END, decision_note = COALESCE($6, decision_note), updated_at = $7
          WHERE id = $1 AND status = ANY($2::text[]) RETURNING id`,
        [p.id, p.from, p.to, p.decidedBy ?? null, p.decidedByName ?? null, p.note ?? null, p.at],
      ),
    );
    return rows.length > 0;
  }

  // ---- photos ----

  async photos(
    meetingId: string,
  ): Promise<Array<{ id: string; caption: string | null; contentType: string; sizeBytes: number; createdAt: Date; fileId: string }>> {
    return this.db.query(
      `SELECT p.id, p.caption, f.content_type AS "contentType", f.size_bytes AS "sizeBytes", p.created_at AS "createdAt", p.file_id AS "fileId"
         FROM meeting_photo p JOIN stored_file f ON f.id = p.file_id WHERE p.meeting_id = $1 ORDER BY p.created_at, p.id`,
      [meetingId],
    );
  }

  async photoCount(tx: EntityManager, meetingId: string): Promise<number> {
    const [r] = await tx.query(`SELECT count(*)::int AS n FROM meeting_photo WHERE meeting_id = $1`, [meetingId]);
    return r.n;
  }

  async insertPhoto(tx: EntityManager, p: { meetingId: string; fileId: string; caption: string | null; createdBy: string }): Promise<string> {
    const rows: Array<{ id: string }> = await tx.query(
      `INSERT INTO meeting_photo (meeting_id, file_id, caption, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [p.meetingId, p.fileId, p.caption, p.createdBy],
    );
    return rows[0]!.id;
  }

  async findPhoto(meetingId: string, photoId: string, manager: EntityManager = this.db.manager): Promise<{ id: string; fileId: string } | null> {
    const rows = await manager.query(`SELECT id, file_id AS "fileId" FROM meeting_photo WHERE id = $1 AND meeting_id = $2`, [photoId, meetingId]);
    return rows[0] ?? null;
  }

  async deletePhoto(tx: EntityManager, photoId: string) {
    await tx.query(`DELETE FROM meeting_photo WHERE id = $1`, [photoId]);
  }

  /** Pending leave requests of meetings not yet started in these subtrees (the to-do centre). */
  pendingLeaves(
    roots: string[],
    now: Date,
  ): Promise<Array<{ id: string; meeting_id: string; title: string; name: string; org_id: string; org_name: string; starts_at: Date }>> {
    return this.db.query(
      `SELECT l.id, mt.id AS meeting_id, mt.title, m.name, o.id AS org_id, o.name AS org_name, mt.starts_at
         FROM meeting_leave l JOIN meeting mt ON mt.id = l.meeting_id JOIN organisation o ON o.id = mt.organisation_id JOIN member m ON m.id = l.member_id
        WHERE l.status = 'pending' AND mt.cancelled_at IS NULL AND mt.starts_at > $2 AND o.path <@ ANY($1::ltree[])
        ORDER BY mt.starts_at LIMIT 100`,
      [roots, now],
    );
  }

  /** Meetings of these subtrees that ended without minutes (C2), oldest first. */
  endedWithoutMinutes(
    roots: string[],
    now: Date,
  ): Promise<Array<{ id: string; title: string; type: MeetingType; org_id: string; org_name: string; ends_at: Date }>> {
    return this.db.query(
      `SELECT mt.id, mt.title, mt.type, o.id AS org_id, o.name AS org_name, mt.ends_at
         FROM meeting mt JOIN organisation o ON o.id = mt.organisation_id
        WHERE mt.cancelled_at IS NULL AND mt.ends_at < $2 AND coalesce(btrim(mt.minutes), '') = '' AND o.path <@ ANY($1::ltree[])
        ORDER BY mt.ends_at LIMIT 100`,
      [roots, now],
    );
  }

  /** What a meeting notice says of the meeting, and the accounts of its attendees. */
  async noticeOf(tx: EntityManager, meetingId: string): Promise<{ meeting: NoticeMeetingRow; userIds: string[] } | null> {
    const [meeting] = await tx.query<NoticeMeetingRow[]>(`SELECT id, title, type, place, starts_at FROM meeting WHERE id = $1`, [meetingId]);
    if (!meeting) return null;
    const users = await tx.query<Array<{ id: string }>>(
      `SELECT u.id FROM meeting_attendee a JOIN user_account u ON u.member_id = a.member_id WHERE a.meeting_id = $1`,
      [meetingId],
    );
    return { meeting, userIds: users.map((u) => u.id) };
  }

  /** Locks the next meeting starting within `leadMin` minutes that has no reminder yet (SKIP LOCKED: one instance takes it). */
  async claimDueReminder(tx: EntityManager, now: Date, leadMin: number): Promise<string | undefined> {
    const [row] = await tx.query<Array<{ id: string }>>(
      `SELECT id FROM meeting WHERE reminded_at IS NULL AND cancelled_at IS NULL AND starts_at > $1 AND starts_at <= $1 + make_interval(mins => $2)
        ORDER BY starts_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now, leadMin],
    );
    return row?.id;
  }

  async markReminded(tx: EntityManager, meetingId: string, now: Date): Promise<void> {
    await tx.query(`UPDATE meeting SET reminded_at = $2 WHERE id = $1`, [meetingId, now]);
  }
}
