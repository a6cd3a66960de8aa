import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { AttendeeScope, CheckinMethod, CheckinStatus, LeaveStatus, MeetingType } from '@dangjian/shared';
import { BaseEntity } from '../common/base.entity.js';
import { MemberEntity } from '../members/member.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { StoredFileEntity } from '../storage/stored-file.entity.js';

/**
 * A meeting of an organisation (三会一课 and other organisational life, C1). Its status is derived from
 * the clock; only cancellation is stored. Check-in settings (window, geofence, QR step) live here.
 */
@Entity('meeting')
// Partial index for the reminder job (meeting-reminders migration).
@Index('IDX_meeting_remind_due', { synchronize: false })
@Check(
  'CHK_meeting_type',
  `type IN ('general_assembly','committee_meeting','group_meeting','party_lecture','theme_day','life_meeting','democratic_review','other')`,
)
@Check('CHK_meeting_times', `ends_at > starts_at AND checkin_closes_at > checkin_opens_at`)
@Check('CHK_meeting_qr_step', `qr_step_seconds BETWEEN 5 AND 120`)
@Check('CHK_meeting_geofence', `(geofence_lat IS NULL) = (geofence_lng IS NULL) AND (geofence_lat IS NULL) = (geofence_radius_m IS NULL)`)
@Index('IDX_meeting_org_starts', ['organisationId', 'startsAt'])
export class MeetingEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 30 })
  type: MeetingType;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Index('IDX_meeting_starts_at')
  @Column({ type: 'timestamptz', name: 'starts_at' })
  startsAt: Date;

  @Column({ type: 'timestamptz', name: 'ends_at' })
  endsAt: Date;

  @Column({ type: 'varchar', length: 200 })
  place: string;

  @Column({ type: 'uuid', name: 'chair_member_id', nullable: true })
  chairMemberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'chair_member_id' })
  chair?: MemberEntity;

  @Column({ type: 'uuid', name: 'recorder_member_id', nullable: true })
  recorderMemberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorder_member_id' })
  recorder?: MemberEntity;

  @Column({ type: 'text', default: '' })
  agenda: string;

  /** L1: study hours (学时) members who checked in earn (a 党课 usually carries some); set by the study module. */
  @Column({ type: 'numeric', precision: 4, scale: 1, name: 'study_hours', nullable: true })
  studyHours: string | null;

  @Column({ type: 'timestamptz', name: 'checkin_opens_at' })
  checkinOpensAt: Date;

  @Column({ type: 'timestamptz', name: 'checkin_closes_at' })
  checkinClosesAt: Date;

  @Column({ type: 'double precision', name: 'geofence_lat', nullable: true })
  geofenceLat: number | null;

  @Column({ type: 'double precision', name: 'geofence_lng', nullable: true })
  geofenceLng: number | null;

  @Column({ type: 'int', name: 'geofence_radius_m', nullable: true })
  geofenceRadiusM: number | null;

  @Column({ type: 'int', name: 'qr_step_seconds', default: 15 })
  qrStepSeconds: number;

  @Column({ type: 'varchar', length: 20, name: 'attendee_scope', default: 'organisation' })
  attendeeScope: AttendeeScope;

  @Column({ type: 'timestamptz', name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', name: 'cancel_reason', nullable: true })
  cancelReason: string | null;

  /** C2: the minutes (会议记录), written after the meeting. */
  @Column({ type: 'text', nullable: true })
  minutes: string | null;

  @Column({ type: 'timestamptz', name: 'minutes_updated_at', nullable: true })
  minutesUpdatedAt: Date | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  /** When the attendees were reminded before the start (issue 14); cleared when the time changes. */
  @Column({ type: 'timestamptz', name: 'reminded_at', nullable: true })
  remindedAt: Date | null;
}

/**
 * Who is expected at a meeting (C4), computed at creation. `canVote` is fixed then for the elections
 * module (E1): full members of the organisation only, never guests.
 */
@Entity('meeting_attendee')
export class MeetingAttendeeEntity {
  @PrimaryColumn({ type: 'uuid', name: 'meeting_id' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: MeetingEntity;

  @Index('IDX_meeting_attendee_member')
  @PrimaryColumn({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'boolean', name: 'is_guest', default: false })
  isGuest: boolean;

  @Column({ type: 'boolean', name: 'can_vote', default: false })
  canVote: boolean;

  /** C2: why an absentee without approved leave was absent, recorded by the secretary. */
  @Column({ type: 'text', name: 'absence_reason', nullable: true })
  absenceReason: string | null;

  @Column({ type: 'timestamptz', name: 'added_at', default: () => 'now()' })
  addedAt: Date;
}

/**
 * A check-in (C3): one row per member and meeting, enforced by a unique index, so concurrent scans
 * insert exactly one; the first time wins. The composite foreign key to the attendee row makes the
 * database refuse a check-in of someone not expected (C4).
 */
@Entity('meeting_checkin')
@Check('CHK_meeting_checkin_method', `method IN ('qr','personal_code','manual','offline_qr')`)
@Check('CHK_meeting_checkin_status', `status IN ('confirmed','pending_confirmation','rejected')`)
@Index('UQ_meeting_checkin_member', ['meetingId', 'memberId'], { unique: true })
@Index('IDX_meeting_checkin_arrival', ['meetingId', 'at'])
// C5 scan and member histories: a member's check-ins.
@Index('IDX_meeting_checkin_member', ['memberId'])
export class MeetingCheckinEntity {
  @Column({ type: 'uuid', primary: true, generated: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'meeting_id' })
  meetingId: string;

  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MeetingAttendeeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'meeting_id', referencedColumnName: 'meetingId' },
    { name: 'member_id', referencedColumnName: 'memberId' },
  ])
  attendee?: MeetingAttendeeEntity;

  /** The check-in time (server clock; for an offline scan, the scan time it claims). */
  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'varchar', length: 20 })
  method: CheckinMethod;

  @Column({ type: 'varchar', length: 24 })
  status: CheckinStatus;

  /** The QR step of the token used (qr, offline_qr). */
  @Column({ type: 'bigint', name: 'token_step', nullable: true })
  tokenStep: string | null;

  @Column({ type: 'double precision', nullable: true })
  lat: number | null;

  @Column({ type: 'double precision', nullable: true })
  lng: number | null;

  /** 补签 reason, or the secretary's note on confirming or rejecting an offline scan. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The user who recorded it for the member (补签, personal code), else null. */
  @Column({ type: 'uuid', name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @Column({ type: 'uuid', name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/** 请假: a member's leave request before a meeting, decided by the secretary (C2). */
@Entity('meeting_leave')
@Check('CHK_meeting_leave_status', `status IN ('pending','approved','refused','withdrawn')`)
// One live request per member and meeting; refused or withdrawn ones stay as history.
@Index('UQ_meeting_leave_live', ['meetingId', 'memberId'], { unique: true, where: `status IN ('pending','approved')` })
export class MeetingLeaveEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'meeting_id' })
  meetingId: string;

  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MeetingAttendeeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'meeting_id', referencedColumnName: 'meetingId' },
    { name: 'member_id', referencedColumnName: 'memberId' },
  ])
  attendee?: MeetingAttendeeEntity;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: LeaveStatus;

  @Column({ type: 'uuid', name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'varchar', length: 50, name: 'decided_by_name', nullable: true })
  decidedByName: string | null;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', name: 'decision_note', nullable: true })
  decisionNote: string | null;
}

/** A photo of a meeting (C2 record), stored through the storage module. */
@Entity('meeting_photo')
export class MeetingPhotoEntity {
  @Column({ type: 'uuid', primary: true, generated: 'uuid' })
  id: string;

  @Index('IDX_meeting_photo_meeting')
  @Column({ type: 'uuid', name: 'meeting_id' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: MeetingEntity;

  @Index('UQ_meeting_photo_file', { unique: true })
  @Column({ type: 'uuid', name: 'file_id' })
  fileId: string;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'file_id' })
  file?: StoredFileEntity;

  @Column({ type: 'varchar', length: 200, nullable: true })
  caption: string | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
