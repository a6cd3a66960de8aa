import { Injectable } from '@nestjs/common';
import {
  chinaToday,
  isValidNationalId,
  maskNationalId,
  MEMBER_COUNT_CAP,
  MEMBER_LIST_WINDOW,
  MemberAuditAction,
  memberFactIssues,
  MemberFlag,
  type CreateMemberDto,
  type MemberLeftReason,
  type Member,
  type MemberHistoryPage,
  type MemberListQuery,
  type MemberStatus,
  type MemberPage,
  type PageQuery,
  type SetMemberGroupDto,
  type UpdateMemberDto,
  type UpdateMemberStatusDto,
} from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { notFound } from '../common/domain-error.js';
import { mapHistory, mapMember } from './member.mapper.js';
import {
  departed,
  enterpriseNotOfBranch,
  factsInconsistent,
  groupNotInBranch,
  listWindow,
  nationalIdTaken,
  notLinked,
  orgNotBranch,
  statusTransition,
} from './members.errors.js';
import { MembersRepository, type MemberFilter, type MemberRow, type MemberSearch, type StatusChangeInsert } from './members.repository.js';
import { normalisePhone, PhoneCipher, SensitiveCipher } from '../common/sensitive-cipher.js';

const PHONE = /^1[3-9]\d{9}$/;
const isUniqueViolation = (err: unknown, constraint: string) =>
  (err as { code?: string; constraint?: string })?.code === '23505' && (err as { constraint?: string }).constraint === constraint;

/** Members (M1–M4): every method starts with the access check. */
/** A list's total from an organisation's counters: all members, or those of one status. */
const byStatus = (status: MemberStatus | undefined, c: { all: number; full: number }) =>
  status === 'full' ? c.full : status === 'probationary' ? c.all - c.full : c.all;

@Injectable()
export class MembersService {
  constructor(
    private readonly repo: MembersRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly cipher: SensitiveCipher,
    private readonly phones: PhoneCipher,
  ) {}

  async list(auth: AuthContext, q: MemberListQuery): Promise<MemberPage> {
    // The organisation's kind (for groups) is read alongside the access check, used only after it passed.
    const [orgPath, org] = await Promise.all([this.access.requireOrg(auth, 'member.read', q.orgId), this.repo.findOrg(q.orgId)]);
    const offset = (q.page - 1) * q.pageSize;
    if (offset + q.pageSize > MEMBER_LIST_WINDOW) throw listWindow(MEMBER_LIST_WINDOW);
    const filter: MemberFilter = { orgId: q.orgId, orgPath, subtree: q.subtree, status: q.status, flag: q.flag, search: this.search(q.q) };
    // O8: a 党小组 holds no members formally (M2: they belong to its branch); list those placed in it.
    if (org?.kind === 'group') filter.groupId = q.orgId;
    let rows: MemberRow[];
    let count: { total: number; capped: boolean };
    if (filter.flag && !filter.search) {
      // The capped count tells a common flag from a rare one, which page best in different ways.
      count = await this.total(filter, MEMBER_COUNT_CAP);
      rows = await this.repo.page(filter, q.pageSize, offset, { commonFlag: count.capped });
    } else if (filter.subtree && !filter.groupId && !filter.search) {
      // The subtree's counters first: they are the total, and its size decides how its page is read.
      const c = await this.repo.subtreeCounts(orgPath);
      count = { total: byStatus(filter.status, c), capped: false };
      rows = await this.repo.page(filter, q.pageSize, offset, { share: { subtree: count.total, all: c.platform } });
    } else {
      // Two pooled connections: the page and its total in parallel.
      [rows, count] = await Promise.all([this.repo.page(filter, q.pageSize, offset), this.total(filter, MEMBER_COUNT_CAP)]);
    }
    const today = chinaToday();
    return { items: rows.map((r) => mapMember(r, undefined, today)), total: count.total, totalCapped: count.capped, page: q.page, pageSize: q.pageSize };
  }

