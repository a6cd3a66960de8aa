import { Inject, Injectable } from '@nestjs/common';
import {
  HALL_SCREEN_PATH,
  SCREEN_TOKEN_PARAM,
  chartMonths,
  chinaDate,
  chinaDayEnd,
  chinaDayStart,
  denseSeries,
  hoursOfMs,
  rateBp,
  type AttendancePoint,
  type ConsoleCharts,
  type ConsoleChartsQuery,
  type FeeCollectionPoint,
  type HallSnapshot,
  type ScreenLink,
  type StudyHoursPoint,
} from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { notFound } from '../common/domain-error.js';
import { ScreenLinkSigner } from '../common/screen-links.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ConsoleErrors } from './console.errors.js';
import { ConsoleRepository } from './console.repository.js';
import { HALL_COVERAGE, HALL_RANKING, type HallCoverageSource, type HallRankingSource } from './hall-summaries.js';

/** Who asks for the hall screen: a signed-in worker of the area, or the hall's screen with its link token. */
export type HallCaller = { auth: AuthContext | null; token: string | null };

/** The screen lists at most this many of today's meetings, and ranks this many organisations. */
const HALL_MEETINGS = 12;
const HALL_RANKING_TOP = 10;
/** The screen's small fee chart covers half a year. */
const HALL_FEE_MONTHS = 6;

/**
 * The desktop console's chart series and the committee hall's big screen (issue 15). Everything is a
 * read of the caller's subtree: org.read there for charts and the screen, org.manage to hand out a
 * screen link (anyone holding the link sees the area's counts until it expires).
 */
@Injectable()
export class ConsoleService {
  private readonly hallLinks: ScreenLinkSigner;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly repo: ConsoleRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(HALL_COVERAGE) private readonly coverage: HallCoverageSource,
    @Inject(HALL_RANKING) private readonly ranking: HallRankingSource,
  ) {
    this.hallLinks = new ScreenLinkSigner(config, 'dangjian/hall-screen/v1');
  }

  async charts(auth: AuthContext, q: ConsoleChartsQuery): Promise<ConsoleCharts> {
    const path = await this.access.requireOrg(auth, 'org.read', q.orgId);
    const org = await this.org(q.orgId);
    const now = this.clock.now();
    const months = chartMonths(q.months, now);
    const [fees, attendance, study] = await Promise.all([this.fees(path, months), this.attendance(path, months, now), this.study(path, months)]);
    return { orgId: q.orgId, orgName: org.name, months, fees, attendance, study };
  }

  /** A read-only link for the hall's screen (this area's counts only), without a password. */
  async hallLink(auth: AuthContext, orgId: string): Promise<ScreenLink> {
    const path = await this.access.requireOrg(auth, 'org.manage', orgId);
    const expiresAt = new Date(this.clock.nowMs() + this.config.HALL_LINK_TTL_S * 1000);
    const token = this.hallLinks.sign(orgId, expiresAt);
    await this.audit.record(auth, {
      action: 'console.hall_link',
      objectType: 'organisation',
      objectId: orgId,
      orgPath: path,
      details: { expiresAt: expiresAt.toISOString() },
    });
    return {
      token,
      url: `${this.config.PUBLIC_BASE_URL}/#${HALL_SCREEN_PATH}?orgId=${orgId}&${SCREEN_TOKEN_PARAM}=${token}`,
      expiresAt: expiresAt.toISOString(),
    };
  }

  async hall(caller: HallCaller, orgId: string): Promise<HallSnapshot> {
    const now = this.clock.now();
    let path: string;
    if (caller.token) {
      const check = this.hallLinks.check(caller.token, orgId, now);
      if (check === 'invalid') throw ConsoleErrors.hallTokenInvalid();
      if (check === 'expired') throw ConsoleErrors.hallTokenExpired();
      path = (await this.org(orgId)).path;
    } else {
      if (!caller.auth) throw ConsoleErrors.hallTokenInvalid();
      path = await this.access.requireOrg(caller.auth, 'org.read', orgId);
    }
    const org = await this.org(orgId);
    const today = chinaDate(now);
    const [dayStart, dayEnd] = [chinaDayStart(today), chinaDayEnd(today)];
    const months = chartMonths(HALL_FEE_MONTHS, now);
    const thisMonth = [months[months.length - 1]!];
    const scope = { orgId, orgPath: path, now };
    const [counts, meetings, [day], fees, [study], coverage, ranking] = await Promise.all([
      this.repo.counts(path),
      this.repo.todayMeetings(path, dayStart, dayEnd, HALL_MEETINGS),
      this.repo.attendanceMonths(path, dayStart, dayEnd),
      this.fees(path, months),
      this.study(path, thisMonth),
      this.coverage.hallCoverage(scope),
      this.ranking.hallRanking(scope, HALL_RANKING_TOP),
    ]);
    const fee = fees[fees.length - 1]!;
    return {
      orgId,
      orgName: org.name,
      counts: {
        ...counts,
        meetingsToday: day?.meetings ?? 0,
        expectedToday: day?.expected ?? 0,
        checkinsToday: day?.present ?? 0,
        feeDueFenThisMonth: fee.dueFen,
        feePaidFenThisMonth: fee.paidFen,
        feeRateBpThisMonth: fee.rateBp,
        studyHoursThisMonth: study?.hours ?? 0,
        learnersThisMonth: study?.learners ?? 0,
      },
      todayMeetings: meetings.map((m) => ({ ...m, startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString() })),
      fees,
      coverage,
      ranking,
      serverTime: now.toISOString(),
    };
  }

  private async org(orgId: string) {
    const org = await this.repo.org(orgId);
    if (!org) throw notFound('组织');
    return org;
  }

  private async fees(path: string, months: string[]): Promise<FeeCollectionPoint[]> {
    const rows = await this.repo.feeMonths(path, months[0]!, months[months.length - 1]!);
    return denseSeries(
      months,
      rows.map((r) => ({ ...r, rateBp: rateBp(r.paidFen, r.dueFen) })),
      (month) => ({ month, dueFen: 0, paidFen: 0, rateBp: null }),
    );
  }

  /** Meetings already started count; a meeting later this month is not an absence yet. */
  private async attendance(path: string, months: string[], now: Date): Promise<AttendancePoint[]> {
    const from = chinaDayStart(`${months[0]!}-01`);
    const rows = await this.repo.attendanceMonths(path, from, now);
    return denseSeries(
      months,
      rows.map((r) => ({ ...r, rateBp: rateBp(r.present, r.expected) })),
      (month) => ({ month, meetings: 0, expected: 0, present: 0, rateBp: null }),
    );
  }

  private async study(path: string, months: string[]): Promise<StudyHoursPoint[]> {
    const rows = await this.repo.studyMonths(path, months[0]!, months[months.length - 1]!);
    return denseSeries(
      months,
      rows.map((r) => ({ month: r.month, hours: hoursOfMs(r.ms), learners: r.learners })),
      (month) => ({ month, hours: 0, learners: 0 }),
    );
  }
}
