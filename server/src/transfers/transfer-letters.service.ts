import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  chinaToday,
  formatLetterNumber,
  LETTER_STATUS_LABEL,
  letterValidUntil,
  MEMBER_STATUS_LABEL,
  TRANSFER_KIND_LABEL,
  wholeYearsBetween,
  type LetterStatus,
  type LetterVerifyQuery,
  type LetterVerifyResult,
  type TransferFees,
  type TransferKind,
  type TransferLetterSummary,
} from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { derive } from '../common/hmac.js';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Clock } from '../common/clock.js';
import { PhoneCipher, SensitiveCipher } from '../common/sensitive-cipher.js';
import { renderLetterPdf, resolveLetterFont, type LetterFields } from './transfer-letter.pdf.js';
import { TransfersRepository, type LetterRow, type TransferRecord } from './transfers.repository.js';
import { fontUnavailable, letterNotIssued } from './transfers.errors.js';

const TITLE: Record<TransferKind, string> = {
  internal: '中国共产党党员组织关系介绍信',
  outbound: '中国共产党党员组织关系介绍信',
  inbound: '中国共产党党员组织关系介绍信',
  certificate: '党员证明信',
  mobile: '流动党员外出活动介绍信',
};

/**
 * T4 introduction letters: numbering per issuing committee and year, the printed fields, the QR
 * signature (HMAC of the letter id) and its public verification, the PDF.
 */