  /**
   * A list's total. Unfiltered (or by status only): the organisations' member counters, exact, no
   * member row read. Searches and flag filters: matches counted up to `cap` (`capped` says so).
   */
  async total(f: MemberFilter, cap: number): Promise<{ total: number; capped: boolean }> {
    if (f.search || f.flag || f.groupId) return this.repo.countMatches(f, cap);
    const c = f.subtree ? await this.repo.subtreeCounts(f.orgPath) : await this.repo.orgCounts(f.orgId);
    return { total: byStatus(f.status, c), capped: false };
  }

  /** `q` by its shape: a national ID or a mobile number (exact, through their blind indexes, M4), else part of a name. */
  search(q: string | undefined): MemberSearch | undefined {
    if (!q) return undefined;
    const upper = q.toUpperCase();
    if (isValidNationalId(upper)) return { kind: 'nationalId', hash: this.cipher.blindIndex(upper) };
    if (PHONE.test(normalisePhone(q))) return { kind: 'phone', hash: this.phones.blindIndex(q) };
    return { kind: 'name', term: q };
  }

  async me(auth: AuthContext): Promise<Member> {
    if (!auth.memberId) throw notLinked();
    return this.get(auth, auth.memberId, false);
  }

  /**
   * M4: masked unless `unmask` and the caller holds member.readSensitive on the member's
   * organisation (a member reading their own record never gets it by being themselves). The
   * unmasked read is audited before the answer leaves.
   */
  async get(auth: AuthContext, id: string, unmask: boolean): Promise<Member> {
    const path = await this.access.requireMember(auth, 'member.read', id, true);
    if (unmask) this.access.assert(auth, 'member.readSensitive', path);
    const row = await this.repo.findById(id);
    if (!row) throw notFound('党员');
    if (!unmask) return mapMember(row);
    const plain = { phone: this.phones.open(row.phoneEnc), nationalId: row.nationalIdEnc ? this.cipher.decrypt(row.nationalIdEnc) : null };
    await this.audit.record(auth, {
      action: MemberAuditAction.SENSITIVE_READ,
      objectType: 'member',
      objectId: id,
      orgPath: row.orgPath,
      details: { fields: ['nationalId', 'phone'] },
    });
    return mapMember(row, plain);
  }

  /** M2: created in a 党支部, optionally in one of its 党小组. */
  async create(auth: AuthContext, dto: CreateMemberDto): Promise<Member> {
    await this.access.requireOrg(auth, 'member.manage', dto.orgId);
    const id = await this.repo.transaction((em) => this.createIn(em, auth, dto));
    return this.get(auth, id, false);
  }

  /**
   * The creation itself inside the caller's transaction (the transfer module registers an arriving
   * member together with the inbound transfer, T1). The caller has checked member.manage on dto.orgId.
   */
  async createIn(em: EntityManager, auth: AuthContext, dto: CreateMemberDto): Promise<string> {
    const org = await this.repo.findOrg(dto.orgId, em);
    if (org?.kind !== 'branch' || org.isTemporary) throw orgNotBranch(org?.isTemporary);
    if (dto.groupId) await this.assertGroupOf(dto.groupId, org.id, em);
    if (dto.enterpriseId && !(await this.repo.enterpriseLinked(org.id, dto.enterpriseId, em))) throw enterpriseNotOfBranch();
    const sensitive = this.sealNationalId(dto.nationalId ?? null);
    if (sensitive.nationalIdHash && (await this.repo.takenNationalIdHashes([sensitive.nationalIdHash], null, em)).size) throw nationalIdTaken();
    const [memberId] = await this.insertOrConflict(em, [
      {
        organisationId: org.id,
        groupId: dto.groupId ?? null,
        enterpriseId: dto.enterpriseId ?? null,
        name: dto.name,
        gender: dto.gender,
        ethnicity: dto.ethnicity,
        birthDate: dto.birthDate,
        ...this.sealPhone(dto.phone),
        ...sensitive,
        education: dto.education ?? null,
        joinDate: dto.joinDate,
        fullMemberDate: dto.status === 'full' ? (dto.fullMemberDate ?? null) : null,
        status: dto.status,
        flags: normaliseFlags(dto.flags),
        post: dto.post ?? null,
      },
    ]);
    await this.audit.record(
      auth,
      { action: MemberAuditAction.CREATE, objectType: 'member', objectId: memberId!, orgPath: org.path, details: { name: dto.name } },
      em,
    );
    return memberId!;
  }

