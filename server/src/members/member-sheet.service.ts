import { Injectable, StreamableFile } from '@nestjs/common';
import {
  chinaToday,
  MEMBER_IMPORT_LIMITS,
  MemberAuditAction,
  partyYears,
  type MemberExportQuery,
  type MemberImportQuery,
  type MemberImportReport,
  type MemberImportResult,
  type MemberImportRowError,
} from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { forbidden } from '../common/domain-error.js';
import { XLSX_MIME, type Upload } from '../common/upload.js';
import { buildRoster, buildTemplate, columnHeader, parseRoster, SHEET_COLUMNS } from './member-sheet.js';
import { attachmentDisposition, checkXlsxContainer } from '../common/spreadsheet.js';
import { memberError, MemberErrorCode, orgNotBranch } from './members.errors.js';
import { MembersRepository } from './members.repository.js';
import { MembersService } from './members.service.js';
import { loadExcelJs } from '../common/lazy-modules.js';

/** A roster export is bounded: beyond this, export branch by branch. */
export const EXPORT_MAX_ROWS = 50_000;
/** A row report lists at most this many problems (the message gives the full count). */
const REPORT_MAX_ERRORS = 1000;

const xlsxFile = (buf: Buffer, fileName: string, fallback: string) =>
  new StreamableFile(buf, { type: XLSX_MIME, disposition: attachmentDisposition(fileName, fallback), length: buf.length });
const compactDate = (d: string) => d.replace(/-/g, '');

