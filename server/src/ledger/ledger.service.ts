import { Injectable } from '@nestjs/common';
import {
  chinaToday,
  gapReasons,
  LEDGER_FIELD_LABEL,
  orgCoverage,
  type CreateLedgerEntryDto,
  type LedgerChange,
  type LedgerDetail,
  type LedgerEntry,
  type LedgerQuery,
  type Page,
  type UpdateLedgerEntryDto,
} from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { CoverageService } from './coverage.service.js';
import type { StoredLedgerChange } from './ledger.entities.js';
import { LedgerErrors } from './ledger.errors.js';
import { LEDGER_ROW_FIELDS, LedgerRepository, ledgerRow, type FactsRow, type LedgerRow } from './ledger.repository.js';

const UNIQUE_VIOLATION = '23505';

/** Field-by-field differences, as people read them (history of changes, K1). */
export function diffRows(before: LedgerRow | null, after: LedgerRow): StoredLedgerChange[] {
  const show = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? null : String(v));
  return LEDGER_ROW_FIELDS.filter((f) => show(before?.[f]) !== show(after[f])).map((f) => ({ field: f, from: show(before?.[f]), to: show(after[f]) }));
}

/**
 * The committee's enterprise ledger (K1): a committee worker reads and keeps the entries of the
 * committees in their subtree; an officer appointed to an enterprise may read its card. Coverage
 * and gaps of each entry are computed by CoverageService's rules, never stored.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly repo: LedgerRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly coverage: CoverageService,
  ) {}

  async list(auth: AuthContext, q: LedgerQuery): Promise<Page<LedgerEntry>> {
    const path = await this.access.requireOrg(auth, 'ledger.read', q.committeeId);
    const today = chinaToday();
    const { facts, target } = await this.coverage.load(path, today);
    const needle = q.q?.toUpperCase();
    const rows = facts
      .map((f) => ({ f, coverage: orgCoverage(f.links, today), gaps: gapReasons(f, today, target.visitsPerYear) }))
      .filter((r) => !needle || r.f.name.toUpperCase().includes(needle) || r.f.creditCode === needle)
      .filter((r) => !q.coverage || r.coverage === q.coverage)
      .filter((r) => !q.gap || r.gaps.includes(q.gap))
      .sort((a, b) => a.f.name.localeCompare(b.f.name, 'zh-Hans-CN') || a.f.id.localeCompare(b.f.id));
    const page = rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
    return {
      items: await this.entries(
        page.map((r) => r.f),
        today,
        target.visitsPerYear,
      ),
      total: rows.length,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Full entries for these facts, in their order. */
  async entries(facts: FactsRow[], today: string, visitsPerYear: number): Promise<LedgerEntry[]> {
    const ids = facts.map((f) => f.id);
    const [display, full] = await Promise.all([this.repo.display(ids, today), this.repo.fullRows(ids)]);
    return facts.map((f) => {
      const d = display.get(f.id)!;
      return {
        ...full.get(f.id)!,
        id: f.id,
        committeeId: f.committeeId,
        committeeName: d.committeeName,
        rollMembers: d.rollMembers,
        rollFullMembers: d.rollFullMembers,
        coverage: orgCoverage(f.links, today),
        coveringOrgs: d.coveringOrgs,
        instructors: d.officers.filter((o) => o.role === 'instructor').map(({ userId, name }) => ({ userId, name })),
        liaisons: d.officers.filter((o) => o.role === 'liaison').map(({ userId, name }) => ({ userId, name })),
        lastVisitOn: d.lastVisitOn,
        gaps: gapReasons(f, today, visitsPerYear),
      };
    });
  }

  async get(auth: AuthContext, id: string): Promise<LedgerDetail> {
    const stored = await this.repo.find(id);
    if (!stored?.committeePath) throw notFound('台账企业');
    const canRead = this.access.can(auth, 'ledger.read', stored.committeePath);
    const appointments = await this.repo.appointmentsOf(id);
    const today = chinaToday();
    const serving = appointments.some((a) => a.userId === auth.userId && a.startsOn <= today && (a.endsOn === null || a.endsOn >= today));
    if (!canRead && !serving) throw forbidden();
    const { facts, target } = await this.coverage.load(stored.committeePath, today);
    const fact = facts.find((f) => f.id === id)!;
    const [entry] = await this.entries([fact], today, target.visitsPerYear);
    const [visits, history] = await Promise.all([this.repo.visitsOf(id), canRead ? this.repo.history(id) : Promise.resolve([])]);
    return {
      ...entry!,
      appointments: appointments.map(({ committeePath: _, ...a }) => a),
      visits: visits.map(({ userId, visitorName, ...v }) => ({ ...v, visitor: { userId, name: visitorName } })),
      history: history.map((h) => ({ at: new Date(h.at).toISOString(), byName: h.byName, source: h.source, changes: h.changes.map(labelChange) })),
      canManage: this.access.can(auth, 'ledger.manage', stored.committeePath),
      canVisit: serving || this.access.can(auth, 'ledger.manage', stored.committeePath),
    };
  }

  async create(auth: AuthContext, dto: CreateLedgerEntryDto): Promise<LedgerDetail> {
    const path = await this.requireCommittee(auth, dto.committeeId);
    const { committeeId, ...fields } = dto;
    const row = ledgerRow(fields, chinaToday());
    const id = await this.uniqueCode(() =>
      this.repo.transaction(async (tx) => {
        const [existing] = await this.repo.byCreditCodes(tx, [row.creditCode]);
        if (existing && existing.committeePath) throw LedgerErrors.creditCodeTaken(!isWithin(existing.committeePath, path));
        let entryId: string;
        if (existing) {
          // An enterprise known to the tree (linked to a branch) but in no ledger yet: adopt it.
          await this.repo.updateMany(tx, committeeId, [{ ...row, id: existing.id }]);
          entryId = existing.id;
        } else [entryId] = (await this.repo.insertMany(tx, committeeId, [row])) as [string];
        await this.recordChanges(tx, auth, 'create', [{ enterpriseId: entryId, changes: diffRows(existing ?? null, row) }], path);
        return entryId;
      }),
    );
    return this.get(auth, id);
  }

  async update(auth: AuthContext, id: string, dto: UpdateLedgerEntryDto): Promise<LedgerDetail> {
    await this.uniqueCode(() =>
      this.repo.transaction(async (tx) => {
        const before = await this.repo.find(id, { manager: tx, lock: true });
        if (!before?.committeePath) throw notFound('台账企业');
        this.access.assert(auth, 'ledger.manage', before.committeePath);
        const after: LedgerRow = { ...before };
        for (const f of LEDGER_ROW_FIELDS) if (dto[f] !== undefined) (after as Record<string, unknown>)[f] = dto[f];
        const changes = diffRows(before, after);
        if (changes.length === 0) return;
        await this.repo.updateMany(tx, before.committeeId!, [{ ...after, id }]);
        await this.recordChanges(tx, auth, 'edit', [{ enterpriseId: id, changes }], before.committeePath);
      }),
    );
    return this.get(auth, id);
  }

  /** A committee the caller keeps the ledger of (K1: ledgers belong to 党委). */
  async requireCommittee(auth: AuthContext, committeeId: string): Promise<string> {
    const path = await this.access.requireOrg(auth, 'ledger.manage', committeeId);
    const org = await this.repo.org(committeeId);
    if (org?.kind !== 'committee') throw LedgerErrors.notCommittee();
    return path;
  }

  async recordChanges(
    tx: EntityManager,
    auth: AuthContext,
    source: 'create' | 'edit' | 'import',
    rows: Array<{ enterpriseId: string; changes: StoredLedgerChange[] }>,
    orgPath: string,
  ): Promise<void> {
    await this.repo.insertChanges(tx, { userId: auth.userId, name: auth.displayName }, source, rows);
    if (source !== 'import') {
      const row = rows[0]!;
      await this.audit.record(
        auth,
        { action: `ledger.${source}`, objectType: 'enterprise', objectId: row.enterpriseId, orgPath, details: { changes: row.changes } },
        tx,
      );
    }
  }

  async uniqueCode<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw LedgerErrors.creditCodeTaken(false);
      throw err;
    }
  }
}

export const labelChange = (c: StoredLedgerChange): LedgerChange['changes'][number] => ({
  ...c,
  label: LEDGER_FIELD_LABEL[c.field as keyof typeof LEDGER_FIELD_LABEL] ?? c.field,
});
