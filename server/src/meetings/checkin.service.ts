import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CHECKIN_SCAN_PATH,
  CHECKIN_SCREEN_PATH,
  CHECKIN_TOKEN_PARAM,
  checkinWindowState,
  distanceMeters,
  hotp,
  LIVE_ARRIVALS_SHOWN,
  MEMBER_CODE,
  memberCodeContent,
  OFFLINE_CHECKIN_MAX_AGE_HOURS,
  parseMemberCode,
  SCREEN_TOKEN_PARAM,
  totp,
  totpStep,
  type CheckinCode,
  type CheckinRequest,
  type CheckinResult,
  type ConfirmCheckinDto,
  type LiveSnapshot,
  type ManualCheckinDto,
  type MemberCheckinCode,
  type RejectCheckinDto,
  type ScreenLink,
} from '@dangjian/shared';
import QRCode from 'qrcode';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { Batcher } from '../common/batcher.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CheckinTokens } from './checkin-tokens.js';
import { Clock } from '../common/clock.js';
import { MeetingAccess } from './meeting-access.js';
import { geofenceOf, iso, windowOf } from './meeting.mapper.js';
import { MeetingErrors } from './meetings.errors.js';
import { MeetingsRepository, type CheckinInsert, type CheckinRow, type CheckinWrite, type MeetingRow } from './meetings.repository.js';

const FK_VIOLATION = '23503';
/** At most one check-in NOTIFY per meeting and server instance in this interval (the screen refreshes every 250 ms anyway). */
const NOTIFY_GAP_MS = 200;

/** Who is asking for the screen's endpoints: a signed-in manager, or a projector with a screen token. */
export type ScreenCaller = { auth: AuthContext | null; screenToken: string | null };

/**
 * Check-in (C3, C4): the rotating QR code and its screen link, scans by members (online and
 * offline), the reverse mode with personal codes, 补签, and decisions on pending offline scans.
 * Every path ends in the same insert, where the database keeps one row per member (C3).
 */
