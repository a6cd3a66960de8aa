import { Injectable, StreamableFile } from '@nestjs/common';
import {
  chinaToday,
  GAP_REASON_LABEL,
  LEDGER_IMPORT_LIMITS,
  MEMBER_IMPORT_LIMITS,
  ORG_COVERAGE_LABEL,
  type LedgerImportQuery,
  type LedgerImportResult,
  type MemberImportReport,
  type MemberImportRowError,
} from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { forbidden } from '../common/domain-error.js';
import { attachmentDisposition, checkXlsxContainer } from '../common/spreadsheet.js';
import { XLSX_MIME, type Upload } from '../common/upload.js';
import { CoverageService } from './coverage.service.js';
import { buildLedgerSheet, parseLedger } from './ledger-sheet.js';
import { LedgerErrorCode, LedgerErrors } from './ledger.errors.js';
import { LedgerRepository, type LedgerRow } from './ledger.repository.js';
import { diffRows, LedgerService } from './ledger.service.js';
import { loadExcelJs } from '../common/lazy-modules.js';

const REPORT_MAX_ERRORS = 1000;
const xlsxFile = (buf: Buffer, fileName: string, fallback: string) =>
  new StreamableFile(buf, { type: XLSX_MIME, disposition: attachmentDisposition(fileName, fallback), length: buf.length });

