import { HttpStatus, Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type ExcelJS from 'exceljs';
import {
  checkJoint,
  checkParentKind,
  ORG_IMPORT_LIMITS,
  ORG_KIND_LABEL,
  OrgKind,
  type OrgExportQuery,
  type OrgImportQuery,
  type OrgImportReport,
  type OrgImportResult,
  type OrgImportRowError,
  chinaToday,
} from '@dangjian/shared';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainError, forbidden } from '../common/domain-error.js';
import { attachmentDisposition } from '../common/spreadsheet.js';
import { XLSX_MIME, type Upload } from '../common/upload.js';
import { CommitteeRepository } from './committee.repository.js';
import { EnterprisesRepository } from './enterprises.repository.js';
import { OrganisationsRepository } from './organisations.repository.js';
import { loadExcelJs } from '../common/lazy-modules.js';

const SHEET = '组织架构';
/** The columns, in order; `*` marks required ones in the template. */
const COLUMNS = [
  { key: 'name', header: '组织名称', required: true, width: 36 },
  { key: 'kind', header: '组织类型', required: true, width: 12 },
  { key: 'parent', header: '上级组织', required: true, width: 36 },
  { key: 'joint', header: '联合党组织', required: false, width: 12 },
  { key: 'enterprises', header: '关联企业', required: false, width: 40 },
  { key: 'secretary', header: '书记', required: false, width: 12 },
] as const;
type Key = (typeof COLUMNS)[number]['key'];
const header = (k: Key) => COLUMNS.find((c) => c.key === k)!.header;
const KIND_BY_LABEL = new Map(Object.entries(ORG_KIND_LABEL).map(([k, label]) => [label, k as OrgKind]));
const SPLIT = /[、,，;；\n]+/;
const REPORT_MAX = 1000;

type Row = { row: number; name: string; kind: OrgKind; parent: string; joint: boolean; enterprises: string[]; secretary: string | null };
type Existing = { id: string; name: string; path: string; kind: OrgKind };

const importError = (code: string, message: string) => new DomainError(code, HttpStatus.UNPROCESSABLE_ENTITY, message);
/** Thrown inside the import transaction to roll it back with the row report. */
class RowErrors extends Error {
  constructor(readonly errors: OrgImportRowError[]) {
    super('row errors');
  }
}

/**
 * Bulk import and export of the organisation tree as .xlsx (issue 11): a park's 摸排 ledger of hundreds of
 * organisations. Parents are named, either an existing organisation in the caller's `org.manage` scope
 * or another row of the file (any order). All or nothing: every row is checked (O1 parent kinds, joint
 * organisations, names) and any problem answers 422 with the row-by-row report and no change.
 */
