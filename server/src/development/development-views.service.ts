import { Injectable, StreamableFile } from '@nestjs/common';
import {
  chinaToday,
  DEV_ACTION_LABEL,
  DEV_STAGE_LABEL,
  DEV_STAGES,
  DEV_STATE_LABEL,
  DEV_STATE_STAGE,
  DEV_STATE_STEP,
  devDeadlines,
  isOpenDevState,
  nextDevActions,
  overdueDeadlines,
  type DevBoard,
  type DevBoardItem,
  type DevPlanDto,
  type DevStage,
  type DevStats,
} from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { notFound } from '../common/domain-error.js';
import { attachmentDisposition } from '../common/spreadsheet.js';
import { XLSX_MIME } from '../common/upload.js';
import { DevelopmentRepository, type DevRecordRow } from './development.repository.js';
import { loadExcelJs } from '../common/lazy-modules.js';

type Counts = Record<DevStage, number>;
const zero = (): Counts => ({ applicant: 0, activist: 0, target: 0, probationary: 0, full: 0 });
const factsOf = (r: DevRecordRow) => ({
  state: r.state,
  appliedOn: r.appliedOn,
  activistOn: r.activistOn,
  assessedOn: r.assessedOn,
  resolvedOn: r.resolvedOn,
  extendMonths: r.extendMonths,
  confirmationResolvedOn: r.confirmationResolvedOn,
});

/**
 * What the branch and the committee see: the pipeline board per stage (双培 with the enterprise's
 * yearly target), counts per stage per branch and enterprise, overdue steps, the yearly plan against
 * its target, the .xlsx for the annual statistics, and the overdue scan (D2/D6/D17/D24 alerts).
 */