  /** Profile fields only: status, flags, group and organisation have their own rules and endpoints. */
  async update(auth: AuthContext, id: string, dto: UpdateMemberDto): Promise<Member> {
    await this.access.requireMember(auth, 'member.manage', id);
    await this.repo.transaction((em) => this.updateIn(em, auth, id, dto));
    return this.get(auth, id, false);
  }

  /**
   * The profile edit inside the caller's transaction (an approved 档案更正 applies the member's own
   * request in its workflow step). The caller has checked member.manage on the member.
   */
  async updateIn(em: EntityManager, auth: AuthContext, id: string, dto: UpdateMemberDto): Promise<void> {
    const row = await this.lockedMember(id, em);
    const nationalId = dto.nationalId !== undefined ? dto.nationalId : row.nationalIdEnc ? this.cipher.decrypt(row.nationalIdEnc) : null;
    const merged = {
      gender: dto.gender ?? row.gender,
      birthDate: dto.birthDate ?? row.birthDate,
      joinDate: dto.joinDate ?? row.joinDate,
      nationalId,
      status: row.status,
      fullMemberDate: row.fullMemberDate,
    };
    const issues = memberFactIssues(merged);
    if (issues.length) throw factsInconsistent(issues);
    if (dto.enterpriseId && !(await this.repo.enterpriseLinked(row.organisationId, dto.enterpriseId, em))) throw enterpriseNotOfBranch();

    const set: Record<string, unknown> = {};
    const plainColumns = {
      name: 'name',
      gender: 'gender',
      ethnicity: 'ethnicity',
      birthDate: 'birth_date',
      education: 'education',
      joinDate: 'join_date',
      post: 'post',
      enterpriseId: 'enterprise_id',
    } as const;
    for (const [key, column] of Object.entries(plainColumns)) {
      const value = dto[key as keyof typeof plainColumns];
      if (value !== undefined) set[column] = value;
    }
    if (dto.phone !== undefined) {
      const sealed = this.sealPhone(dto.phone);
      Object.assign(set, { phone_enc: sealed.phoneEnc, phone_hash: sealed.phoneHash, phone_masked: sealed.phoneMasked });
    }
    if (dto.nationalId !== undefined) {
      const sealed = this.sealNationalId(dto.nationalId);
      if (sealed.nationalIdHash && (await this.repo.takenNationalIdHashes([sealed.nationalIdHash], id, em)).size) throw nationalIdTaken();
      Object.assign(set, { national_id_enc: sealed.nationalIdEnc, national_id_hash: sealed.nationalIdHash, national_id_masked: sealed.nationalIdMasked });
    }
    try {
      await this.repo.update(em, id, set);
    } catch (err) {
      if (isUniqueViolation(err, 'UQ_member_national_id_hash')) throw nationalIdTaken();
      throw err;
    }
    // Field names only: the audit log never holds the sensitive values themselves.
    await this.audit.record(
      auth,
      { action: MemberAuditAction.UPDATE, objectType: 'member', objectId: id, orgPath: row.orgPath, details: { fields: Object.keys(dto) } },
      em,
    );
  }

