import { Check, Column, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { SignupState, VolunteerRuleSetId } from '@dangjian/shared';
import { UserAccountEntity } from '../auth/auth.entities.js';
import { BaseEntity } from '../common/base.entity.js';
import { MemberEntity } from '../members/member.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { StoredFileEntity } from '../storage/stored-file.entity.js';

/**
 * A person who volunteers: a Party member (by member id) or a 群众 with a phone number kept only
 * encrypted (PhoneCipher, M4) and the time they consented to it being kept.
 */
@Entity('volunteer')
@Check('CHK_volunteer_kind', `(member_id IS NOT NULL) OR (phone_enc IS NOT NULL AND consent_at IS NOT NULL)`)
@Index('UQ_volunteer_member', ['memberId'], { unique: true, where: 'member_id IS NOT NULL' })
@Index('UQ_volunteer_phone', ['phoneHash'], { unique: true, where: 'phone_hash IS NOT NULL' })
export class VolunteerEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'member_id', nullable: true })
  memberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  /** The 群众's name (a member's name is read from the member record). */
  @Column({ type: 'varchar', length: 50, nullable: true })
  name: string | null;

  @Column({ type: 'text', name: 'phone_enc', nullable: true })
  phoneEnc: string | null;

  @Column({ type: 'char', length: 64, name: 'phone_hash', nullable: true })
  phoneHash: string | null;

  @Column({ type: 'varchar', length: 20, name: 'phone_masked', nullable: true })
  phoneMasked: string | null;

  @Column({ type: 'timestamptz', name: 'consent_at', nullable: true })
  consentAt: Date | null;

  /** Who recorded the consent. */
  @Column({ type: 'uuid', name: 'consent_by', nullable: true })
  consentBy: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'consent_by' })
  consentUser?: UserAccountEntity;
}

/** A volunteer or rescue team of an organisation (its workers with volunteer.manage and its leaders run it). */
@Entity('volunteer_team')
@Index('IDX_volunteer_team_org', ['organisationId'])
export class VolunteerTeamEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;
}

@Entity('volunteer_team_member')
@Index('IDX_volunteer_team_member_volunteer', ['volunteerId'])
export class VolunteerTeamMemberEntity {
  @PrimaryColumn({ type: 'uuid', name: 'team_id' })
  teamId: string;

  @ManyToOne(() => VolunteerTeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: VolunteerTeamEntity;

  @PrimaryColumn({ type: 'uuid', name: 'volunteer_id' })
  volunteerId: string;

  @ManyToOne(() => VolunteerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'volunteer_id' })
  volunteer?: VolunteerEntity;

  @Column({ type: 'boolean', default: false })
  leader: boolean;

  @Column({ type: 'timestamptz', name: 'joined_at', default: () => 'now()' })
  joinedAt: Date;
}

/** An activity: time, place and places; it keeps the P4 rule set it was created under. */
@Entity('volunteer_activity')
@Check('CHK_volunteer_activity_time', `ends_at > starts_at`)
@Check('CHK_volunteer_activity_capacity', `capacity > 0`)
@Index('IDX_volunteer_activity_team', ['teamId', 'startsAt'])
export class VolunteerActivityEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'team_id' })
  teamId: string;

  @ManyToOne(() => VolunteerTeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: VolunteerTeamEntity;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 200 })
  place: string;

  @Column({ type: 'timestamptz', name: 'starts_at' })
  startsAt: Date;

  @Column({ type: 'timestamptz', name: 'ends_at' })
  endsAt: Date;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'varchar', length: 20, name: 'rule_set' })
  ruleSet: VolunteerRuleSetId;

  @Column({ type: 'integer', name: 'qr_step_seconds', default: 30 })
  qrStepSeconds: number;

  @Column({ type: 'text', nullable: true })
  report: string | null;

  @Column({ type: 'timestamptz', name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: UserAccountEntity;
}

/**
 * One volunteer's place on an activity. Places are given under a lock of the activity row, so the
 * confirmed count never passes the capacity; a cancellation promotes the first on the waiting list.
 */
@Entity('volunteer_signup')
@Check('CHK_volunteer_signup_state', `state IN ('confirmed','waitlisted','cancelled')`)
@Check('CHK_volunteer_signup_out', `signed_out_at IS NULL OR (signed_in_at IS NOT NULL AND signed_out_at >= signed_in_at)`)
@Index('UQ_volunteer_signup', ['activityId', 'volunteerId'], { unique: true })
@Index('IDX_volunteer_signup_volunteer', ['volunteerId'])
export class VolunteerSignupEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'activity_id' })
  activityId: string;

  @ManyToOne(() => VolunteerActivityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id' })
  activity?: VolunteerActivityEntity;

  @Column({ type: 'uuid', name: 'volunteer_id' })
  volunteerId: string;

  @ManyToOne(() => VolunteerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'volunteer_id' })
  volunteer?: VolunteerEntity;

  @Column({ type: 'varchar', length: 20 })
  state: SignupState;

  @Column({ type: 'timestamptz', name: 'signed_up_at' })
  signedUpAt: Date;

  /**
   * Orders the waiting list: drawn from a sequence under the activity lock, so it is the order the
   * sign-ups were decided in (times can tie); a re-sign-up after cancelling draws anew (to the end).
   */
  @Column({ type: 'bigint', name: 'queue_no' })
  @Generated('increment')
  queueNo: string;

  @Column({ type: 'timestamptz', name: 'signed_in_at', nullable: true })
  signedInAt: Date | null;

  @Column({ type: 'timestamptz', name: 'signed_out_at', nullable: true })
  signedOutAt: Date | null;

  /** The organiser who confirmed a missing sign-out (P4), or recorded the sign-in of a volunteer without the app. */
  @Column({ type: 'uuid', name: 'confirmed_by', nullable: true })
  confirmedBy: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'confirmed_by' })
  confirmer?: UserAccountEntity;

  @Column({ type: 'integer', name: 'service_seconds', nullable: true })
  serviceSeconds: number | null;
}

@Entity('volunteer_activity_photo')
@Index('IDX_volunteer_activity_photo_activity', ['activityId'])
export class VolunteerActivityPhotoEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'activity_id' })
  activityId: string;

  @ManyToOne(() => VolunteerActivityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id' })
  activity?: VolunteerActivityEntity;

  @Column({ type: 'uuid', name: 'file_id' })
  fileId: string;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'file_id' })
  file?: StoredFileEntity;
}

export const VOLUNTEER_ENTITIES = [
  VolunteerEntity,
  VolunteerTeamEntity,
  VolunteerTeamMemberEntity,
  VolunteerActivityEntity,
  VolunteerSignupEntity,
  VolunteerActivityPhotoEntity,
];
