import { Injectable, StreamableFile } from '@nestjs/common';
import {
  chinaMonth,
  FEE_IMPORT_LIMITS,
  FeeAuditAction,
  FeeErrorCode,
  type ArrearsExportQuery,
  type CollectionQuery,
  type FeeBillExportQuery,
  type FeeImportQuery,
  type FeeImportReport,
  type FeeImportResult,
  type FeeImportRowError,
  type YearlyReportQuery,
} from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { attachmentDisposition, checkXlsxContainer } from '../common/spreadsheet.js';
import { XLSX_MIME, type Upload } from '../common/upload.js';
import { FeeBillsService } from './fee-bills.service.js';
import { FeePolicyProvider } from './fee-policy.js';
import { FeeReportsService } from './fee-reports.service.js';
import { arrearsSheet, billsSheet, buildStandardsTemplate, collectionSheet, parseStandards, STANDARD_COLUMNS, yearlySheet } from './fee-sheet.js';
import { FeeStandardsService } from './fee-standards.service.js';
import { exportTooLarge, feeError, orgNotBranch } from './fees.errors.js';
import { FeesRepository } from './fees.repository.js';
import { loadExcelJs } from '../common/lazy-modules.js';

/** An export is bounded: beyond this, export a lower organisation. */
export const FEE_EXPORT_MAX_ROWS = 50_000;
const REPORT_MAX_ERRORS = 1000;

const xlsx = (buf: Buffer, name: string, fallback: string) =>
  new StreamableFile(buf, { type: XLSX_MIME, disposition: attachmentDisposition(name, fallback), length: buf.length });

/** .xlsx: the standards template and import (all or nothing, row report), and the exports. */
@Injectable()
export class FeeSheetsService {
  constructor(
    private readonly repo: FeesRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly policies: FeePolicyProvider,
    private readonly standards: FeeStandardsService,
    private readonly bills: FeeBillsService,
    private readonly reports: FeeReportsService,
  ) {}

  private async branch(auth: AuthContext, orgId: string) {
    const orgPath = await this.access.requireOrg(auth, 'fee.manage', orgId);
    const org = await this.repo.org(orgId);
    if (org?.kind !== 'branch') throw orgNotBranch();
    return { ...org, path: orgPath };
  }

  async template(auth: AuthContext, orgId: string, year: number): Promise<StreamableFile> {
    const org = await this.branch(auth, orgId);
    const members = await this.repo.membersOfOrg(org.id);
    const latest = await this.repo.latestStandards(
      members.map((m) => m.id),
      year,
    );
    const rows = members.map((m) => {
      const s = latest.get(m.id);
      return {
        memberId: m.id,
        name: m.name,
        category: s?.category ?? null,
        baseFen: s?.baseFen ?? null,
        farmerAmountFen: s?.farmerAmountFen ?? null,
        voluntaryMonthlyFen: s?.voluntaryMonthlyFen ?? null,
        monthlyFeeFen: s?.monthlyFeeFen ?? null,
      };
    });
    return xlsx(await buildStandardsTemplate(year, rows, this.policies.policy), `党费基数-${org.name}-${year}.xlsx`, `fee-standards-${year}.xlsx`);
  }

  /** Every row checked first; with any error nothing changes and the full row report comes back (422). */
  async import(auth: AuthContext, q: FeeImportQuery, upload: Upload): Promise<FeeImportResult | FeeImportReport> {
    const org = await this.branch(auth, q.orgId);
    if (upload.data.length > FEE_IMPORT_LIMITS.maxFileBytes)
      throw feeError(FeeErrorCode.IMPORT_FILE_TOO_LARGE, `文件过大：最大 ${FEE_IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB`);
    const container = checkXlsxContainer(upload.data);
    if (!container.ok) throw feeError(FeeErrorCode.IMPORT_FILE_INVALID, container.message);
    const wb = new (await loadExcelJs()).Workbook();
    try {
      await wb.xlsx.load(upload.data as unknown as ArrayBuffer);
    } catch {
      throw feeError(FeeErrorCode.IMPORT_FILE_INVALID, '无法读取该 Excel 文件，请使用导入模板填写后另存为 .xlsx');
    }
    const members = new Map((await this.repo.membersOfOrg(org.id)).map((m) => [m.id, m]));
    const parsed = parseStandards(wb, q.year, members, this.policies.policy);
    if (parsed.kind === 'refused')
      throw feeError(parsed.code === 'too_many_rows' ? FeeErrorCode.IMPORT_TOO_MANY_ROWS : FeeErrorCode.IMPORT_EMPTY, parsed.message);
    if (parsed.errors.length) return report(parsed.errors);
    if (q.dryRun) return { ok: true, dryRun: true, updated: parsed.rows.length, year: q.year };
    await this.repo.transaction(async (em) => {
      for (const row of parsed.rows) {
        const member = (await this.repo.member(row.memberId, em))!;
        await this.standards.apply(em, auth, member, { ...row, year: q.year }, false);
      }
      await this.audit.record(
        auth,
        {
          action: FeeAuditAction.STANDARD_IMPORT,
          objectType: 'organisation',
          objectId: org.id,
          orgPath: org.path,
          details: { year: q.year, updated: parsed.rows.length, fileName: upload.fileName },
        },
        em,
      );
    });
    return { ok: true, dryRun: false, updated: parsed.rows.length, year: q.year };
  }

