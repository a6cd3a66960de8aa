import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { CorrectableField, CorrectionState } from '@dangjian/shared';
import { UserAccountEntity } from '../auth/auth.entities.js';
import { BaseEntity } from '../common/base.entity.js';
import { MemberEntity } from '../members/member.entity.js';

/**
 * One field of a request: `from`/`to` as people read them when it was made (labels, the unit's name, a
 * masked phone), `value` what is applied on approval (null for the phone, whose new number is only
 * stored encrypted in `phoneEnc`, M4).
 */
export type StoredCorrectionChange = { field: CorrectableField; from: string | null; to: string | null; value: string | null };

/** 档案更正: who asked what (from → to), who decided, when and why — the row is the history. */
@Entity('member_profile_correction')
@Check('CHK_member_profile_correction_state', `state IN ('pending','approved','returned','withdrawn')`)
@Check('CHK_member_profile_correction_return', `(state = 'returned') = (return_reason IS NOT NULL)`)
// One open request per member: a second would race the first one's approval.
@Index('UQ_member_profile_correction_open', ['memberId'], { unique: true, where: `state = 'pending'` })
@Index('IDX_member_profile_correction_member', ['memberId', 'createdAt'])
export class MemberProfileCorrectionEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'varchar', length: 20 })
  state: CorrectionState;

  @Column({ type: 'jsonb' })
  changes: StoredCorrectionChange[];

  /** AES-256-GCM ciphertext of the requested phone number (PhoneCipher), when the phone is asked for. */
  @Column({ type: 'text', name: 'phone_enc', nullable: true })
  phoneEnc: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid', name: 'requested_by', nullable: true })
  requestedBy: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'requested_by' })
  requester?: UserAccountEntity;

  @Column({ type: 'uuid', name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by' })
  decider?: UserAccountEntity;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', name: 'return_reason', nullable: true })
  returnReason: string | null;
}