@Injectable()
export class TransferLettersService {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: TransfersRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly cipher: SensitiveCipher,
    private readonly phones: PhoneCipher,
    private readonly clock: Clock,
  ) {
    this.key = config.TRANSFER_LETTER_SECRET
      ? Buffer.from(config.TRANSFER_LETTER_SECRET, 'utf8')
      : derive(config.dataKey, '', 'dangjian transfer letter v1', 32);
  }

  /** Issues the letter of an approved transfer inside the approval's transaction (T4). */
  async issue(em: EntityManager, t: TransferRecord, at: { fees: TransferFees; today: string; handledBy: string }): Promise<LetterRow> {
    const m = (await this.repo.member(t.memberId, em))!;
    const year = Number(at.today.slice(0, 4));
    const seq = await this.repo.nextLetterSeq(em, t.fromCommitteeId!, year);
    const number = formatLetterNumber(year, seq);
    const validUntil = letterValidUntil(at.today, t.validityDays);
    const fields = {
      title: TITLE[t.kind],
      kindLabel: TRANSFER_KIND_LABEL[t.kind],
      issuingCommittee: t.fromCommitteeName ?? '',
      memberName: m.name,
      gender: m.gender === 'male' ? '男' : '女',
      age: wholeYearsBetween(m.birthDate, at.today),
      ethnicity: m.ethnicity,
      statusLabel: MEMBER_STATUS_LABEL[m.status],
      nationalIdMasked: m.nationalIdMasked ?? '',
      fromOrgName: t.fromOrgName,
      toOrgName: t.toOrgName,
      feesText: at.fees.text,
      // M4: what is kept is masked; the PDF prints the full number only for the sending side.
      memberPhoneMasked: t.memberPhoneMasked ?? '',
      reason: t.reason ?? '',
      /** 经办人: who approved and issued it. */
      handledBy: at.handledBy,
    };
    const row = { transferId: t.id, committeeId: t.fromCommitteeId!, year, seq, number, issuedOn: at.today, validityDays: t.validityDays, validUntil, fields };
    const id = await this.repo.insertLetter(em, row);
    return { id, ...row, usedAt: null, revokedAt: null };
  }

  status(l: Pick<LetterRow, 'usedAt' | 'revokedAt' | 'validUntil'>, today: string): LetterStatus {
    if (l.revokedAt) return 'revoked';
    if (l.usedAt) return 'used';
    return today > l.validUntil ? 'expired' : 'valid';
  }

  signature(letterId: string): string {
    return createHmac('sha256', this.key).update(`letter:${letterId}`).digest('hex').slice(0, 32);
  }

  /** What the QR code encodes: the mini-program's H5 verify page, which calls GET /transfers/letters/verify with id and sig. */
  verifyUrl(letterId: string): string {
    return `${this.config.PUBLIC_BASE_URL}/#/transfer/verify?id=${letterId}&sig=${this.signature(letterId)}`;
  }

  summary(l: LetterRow, today: string): TransferLetterSummary {
    return {
      id: l.id,
      number: l.number,
      issuedOn: l.issuedOn,
      validityDays: l.validityDays,
      validUntil: l.validUntil,
      status: this.status(l, today),
      pdfPath: `/api/v1/transfers/${l.transferId}/letter.pdf`,
      verifyUrl: this.verifyUrl(l.id),
    };
  }

  /** Public: is the letter genuine (signature), still valid, used or revoked — with its key fields, name masked. */
  async verify(q: LetterVerifyQuery): Promise<LetterVerifyResult> {
    const expected = Buffer.from(this.signature(q.id));
    const given = Buffer.from(q.sig);
    const l = expected.length === given.length && timingSafeEqual(expected, given) ? await this.repo.letter(q.id) : null;
    if (!l) return { genuine: false, status: null, statusLabel: '无法核验：不是本平台开具的介绍信，或二维码已被改动', letter: null };
    const status = this.status(l, this.today());
    const f = l.fields as Record<string, string>;
    return {
      genuine: true,
      status,
      statusLabel: LETTER_STATUS_LABEL[status],
      letter: {
        number: l.number,
        kindLabel: f.kindLabel ?? '',
        memberName: maskName(f.memberName ?? ''),
        fromOrgName: f.fromOrgName ?? '',
        toOrgName: f.toOrgName ?? '',
        issuedOn: l.issuedOn,
        validUntil: l.validUntil,
        issuingCommittee: f.issuingCommittee ?? '',
      },
    };
  }

  /**
   * The PDF (stub + letter + receipt). The ID number and the phone are shown in full only to a
   * reader with member.readSensitive on the sending side (the committee that keeps the stub), and
   * that read is audited (M4); the member's own copy and the receiving side's show them masked.
   */
  async pdf(auth: AuthContext, t: TransferRecord): Promise<{ file: Buffer; filename: string }> {
    const l = await this.repo.letterOf(t.id);
    if (!l) throw letterNotIssued();
    const font = resolveLetterFont({ file: this.config.TRANSFER_LETTER_FONT, family: this.config.TRANSFER_LETTER_FONT_FAMILY });
    if (!font) throw fontUnavailable();
    const f = l.fields as Record<string, string | number>;
    let nationalId = String(f.nationalIdMasked || '（未登记）');
    let memberPhone = String(f.memberPhoneMasked || '　');
    if (t.fromCommitteePath && this.access.can(auth, 'member.readSensitive', t.fromCommitteePath)) {
      const m = await this.repo.member(t.memberId);
      const opened: string[] = [];
      if (m?.nationalIdEnc) {
        nationalId = this.cipher.decrypt(m.nationalIdEnc);
        opened.push('nationalId');
      }
      if (t.memberPhoneEnc) {
        memberPhone = this.phones.decrypt(t.memberPhoneEnc);
        opened.push('phone');
      }
      if (opened.length) {
        await this.audit.record(auth, {
          action: 'member.read_sensitive',
          objectType: 'member',
          objectId: t.memberId,
          orgPath: t.fromCommitteePath,
          details: { fields: opened, via: 'transfer_letter', letterId: l.id },
        });
      }
    }
    const fields: LetterFields = {
      title: String(f.title),
      number: l.number,
      issuingCommittee: String(f.issuingCommittee),
      memberName: String(f.memberName),
      gender: String(f.gender),
      age: Number(f.age),
      ethnicity: String(f.ethnicity),
      statusLabel: String(f.statusLabel),
      nationalId,
      fromOrgName: String(f.fromOrgName),
      toOrgName: String(f.toOrgName),
      feesText: String(f.feesText),
      validityDays: l.validityDays,
      issuedOn: l.issuedOn,
      validUntil: l.validUntil,
      memberPhone,
      reason: String(f.reason || '　'),
      handledBy: String(f.handledBy || '　'),
    };
    const file = await renderLetterPdf(fields, this.verifyUrl(l.id), font);
    return { file, filename: `transfer-letter-${l.issuedOn.slice(0, 4)}-${String(l.number.match(/第(\d+)号/)?.[1] ?? l.id)}.pdf` };
  }

  private today() {
    return chinaToday(this.clock.now());
  }
}

/** 张三丰 → 张*丰, 李四 → 李*: enough to compare with the paper, not to harvest names. */
const maskName = (name: string) => (name.length <= 1 ? name : name.length === 2 ? `${name[0]}*` : `${name[0]}${'*'.repeat(name.length - 2)}${name.at(-1)}`);