@Injectable()
export class DevelopmentViewsService {
  constructor(
    private readonly repo: DevelopmentRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private today() {
    return chinaToday(this.clock.now());
  }

  async board(auth: AuthContext, orgId: string, year?: number): Promise<DevBoard> {
    const path = await this.access.requireOrg(auth, 'member.read', orgId);
    const org = (await this.repo.org(orgId))!;
    const y = year ?? Number(this.today().slice(0, 4));
    const rows = await this.repo.inSubtree([path], false);
    const open = rows.filter((r) => isOpenDevState(r.state));
    const today = this.today();
    const item = (r: DevRecordRow): DevBoardItem => {
      const deadlines = devDeadlines(factsOf(r)).filter((d) => d.kind === 'before');
      const next = nextDevActions(r.state)[0];
      return {
        id: r.id,
        name: r.name,
        branchName: r.orgName,
        state: r.state,
        stateLabel: DEV_STATE_LABEL[r.state],
        stepNo: DEV_STATE_STEP[r.state],
        backbone: r.backbone,
        enterpriseName: r.enterpriseName,
        nextLabel: next ? DEV_ACTION_LABEL[next] : null,
        nextDue: deadlines[0]?.due ?? null,
        overdue: overdueDeadlines(factsOf(r), today).length > 0,
      };
    };
    const stages = DEV_STAGES.map((stage) => ({
      stage,
      label: DEV_STAGE_LABEL[stage],
      items: open.filter((r) => DEV_STATE_STAGE[r.state] === stage).map(item),
    }));
    const enterprises = await this.repo.enterprisesUnder(path);
    const planOrgIds = [...new Set([...enterprises.flatMap((e) => e.orgIds), ...(await this.repo.ancestorIds(path)).map((a) => a.id)])];
    const plans = await this.repo.plans(planOrgIds, y);
    const backbone = enterprises.map((e) => {
      const mine = rows.filter((r) => r.enterpriseId === e.id && r.backbone);
      const targets = plans.filter((p) => p.enterpriseId === e.id);
      return {
        enterprise: { id: e.id, name: e.name },
        year: y,
        target: targets.length ? targets.reduce((s, p) => s + p.target, 0) : null,
        inPipeline: mine.filter((r) => isOpenDevState(r.state)).length,
        admittedThisYear: mine.filter((r) => r.resolvedOn?.startsWith(`${y}-`) && r.admittedOn).length,
      };
    });
    return { org: { id: org.id, name: org.name }, stages, backbone };
  }

  async stats(auth: AuthContext, orgId: string, year?: number): Promise<DevStats> {
    const path = await this.access.requireOrg(auth, 'member.read', orgId);
    const org = (await this.repo.org(orgId))!;
    const y = year ?? Number(this.today().slice(0, 4));
    const today = this.today();
    const rows = await this.repo.inSubtree([path], false);
    const open = rows.filter((r) => isOpenDevState(r.state));
    const byBranch = new Map<string, { org: { id: string; name: string }; counts: Counts; overdue: number }>();
    const byEnterprise = new Map<string, { enterprise: { id: string; name: string }; counts: Counts; backbone: number }>();
    const overdue: DevStats['overdue'] = [];
    for (const r of open) {
      const b =
        byBranch.get(r.organisationId) ??
        byBranch.set(r.organisationId, { org: { id: r.organisationId, name: r.orgName }, counts: zero(), overdue: 0 }).get(r.organisationId)!;
      b.counts[DEV_STATE_STAGE[r.state]] += 1;
      const late = overdueDeadlines(factsOf(r), today);
      b.overdue += late.length ? 1 : 0;
      for (const d of late) overdue.push({ id: r.id, name: r.name, branchName: r.orgName, label: d.label, due: d.due });
      if (r.enterpriseId) {
        const e =
          byEnterprise.get(r.enterpriseId) ??
          byEnterprise
            .set(r.enterpriseId, { enterprise: { id: r.enterpriseId, name: r.enterpriseName ?? '' }, counts: zero(), backbone: 0 })
            .get(r.enterpriseId)!;
        e.counts[DEV_STATE_STAGE[r.state]] += 1;
        e.backbone += r.backbone ? 1 : 0;
      }
    }
    // 控制总量: admitted in the year = approved as probationary members with a resolution in the year.
    const admitted = rows.filter((r) => r.admittedOn && r.resolvedOn?.startsWith(`${y}-`));
    const [plan] = (await this.repo.plans([orgId], y)).filter((p) => p.enterpriseId === null);
    overdue.sort((a, b) => a.due.localeCompare(b.due));
    return {
      org: { id: org.id, name: org.name },
      year: y,
      byBranch: [...byBranch.values()],
      byEnterprise: [...byEnterprise.values()],
      overdue,
      plan: { target: plan?.target ?? null, admitted: admitted.length, backboneAdmitted: admitted.filter((r) => r.backbone).length },
    };
  }

  /** The annual statistics as .xlsx: per branch, per enterprise, overdue steps, plan vs target. */
  async exportXlsx(auth: AuthContext, orgId: string, year?: number): Promise<StreamableFile> {
    const s = await this.stats(auth, orgId, year);
    const wb = new (await loadExcelJs()).Workbook();
    const stageCols = DEV_STAGES.map((st) => ({ header: DEV_STAGE_LABEL[st], key: st, width: 14 }));
    const branches = wb.addWorksheet('按党支部');
    branches.columns = [{ header: '党支部', key: 'org', width: 28 }, ...stageCols, { header: '有超期事项', key: 'overdue', width: 12 }];
    for (const b of s.byBranch) branches.addRow({ org: b.org.name, ...b.counts, overdue: b.overdue });
    const ents = wb.addWorksheet('按企业');
    ents.columns = [{ header: '企业', key: 'ent', width: 28 }, ...stageCols, { header: '业务骨干（双培）', key: 'backbone', width: 16 }];
    for (const e of s.byEnterprise) ents.addRow({ ent: e.enterprise.name, ...e.counts, backbone: e.backbone });
    const late = wb.addWorksheet('超期事项');
    late.columns = [
      { header: '姓名', key: 'name', width: 12 },
      { header: '党支部', key: 'branch', width: 28 },
      { header: '事项', key: 'label', width: 20 },
      { header: '应完成日期', key: 'due', width: 14 },
    ];
    for (const o of s.overdue) late.addRow({ name: o.name, branch: o.branchName, label: o.label, due: o.due });
    const plan = wb.addWorksheet(`${s.year}年计划`);
    plan.columns = [
      { header: '年度', key: 'year', width: 8 },
      { header: '计划发展数', key: 'target', width: 12 },
      { header: '已发展（预备党员）', key: 'admitted', width: 18 },
      { header: '其中业务骨干', key: 'backbone', width: 14 },
    ];
    plan.addRow({ year: s.year, target: s.plan.target ?? '未设定', admitted: s.plan.admitted, backbone: s.plan.backboneAdmitted });
    for (const ws of [branches, ents, late, plan]) ws.getRow(1).font = { bold: true };
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    return new StreamableFile(buf, {
      type: XLSX_MIME,
      disposition: attachmentDisposition(`发展党员统计-${s.org.name}-${s.year}.xlsx`, `development-${s.year}.xlsx`),
      length: buf.length,
    });
  }

  /** A yearly plan (committee) or an enterprise's 双培 target, set by whoever manages members there. */
  async setPlan(auth: AuthContext, dto: DevPlanDto): Promise<void> {
    const path = await this.access.requireOrg(auth, 'member.manage', dto.orgId);
    if (dto.enterpriseId && !(await this.repo.enterpriseLinked(dto.orgId, dto.enterpriseId))) throw notFound('关联企业');
    await this.repo.transaction(async (tx) => {
      await this.repo.upsertPlan(tx, { organisationId: dto.orgId, enterpriseId: dto.enterpriseId, year: dto.year, target: dto.target });
      await this.audit.record(auth, { action: 'development.plan', objectType: 'organisation', objectId: dto.orgId, orgPath: path, details: { ...dto } }, tx);
    });
  }

  /** D2/D6/D17/D24: opens an alert per overdue deadline of every open record (idempotent; the interval job and the API). */
  async scan(): Promise<{ scanned: number; opened: number }> {
    const today = this.today();
    const rows = await this.repo.allOpen();
    let opened = 0;
    for (const r of rows) {
      const late = overdueDeadlines(factsOf(r), today).map((d) => ({ rule: d.rule, label: d.label, due: d.due }));
      opened += await this.repo.transaction((tx) => this.repo.syncAlerts(tx, r.id, late, this.clock.now()));
    }
    return { scanned: rows.length, opened };
  }

  /** Open alerts within the caller's subtrees (the to-do provider and the committee page). */
  alerts(auth: AuthContext) {
    const roots = this.access.scopes(auth, 'member.manage');
    return roots.length ? this.repo.openAlerts(roots) : Promise.resolve([]);
  }
}