  /**
   * M1: status and flags change only here, each change recorded with who, when and why (in the same
   * transaction). probationary → full sets the 转正 date (M3: 党龄 counts from it); full →
   * probationary is refused. A request that changes nothing records nothing (safe to retry).
   */
  async changeStatus(auth: AuthContext, id: string, dto: UpdateMemberStatusDto): Promise<Member> {
    await this.access.requireMember(auth, 'member.manage', id);
    await this.repo.transaction(async (em) => {
      const row = await this.lockedMember(id, em);
      const today = chinaToday();
      const changes: StatusChangeInsert[] = [];
      let status = row.status;
      let fullMemberDate = row.fullMemberDate;

      if (dto.status && dto.status !== row.status) {
        if (dto.status === 'probationary') throw statusTransition('正式党员不能转为预备党员');
        status = 'full';
        fullMemberDate = dto.fullMemberDate ?? today;
        changes.push({ field: 'status', fromValue: row.status, toValue: status });
      } else if (dto.fullMemberDate !== undefined) {
        if (row.status !== 'full') throw statusTransition('预备党员没有转正日期；转为正式党员时一并填写');
        fullMemberDate = dto.fullMemberDate;
      }
      if (fullMemberDate !== row.fullMemberDate) {
        const issues = memberFactIssues({ ...row, status, fullMemberDate, nationalId: null }, today);
        if (issues.length) throw factsInconsistent(issues);
        changes.push({ field: 'fullMemberDate', fromValue: row.fullMemberDate, toValue: fullMemberDate });
      }
      let flags = row.flags;
      if (dto.flags) {
        flags = normaliseFlags(dto.flags);
        for (const f of MemberFlag.options) {
          const had = row.flags.includes(f);
          const has = flags.includes(f);
          if (had !== has) changes.push({ field: `flag:${f}`, fromValue: String(had), toValue: String(has) });
        }
      }
      if (changes.length === 0) return;
      await this.repo.update(em, id, { status, full_member_date: fullMemberDate, flags });
      await this.repo.recordChanges(em, id, changes, dto.reason, auth.userId);
      await this.audit.record(
        auth,
        { action: MemberAuditAction.STATUS, objectType: 'member', objectId: id, orgPath: row.orgPath, details: { changes, reason: dto.reason } },
        em,
      );
    });
    return this.get(auth, id, false);
  }

  /** O8: a 党小组 of the member's own branch, or none; recorded like a status change (M1). */
  async setGroup(auth: AuthContext, id: string, dto: SetMemberGroupDto): Promise<Member> {
    await this.access.requireMember(auth, 'member.manage', id);
    await this.repo.transaction(async (em) => {
      const row = await this.lockedMember(id, em);
      if (dto.groupId) await this.assertGroupOf(dto.groupId, row.organisationId, em);
      if (dto.groupId === row.groupId) return;
      const change = { field: 'group', fromValue: row.groupId, toValue: dto.groupId };
      await this.repo.update(em, id, { group_id: dto.groupId });
      await this.repo.recordChanges(em, id, [change], dto.reason, auth.userId);
      await this.audit.record(
        auth,
        { action: MemberAuditAction.GROUP, objectType: 'member', objectId: id, orgPath: row.orgPath, details: { ...change, reason: dto.reason } },
        em,
      );
    });
    return this.get(auth, id, false);
  }

  /**
   * The member leaves the platform (an outbound transfer's 回执, T1/T5), inside the caller's
   * transaction: off the active roll (lists, counts by trigger, billing after this month, new
   * meeting rosters); recorded as an organisation change to nothing (M1) with `note` as the reason.
   */
  async departIn(em: EntityManager, auth: AuthContext, id: string, reason: MemberLeftReason, at: Date, note: string): Promise<void> {
    const row = await this.lockedMember(id, em);
    // Out of any 党小组 too (as a transfer's move does), so group counts need no departure check.
    await this.repo.update(em, id, { left_at: at, left_reason: reason, group_id: null });
    await this.repo.recordChanges(em, id, [{ field: 'organisation', fromValue: row.organisationId, toValue: null }], note, auth.userId);
    await this.audit.record(
      auth,
      { action: MemberAuditAction.DEPART, objectType: 'member', objectId: id, orgPath: row.orgPath, details: { reason, note } },
      em,
    );
  }