@Injectable()
export class OrgSheetService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly orgs: OrganisationsRepository,
    private readonly enterprises: EnterprisesRepository,
    private readonly committee: CommitteeRepository,
    private readonly audit: AuditService,
  ) {}

  async template(auth: AuthContext): Promise<StreamableFile> {
    if (this.access.scopes(auth, 'org.manage').length === 0) throw forbidden();
    const wb = new (await loadExcelJs()).Workbook();
    wb.creator = '智慧党建';
    const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = COLUMNS.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width }));
    styleHeader(ws.getRow(1));
    const examples = [
      {
        name: '星云科技党支部',
        kind: '党支部',
        parent: '（填写已有的上级组织名称，或本表中另一行的组织名称）',
        joint: '否',
        enterprises: '星云科技有限公司',
        secretary: '',
      },
      { name: '星云科技研发党小组', kind: '党小组', parent: '星云科技党支部', joint: '否', enterprises: '', secretary: '' },
    ];
    for (const e of examples) ws.addRow(e).font = { italic: true, color: { argb: 'FF888888' } };
    const dv = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
    const last = ORG_IMPORT_LIMITS.maxRows + 1;
    dv.add(`B2:B${last}`, listValidation(Object.values(ORG_KIND_LABEL), '组织类型'));
    dv.add(`D2:D${last}`, listValidation(['是', '否'], '联合党组织'));
    const help = wb.addWorksheet('说明');
    help.columns = [{ width: 100 }];
    for (const line of [
      '组织架构导入说明',
      '1. 每行一个党组织；带 * 的列必填。示例行（灰色斜体）请删除后再导入。',
      '2. 组织类型：党委、党总支、党支部、党小组；上级组织须为可包含它的类型（党小组只能在党支部下）。',
      '3. 上级组织：填写系统中已有的组织名称（须在您管理的范围内），或本表中另一行的组织名称，行的顺序不限。',
      '4. 关联企业之间用顿号“、”分隔，系统中没有的企业会按名称新建；党支部关联多家企业时，联合党组织须填“是”；党小组不能是联合组织。',
      '5. 书记（可选）：填写已在系统中登记的党员姓名（须在您管理的范围内且姓名唯一），导入后任该组织书记。',
      '6. 任何一行有错误时，整个文件都不会导入；请按错误报告逐行修改后重新上传。',
    ])
      help.addRow([line]);
    return xlsx(Buffer.from(await wb.xlsx.writeBuffer()), '组织架构导入模板.xlsx', 'org-import-template.xlsx');
  }

  async export(auth: AuthContext, q: OrgExportQuery): Promise<StreamableFile> {
    const roots = q.orgId ? [await this.access.requireOrg(auth, 'org.read', q.orgId)] : this.access.scopes(auth, 'org.read');
    if (roots.length === 0) throw forbidden();
    const rows = await this.orgs.sheetRows(roots);
    const wb = new (await loadExcelJs()).Workbook();
    wb.creator = '智慧党建';
    const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    styleHeader(ws.getRow(1));
    for (const r of rows) {
      ws.addRow({
        name: r.name,
        kind: ORG_KIND_LABEL[r.kind],
        parent: r.parent ?? '',
        joint: r.is_joint ? '是' : '否',
        enterprises: r.enterprises ?? '',
        secretary: r.secretary ?? '',
      });
    }
    await this.audit.record(auth, {
      action: 'organisation.export',
      objectType: 'organisation',
      objectId: null,
      orgPath: roots[0]!,
      details: { rows: rows.length },
    });
    return xlsx(Buffer.from(await wb.xlsx.writeBuffer()), `组织架构_${chinaToday().replace(/-/g, '')}.xlsx`, 'organisations.xlsx');
  }

  async import(auth: AuthContext, q: OrgImportQuery, upload: Upload): Promise<OrgImportResult | OrgImportReport> {
    const scopes = this.access.scopes(auth, 'org.manage');
    if (scopes.length === 0) throw forbidden();
    const wb = new (await loadExcelJs()).Workbook();
    try {
      await wb.xlsx.load(upload.data as unknown as ArrayBuffer);
    } catch {
      throw importError('ORG_IMPORT_FILE_INVALID', '无法读取该文件：请上传用模板填写的 Excel 文件（.xlsx）');
    }
    const parsed = parseSheet(wb);
    if ('error' in parsed) throw importError('ORG_IMPORT_FILE_INVALID', parsed.error);
    if (parsed.rows.length === 0 && parsed.errors.length === 0) throw importError('ORG_IMPORT_EMPTY', '文件中没有组织数据');
    try {
      return await this.db.transaction(async (tx) => {
        // The whole tree is being extended: no concurrent move or delete may slip between check and insert.
        await this.orgs.treeLock(tx, 'exclusive');
        const errors = [...parsed.errors];
        const err = (row: number, key: Key | null, message: string) => errors.push({ row, column: key ? header(key) : null, message });
        const existing: Existing[] = await this.orgs.inSubtrees(tx, scopes);
        const byName = new Map<string, Existing[]>();
        for (const e of existing) byName.set(e.name, [...(byName.get(e.name) ?? []), e]);
        const fileRows = new Map<string, Row>();
        for (const r of parsed.rows) {
          if (fileRows.has(r.name)) err(r.row, 'name', `与第 ${fileRows.get(r.name)!.row} 行的组织名称重复`);
          else fileRows.set(r.name, r);
          if (byName.has(r.name)) err(r.row, 'name', '系统中已有同名组织');
        }
        // Resolve parents; order rows so that parents come first (a cycle is an error).
        const kindOf = new Map<string, OrgKind>();
        const order: Row[] = [];
        const state = new Map<string, 'visiting' | 'done'>();
        const visit = (r: Row): boolean => {
          if (state.get(r.name) === 'done') return true;
          if (state.get(r.name) === 'visiting') {
            err(r.row, 'parent', '上级组织关系形成了循环');
            return false;
          }
          state.set(r.name, 'visiting');
          const inFile = fileRows.get(r.parent);
          const inDb = byName.get(r.parent);
          let parentKind: OrgKind | null = null;
          let ok = true;
          if (inFile && inFile !== r) {
            ok = visit(inFile);
            parentKind = inFile.kind;
          } else if (inDb?.length === 1) {
            parentKind = inDb[0]!.kind;
          } else if (inDb && inDb.length > 1) {
            err(r.row, 'parent', `您管理的范围内有 ${inDb.length} 个名为“${r.parent}”的组织，无法确定上级`);
            ok = false;
          } else {
            err(r.row, 'parent', `找不到上级组织“${r.parent}”（须为您管理范围内已有的组织，或本表中的另一行）`);
            ok = false;
          }
          if (ok && parentKind) {
            const v = checkParentKind(r.kind, parentKind);
            if (v) err(r.row, 'kind', v.message);
          }
          const j = checkJoint({ kind: r.kind, isJoint: r.joint, enterpriseCount: r.enterprises.length });
          if (j) err(r.row, 'joint', j.message);
          kindOf.set(r.name, r.kind);
          state.set(r.name, 'done');
          order.push(r);
          return ok;
        };
        for (const r of fileRows.values()) visit(r);
        // Secretaries: one member of that name within the caller's scope.
        const secretaryNames = [...new Set(parsed.rows.map((r) => r.secretary).filter((s): s is string => Boolean(s)))];
        const members: Array<{ id: string; name: string }> = secretaryNames.length ? await this.orgs.membersNamed(tx, secretaryNames, scopes) : [];
        for (const r of parsed.rows) {
          if (!r.secretary) continue;
          const n = members.filter((m) => m.name === r.secretary).length;
          if (n === 0) err(r.row, 'secretary', `找不到党员“${r.secretary}”（须已在系统中登记，且在您管理的范围内）`);
          else if (n > 1) err(r.row, 'secretary', `有 ${n} 名党员叫“${r.secretary}”，请导入后在组织详情中指定书记`);
        }
        if (errors.length) throw new RowErrors(errors);

        // Insert, parents first; enterprises by name (created when unknown).
        const idByName = new Map<string, string>();
        let enterprisesCreated = 0;
        const enterpriseId = new Map<string, string>();
        const allEnterprises = [...new Set(order.flatMap((r) => r.enterprises))];
        if (allEnterprises.length) {
          const found = await this.enterprises.byNames(tx, allEnterprises);
          for (const f of found) enterpriseId.set(f.name, f.id);
          for (const name of allEnterprises) {
            if (enterpriseId.has(name)) continue;
            enterpriseId.set(name, await this.enterprises.insert(tx, { name, creditCode: null, industry: null }));
            enterprisesCreated++;
          }
        }
        const today = chinaToday();
        for (const r of order) {
          const parentId = idByName.get(r.parent) ?? byName.get(r.parent)![0]!.id;
          const id = await this.orgs.insert(tx, {
            parentId,
            name: r.name,
            kind: r.kind,
            isJoint: r.joint,
            isTemporary: false,
            establishedOn: null,
            levelApprovalNote: null,
          });
          idByName.set(r.name, id);
          await this.orgs.setEnterprises(
            tx,
            id,
            r.enterprises.map((n) => enterpriseId.get(n)!),
          );
          if (r.secretary) {
            const m = members.find((x) => x.name === r.secretary)!;
            await this.committee.insertPosition(tx, { orgId: id, memberId: m.id, position: 'secretary', termId: null, startedOn: today });
          }
        }
        const created = order.length;
        await this.audit.record(
          auth,
          {
            action: 'organisation.import',
            objectType: 'organisation',
            objectId: null,
            orgPath: scopes[0]!,
            details: { created, enterprisesCreated, dryRun: q.dryRun, file: upload.fileName },
          },
          tx,
        );
        // A dry run goes all the way (same checks as the real thing) and then rolls back.
        if (q.dryRun) throw new DryRunDone({ ok: true, dryRun: true, created, enterprisesCreated });
        return { ok: true as const, dryRun: false, created, enterprisesCreated };
      });
    } catch (e) {
      if (e instanceof DryRunDone) return e.result;
      if (e instanceof RowErrors) {
        const sorted = e.errors.sort((a, b) => a.row - b.row);
        return {
          ok: false,
          code: 'ORG_IMPORT_ROWS_INVALID',
          message: `有 ${sorted.length} 处错误，未导入任何组织；请按报告修改后重新上传`,
          errors: sorted.slice(0, REPORT_MAX),
        };
      }
      throw e;
    }
  }
}