/** Template, import (upsert by credit code, all or nothing, row-by-row report) and export of the ledger (K1). */
@Injectable()
export class LedgerSheetService {
  constructor(
    private readonly repo: LedgerRepository,
    private readonly ledger: LedgerService,
    private readonly coverage: CoverageService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async template(auth: AuthContext): Promise<StreamableFile> {
    if (this.access.scopes(auth, 'ledger.manage').length === 0) throw forbidden();
    return xlsxFile(await buildLedgerSheet('企业台账导入模板', [], false), '企业台账导入模板.xlsx', 'ledger-template.xlsx');
  }

  /**
   * Rows are matched by 统一社会信用代码: a new code creates an entry, a known one of this area is
   * updated (only the changed fields go to its history), one known to the tree but in no ledger is
   * adopted, one in another committee's ledger is an error. Any error → nothing changes.
   */
  async import(auth: AuthContext, q: LedgerImportQuery, upload: Upload): Promise<LedgerImportResult | MemberImportReport> {
    const path = await this.ledger.requireCommittee(auth, q.committeeId);
    const container = checkXlsxContainer(upload.data);
    if (!container.ok) throw LedgerErrors.fileInvalid(container.message);
    if (upload.data.length > MEMBER_IMPORT_LIMITS.maxFileBytes) throw LedgerErrors.fileInvalid('文件过大，请分批导入');
    const wb = new (await loadExcelJs()).Workbook();
    try {
      await wb.xlsx.load(upload.data as unknown as ArrayBuffer);
    } catch {
      throw LedgerErrors.fileInvalid('无法读取该 Excel 文件，请使用导入模板填写后另存为 .xlsx');
    }
    const today = chinaToday();
    const parsed = parseLedger(wb, today, LEDGER_IMPORT_LIMITS.maxRows);
    if (parsed.kind === 'refused') throw parsed.code === 'empty' ? LedgerErrors.empty() : LedgerErrors.tooManyRows(LEDGER_IMPORT_LIMITS.maxRows);
    const errors = [...parsed.errors];
    const firstRow = new Map<string, number>();
    for (const r of parsed.rows) {
      const first = firstRow.get(r.value.creditCode);
      if (first === undefined) firstRow.set(r.value.creditCode, r.row);
      else errors.push({ row: r.row, column: '统一社会信用代码', message: `与第 ${first} 行的统一社会信用代码重复` });
    }

    return this.repo.transaction(async (tx) => {
      const existing = new Map((await this.repo.byCreditCodes(tx, [...firstRow.keys()])).map((e) => [e.creditCode, e]));
      const inserts: Array<{ row: number; value: LedgerRow }> = [];
      const updates: Array<{ row: number; id: string; value: LedgerRow; before: LedgerRow }> = [];
      const outcomes: LedgerImportResult['rows'] = [];
      for (const r of parsed.rows) {
        if (firstRow.get(r.value.creditCode) !== r.row) continue;
        const e = existing.get(r.value.creditCode);
        if (!e) {
          inserts.push(r);
          outcomes.push({ row: r.row, name: r.value.name, outcome: 'created' });
        } else if (e.committeePath && !isWithin(e.committeePath, path)) {
          errors.push({ row: r.row, column: '统一社会信用代码', message: '该企业已在其他党委的台账中' });
        } else {
          // A re-import keeps the listing day the entry already has unless the sheet gives one.
          const value = { ...r.value, listedOn: r.value.listedOn === today && e.listedOn ? e.listedOn : r.value.listedOn };
          const same = e.committeeId === q.committeeId && diffRows(e, value).length === 0;
          if (!same) updates.push({ row: r.row, id: e.id, value, before: e });
          outcomes.push({ row: r.row, name: r.value.name, outcome: same ? 'unchanged' : 'updated' });
        }
      }
      if (errors.length) return report(errors);
      const result: LedgerImportResult = {
        ok: true,
        dryRun: q.dryRun,
        created: inserts.length,
        updated: updates.length,
        unchanged: outcomes.length - inserts.length - updates.length,
        rows: outcomes.sort((a, b) => a.row - b.row),
      };
      if (q.dryRun) return result;
      const ids = await this.repo.insertMany(
        tx,
        q.committeeId,
        inserts.map((r) => r.value),
      );
      await this.repo.updateMany(
        tx,
        q.committeeId,
        updates.map((u) => ({ ...u.value, id: u.id })),
      );
      await this.ledger.recordChanges(
        tx,
        auth,
        'import',
        [
          ...inserts.map((r, i) => ({ enterpriseId: ids[i]!, changes: diffRows(null, r.value) })),
          ...updates.map((u) => ({ enterpriseId: u.id, changes: diffRows(u.before, u.value) })),
        ],
        path,
      );
      await this.audit.record(
        auth,
        {
          action: 'ledger.import',
          objectType: 'organisation',
          objectId: q.committeeId,
          orgPath: path,
          details: { created: result.created, updated: result.updated, unchanged: result.unchanged, fileName: upload.fileName },
        },
        tx,
      );
      return result;
    });
  }

  /** The subtree's ledger with its computed columns (coverage, officers, gaps); audited. */
  async export(auth: AuthContext, committeeId: string): Promise<StreamableFile> {
    const path = await this.access.requireOrg(auth, 'ledger.read', committeeId);
    const org = (await this.repo.org(committeeId))!;
    const today = chinaToday();
    const { facts, target } = await this.coverage.load(path, today);
    facts.sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
    const entries = await this.ledger.entries(facts, today, target.visitsPerYear);
    await this.audit.record(auth, {
      action: 'ledger.export',
      objectType: 'organisation',
      objectId: committeeId,
      orgPath: path,
      details: { count: entries.length },
    });
    const names = (list: Array<{ name: string }>) => list.map((p) => p.name).join('、');
    const buf = await buildLedgerSheet(
      `${org.name}企业台账`,
      entries.map((e) => ({
        value: e,
        extras: {
          coverage: ORG_COVERAGE_LABEL[e.coverage],
          coveringOrgs: names(e.coveringOrgs),
          rollMembers: e.rollMembers,
          rollFullMembers: e.rollFullMembers,
          instructors: names(e.instructors),
          liaisons: names(e.liaisons),
          lastVisitOn: e.lastVisitOn ?? '',
          gaps: e.gaps.map((g) => GAP_REASON_LABEL[g]).join('；'),
        },
      })),
      true,
    );
    const day = today.replace(/-/g, '');
    return xlsxFile(buf, `企业台账-${org.name}-${day}.xlsx`, `ledger-${day}.xlsx`);
  }
}

function report(all: MemberImportRowError[]): MemberImportReport {
  const sorted = [...all].sort((a, b) => a.row - b.row);
  const rows = new Set(all.map((e) => e.row)).size;
  return {
    ok: false,
    code: LedgerErrorCode.IMPORT_INVALID,
    message: `导入未执行：${rows} 行共 ${all.length} 处错误，请改正后重新上传${all.length > REPORT_MAX_ERRORS ? `（仅列出前 ${REPORT_MAX_ERRORS} 处）` : ''}`,
    errors: sorted.slice(0, REPORT_MAX_ERRORS),
  };
}
