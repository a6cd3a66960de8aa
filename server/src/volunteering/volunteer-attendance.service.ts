import { Inject, Injectable } from '@nestjs/common';
import {
  chinaDate,
  chinaYear,
  confirmableSignOut,
  decideScan,
  serviceSeconds,
  VOLUNTEER_LIMITS,
  VOLUNTEER_RULE_SETS,
  VOLUNTEER_SCAN_PATH,
  wholeHoursCrossed,
  type MyVolunteerHours,
  type Roster,
  type RosterTimeDto,
  type VolunteerCode,
  type VolunteerScanDto,
  type VolunteerScanResult,
} from '@dangjian/shared';
import type { FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { notFound } from '../common/domain-error.js';
import { AuditWriter } from '../common/ports.js';
import { qrStep, qrStepFresh, RotatingQrSigner } from '../common/rotating-qr.js';
import { readUpload } from '../common/upload.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { sniffImageType } from '../storage/image-type.js';
import { StorageService } from '../storage/storage.service.js';
import { StudyPointsService } from '../study/study-points.service.js';
import { resolveLetterFont } from '../transfers/transfer-letter.pdf.js';
import { VolunteerGate } from './volunteer-gate.js';
import { renderCertificatePdf } from './volunteer-certificate.pdf.js';
import { VolunteerErrors } from './volunteering.errors.js';
import { VolunteeringRepository, type ActivityRow, type SignupRow } from './volunteering.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/**
 * Sign-in and sign-out by the activity's rotating QR code (the meetings' token, one signer in
 * common/rotating-qr.ts under its own key), the organiser's roster with manual sign-in and the
 * confirmation of a missing sign-out (P4), hours with points, photos and the certificate.
 */