class DryRunDone extends Error {
  constructor(readonly result: OrgImportResult) {
    super('dry run');
  }
}

function parseSheet(wb: ExcelJS.Workbook): { rows: Row[]; errors: OrgImportRowError[] } | { error: string } {
  const ws = wb.getWorksheet(SHEET) ?? wb.worksheets[0];
  if (!ws) return { error: '文件中没有工作表' };
  const headerRow = ws.getRow(1);
  const colOf = new Map<Key, number>();
  headerRow.eachCell((cell, col) => {
    const text = cellText(cell.value).replace(/\*$/, '').trim();
    const c = COLUMNS.find((x) => x.header === text);
    if (c) colOf.set(c.key, col);
  });
  const missing = COLUMNS.filter((c) => c.required && !colOf.has(c.key)).map((c) => c.header);
  if (missing.length) return { error: `缺少必填列：${missing.join('、')}（请使用导入模板）` };
  if (ws.actualRowCount - 1 > ORG_IMPORT_LIMITS.maxRows) return { error: `一次最多导入 ${ORG_IMPORT_LIMITS.maxRows} 个组织` };
  const rows: Row[] = [];
  const errors: OrgImportRowError[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const get = (k: Key) => (colOf.has(k) ? cellText(row.getCell(colOf.get(k)!).value).trim() : '');
    const values = COLUMNS.map((c) => get(c.key));
    if (values.every((v) => !v)) return;
    // The template's grey example rows are skipped if left in.
    if (row.font?.italic && get('parent').startsWith('（')) return;
    if (row.getCell(1).font?.italic && ['星云科技党支部', '星云科技研发党小组'].includes(get('name'))) return;
    const err = (k: Key, message: string) => errors.push({ row: n, column: header(k), message });
    const name = get('name');
    if (!name) err('name', '必填');
    else if (name.length > 100) err('name', '最多 100 个字');
    const kind = KIND_BY_LABEL.get(get('kind')) ?? (OrgKind.safeParse(get('kind')).success ? (get('kind') as OrgKind) : undefined);
    if (!kind) err('kind', '须为 党委、党总支、党支部 或 党小组');
    const parent = get('parent');
    if (!parent) err('parent', '必填（根组织由管理员初始化时创建）');
    const jointText = get('joint');
    if (jointText && !['是', '否'].includes(jointText)) err('joint', '须为 是 或 否');
    const enterprises = [
      ...new Set(
        get('enterprises')
          .split(SPLIT)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    if (enterprises.some((e) => e.length > 100)) err('enterprises', '企业名称最多 100 个字');
    const secretary = get('secretary') || null;
    if (name && kind && parent) rows.push({ row: n, name, kind, parent, joint: jointText === '是', enterprises, secretary });
  });
  return { rows, errors };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (typeof v === 'object' && 'result' in v) return cellText(v.result);
  return '';
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC0392B' } };
  row.alignment = { vertical: 'middle', horizontal: 'center' };
  row.height = 22;
}

function listValidation(values: string[], title: string): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${values.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'error',
    errorTitle: title,
    error: `请从下拉列表中选择${title}`,
  };
}

const xlsx = (buf: Buffer, fileName: string, fallback: string) =>
  new StreamableFile(buf, { type: XLSX_MIME, disposition: attachmentDisposition(fileName, fallback), length: buf.length });