@Injectable()
export class CheckinService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly meetings: MeetingsRepository,
    private readonly gate: MeetingAccess,
    private readonly tokens: CheckinTokens,
    private readonly clock: Clock,
  ) {}

  /** The QR code for the screen: a token for the current step, its URL and the SVG. */
  async code(caller: ScreenCaller, meetingId: string): Promise<CheckinCode> {
    const m = await this.screenMeeting(caller, meetingId);
    if (m.cancelledAt) throw MeetingErrors.cancelled();
    const nowMs = this.clock.nowMs();
    const stepMs = m.qrStepSeconds * 1000;
    const step = Math.floor(nowMs / stepMs);
    const token = this.tokens.signQr(m.id, step);
    const url = `${this.config.PUBLIC_BASE_URL}/#${CHECKIN_SCAN_PATH}?${CHECKIN_TOKEN_PARAM}=${token}`;
    return {
      meetingId: m.id,
      title: m.title,
      token,
      url,
      step,
      stepSeconds: m.qrStepSeconds,
      expiresInMs: (step + 1) * stepMs - nowMs,
      svg: await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      window: windowOf(m, new Date(nowMs)),
      serverTime: new Date(nowMs).toISOString(),
    };
  }

  /** A read-only link for the projector (code and live view of this meeting only), without a password. */
  async screenLink(auth: AuthContext, meetingId: string): Promise<ScreenLink> {
    const m = await this.gate.manage(auth, meetingId);
    if (m.cancelledAt) throw MeetingErrors.cancelled();
    const expiresAt = new Date(this.clock.nowMs() + this.config.SCREEN_LINK_TTL_S * 1000);
    const token = this.tokens.signScreen(m.id, expiresAt);
    await this.audit.record(auth, {
      action: 'meeting.screen_link',
      objectType: 'meeting',
      objectId: m.id,
      orgPath: m.orgPath,
      details: { expiresAt: iso(expiresAt) },
    });
    return {
      token,
      url: `${this.config.PUBLIC_BASE_URL}/#${CHECKIN_SCREEN_PATH}?id=${m.id}&${SCREEN_TOKEN_PARAM}=${token}`,
      expiresAt: iso(expiresAt),
    };
  }

  /** The live view's data (the SSE stream and the polling endpoint share it). */
  async snapshot(meetingId: string): Promise<LiveSnapshot | null> {
    const m = await this.meetings.find(meetingId);
    if (!m) return null;
    const live = await this.meetings.live(meetingId, LIVE_ARRIVALS_SHOWN);
    const now = this.clock.now();
    return {
      meetingId: m.id,
      title: m.title,
      startsAt: iso(m.startsAt),
      expected: live.expected,
      present: live.present,
      pending: live.pending,
      arrivals: live.arrivals.map((a) => ({ memberId: a.memberId, name: a.name, at: iso(new Date(a.at)), isGuest: a.isGuest })),
      window: windowOf(m, now),
      serverTime: iso(now),
    };
  }

  /** The live endpoints' access: a manager or overseer of the meeting, or a valid screen token for it. */
  async screenMeeting(caller: ScreenCaller, meetingId: string, live = false): Promise<MeetingRow> {
    if (caller.screenToken) {
      this.tokens.verifyScreen(caller.screenToken, meetingId, this.clock.now());
      const m = await this.meetings.find(meetingId);
      if (!m) throw notFound('会议');
      return m;
    }
    if (!caller.auth) throw new DomainError('UNAUTHENTICATED', HttpStatus.UNAUTHORIZED, '请先登录');
    // Only managers see the code (anyone holding it could check in from afar); overseers may watch.
    return live ? (await this.gate.oversee(caller.auth, meetingId)).meeting : this.gate.manage(caller.auth, meetingId);
  }

  /**
   * A member's scan (C3, C4). Online: the token must be of the current or the previous step and the
   * check-in window open. Offline (`offline: true`): the token's step must lie in the window and not
   * in the future, the claimed scan time must fit the token; it is recorded as pending confirmation.
   */
  async checkin(auth: AuthContext, dto: CheckinRequest): Promise<CheckinResult> {
    if (!auth.memberId) throw MeetingErrors.notAMember();
    const t = this.tokens.verifyQr(dto.token);
    if (dto.meetingId && dto.meetingId !== t.meetingId) throw MeetingErrors.tokenOtherMeeting();
    const m = await this.meetings.findForCheckin(t.meetingId);
    if (!m) throw notFound('会议');
    if (m.cancelledAt) throw MeetingErrors.cancelled();
    const nowMs = this.clock.nowMs();
    const stepMs = m.qrStepSeconds * 1000;
    const current = Math.floor(nowMs / stepMs);
    if (t.step > current) throw MeetingErrors.tokenNotYetValid();
    let at: Date;
    if (!dto.offline) {
      if (t.step < current - 1) throw MeetingErrors.tokenExpired();
      at = new Date(nowMs);
    } else {
      const stepStart = t.step * stepMs;
      if (nowMs - stepStart > OFFLINE_CHECKIN_MAX_AGE_HOURS * 3600_000) throw MeetingErrors.tokenExpired();
      at = new Date(dto.scannedAt!);
      // The token was on screen during its step and accepted one step more; a minute's clock skew is forgiven.
      if (at.getTime() < stepStart - 60_000 || at.getTime() > stepStart + 2 * stepMs + 60_000 || at.getTime() > nowMs + 60_000) {
        throw MeetingErrors.offlineTimeInvalid();
      }
      at = new Date(Math.min(Math.max(at.getTime(), stepStart), stepStart + 2 * stepMs, nowMs));
    }
    this.requireWindow(m, at);
    const fence = geofenceOf(m);
    let note: string | null = null;
    if (fence) {
      if (dto.location) {
        const d = distanceMeters(fence, dto.location);
        if (d > fence.radiusM) throw MeetingErrors.outsideGeofence(d, fence.radiusM);
      } else if (dto.offline) {
        // An offline scan cannot know the meeting wants a location; it is only pending anyway, so the
        // secretary decides, told that the position is missing.
        note = '离线签到未附位置信息，请书记确认';
      } else {
        throw MeetingErrors.locationRequired();
      }
    }
    return this.record(m, {
      memberId: auth.memberId,
      memberName: auth.displayName,
      at,
      method: dto.offline ? 'offline_qr' : 'qr',
      status: dto.offline ? 'pending_confirmation' : 'confirmed',
      tokenStep: t.step,
      lat: dto.location?.lat ?? null,
      lng: dto.location?.lng ?? null,
      note,
      recordedBy: null,
    });
  }

  /** Reverse mode: the secretary scans the member's personal rotating code (RFC 6238). */
  async checkinByMemberCode(auth: AuthContext, meetingId: string, input: string): Promise<CheckinResult> {
    const m = await this.gate.manage(auth, meetingId);
    if (m.cancelledAt) throw MeetingErrors.cancelled();
    const now = this.clock.now();
    this.requireWindow(m, now);
    const parsed = parseMemberCode(input);
    if (!parsed) throw MeetingErrors.memberCodeInvalid();
    const step = totpStep(now.getTime());
    const matches = (memberId: string) => {
      const secret = this.tokens.memberSecret(memberId);
      return [step, step - 1].some((s) => hotp(secret, s) === parsed.code);
    };
    let memberId: string;
    if (parsed.memberId) {
      if (!(await this.meetings.attendee(meetingId, parsed.memberId))) throw MeetingErrors.checkinNotExpected();
      if (!matches(parsed.memberId)) throw MeetingErrors.memberCodeInvalid();
      memberId = parsed.memberId;
    } else {
      // Typed digits: look among the expected members; 8 digits make a collision very unlikely, and one is refused.
      const found = (await this.meetings.attendeeIds(meetingId)).filter(matches);
      if (found.length !== 1) throw MeetingErrors.memberCodeInvalid();
      memberId = found[0]!;
    }
    const names = await this.meetings.memberNames([memberId]);
    return this.record(m, {
      memberId,
      memberName: names.get(memberId) ?? '',
      at: now,
      method: 'personal_code',
      status: 'confirmed',
      tokenStep: step,
      lat: null,
      lng: null,
      note: null,
      recordedBy: auth.userId,
    });
  }

  /** 补签 by the secretary with a reason, audited in the same transaction. */
  async manual(auth: AuthContext, meetingId: string, dto: ManualCheckinDto): Promise<CheckinResult> {
    return this.db.transaction(async (tx) => {
      const m = await this.gate.manage(auth, meetingId, tx);
      if (m.cancelledAt) throw MeetingErrors.cancelled();
      const now = this.clock.now();
      if (now < m.checkinOpensAt) throw MeetingErrors.windowNotOpen(m.checkinOpensAt);
      const names = await this.meetings.memberNames([dto.memberId]);
      const result = await this.record(
        m,
        {
          memberId: dto.memberId,
          memberName: names.get(dto.memberId) ?? '',
          at: now,
          method: 'manual',
          status: 'confirmed',
          tokenStep: null,
          lat: null,
          lng: null,
          note: dto.reason,
          recordedBy: auth.userId,
        },
        tx,
      );
      await this.audit.record(
        auth,
        {
          action: 'meeting.checkin.manual',
          objectType: 'meeting',
          objectId: m.id,
          orgPath: m.orgPath,
          details: { memberId: dto.memberId, reason: dto.reason, outcome: result.status, checkinId: result.checkinId },
        },
        tx,
      );
      return result;
    });
  }

  async confirm(auth: AuthContext, meetingId: string, checkinId: string, dto: ConfirmCheckinDto): Promise<CheckinResult> {
    return this.decide(auth, meetingId, checkinId, 'confirmed', dto.note ?? null);
  }

  async reject(auth: AuthContext, meetingId: string, checkinId: string, dto: RejectCheckinDto): Promise<CheckinResult> {
    return this.decide(auth, meetingId, checkinId, 'rejected', dto.note);
  }

  /** The member's personal code now, and the secret for computing it offline. */
  async memberCode(auth: AuthContext): Promise<MemberCheckinCode> {
    if (!auth.memberId) throw MeetingErrors.notAMember();
    const secret = this.tokens.memberSecret(auth.memberId);
    const nowMs = this.clock.nowMs();
    const code = totp(secret, nowMs);
    const content = memberCodeContent(auth.memberId, code);
    const periodMs = MEMBER_CODE.periodSeconds * 1000;
    const names = await this.meetings.memberNames([auth.memberId]);
    return {
      memberId: auth.memberId,
      name: names.get(auth.memberId) ?? auth.displayName,
      code,
      content,
      svg: await QRCode.toString(content, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      step: totpStep(nowMs),
      periodSeconds: MEMBER_CODE.periodSeconds,
      digits: MEMBER_CODE.digits,
      expiresInMs: periodMs - (nowMs % periodMs),
      secret: Buffer.from(secret).toString('hex'),
      algorithm: 'HMAC-SHA-256',
    };
  }

  // ---- helpers ----

  /** C4: only inside the meeting's check-in window. */
  private requireWindow(m: MeetingRow, at: Date) {
    const state = checkinWindowState(m.checkinOpensAt, m.checkinClosesAt, at);
    if (state === 'not_open') throw MeetingErrors.windowNotOpen(m.checkinOpensAt);
    if (state === 'closed') throw MeetingErrors.windowClosed(m.checkinClosesAt);
  }

  /** The one insert every path ends in (C3): first time wins; a repeat answers with the original. */
  private async record(
    m: MeetingRow,
    c: Omit<CheckinInsert, 'meetingId' | 'notify'> & { memberName: string },
    manager?: EntityManager,
  ): Promise<CheckinResult> {
    // Inside a caller's transaction (补签) the NOTIFY always goes with it; otherwise at most one
    // check-in statement per meeting and NOTIFY_GAP_MS carries it, and a trailing NOTIFY after the
    // commit covers the ones in between (every NOTIFY serialises commits cluster-wide).
    const inline = manager !== undefined || this.notifyNow(m.id);
    const item: CheckinInsert = { meetingId: m.id, ...c, notify: inline };
    // Outside a transaction, scans arriving together share one statement (group commit, issue 12).
    const w = manager ? await this.writeOne(item, manager) : await this.batch.submit(item);
    // C4: a member who is not expected has no attendee row (the foreign key, or the batch's join).
    if (!w.expected) throw MeetingErrors.checkinNotExpected();
    if (w.written && !inline) this.notifyLater(m.id);
    if (w.written && w.row) return this.result(m, c, w.row, w.row.status === 'pending_confirmation' ? 'pending_confirmation' : 'checked_in');
    const existing = w.row ?? (await this.meetings.findCheckin(m.id, c.memberId, manager));
    if (!existing) throw new Error('check-in neither inserted nor found');
    if (existing.status === 'rejected') throw MeetingErrors.checkinRejected();
    return this.result(m, c, existing, existing.status === 'pending_confirmation' ? 'pending_confirmation' : 'already_checked_in');
  }

  /** One check-in alone, as a batch item would be answered. */
  private async writeOne(item: CheckinInsert, manager?: EntityManager): Promise<CheckinWrite> {
    try {
      const row = await this.meetings.insertCheckin(item, manager);
      return { expected: true, written: row !== null, row };
    } catch (err) {
      if ((err as { code?: string }).code === FK_VIOLATION) return { expected: false, written: false, row: null };
      throw err;
    }
  }

  private readonly batch = new Batcher<CheckinInsert, CheckinWrite>({
    many: (items) => this.meetings.insertCheckins(items),
    one: (item) => this.writeOne(item),
    key: (i) => `${i.meetingId}:${i.memberId}`,
  });

  private readonly lastNotify = new Map<string, number>();
  private readonly trailing = new Map<string, NodeJS.Timeout>();

  /** Whether this check-in's statement should carry the NOTIFY (none sent for the meeting lately). */
  private notifyNow(meetingId: string): boolean {
    const now = Date.now();
    if (now - (this.lastNotify.get(meetingId) ?? 0) < NOTIFY_GAP_MS) return false;
    if (this.lastNotify.size > 1000) this.lastNotify.clear();
    this.lastNotify.set(meetingId, now);
    return true;
  }

  /** A NOTIFY after the gap, for check-ins committed without one; one pending per meeting. */
  private notifyLater(meetingId: string) {
    if (this.trailing.has(meetingId)) return;
    const wait = Math.max(0, NOTIFY_GAP_MS - (Date.now() - (this.lastNotify.get(meetingId) ?? 0)));
    const timer = setTimeout(() => {
      this.trailing.delete(meetingId);
      this.lastNotify.set(meetingId, Date.now());
      void this.meetings.notifyCheckin(meetingId).catch(() => undefined);
    }, wait);
    timer.unref();
    this.trailing.set(meetingId, timer);
  }

  private result(m: MeetingRow, c: { memberId: string; memberName: string }, row: CheckinRow, status: CheckinResult['status']): CheckinResult {
    const messages: Record<CheckinResult['status'], string> = {
      checked_in: '签到成功',
      already_checked_in: '您已签到，无需重复签到',
      pending_confirmation: '已提交离线签到，待书记确认',
    };
    return {
      status,
      checkinId: row.id,
      checkedInAt: iso(row.at),
      method: row.method,
      checkinStatus: row.status,
      member: { id: c.memberId, name: c.memberName },
      meeting: { id: m.id, title: m.title, type: m.type, startsAt: iso(m.startsAt), endsAt: iso(m.endsAt), place: m.place, organisationName: m.orgName },
      message: messages[status],
    };
  }

  private async decide(auth: AuthContext, meetingId: string, checkinId: string, to: 'confirmed' | 'rejected', note: string | null): Promise<CheckinResult> {
    return this.db.transaction(async (tx) => {
      const m = await this.gate.manage(auth, meetingId, tx);
      const row = await this.meetings.decideCheckin(tx, { meetingId, checkinId, status: to, userId: auth.userId, note, at: this.clock.now() });
      if (!row) throw MeetingErrors.checkinNotPending();
      await this.audit.record(
        auth,
        {
          action: `meeting.checkin.${to === 'confirmed' ? 'confirm' : 'reject'}`,
          objectType: 'meeting',
          objectId: meetingId,
          orgPath: m.orgPath,
          details: { checkinId, memberId: row.memberId, note },
        },
        tx,
      );
      const names = await this.meetings.memberNames([row.memberId]);
      const status = to === 'confirmed' ? 'checked_in' : 'pending_confirmation';
      const r = this.result(m, { memberId: row.memberId, memberName: names.get(row.memberId) ?? '' }, row, status);
      return to === 'rejected' ? { ...r, message: '已驳回该离线签到' } : { ...r, message: '已确认该离线签到' };
    });
  }
}