  async exportBills(auth: AuthContext, q: FeeBillExportQuery): Promise<StreamableFile> {
    const page = await this.bills.list(auth, { orgId: q.orgId, month: q.month, status: q.status, page: 1, pageSize: FEE_EXPORT_MAX_ROWS });
    if (page.total > FEE_EXPORT_MAX_ROWS) throw exportTooLarge(FEE_EXPORT_MAX_ROWS);
    await this.logExport(auth, q.orgId, 'bills', { month: q.month, rows: page.total });
    return xlsx(await billsSheet(page.items), `党费账单-${q.month}.xlsx`, `fee-bills-${q.month}.xlsx`);
  }

  async exportArrears(auth: AuthContext, q: ArrearsExportQuery): Promise<StreamableFile> {
    const page = await this.reports.arrears(auth, { orgId: q.orgId, minMonths: q.minMonths, page: 1, pageSize: FEE_EXPORT_MAX_ROWS });
    if (page.total > FEE_EXPORT_MAX_ROWS) throw exportTooLarge(FEE_EXPORT_MAX_ROWS);
    await this.logExport(auth, q.orgId, 'arrears', { rows: page.total });
    const month = chinaMonth();
    return xlsx(await arrearsSheet(page.items), `欠交党费-${month}.xlsx`, `fee-arrears-${month}.xlsx`);
  }

  async exportCollection(auth: AuthContext, q: CollectionQuery): Promise<StreamableFile> {
    const page = await this.reports.collectionTree(auth, { orgId: q.orgId, month: q.month, page: 1, pageSize: FEE_EXPORT_MAX_ROWS });
    if (page.total > FEE_EXPORT_MAX_ROWS) throw exportTooLarge(FEE_EXPORT_MAX_ROWS);
    await this.logExport(auth, q.orgId, 'collection', { month: q.month, rows: page.total });
    return xlsx(await collectionSheet(q.month, page.items), `党费收缴统计-${q.month}.xlsx`, `fee-collection-${q.month}.xlsx`);
  }

  async exportYearly(auth: AuthContext, q: YearlyReportQuery): Promise<StreamableFile> {
    const r = await this.reports.yearly(auth, q);
    return xlsx(await yearlySheet(r), `${r.org.name}-${q.year}年党费收缴情况.xlsx`, `fee-yearly-${q.year}.xlsx`);
  }

  private async logExport(auth: AuthContext, orgId: string, what: string, details: Record<string, unknown>) {
    const org = await this.repo.org(orgId);
    await this.audit.record(auth, {
      action: FeeAuditAction.EXPORT,
      objectType: 'organisation',
      objectId: orgId,
      orgPath: org?.path ?? null,
      details: { what, ...details },
    });
  }
}

function report(all: FeeImportRowError[]): FeeImportReport {
  const order = STANDARD_COLUMNS.map((c) => c.header);
  const sorted = [...all].sort((a, b) => a.row - b.row || order.indexOf(a.column ?? '') - order.indexOf(b.column ?? ''));
  const rows = new Set(all.map((e) => e.row)).size;
  return {
    ok: false,
    code: FeeErrorCode.IMPORT_INVALID,
    message: `导入未执行：${rows} 行共 ${all.length} 处错误，请改正后重新上传${all.length > REPORT_MAX_ERRORS ? `（仅列出前 ${REPORT_MAX_ERRORS} 处）` : ''}`,
    errors: sorted.slice(0, REPORT_MAX_ERRORS),
  };
}
