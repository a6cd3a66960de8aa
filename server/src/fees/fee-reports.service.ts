import { Injectable } from '@nestjs/common';
import {
  chinaMonth,
  FEE_REVIEW_CASE_KIND,
  FeeAuditAction,
  longestUnpaidRun,
  monthPayability,
  needsFeeReview,
  rateBp,
  sumFen,
  type ArrearsPage,
  type ArrearsQuery,
  type CollectionQuery,
  type CollectionReport,
  type CollectionTreePage,
  type CollectionTreeQuery,
  type FeeReviewScanDto,
  type FeeReviewScanResult,
  type YearlyFeeReport,
  type YearlyReportQuery,
} from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { FeePolicyProvider } from './fee-policy.js';
import { mapCollection } from './fee.mappers.js';
import { FeesRepository, type ArrearsRowDb } from './fees.repository.js';

/** Oversight: arrears and F6 review cases, the collection report rolled up the tree, the yearly public report (F7). */
@Injectable()
export class FeeReportsService {
  constructor(
    private readonly repo: FeesRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly policies: FeePolicyProvider,
  ) {}

  private get policy() {
    return this.policies.policy;
  }

  /** Members with unpaid bills of months that have ended, most months first. */
  async arrears(auth: AuthContext, q: ArrearsQuery): Promise<ArrearsPage> {
    const orgPath = await this.access.requireOrg(auth, 'fee.read', q.orgId);
    const current = chinaMonth();
    const { rows, total } = await this.repo.arrears(orgPath, current, q.minMonths, q.pageSize, (q.page - 1) * q.pageSize);
    return { items: rows.map((r) => this.arrearsItem(r, current)), total, page: q.page, pageSize: q.pageSize };
  }

  arrearsItem(r: ArrearsRowDb, current: string) {
    const statuses = r.months.map((month) => ({ month, status: 'unpaid' as const }));
    return {
      member: { id: r.memberId, name: r.memberName, status: r.memberStatus },
      org: { id: r.orgId, name: r.orgName },
      unpaidMonths: r.unpaidMonths,
      amountFen: r.amountFen,
      oldestMonth: r.months[0]!,
      latestMonth: r.months[r.months.length - 1]!,
      longestRun: longestUnpaidRun(statuses, current).length,
      payableMonths: r.months.filter((m) => monthPayability(m, current, this.policy) === 'ok').length,
      reviewCaseOpen: r.reviewCaseOpen,
    };
  }

  /**
   * F6: a review case for each member of the subtree (or of every subtree the caller manages fees
   * in) with six consecutive unpaid months that have ended. Opening is idempotent (one open case per
   * kind and member) and is all that happens: nothing is removed or changed automatically.
   */
  async scan(auth: AuthContext, dto: FeeReviewScanDto): Promise<FeeReviewScanResult> {
    const roots = dto.orgId ? [await this.access.requireOrg(auth, 'fee.manage', dto.orgId)] : this.access.scopes(auth, 'fee.manage');
    if (!roots.length) throw forbidden();
    return this.scanRoots(roots, auth);
  }

  /** The F6 scan over subtrees; `auth` null when the server's own monthly job runs it. */
  async scanRoots(roots: string[], auth: AuthContext | null): Promise<FeeReviewScanResult> {
    const current = chinaMonth();
    let scanned = 0;
    let opened = 0;
    for (const root of roots) {
      const { rows } = await this.repo.arrears(root, current, this.policy.unpaidMonthsForReview, null);
      scanned += rows.length;
      const due = rows
        .map((r) => ({
          r,
          run: longestUnpaidRun(
            r.months.map((month) => ({ month, status: 'unpaid' as const })),
            current,
          ),
        }))
        .filter((x) => needsFeeReview(x.run, this.policy));
      if (!due.length) continue;
      opened += await this.repo.transaction(async (em) => {
        let n = 0;
        for (const { r, run } of due) {
          const details = { rule: 'F6', from: run.from, to: run.to, months: run.length, amountFen: r.amountFen, asOfMonth: current };
          if (await this.repo.openReviewCase(em, { kind: FEE_REVIEW_CASE_KIND, memberId: r.memberId, details })) {
            n += 1;
            await this.audit.record(auth, { action: FeeAuditAction.REVIEW_CASE_OPEN, objectType: 'member', objectId: r.memberId, orgPath: root, details }, em);
          }
        }
        return n;
      });
    }
    return { kind: FEE_REVIEW_CASE_KIND, asOfMonth: current, scanned, opened };
  }

