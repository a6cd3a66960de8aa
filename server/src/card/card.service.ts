import { Inject, Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import {
  CARD_VERDICT_LABEL,
  cardVerdict,
  cardVerifyUrl,
  chinaDate,
  chinaYear,
  MEMBER_LEFT_REASON_LABEL,
  MEMBER_STATUS_LABEL,
  partyYears,
  POSITION_LABEL,
  publicCardView,
  type CardPost,
  type CardPrivacy,
  type CardQr,
  type CardVerdict,
  type CardVerifyQuery,
  type CardVerifyResult,
  type MemberCard,
} from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { PointsService } from '../points/points.service.js';
import { StudyProgressService } from '../study/study-progress.service.js';
import { CardTokens } from './card-tokens.js';
import { CardErrors } from './card.errors.js';
import { CardRepository, type CardMemberRow, type DistinctionRow, type PositionRow } from './card.repository.js';
import { VolunteerAttendanceService } from '../volunteering/volunteer-attendance.service.js';
import { renderCardSheet, type SheetCard } from './card.pdf.js';
import { resolveLetterFont } from '../transfers/transfer-letter.pdf.js';
import { fontUnavailable } from '../transfers/transfers.errors.js';

/** The detail line of each verdict, for the person holding the phone that scanned it. */
const DETAIL: Record<CardVerdict, string> = {
  current: '这是本平台签发的党员名片，以下为该党员当前的组织和身份信息。',
  offline: '名片由党员在离线状态下出示，签名真实；以下为该党员当前的信息，请留意签发时间。',
  expired: '名片二维码已超过有效时间（可能是截图），请党员出示实时名片后重新扫码。',
  inactive: '',
  invalid: '二维码不是本平台签发的党员名片，或已被改动。',
};

/** P2: a member's card verifies while on the roll and not suspended (M1 留置/逮捕); the reason when not. */
function standing(m: CardMemberRow): { onRoll: boolean; suspended: boolean; why: string } {
  if (m.leftAt) return { onRoll: false, suspended: false, why: `该党员${MEMBER_LEFT_REASON_LABEL[m.leftReason ?? 'transferred_out']}，名片已失效。` };
  const suspended = m.flags.includes('rights_suspended');
  return { onRoll: true, suspended, why: suspended ? '该党员的党员权利已中止，名片暂停使用。' : '' };
}

/**
 * 电子党员名片 (P1, P2): the member's own card with its rotating QR, the privacy choices, the public
 * verify (no sign-in) and the branch's printable sheet (先锋岗/honours: CardDistinctionsService).
 */
@Injectable()
export class CardService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: CardRepository,
    private readonly tokens: CardTokens,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly points: PointsService,
    private readonly study: StudyProgressService,
    private readonly volunteer: VolunteerAttendanceService,
    private readonly clock: Clock,
  ) {}

  private memberId(auth: AuthContext): string {
    if (!auth.memberId) throw CardErrors.notMember();
    return auth.memberId;
  }

  /** The posts a card shows: committee seats (O4) and 先锋岗. */
  private posts(positions: PositionRow[], distinctions: DistinctionRow[]): CardPost[] {
    return [
      ...positions.map((p) => ({ kind: 'committee' as const, title: `${p.orgName}${POSITION_LABEL[p.position]}` })),
      ...distinctions.filter((d) => d.kind === 'vanguard').map((d) => ({ kind: 'vanguard' as const, title: d.title })),
    ];
  }

  /** Everything on a member's card (the caller has checked access). */
  private async build(m: CardMemberRow): Promise<MemberCard> {
    const now = this.clock.now();
    const year = chinaYear(now);
    const [positions, distinctions, privacy, hours, points, volunteer, photo] = await Promise.all([
      this.repo.positions([m.id]),
      this.repo.distinctions([m.id]),
      this.repo.privacy(m.id),
      this.study.yearHoursOf(m.id, year),
      this.points.yearPoints(m.id, year),
      this.volunteer.hoursOfYear(m.id, year),
      this.repo.photoFileId(m.id),
    ]);
    return {
      memberId: m.id,
      name: m.name,
      // The member's own photo (the file id in the address: a new photo is a new URL for caches); none: the pages draw the name's first character.
      photoUrl: photo ? `/api/v1/card/me/photo?v=${photo.slice(0, 8)}` : null,
      orgName: m.orgName,
      status: m.status,
      statusLabel: MEMBER_STATUS_LABEL[m.status],
      fullMemberDate: m.fullMemberDate,
      partyYears: partyYears(m, chinaDate(now)),
      posts: this.posts(positions, distinctions),
      year,
      studyHours: Math.round(hours.totalS / 360) / 10,
      yearPoints: points,
      volunteerHours: volunteer,
      honours: distinctions.filter((d) => d.kind === 'honour').map((d) => ({ id: d.id, title: d.title, awardedOn: d.awardedOn })),
      privacy,
      qr: await this.qr(m.id),
    };
  }

  /** A freshly signed on-screen code and the windows it verifies in. */
  private async qr(memberId: string): Promise<CardQr> {
    const nowS = Math.floor(this.clock.nowMs() / 1000);
    const token = this.tokens.sign('c1', memberId, nowS);
    const at = (s: number) => new Date(s * 1000).toISOString();
    const url = cardVerifyUrl(this.config.PUBLIC_BASE_URL, token);
    return {
      token,
      url,
      svg: await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      issuedAt: at(nowS),
      freshUntil: at(nowS + this.config.CARD_QR_FRESH_S),
      offlineUntil: at(nowS + Math.max(this.config.CARD_QR_FRESH_S, this.config.CARD_QR_OFFLINE_S)),
      refreshInS: this.config.CARD_QR_PERIOD_S,
    };
  }

  async mine(auth: AuthContext): Promise<MemberCard> {
    const m = await this.repo.member(this.memberId(auth));
    if (!m || m.leftAt) throw CardErrors.notMember();
    return this.build(m);
  }

  /** The next on-screen code (the page calls it every CARD_QR_PERIOD_S). */
  async myQr(auth: AuthContext): Promise<CardQr> {
    const m = await this.repo.member(this.memberId(auth));
    if (!m || m.leftAt) throw CardErrors.notMember();
    return this.qr(m.id);
  }

  /** P1: the member alone decides what the public view adds to the minimum. */
  async setPrivacy(auth: AuthContext, p: CardPrivacy): Promise<CardPrivacy> {
    const memberId = this.memberId(auth);
    await this.repo.transaction(async (tx) => {
      await this.repo.savePrivacy(tx, memberId, p);
      await this.audit.record(
        auth,
        { action: 'card.privacy', objectType: 'member', objectId: memberId, orgPath: auth.memberOrg?.path ?? null, details: { ...p } },
        tx,
      );
    });
    return this.repo.privacy(memberId);
  }

  /**
   * Public (no sign-in): genuine or not, and the member's current standing (P1's public view) when
   * the card verifies. A forged code says nothing about anyone; an expired or inactive one names no
   * details either, so a replayed screenshot of a departed member shows nothing personal.
   */
  async verify(q: CardVerifyQuery): Promise<CardVerifyResult> {
    const now = this.clock.now();
    const nowS = Math.floor(now.getTime() / 1000);
    const checkedAt = now.toISOString();
    const t = this.tokens.verify(q.t);
    const m = t && (await this.repo.member(t.memberId));
    if (!t || !m)
      return {
        verdict: 'invalid',
        label: CARD_VERDICT_LABEL.invalid,
        detail: DETAIL.invalid,
        kind: null,
        signedAt: null,
        validUntil: null,
        checkedAt,
        card: null,
      };
    const s = standing(m);
    const windows = { freshS: this.config.CARD_QR_FRESH_S, offlineS: Math.max(this.config.CARD_QR_FRESH_S, this.config.CARD_QR_OFFLINE_S) };
    const verdict = cardVerdict(t, s, nowS, windows);
    const base = {
      verdict,
      label: CARD_VERDICT_LABEL[verdict],
      detail: verdict === 'inactive' ? s.why : DETAIL[verdict],
      kind: t.kind === 'p1' ? ('print' as const) : ('screen' as const),
      signedAt: t.kind === 'c1' ? new Date(t.time * 1000).toISOString() : null,
      validUntil: new Date((t.kind === 'p1' ? t.time : t.time + windows.offlineS) * 1000).toISOString(),
      checkedAt,
    };
    if (verdict !== 'current' && verdict !== 'offline') return { ...base, card: null };
    const full = await this.build(m);
    // The public photo is reached through the same token: it shows only while the code verifies.
    const photoUrl = full.photoUrl ? `/api/v1/card/verify/photo?t=${encodeURIComponent(q.t)}` : null;
    return { ...base, card: { ...publicCardView(full, full.privacy), photoUrl } };
  }

  /** The branch's cards as a PDF sheet for printing (member.read on the organisation): the P1 minimum and a printed-card QR each. */
  async sheet(auth: AuthContext, orgId: string): Promise<{ file: Buffer; filename: string }> {
    const path = await this.access.requireOrg(auth, 'member.read', orgId);
    const font = resolveLetterFont({ file: this.config.TRANSFER_LETTER_FONT, family: this.config.TRANSFER_LETTER_FONT_FAMILY });
    if (!font) throw fontUnavailable();
    const [orgName, members] = await Promise.all([this.repo.orgName(orgId), this.repo.membersOf(path, SHEET_LIMIT)]);
    const ids = members.map((m) => m.id);
    const [positions, distinctions] = await Promise.all([this.repo.positions(ids), this.repo.distinctions(ids)]);
    const now = this.clock.now();
    const today = chinaDate(now);
    const expiresS = Math.floor(now.getTime() / 1000) + this.config.CARD_PRINT_DAYS * 86_400;
    const cards: SheetCard[] = members.map((m) => ({
      name: m.name,
      orgName: m.orgName,
      statusLabel: MEMBER_STATUS_LABEL[m.status],
      partyYears: partyYears(m, today),
      posts: this.posts(
        positions.filter((p) => p.memberId === m.id),
        distinctions.filter((d) => d.memberId === m.id),
      ).map((p) => p.title),
      verifyUrl: cardVerifyUrl(this.config.PUBLIC_BASE_URL, this.tokens.sign('p1', m.id, expiresS)),
    }));
    const file = await renderCardSheet({ orgName, printedOn: today, validUntil: chinaDate(new Date(expiresS * 1000)), cards }, font);
    await this.audit.record(auth, { action: 'card.sheet', objectType: 'organisation', objectId: orgId, orgPath: path, details: { members: ids.length } });
    return { file, filename: `member-cards-${today}.pdf` };
  }
}

/** One sheet prints at most this many cards (a branch is far smaller; a committee asks per branch). */
export const SHEET_LIMIT = 400;
