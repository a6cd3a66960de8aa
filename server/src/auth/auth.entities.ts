import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Role } from '@dangjian/shared';
import { BaseEntity } from '../common/base.entity.js';
import { MemberEntity } from '../members/member.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';

/** A person who signs in: a member (through WeChat) and/or a worker with a password. */
@Entity('user_account')
export class UserAccountEntity extends BaseEntity {
  @Index('UQ_user_account_member', { unique: true })
  @Column({ type: 'uuid', name: 'member_id', nullable: true })
  memberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Index('UQ_user_account_username', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  username: string | null;

  /** scrypt, `scrypt$N$r$p$salt$hash` (base64). */
  @Column({ type: 'text', name: 'password_hash', nullable: true })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 50, name: 'display_name' })
  displayName: string;

  @Column({ type: 'int', name: 'failed_attempts', default: 0 })
  failedAttempts: number;

  @Column({ type: 'timestamptz', name: 'locked_until', nullable: true })
  lockedUntil: Date | null;

  @Index('UQ_user_account_wx_openid', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'wx_openid', nullable: true })
  wxOpenid: string | null;

  @Column({ type: 'varchar', length: 64, name: 'wx_unionid', nullable: true })
  wxUnionid: string | null;

  @Column({ type: 'boolean', name: 'is_demo', default: false })
  isDemo: boolean;

  @Column({ type: 'timestamptz', name: 'disabled_at', nullable: true })
  disabledAt: Date | null;
}

/** Roles that are not committee positions: organisation workers and platform administrators. */
@Entity('role_assignment')
@Index('UQ_role_assignment', ['userId', 'role', 'organisationId'], { unique: true })
export class RoleAssignmentEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserAccountEntity;

  @Column({ type: 'varchar', length: 30 })
  role: Role;

  @Index('IDX_role_assignment_org')
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'uuid', name: 'granted_by', nullable: true })
  grantedBy: string | null;
}

/** Opaque tokens, stored only as SHA-256 hashes; revoking the row signs the session out. */
@Entity('auth_session')
export class AuthSessionEntity extends BaseEntity {
  @Index('IDX_auth_session_user')
  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserAccountEntity;

  @Index('UQ_auth_session_access', { unique: true })
  @Column({ type: 'char', length: 64, name: 'access_hash' })
  accessHash: string;

  @Index('UQ_auth_session_refresh', { unique: true })
  @Column({ type: 'char', length: 64, name: 'refresh_hash' })
  refreshHash: string;

  @Column({ type: 'timestamptz', name: 'access_expires_at' })
  accessExpiresAt: Date;

  @Column({ type: 'timestamptz', name: 'refresh_expires_at' })
  refreshExpiresAt: Date;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  /** 'password' | 'wechat' | 'demo'. */
  @Column({ type: 'varchar', length: 20 })
  method: string;
}

/** One-time code a branch issues so a member can bind a WeChat identity (with their phone number). */
@Entity('binding_code')
export class BindingCodeEntity extends BaseEntity {
  @Index('IDX_binding_code_member')
  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'char', length: 64, name: 'code_hash' })
  codeHash: string;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', name: 'used_at', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'int', name: 'failed_attempts', default: 0 })
  failedAttempts: number;

  @Column({ type: 'uuid', name: 'issued_by', nullable: true })
  issuedBy: string | null;
}

/**
 * Refresh tokens already rotated away, per session (a session is one token family: rotation keeps the
 * row). One coming back means two parties hold the family; the session is revoked (REFRESH_REUSED).
 * Rows go with their session; they are only useful until the session's refresh expiry.
 */
@Entity('auth_refresh_rotated')
export class AuthRefreshRotatedEntity {
  @PrimaryColumn({ type: 'char', length: 64, name: 'refresh_hash' })
  refreshHash: string;

  @Index('IDX_auth_refresh_rotated_session')
  @Column({ type: 'uuid', name: 'session_id' })
  sessionId: string;

  @ManyToOne(() => AuthSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: AuthSessionEntity;

  @Column({ type: 'timestamptz', name: 'rotated_at', default: () => 'now()' })
  rotatedAt: Date;
}
