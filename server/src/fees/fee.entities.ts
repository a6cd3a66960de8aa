import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
  type ValueTransformer,
} from 'typeorm';
import type { FeeBillStatus, FeeCategory, FeePaymentKind, FeePaymentMethod, FeePaymentStatus, FeeReliefKind, FeeReliefStatus } from '@dangjian/shared';
import { BaseEntity } from '../common/base.entity.js';
import { MemberEntity } from '../members/member.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';

/**
 * Money columns are `bigint` fen. pg hands int8 back as a string; this turns it into a number only
 * when it is an exact safe integer (it always is below MAX_FEN), never through parseFloat.
 */
export const fenFromDb = (v: string | number | null | undefined): number => {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new RangeError(`not an amount in fen: ${v}`);
    return v;
  }
  if (!/^-?\d{1,16}$/.test(v)) throw new RangeError(`not an amount in fen: ${v}`);
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an amount in fen: ${v}`);
  return n;
};
const fen: ValueTransformer = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : fenFromDb(v)) };
const fenColumn = (name: string, nullable = false) => ({ type: 'bigint' as const, name, nullable, transformer: fen });

/**
 * A member's fee standard (F1–F4): category and base, and the monthly fee computed from them by the
 * shared rules when recorded. One row per member and effective month: with the base fixed for the
 * year (F4 default) only January rows exist; with recompute-on-change a salary change adds a row
 * from its month. Bills copy the fee, so the rules run once, in TypeScript, never in SQL.
 */
@Entity('fee_standard')
@Index('UQ_fee_standard_member_month', ['memberId', 'effectiveMonth'], { unique: true })
@Check('CHK_fee_standard_category', `category IN ('salaried','retiree','student','unemployed','relief','farmer')`)
@Check('CHK_fee_standard_month', `EXTRACT(day FROM effective_month) = 1 AND EXTRACT(year FROM effective_month) = year`)
export class FeeStandardEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'int' })
  year: number;

  /** First day of the month it applies from. */
  @Column({ type: 'date', name: 'effective_month' })
  effectiveMonth: string;

  @Column({ type: 'varchar', length: 20 })
  category: FeeCategory;

  @Column(fenColumn('base_fen', true))
  baseFen: number | null;

  @Column(fenColumn('farmer_amount_fen', true))
  farmerAmountFen: number | null;

  @Column(fenColumn('voluntary_monthly_fen', true))
  voluntaryMonthlyFen: number | null;

  /** What the rules compute, capped (F4), without the member's voluntary choice. */
  @Column(fenColumn('standard_fen'))
  standardFen: number;

  /** What is billed per month: the standard, or the member's voluntary amount above it. */
  @Column(fenColumn('monthly_fee_fen'))
  monthlyFeeFen: number;

  @Column({ type: 'varchar', length: 20 })
  rule: string;

  /** The shared rules' FeeComputation, kept as recorded (rule-set version included). */
  @Column({ type: 'jsonb' })
  computation: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid', name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @Column({ type: 'varchar', length: 50, name: 'recorded_by_name', nullable: true })
  recordedByName: string | null;
}

/**
 * One bill per member and month (the unique index makes generation idempotent: INSERT … ON
 * CONFLICT DO NOTHING). `organisation_id` is the member's organisation when billed (T5).
 * Aggregates per organisation and month (fee_org_month) follow every change through statement
 * triggers, in the same transaction.
 */
@Entity('fee_bill')
@Index('UQ_fee_bill_member_month', ['memberId', 'month'], { unique: true })
@Index('IDX_fee_bill_org_month', ['organisationId', 'month'])
@Check('CHK_fee_bill_status', `status IN ('unpaid','paid','reduced','exempt')`)
@Check('CHK_fee_bill_amounts', `amount_due_fen >= 0 AND standard_fen >= 0`)
@Check('CHK_fee_bill_month', `EXTRACT(day FROM month) = 1`)
export class FeeBillEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  /**
   * No foreign key on member_id and organisation_id: per-row RI checks took half of the time of
   * billing a million members (each takes a KEY SHARE lock that dirties the member row). Bills are
   * only made by INSERT … SELECT from member, and delete guards on member and organisation refuse to
   * delete a row bills refer to (foreign_key_violation, like RESTRICT). Migration 1795325500000.
   */
  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  /** First day of the month. */
  @Column({ type: 'date' })
  month: string;

  @Column({ type: 'varchar', length: 20 })
  category: FeeCategory;

  @Column({ type: 'varchar', length: 20 })
  rule: string;

  @Column(fenColumn('base_fen', true))
  baseFen: number | null;

  @Column(fenColumn('standard_fen'))
  standardFen: number;

  @Column(fenColumn('amount_due_fen'))
  amountDueFen: number;

  @Column({ type: 'varchar', length: 10, default: 'unpaid' })
  status: FeeBillStatus;

  @Column({ type: 'timestamptz', name: 'paid_at', nullable: true })
  paidAt: Date | null;

  @Column({ type: 'uuid', name: 'payment_id', nullable: true })
  paymentId: string | null;

  @ManyToOne(() => FeePaymentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payment_id' })
  payment?: Relation<FeePaymentEntity>;

  @Column({ type: 'uuid', name: 'relief_id', nullable: true })
  reliefId: string | null;

  @ManyToOne(() => FeeReliefEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'relief_id' })
  relief?: Relation<FeeReliefEntity>;
}

/**
 * Per organisation and month: the bills and what they came to. Kept by triggers on fee_bill, so the
 * collection report rolls up a province from ~34,000 rows instead of a million bills.
 */
@Entity('fee_org_month')
// (month, org_path) INCLUDE the counters, made by migration 1795325600000 (TypeORM cannot describe INCLUDE).
@Index('IDX_fee_org_month_path', { synchronize: false })
export class FeeOrgMonthEntity {
  @PrimaryColumn({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @PrimaryColumn({ type: 'date' })
  month: string;

  /** The organisation's current path (followed on moves by a trigger): subtree sums need no join. */
  @Column({ type: 'ltree', name: 'org_path' })
  orgPath: string;

  @Column({ type: 'int', default: 0 })
  bills: number;

  @Column({ ...fenColumn('due_fen'), default: 0 })
  dueFen: number;

  @Column({ ...fenColumn('paid_fen'), default: 0 })
  paidFen: number;

  @Column({ type: 'int', default: 0 })
  settled: number;

  @Column({ type: 'int', default: 0 })
  paid: number;

  @Column({ type: 'int', default: 0 })
  reduced: number;

  @Column({ type: 'int', default: 0 })
  exempt: number;
}

/** 代缴 (F5 practice): another member pays, with the branch's recorded agreement. */
@Entity('fee_proxy_agreement')
@Index('UQ_fee_proxy_agreement_active', ['memberId', 'payerMemberId'], { unique: true, where: 'revoked_at IS NULL' })
@Index('IDX_fee_proxy_agreement_payer', ['payerMemberId'])
export class FeeProxyAgreementEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'uuid', name: 'payer_member_id' })
  payerMemberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payer_member_id' })
  payer?: MemberEntity;

  /** The branch that agreed (the member's organisation then). */
  @Index('IDX_fee_proxy_agreement_org')
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'date', name: 'decided_on' })
  decidedOn: string;

  @Column({ type: 'text' })
  note: string;

  @Column({ type: 'uuid', name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @Column({ type: 'varchar', length: 50, name: 'recorded_by_name', nullable: true })
  recordedByName: string | null;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}

/**
 * A payment: recorded by the fee worker (cash, transfer) or online (WeChat Pay, or the labelled
 * demo). Online orders start `pending`; the verified notification pays them, once.
 */
@Entity('fee_payment')
@Check('CHK_fee_payment_status', `status IN ('pending','paid','failed','refund_due')`)
@Check('CHK_fee_payment_method', `method IN ('cash','transfer','wechat','demo')`)
@Check('CHK_fee_payment_kind', `kind IN ('bills','voluntary')`)
@Check('CHK_fee_payment_amount', `amount_fen >= 0 AND voluntary_fen >= 0`)
@Index('IDX_fee_payment_org_created', ['organisationId', 'createdAt'])
@Index('IDX_fee_payment_forward', ['forwardOrgId'], { where: 'large' })
export class FeePaymentEntity extends BaseEntity {
  @Index('UQ_fee_payment_receipt', { unique: true })
  @Column({ type: 'varchar', length: 20, name: 'receipt_no', nullable: true })
  receiptNo: string | null;

  @Column({ type: 'varchar', length: 10 })
  kind: FeePaymentKind;

  @Index('IDX_fee_payment_member')
  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'uuid', name: 'payer_member_id', nullable: true })
  payerMemberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payer_member_id' })
  payer?: MemberEntity;

  @Column({ type: 'uuid', name: 'proxy_agreement_id', nullable: true })
  proxyAgreementId: string | null;

  @ManyToOne(() => FeeProxyAgreementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proxy_agreement_id' })
  proxyAgreement?: Relation<FeeProxyAgreementEntity>;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 10 })
  method: FeePaymentMethod;

  @Column({ type: 'varchar', length: 12 })
  status: FeePaymentStatus;

  @Column(fenColumn('amount_fen'))
  amountFen: number;

  @Column({ ...fenColumn('voluntary_fen'), default: 0 })
  voluntaryFen: number;

  /** F5: 大额党费, forwarded to `forward_org_id` (the committee above the branch). */
  @Column({ type: 'boolean', default: false })
  large: boolean;

  @Column({ type: 'uuid', name: 'forward_org_id', nullable: true })
  forwardOrgId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'forward_org_id' })
  forwardOrg?: OrganisationEntity;

  @Column({ type: 'timestamptz', name: 'forward_ack_at', nullable: true })
  forwardAckAt: Date | null;

  @Column({ type: 'varchar', length: 50, name: 'forward_ack_by_name', nullable: true })
  forwardAckByName: string | null;

  @Column({ type: 'text', name: 'forward_ack_note', nullable: true })
  forwardAckNote: string | null;

  @Column({ type: 'timestamptz', name: 'paid_at', nullable: true })
  paidAt: Date | null;

  @Column({ type: 'uuid', name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @Column({ type: 'varchar', length: 50, name: 'recorded_by_name', nullable: true })
  recordedByName: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Index('UQ_fee_payment_out_trade_no', { unique: true })
  @Column({ type: 'varchar', length: 32, name: 'out_trade_no', nullable: true })
  outTradeNo: string | null;

  @Index('UQ_fee_payment_transaction', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'transaction_id', nullable: true })
  transactionId: string | null;

  @Column({ type: 'text', nullable: true })
  problem: string | null;
}

/** The bills a payment covers (an online order lists them before it is paid). */
@Entity('fee_payment_bill')
export class FeePaymentBillEntity {
  @PrimaryColumn({ type: 'uuid', name: 'payment_id' })
  paymentId: string;

  @ManyToOne(() => FeePaymentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'payment_id' })
  payment?: Relation<FeePaymentEntity>;

  @Index('IDX_fee_payment_bill_bill')
  @PrimaryColumn({ type: 'uuid', name: 'bill_id' })
  billId: string;

  @ManyToOne(() => FeeBillEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bill_id' })
  bill?: Relation<FeeBillEntity>;
}

/** F7: 少交/免交 — the branch's recorded decision, then approval by a higher organisation. */
@Entity('fee_relief')
@Check('CHK_fee_relief_kind', `kind IN ('reduce','exempt')`)
@Check('CHK_fee_relief_status', `status IN ('pending','approved','rejected')`)
@Check('CHK_fee_relief_months', `from_month <= to_month AND EXTRACT(day FROM from_month) = 1 AND EXTRACT(day FROM to_month) = 1`)
@Index('IDX_fee_relief_member', ['memberId', 'fromMonth'])
export class FeeReliefEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Index('IDX_fee_relief_org')
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 10 })
  kind: FeeReliefKind;

  @Column({ type: 'date', name: 'from_month' })
  fromMonth: string;

  @Column({ type: 'date', name: 'to_month' })
  toMonth: string;

  @Column(fenColumn('reduced_fen', true))
  reducedFen: number | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'date', name: 'branch_decided_on' })
  branchDecidedOn: string;

  @Column({ type: 'text', name: 'branch_decision' })
  branchDecision: string;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: FeeReliefStatus;

  @Column({ type: 'uuid', name: 'requested_by', nullable: true })
  requestedBy: string | null;

  @Column({ type: 'varchar', length: 50, name: 'requested_by_name', nullable: true })
  requestedByName: string | null;

  @Column({ type: 'uuid', name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'varchar', length: 50, name: 'decided_by_name', nullable: true })
  decidedByName: string | null;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', name: 'deciding_org_id', nullable: true })
  decidingOrgId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deciding_org_id' })
  decidingOrg?: OrganisationEntity;

  @Column({ type: 'text', name: 'decision_note', nullable: true })
  decisionNote: string | null;
}

/** WeChat Pay notifications already handled, by their id: a duplicate is acknowledged, not applied. */
@Entity('fee_wechat_notification')
export class FeeWechatNotificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 32, name: 'out_trade_no', nullable: true })
  outTradeNo: string | null;

  @Column({ type: 'varchar', length: 40, name: 'event_type' })
  eventType: string;

  @Column({ type: 'varchar', length: 20 })
  outcome: string;

  @Column({ type: 'timestamptz', name: 'received_at', default: () => 'now()' })
  receivedAt: Date;
}

export const FEE_ENTITIES = [
  FeeStandardEntity,
  FeeBillEntity,
  FeeOrgMonthEntity,
  FeeProxyAgreementEntity,
  FeePaymentEntity,
  FeePaymentBillEntity,
  FeeReliefEntity,
  FeeWechatNotificationEntity,
];