  /**
   * T5: a transfer's acceptance moves the member to `toOrgId` inside the step's transaction (row
   * locked): one UPDATE (out of any 党小组), recorded as an organisation change (M1) with `note`.
   * Returns the organisation they came from.
   */
  async moveOrganisationIn(em: EntityManager, auth: AuthContext, id: string, toOrgId: string, note: string): Promise<string> {
    const row = await this.lockedMember(id, em);
    await this.repo.update(em, id, { organisation_id: toOrgId, group_id: null });
    await this.repo.recordChanges(em, id, [{ field: 'organisation', fromValue: row.organisationId, toValue: toOrgId }], note, auth.userId);
    return row.organisationId;
  }

  /** M2: a flag set by another module's step (a 流动党员 registration), inside its transaction; no-op when already set. */
  async addFlagIn(em: EntityManager, auth: AuthContext, id: string, flag: MemberFlag, note: string): Promise<void> {
    const row = await this.lockedMember(id, em);
    if (row.flags.includes(flag)) return;
    await this.repo.update(em, id, { flags: [...row.flags, flag] });
    await this.repo.recordChanges(em, id, [{ field: `flag:${flag}`, fromValue: 'false', toValue: 'true' }], note, auth.userId);
  }

  /** M1: the change history, newest first. Members may read their own. */
  async history(auth: AuthContext, id: string, q: PageQuery): Promise<MemberHistoryPage> {
    await this.access.requireMember(auth, 'member.read', id, true);
    const { rows, total } = await this.repo.history(id, q.pageSize, (q.page - 1) * q.pageSize);
    return { items: rows.map(mapHistory), total, page: q.page, pageSize: q.pageSize };
  }

  // ---- used by the import ----

  /** M4: ciphertext, blind index and masked form of a national ID (all null without one). */
  sealNationalId(nationalId: string | null) {
    if (!nationalId) return { nationalIdEnc: null, nationalIdHash: null, nationalIdMasked: null };
    return {
      nationalIdEnc: this.cipher.encrypt(nationalId),
      nationalIdHash: this.cipher.blindIndex(nationalId),
      nationalIdMasked: maskNationalId(nationalId),
    };
  }

  decryptNationalId(stored: string): string {
    return this.cipher.decrypt(stored);
  }

  /** M4: ciphertext, blind index and masked form of a phone number (all null without one). */
  sealPhone(phone: string | null | undefined) {
    return this.phones.seal(phone);
  }

  decryptPhone(stored: string | null): string | null {
    return this.phones.open(stored);
  }

  async insertOrConflict(em: EntityManager, rows: Parameters<MembersRepository['insert']>[1]): Promise<string[]> {
    try {
      return await this.repo.insert(em, rows);
    } catch (err) {
      // A concurrent request registered the same ID between our check and the insert.
      if (isUniqueViolation(err, 'UQ_member_national_id_hash')) throw nationalIdTaken();
      throw err;
    }
  }

  private async lockedMember(id: string, em: EntityManager): Promise<MemberRow> {
    const row = await this.repo.findById(id, em, true);
    if (!row) throw notFound('党员');
    // A departed member's record is read-only.
    if (row.leftAt) throw departed();
    return row;
  }

  private async assertGroupOf(groupId: string, branchId: string, em: EntityManager) {
    const group = await this.repo.findOrg(groupId, em);
    if (group?.kind !== 'group' || group.parentId !== branchId) throw groupNotInBranch();
  }
}

/** Flags as a set, in the M1 order. */
const normaliseFlags = (flags: readonly MemberFlag[]) => MemberFlag.options.filter((f) => flags.includes(f));
