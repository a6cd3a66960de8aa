import { Injectable } from '@nestjs/common';
import {
  chinaToday,
  counted,
  coverage,
  dayMonthsBefore,
  defaultTarget,
  GapReason,
  gapReasons,
  lastMonths,
  meetsTarget,
  monthlyTrend,
  type CoverageParams,
  type CoverageSummary,
  type CoverageTarget,
  type CoverageTrend,
  type SetCoverageTargetDto,
} from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { notFound } from '../common/domain-error.js';
import { LedgerRepository, type FactsRow } from './ledger.repository.js';

/** Months of trend a page shows; visits are read far enough back to judge the oldest month. */
export const TREND_MONTHS = 12;

/**
 * Coverage (K2–K4) of a committee's area, computed from the ledger, the organisation tree, the
 * officers and their visits with the shared rules — never stored, never typed in.
 */
@Injectable()
export class CoverageService {
  constructor(
    private readonly repo: LedgerRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** The facts of every enterprise in the subtree's ledgers, and the year's parameters (K4, S1, K2 [?]). */
  async load(path: string, today: string, year = Number(today.slice(0, 4))): Promise<{ facts: FactsRow[]; target: CoverageTarget }> {
    // The oldest trend month looks back one S1 period (at most a year) from its end.
    const visitsFrom = dayMonthsBefore(`${today.slice(0, 7)}-01`, TREND_MONTHS + 12);
    const [facts, target] = await Promise.all([this.repo.facts(path, visitsFrom), this.target(path, year)]);
    return { facts, target };
  }

  async target(path: string, year: number): Promise<CoverageTarget> {
    const row = await this.repo.target(path, year);
    return row ? { ...row, isSet: true } : defaultTarget(year);
  }

  async summary(auth: AuthContext, committeeId: string): Promise<CoverageSummary> {
    const path = await this.access.requireOrg(auth, 'ledger.read', committeeId);
    return this.summaryOf(committeeId, path);
  }

  /**
   * The big screen's coverage section (console, issue 15): the committee's rates against its
   * targets, gap counts and per-committee rows. No caller: the screen's signed link has already
   * been checked by whoever calls this.
   */
  async bigScreenSummary(committeeId: string): Promise<CoverageSummary> {
    const org = await this.repo.org(committeeId);
    if (!org) throw notFound('党组织');
    return this.summaryOf(committeeId, org.path);
  }

  private async summaryOf(committeeId: string, path: string): Promise<CoverageSummary> {
    const today = chinaToday();
    const [{ facts, target }, org, committees] = await Promise.all([this.load(path, today), this.repo.org(committeeId), this.repo.committeesUnder(path)]);
    const params: CoverageParams = { minEmployees: target.minEmployees, visitsPerYear: target.visitsPerYear };
    const totals = coverage(facts, today, params);
    const gapCounts = Object.fromEntries(GapReason.map((g) => [g, 0])) as Record<GapReason, number>;
    for (const f of facts) if (counted(f, today, params)) for (const g of gapReasons(f, today, params.visitsPerYear)) gapCounts[g]++;
    const pathOf = new Map(committees.map((c) => [c.id, c.path]));
    const rows = committees
      .map((c) => ({
        id: c.id,
        name: c.name,
        depth: c.depth,
        ...coverage(
          facts.filter((f) => {
            const p = pathOf.get(f.committeeId);
            return p !== undefined && (p === c.path || p.startsWith(`${c.path}.`));
          }),
          today,
          params,
        ),
      }))
      .filter((r) => r.enterprises > 0 || r.id === committeeId);
    return {
      committee: { id: committeeId, name: org!.name },
      asOf: today,
      target,
      ...totals,
      orgMet: meetsTarget(totals.orgRate, target.orgTarget),
      workMet: meetsTarget(totals.workRate, target.workTarget),
      gapCounts,
      committees: rows,
    };
  }

  async trend(auth: AuthContext, committeeId: string): Promise<CoverageTrend> {
    const path = await this.access.requireOrg(auth, 'ledger.read', committeeId);
    const today = chinaToday();
    const { facts, target } = await this.load(path, today);
    return { target, months: monthlyTrend(facts, lastMonths(today, TREND_MONTHS), today, target) };
  }

  async getTarget(auth: AuthContext, committeeId: string, year: number | undefined): Promise<CoverageTarget> {
    const path = await this.access.requireOrg(auth, 'ledger.read', committeeId);
    return this.target(path, year ?? Number(chinaToday().slice(0, 4)));
  }

  /** K4: the committee's targets for a year (its subtree inherits them unless a committee below sets its own). */
  async setTarget(auth: AuthContext, committeeId: string, dto: SetCoverageTargetDto): Promise<CoverageTarget> {
    const path = await this.access.requireOrg(auth, 'ledger.manage', committeeId);
    await this.repo.transaction(async (tx) => {
      await this.repo.upsertTarget(tx, committeeId, dto);
      await this.audit.record(auth, { action: 'ledger.target', objectType: 'organisation', objectId: committeeId, orgPath: path, details: { ...dto } }, tx);
    });
    return this.target(path, dto.year);
  }
}