@Injectable()
export class VolunteerAttendanceService {
  private readonly qr: RotatingQrSigner;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: VolunteeringRepository,
    private readonly gate: VolunteerGate,
    private readonly audit: AuditWriter,
    private readonly points: StudyPointsService,
    private readonly storage: StorageService,
    private readonly clock: Clock,
  ) {
    this.qr = new RotatingQrSigner(config.dataKey, config.CHECKIN_KEY_IDS, 'dangjian/volunteer-qr/v1');
  }

  /** The code for the organiser's screen (only organisers: anyone holding it could sign in from afar). */
  async code(auth: AuthContext, id: string): Promise<VolunteerCode> {
    const a = await this.gate.manageActivity(auth, id);
    if (a.cancelledAt) throw VolunteerErrors.cancelled();
    const nowMs = this.clock.nowMs();
    const step = qrStep(nowMs, a.qrStepSeconds);
    const token = this.qr.sign(a.id, step);
    const url = `${this.config.PUBLIC_BASE_URL}/#${VOLUNTEER_SCAN_PATH}?t=${token}`;
    return {
      activityId: a.id,
      title: a.title,
      token,
      url,
      svg: await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      stepSeconds: a.qrStepSeconds,
      expiresInMs: (step + 1) * a.qrStepSeconds * 1000 - nowMs,
    };
  }

  /** A volunteer's scan: the first signs in, the next signs out and credits the hours (P4). */
  async scan(auth: AuthContext, dto: VolunteerScanDto): Promise<VolunteerScanResult> {
    if (!auth.memberId) throw VolunteerErrors.notAMember();
    const memberId = auth.memberId;
    const t = this.qr.verify(dto.token);
    if (typeof t === 'string') throw VolunteerErrors.tokenInvalid();
    return this.repo.transaction(async (tx) => {
      const a = await this.repo.activity(t.subjectId, tx);
      if (!a) throw notFound('志愿活动');
      if (a.cancelledAt) throw VolunteerErrors.cancelled();
      const now = this.clock.now();
      const fresh = qrStepFresh(t.step, now.getTime(), a.qrStepSeconds);
      if (fresh !== 'ok') throw VolunteerErrors.tokenExpired();
      const volunteerId = await this.repo.memberVolunteer(tx, memberId);
      const s = await this.repo.signup(a.id, volunteerId, tx, true);
      if (!s || s.state !== 'confirmed') throw VolunteerErrors.notSignedUp();
      const rules = VOLUNTEER_RULE_SETS[a.ruleSet];
      const d = decideScan(a, rules, s, now);
      if (d.action === 'refuse') throw VolunteerErrors.scanRefused(d.reason);
      if (d.action === 'sign_in') {
        await this.repo.signIn(tx, s.id, now, null);
        return {
          action: 'signed_in',
          activityId: a.id,
          title: a.title,
          at: now.toISOString(),
          serviceSeconds: null,
          message: '签到成功，活动结束时请再次扫码签退',
        };
      }
      const seconds = await this.credit(tx, a, s, now, null);
      return {
        action: 'signed_out',
        activityId: a.id,
        title: a.title,
        at: now.toISOString(),
        serviceSeconds: seconds,
        message: `签退成功，本次服务 ${Math.round(seconds / 360) / 10} 小时`,
      };
    });
  }

  async roster(auth: AuthContext, id: string): Promise<Roster> {
    const a = await this.gate.manageActivity(auth, id);
    const rows = await this.repo.roster(id);
    return {
      activityId: a.id,
      items: rows.map((s) => ({
        signupId: s.id,
        volunteerId: s.volunteerId,
        name: s.name,
        isMember: s.memberId !== null,
        phoneMasked: s.phoneMasked,
        state: s.state,
        waitPosition: s.waitPosition,
        signedInAt: iso(s.signedInAt),
        signedOutAt: iso(s.signedOutAt),
        signOutConfirmedBy: s.confirmerName,
        serviceSeconds: s.serviceSeconds,
      })),
    };
  }

  /** The organiser records the sign-in of a volunteer without the app (or whose phone failed), audited. */
  async manualSignIn(auth: AuthContext, id: string, signupId: string, dto: RosterTimeDto): Promise<Roster> {
    await this.repo.transaction(async (tx) => {
      const a = await this.gate.manageActivity(auth, id, tx);
      const s = await this.repo.signupById(id, signupId, tx, true);
      if (!s || s.state !== 'confirmed') throw VolunteerErrors.notSignedUp();
      if (s.signedInAt) throw VolunteerErrors.alreadySignedIn();
      const at = new Date(dto.at);
      const rules = VOLUNTEER_RULE_SETS[a.ruleSet];
      if (decideScan(a, rules, { signedInAt: null, signedOutAt: null }, at).action !== 'sign_in' || at > this.clock.now()) throw VolunteerErrors.timeInvalid();
      await this.repo.signIn(tx, s.id, at, auth.userId);
      await this.audit.record(
        auth,
        {
          action: 'volunteer.sign_in.manual',
          objectType: 'volunteer_activity',
          objectId: id,
          orgPath: a.orgPath,
          details: { signupId, at: dto.at, note: dto.note },
        },
        tx,
      );
    });
    return this.roster(auth, id);
  }

  /** P4: a missing sign-out is confirmed by the organiser with the time the volunteer left, audited. */
  async confirmSignOut(auth: AuthContext, id: string, signupId: string, dto: RosterTimeDto): Promise<Roster> {
    await this.repo.transaction(async (tx) => {
      const a = await this.gate.manageActivity(auth, id, tx);
      const s = await this.repo.signupById(id, signupId, tx, true);
      if (!s || s.state !== 'confirmed') throw VolunteerErrors.notSignedUp();
      if (!s.signedInAt) throw VolunteerErrors.notSignedIn();
      if (s.signedOutAt) throw VolunteerErrors.scanRefused('already_signed_out');
      const at = new Date(dto.at);
      if (!confirmableSignOut(a, VOLUNTEER_RULE_SETS[a.ruleSet], s.signedInAt, at, this.clock.now())) throw VolunteerErrors.timeInvalid();
      const seconds = await this.credit(tx, a, s, at, auth.userId);
      await this.audit.record(
        auth,
        {
          action: 'volunteer.sign_out.confirm',
          objectType: 'volunteer_activity',
          objectId: id,
          orgPath: a.orgPath,
          details: { signupId, at: dto.at, note: dto.note, serviceSeconds: seconds },
        },
        tx,
      );
    });
    return this.roster(auth, id);
  }

  /** Hours from sign-in to sign-out under the activity's cap, and one point per whole hour for a member (P3/P4). */
  private async credit(tx: EntityManager, a: ActivityRow, s: SignupRow, at: Date, by: string | null): Promise<number> {
    const seconds = serviceSeconds(s.signedInAt!, at, VOLUNTEER_RULE_SETS[a.ruleSet].dailyCapHours);
    await this.repo.signOut(tx, s.id, at, seconds, by);
    if (s.memberId) {
      const day = chinaDate(s.signedInAt!);
      for (const h of wholeHoursCrossed(0, seconds)) await this.points.award(tx, s.memberId, 'volunteer_hours', `volunteer:${s.id}:${h}`, day);
    }
    return seconds;
  }

  // ---- the member's hours and certificate ----

  /** A member's sign-ins of a year (China time) and of all time. */
  private async hoursRows(memberId: string, year: number) {
    const rows = await this.repo.memberHours(memberId);
    return { rows, inYear: rows.filter((r) => chinaYear(r.signedInAt ?? r.startsAt) === year) };
  }

  /** Service hours credited to a member in a year, one decimal: the member card's figure (P1). */
  async hoursOfYear(memberId: string, year: number): Promise<number> {
    const { inYear } = await this.hoursRows(memberId, year);
    return Math.round(inYear.reduce((n, r) => n + (r.serviceSeconds ?? 0), 0) / 360) / 10;
  }

  async mine(auth: AuthContext, year?: number): Promise<MyVolunteerHours> {
    if (!auth.memberId) throw VolunteerErrors.notAMember();
    const y = year ?? chinaYear(this.clock.now());
    const { rows, inYear } = await this.hoursRows(auth.memberId, y);
    return {
      year: y,
      yearSeconds: inYear.reduce((n, r) => n + (r.serviceSeconds ?? 0), 0),
      totalSeconds: rows.reduce((n, r) => n + (r.serviceSeconds ?? 0), 0),
      items: inYear.map((r) => ({
        activityId: r.activityId,
        title: r.title,
        teamName: r.teamName,
        startsAt: r.startsAt.toISOString(),
        signedInAt: iso(r.signedInAt),
        signedOutAt: iso(r.signedOutAt),
        serviceSeconds: r.serviceSeconds,
        awaitingSignOut: r.signedOutAt === null,
      })),
    };
  }

  async certificate(auth: AuthContext, year?: number): Promise<{ pdf: Buffer; fileName: string }> {
    const hours = await this.mine(auth, year);
    const who = await this.repo.memberName(auth.memberId!);
    const font = resolveLetterFont({ file: this.config.TRANSFER_LETTER_FONT, family: this.config.TRANSFER_LETTER_FONT_FAMILY });
    if (!who) throw VolunteerErrors.notAMember();
    if (!font) throw VolunteerErrors.fontUnavailable();
    const done = hours.items.filter((i) => i.serviceSeconds !== null);
    const pdf = await renderCertificatePdf(
      {
        name: who.name,
        orgName: who.orgName,
        year: hours.year,
        totalSeconds: hours.yearSeconds,
        items: done.map((i) => ({ day: chinaDate(new Date(i.signedInAt!)), title: i.title, teamName: i.teamName, seconds: i.serviceSeconds! })),
        issuedOn: chinaDate(this.clock.now()),
      },
      font,
    );
    return { pdf, fileName: `volunteer-certificate-${hours.year}.pdf` };
  }

  // ---- photos ----

  async addPhoto(auth: AuthContext, id: string, req: FastifyRequest): Promise<{ id: string; url: string }> {
    const pre = await this.gate.manageActivity(auth, id);
    if (this.clock.now() < pre.startsAt) throw VolunteerErrors.notEnded();
    const upload = await readUpload(req);
    const type = sniffImageType(upload.data);
    if (!type || !PHOTO_TYPES.includes(type)) throw VolunteerErrors.photoType();
    const photoId = await this.repo.transaction(async (tx) => {
      const a = await this.gate.manageActivity(auth, id, tx);
      await this.repo.lockActivity(tx, id);
      if ((await this.repo.photoCount(tx, id)) >= VOLUNTEER_LIMITS.photosMax) throw VolunteerErrors.photoLimit(VOLUNTEER_LIMITS.photosMax);
      const file = await this.storage.store(
        { data: upload.data, contentType: type, originalName: upload.fileName, createdBy: auth.userId, prefix: 'volunteer-photos' },
        tx,
      );
      const photoId = await this.repo.insertPhoto(tx, id, file.id);
      await this.audit.record(
        auth,
        { action: 'volunteer.photo.add', objectType: 'volunteer_activity', objectId: id, orgPath: a.orgPath, details: { photoId } },
        tx,
      );
      return photoId;
    });
    return { id: photoId, url: `/api/v1/volunteer/activities/${id}/photos/${photoId}` };
  }

  async photo(auth: AuthContext, id: string, photoId: string): Promise<{ stream: Readable; contentType: string; sizeBytes: number }> {
    await this.gate.readActivity(auth, id);
    const p = (await this.repo.photos(id)).find((x) => x.id === photoId);
    const file = p ? await this.storage.find(p.fileId) : null;
    if (!file) throw notFound('照片');
    return { stream: await this.storage.open(file), contentType: file.contentType, sizeBytes: file.sizeBytes };
  }
}