  /** Due, paid and rates of an organisation's subtree and of each direct child, for a month. */
  async collection(auth: AuthContext, q: CollectionQuery): Promise<CollectionReport> {
    await this.access.requireOrg(auth, 'fee.read', q.orgId);
    const rows = await this.repo.collectionChildren(q.orgId, q.month);
    const self = rows.find((r) => r.id === q.orgId);
    if (!self) throw notFound('组织');
    const sum = (k: 'bills' | 'dueFen' | 'paidFen' | 'settled' | 'paid' | 'reduced' | 'exempt') => sumFen(rows.map((r) => r[k]));
    const total = {
      path: self.path,
      bills: sum('bills'),
      dueFen: sum('dueFen'),
      paidFen: sum('paidFen'),
      settled: sum('settled'),
      paid: sum('paid'),
      reduced: sum('reduced'),
      exempt: sum('exempt'),
    };
    return { month: q.month, total: mapCollection(self, total), children: rows.filter((r) => r.id !== q.orgId).map((c) => mapCollection(c, c)) };
  }

  /** Every organisation of the subtree (path order) with its own subtree's totals: the whole tree rolled up. */
  async collectionTree(auth: AuthContext, q: CollectionTreeQuery): Promise<CollectionTreePage> {
    const orgPath = await this.access.requireOrg(auth, 'fee.read', q.orgId);
    const [totals, page] = await Promise.all([
      this.repo.collectionTree(orgPath, q.month),
      this.repo.subtreeOrgsPage(orgPath, q.pageSize, (q.page - 1) * q.pageSize),
    ]);
    return {
      items: page.rows.map((o) => ({ ...mapCollection(o, totals.get(o.path)), depth: o.depth })),
      total: page.total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /**
   * F7: the yearly public report of a branch (or any organisation's subtree) — figures only, no
   * names. Members of the branch may read their own branch's report (it is meant to be public to them).
   */
  async yearly(auth: AuthContext, q: YearlyReportQuery): Promise<YearlyFeeReport> {
    const org = await this.repo.org(q.orgId);
    const ownBranch = org && auth.memberOrg?.id === q.orgId;
    const orgPath = ownBranch ? org.path : await this.access.requireOrg(auth, 'fee.read', q.orgId);
    if (!org) throw notFound('组织');
    const [months, extras] = await Promise.all([this.repo.yearMonths(orgPath, q.year), this.repo.yearExtras(orgPath, q.year)]);
    const totals = {
      bills: months.reduce((n, m) => n + m.bills, 0),
      dueFen: sumFen(months.map((m) => m.dueFen)),
      paidFen: sumFen(months.map((m) => m.paidFen)),
      settled: months.reduce((n, m) => n + m.settled, 0),
    };
    return {
      org: { id: org.id, name: org.name },
      year: q.year,
      months: months.map((m) => ({
        month: m.month,
        bills: m.bills,
        dueFen: m.dueFen,
        paidFen: m.paidFen,
        settled: m.settled,
        amountRateBp: rateBp(m.paidFen, m.dueFen),
      })),
      totals: { ...totals, amountRateBp: rateBp(totals.paidFen, totals.dueFen) },
      reliefs: extras.reliefs,
      voluntary: extras.voluntary,
      large: extras.large,
      generatedAt: new Date().toISOString(),
    };
  }
}