/** Template, import (all-or-nothing) and export of member rosters as .xlsx. */
@Injectable()
export class MemberSheetService {
  constructor(
    private readonly repo: MembersRepository,
    private readonly members: MembersService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** With `orgId` (a branch the caller manages) the 党小组 column lists its groups. */
  async template(auth: AuthContext, orgId: string | undefined): Promise<StreamableFile> {
    let groups: string[] = [];
    if (orgId) {
      await this.access.requireOrg(auth, 'member.manage', orgId);
      const org = await this.repo.findOrg(orgId);
      if (org?.kind !== 'branch' || org.isTemporary) throw orgNotBranch(org?.isTemporary);
      groups = (await this.repo.groupsOf(orgId)).map((g) => g.name);
    } else if (this.access.scopes(auth, 'member.manage').length === 0) {
      throw forbidden();
    }
    return xlsxFile(await buildTemplate(groups), '党员信息导入模板.xlsx', 'member-import-template.xlsx');
  }

  /**
   * Validates every row (formats, ID check digit and consistency, duplicates in the file and in the
   * database, group names under the branch) and either answers the full row report with nothing
   * changed, or creates all rows in one transaction.
   */
  async import(auth: AuthContext, q: MemberImportQuery, upload: Upload): Promise<MemberImportResult | MemberImportReport> {
    const orgPath = await this.access.requireOrg(auth, 'member.manage', q.orgId);
    const org = await this.repo.findOrg(q.orgId);
    if (org?.kind !== 'branch' || org.isTemporary) throw orgNotBranch(org?.isTemporary);
    if (upload.data.length > MEMBER_IMPORT_LIMITS.maxFileBytes) {
      throw memberError(MemberErrorCode.IMPORT_FILE_TOO_LARGE, `文件过大：最大 ${MEMBER_IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB`);
    }
    const container = checkXlsxContainer(upload.data);
    if (!container.ok) throw memberError(MemberErrorCode.IMPORT_FILE_INVALID, container.message);
    const wb = new (await loadExcelJs()).Workbook();
    try {
      await wb.xlsx.load(upload.data as unknown as ArrayBuffer);
    } catch {
      throw memberError(MemberErrorCode.IMPORT_FILE_INVALID, '无法读取该 Excel 文件，请使用导入模板填写后另存为 .xlsx');
    }
    const parsed = parseRoster(wb, chinaToday());
    if (parsed.kind === 'refused') {
      throw memberError(parsed.code === 'too_many_rows' ? MemberErrorCode.IMPORT_TOO_MANY_ROWS : MemberErrorCode.IMPORT_EMPTY, parsed.message);
    }
    const errors = [...parsed.errors];

    // Duplicates inside the file, then against the database, through the blind index (M4).
    const sealed = parsed.members.map((m) => this.members.sealNationalId(m.nationalId));
    const firstRowOf = new Map<string, number>();
    parsed.members.forEach((m, i) => {
      const hash = sealed[i]!.nationalIdHash;
      if (!hash) return;
      const first = firstRowOf.get(hash);
      if (first === undefined) firstRowOf.set(hash, m.row);
      else errors.push({ row: m.row, column: columnHeader('nationalId'), message: `与第 ${first} 行的身份证号重复` });
    });
    const taken = await this.repo.takenNationalIdHashes([...firstRowOf.keys()]);
    parsed.members.forEach((m, i) => {
      const hash = sealed[i]!.nationalIdHash;
      if (hash && taken.has(hash) && firstRowOf.get(hash) === m.row) {
        errors.push({ row: m.row, column: columnHeader('nationalId'), message: '该身份证号码已登记为其他党员' });
      }
    });
    const groups = new Map((await this.repo.groupsOf(org.id)).map((g) => [g.name, g.id]));
    for (const m of parsed.members) {
      if (m.groupName && !groups.has(m.groupName)) {
        errors.push({ row: m.row, column: columnHeader('group'), message: `本党支部下没有名为“${m.groupName}”的党小组` });
      }
    }

    if (errors.length) return report(errors);
    if (q.dryRun) return { ok: true, dryRun: true, created: parsed.members.length };

    const created = await this.repo.transaction(async (em) => {
      const ids = await this.members.insertOrConflict(
        em,
        parsed.members.map((m, i) => ({
          organisationId: org.id,
          groupId: m.groupName ? groups.get(m.groupName)! : null,
          enterpriseId: null,
          name: m.name,
          gender: m.gender,
          ethnicity: m.ethnicity,
          birthDate: m.birthDate,
          ...this.members.sealPhone(m.phone),
          ...sealed[i]!,
          education: m.education,
          joinDate: m.joinDate,
          fullMemberDate: m.fullMemberDate,
          status: m.status,
          flags: [],
          post: m.post,
        })),
      );
      await this.audit.record(
        auth,
        {
          action: MemberAuditAction.IMPORT,
          objectType: 'organisation',
          objectId: org.id,
          orgPath,
          details: { created: ids.length, fileName: upload.fileName },
        },
        em,
      );
      return ids.length;
    });
    return { ok: true, dryRun: false, created };
  }

  /**
   * The roster of an organisation (or its subtree) as .xlsx. Masked (M4) unless `unmask` and the
   * caller holds member.readSensitive there; every export is audited before the file leaves.
   */
  async export(auth: AuthContext, q: MemberExportQuery): Promise<StreamableFile> {
    const orgPath = await this.access.requireOrg(auth, 'member.read', q.orgId);
    if (q.unmask) this.access.assert(auth, 'member.readSensitive', orgPath);
    const org = (await this.repo.findOrg(q.orgId))!;
    const filter = { orgId: q.orgId, orgPath, subtree: q.subtree, status: q.status, flag: q.flag, groupId: org.kind === 'group' ? org.id : undefined };
    const { total, capped } = await this.members.total(filter, EXPORT_MAX_ROWS);
    if (capped || total > EXPORT_MAX_ROWS) {
      throw memberError(MemberErrorCode.EXPORT_TOO_LARGE, `名册超过 ${EXPORT_MAX_ROWS} 人，请按下级组织分别导出`);
    }
    const rows = await this.repo.all(filter);
    await this.audit.record(auth, {
      action: q.unmask ? MemberAuditAction.EXPORT_SENSITIVE : MemberAuditAction.EXPORT,
      objectType: 'organisation',
      objectId: org.id,
      orgPath,
      details: { count: rows.length, subtree: q.subtree, status: q.status ?? null, flag: q.flag ?? null },
    });
    const today = chinaToday();
    const buf = await buildRoster(
      `${org.name}党员名册`,
      rows.map((r) => ({
        ...r,
        nationalId: q.unmask ? (r.nationalIdEnc ? this.members.decryptNationalId(r.nationalIdEnc) : null) : r.nationalIdMasked,
        phone: q.unmask ? this.members.decryptPhone(r.phoneEnc) : r.phoneMasked,
        partyYears: partyYears(r, today),
      })),
      !q.unmask,
    );
    return xlsxFile(buf, `党员名册-${org.name}-${compactDate(today)}.xlsx`, `members-${compactDate(today)}.xlsx`);
  }
}

function report(all: MemberImportRowError[]): MemberImportReport {
  const order = SHEET_COLUMNS.map((c) => c.header);
  const sorted = [...all].sort((a, b) => a.row - b.row || order.indexOf(a.column ?? '') - order.indexOf(b.column ?? ''));
  const rows = new Set(all.map((e) => e.row)).size;
  return {
    ok: false,
    code: MemberErrorCode.IMPORT_INVALID,
    message: `导入未执行：${rows} 行共 ${all.length} 处错误，请改正后重新上传${all.length > REPORT_MAX_ERRORS ? `（仅列出前 ${REPORT_MAX_ERRORS} 处）` : ''}`,
    errors: sorted.slice(0, REPORT_MAX_ERRORS),
  };
}
