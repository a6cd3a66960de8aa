/**
 * Pure rules of the organisation tree (DOMAIN.md O1–O8). Each check returns either warnings
 * (`RuleWarning[]`: the rule says "generally", the server lets it pass and shows it) or a violation
 * (`RuleViolation | null`: the server refuses the change with the violation's code). No I/O: the
 * server and the mini-program both call these.
 */
import type { RuleWarning } from '../common.js';
import type { CommitteePosition } from '../access.js';
import type { MemberFlag, MemberStatus } from '../member.js';
import { ALLOWED_PARENT_KINDS, ORG_KIND_LABEL, type OrgKind } from '../org.js';

/** A refused change: same shape as a warning, the server turns it into an error with this code. */
export type RuleViolation = RuleWarning;

/** Codes of every rule below (blocks and warnings). Stable: clients switch on them. */
export const OrgRuleCode = {
  // O1
  PARENT_KIND_NOT_ALLOWED: 'ORG_PARENT_KIND_NOT_ALLOWED',
  CHILD_KIND_CONFLICT: 'ORG_CHILD_KIND_CONFLICT',
  GROUP_CANNOT_BE_JOINT: 'ORG_GROUP_CANNOT_BE_JOINT',
  // O2
  BRANCH_TOO_FEW_FULL_MEMBERS: 'ORG_BRANCH_TOO_FEW_FULL_MEMBERS',
  BRANCH_TOO_MANY_MEMBERS: 'ORG_BRANCH_TOO_MANY_MEMBERS',
  // O3
  JOINT_TOO_MANY_ENTERPRISES: 'ORG_JOINT_TOO_MANY_ENTERPRISES',
  MULTI_ENTERPRISE_NOT_JOINT: 'ORG_MULTI_ENTERPRISE_NOT_JOINT',
  // O4
  POSITION_NOT_ALLOWED_SMALL: 'ORG_POSITION_NOT_ALLOWED_SMALL',
  POSITION_GROUP_ONLY: 'ORG_POSITION_GROUP_ONLY',
  POSITION_NOT_FOR_GROUP: 'ORG_POSITION_NOT_FOR_GROUP',
  POSITION_TAKEN: 'ORG_POSITION_TAKEN',
  POSITION_ALREADY_HELD: 'ORG_POSITION_ALREADY_HELD',
  COMMITTEE_FULL: 'ORG_COMMITTEE_FULL',
  HOLDER_NOT_IN_ORGANISATION: 'ORG_HOLDER_NOT_IN_ORGANISATION',
  HOLDER_NOT_FULL_MEMBER: 'ORG_HOLDER_NOT_FULL_MEMBER',
  HOLDER_RIGHTS_RESTRICTED: 'ORG_HOLDER_RIGHTS_RESTRICTED',
  COMMITTEE_TOO_SMALL: 'ORG_COMMITTEE_TOO_SMALL',
  COMMITTEE_POSITION_MISSING: 'ORG_COMMITTEE_POSITION_MISSING',
  COMMITTEE_EXCEEDS_SMALL_BRANCH: 'ORG_COMMITTEE_EXCEEDS_SMALL_BRANCH',
  NO_SECRETARY: 'ORG_NO_SECRETARY',
  // O5
  LEVEL_BELOW_SUGGESTED: 'ORG_LEVEL_BELOW_SUGGESTED',
  LEVEL_APPROVAL_REQUIRED: 'ORG_LEVEL_APPROVAL_REQUIRED',
  // O6
  TERM_NOT_FOR_GROUP: 'ORG_TERM_NOT_FOR_GROUP',
  TERM_ENDS_BEFORE_START: 'ORG_TERM_ENDS_BEFORE_START',
  TERM_APPROVAL_REQUIRED: 'ORG_TERM_APPROVAL_REQUIRED',
  TERM_LENGTH_OUT_OF_RANGE: 'ORG_TERM_LENGTH_OUT_OF_RANGE',
  TERM_NOT_AFTER_PREVIOUS: 'ORG_TERM_NOT_AFTER_PREVIOUS',
  TERM_EXPIRING: 'ORG_TERM_EXPIRING',
  TERM_OVERDUE: 'ORG_TERM_OVERDUE',
  // O8
  GROUP_WITHOUT_LEADER: 'ORG_GROUP_WITHOUT_LEADER',
  BRANCH_LARGE_WITHOUT_GROUPS: 'ORG_BRANCH_LARGE_WITHOUT_GROUPS',
} as const;
export type OrgRuleCode = (typeof OrgRuleCode)[keyof typeof OrgRuleCode];

/** Numbers the rules use; DOMAIN.md names the defaults. */
export const ORG_RULE_LIMITS = {
  /** O2: a branch needs at least this many full members. */
  branchMinFullMembers: 3,
  /** O2: a branch generally has at most this many members. */
  branchMaxMembers: 50,
  /** O3: a joint branch generally spans at most this many enterprises. */
  jointMaxEnterprises: 5,
  /** O4: from this many full members on, a committee (支部委员会) is formed. */
  committeeFromFullMembers: 7,
  committeeMinSize: 3,
  committeeMaxSize: 7,
  /** O5: suggested level by members in the subtree. */
  generalBranchFromMembers: 50,
  committeeFromMembers: 100,
  /** O6: default reminder horizon, days before a term ends. */
  termReminderDays: 90,
} as const;

const w = (rule: string, code: OrgRuleCode, message: string): RuleWarning => ({ rule, code, message });

// ---------------------------------------------------------------------------------------------
// O1: kinds and parents

/** O1: may an organisation of `kind` sit under `parentKind` (`null`: as a root)? */
export function checkParentKind(kind: OrgKind, parentKind: OrgKind | null): RuleViolation | null {
  if (ALLOWED_PARENT_KINDS[kind].includes(parentKind)) return null;
  const allowed = ALLOWED_PARENT_KINDS[kind].map((k) => (k === null ? '顶级' : ORG_KIND_LABEL[k])).join('、');
  const where = parentKind === null ? '作为顶级组织' : `设在${ORG_KIND_LABEL[parentKind]}之下`;
  return w('O1', OrgRuleCode.PARENT_KIND_NOT_ALLOWED, `${ORG_KIND_LABEL[kind]}不能${where}（只能设在：${allowed}）`);
}

/** O1: changing an organisation's kind must keep its existing children valid under it. */
export function checkChildKinds(kind: OrgKind, childKinds: ReadonlyArray<OrgKind>): RuleViolation | null {
  const bad = [...new Set(childKinds)].filter((c) => !ALLOWED_PARENT_KINDS[c].includes(kind));
  if (bad.length === 0) return null;
  return w('O1', OrgRuleCode.CHILD_KIND_CONFLICT, `${ORG_KIND_LABEL[kind]}之下不能有${bad.map((k) => ORG_KIND_LABEL[k]).join('、')}，请先调整下级组织`);
}

// ---------------------------------------------------------------------------------------------
// O3: enterprises and joint organisations

/**
 * O3 blocks: a 党小组 is never joint; a branch that spans more than one enterprise must be marked
 * 联合党支部.
 */
export function checkJoint(p: { kind: OrgKind; isJoint: boolean; enterpriseCount: number }): RuleViolation | null {
  if (p.kind === 'group' && p.isJoint) return w('O3', OrgRuleCode.GROUP_CANNOT_BE_JOINT, '党小组不能设为联合组织');
  if (p.kind === 'branch' && !p.isJoint && p.enterpriseCount > 1) {
    return w('O3', OrgRuleCode.MULTI_ENTERPRISE_NOT_JOINT, `党支部关联了 ${p.enterpriseCount} 家企业，应设为联合党支部`);
  }
  return null;
}

/** O3 warnings: a joint organisation generally spans at most 5 enterprises; a committee spanning several should be marked joint. */
export function jointWarnings(p: { kind: OrgKind; isJoint: boolean; enterpriseCount: number }): RuleWarning[] {
  const out: RuleWarning[] = [];
  if (p.kind === 'branch' && p.isJoint && p.enterpriseCount > ORG_RULE_LIMITS.jointMaxEnterprises) {
    out.push(
      w('O3', OrgRuleCode.JOINT_TOO_MANY_ENTERPRISES, `联合党支部一般不超过 ${ORG_RULE_LIMITS.jointMaxEnterprises} 家单位，当前关联 ${p.enterpriseCount} 家`),
    );
  }
  if ((p.kind === 'committee' || p.kind === 'general_branch') && !p.isJoint && p.enterpriseCount > 1) {
    out.push(w('O3', OrgRuleCode.MULTI_ENTERPRISE_NOT_JOINT, `${ORG_KIND_LABEL[p.kind]}关联了 ${p.enterpriseCount} 家企业，建议标记为联合组织`));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// O2: branch size

/** O2: a branch needs ≥3 full members and generally has ≤50 members (warnings, e.g. for a new branch). */
export function branchSizeWarnings(p: { kind: OrgKind; memberCount: number; fullMemberCount: number }): RuleWarning[] {
  if (p.kind !== 'branch') return [];
  const out: RuleWarning[] = [];
  if (p.fullMemberCount < ORG_RULE_LIMITS.branchMinFullMembers) {
    out.push(
      w('O2', OrgRuleCode.BRANCH_TOO_FEW_FULL_MEMBERS, `党支部应有正式党员 ${ORG_RULE_LIMITS.branchMinFullMembers} 人以上，当前 ${p.fullMemberCount} 人`),
    );
  }
  if (p.memberCount > ORG_RULE_LIMITS.branchMaxMembers) {
    out.push(w('O2', OrgRuleCode.BRANCH_TOO_MANY_MEMBERS, `党支部党员一般不超过 ${ORG_RULE_LIMITS.branchMaxMembers} 人，当前 ${p.memberCount} 人`));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// O5: suggested level by size

const LEVEL: Record<Exclude<OrgKind, 'group'>, number> = { branch: 0, general_branch: 1, committee: 2 };

/** O5: the level the number of members in the subtree suggests (≥50 → 党总支, ≥100 → 党委). */
export function suggestedKind(subtreeMemberCount: number): Exclude<OrgKind, 'group'> {
  if (subtreeMemberCount >= ORG_RULE_LIMITS.committeeFromMembers) return 'committee';
  if (subtreeMemberCount >= ORG_RULE_LIMITS.generalBranchFromMembers) return 'general_branch';
  return 'branch';
}

/** O5: is `kind` a lower level than the size suggests? Groups are outside the rule. */
export function isBelowSuggestedLevel(kind: OrgKind, subtreeMemberCount: number): boolean {
  if (kind === 'group') return false;
  return LEVEL[kind] < LEVEL[suggestedKind(subtreeMemberCount)];
}

/** O5 warning: a lower level than suggested, with no approval on record. */
export function levelWarnings(p: { kind: OrgKind; subtreeMemberCount: number; levelApprovalNote: string | null }): RuleWarning[] {
  if (!isBelowSuggestedLevel(p.kind, p.subtreeMemberCount) || hasText(p.levelApprovalNote)) return [];
  const s = suggestedKind(p.subtreeMemberCount);
  return [
    w(
      'O5',
      OrgRuleCode.LEVEL_BELOW_SUGGESTED,
      `党员 ${p.subtreeMemberCount} 人，按规模建议设立${ORG_KIND_LABEL[s]}（现为${ORG_KIND_LABEL[p.kind]}），如保留现级别须记录批准意见`,
    ),
  ];
}

/** O5 block: setting up (or changing to) a lower level than the size suggests needs the approval recorded. */
export function checkLevel(p: { kind: OrgKind; subtreeMemberCount: number; levelApprovalNote: string | null | undefined }): RuleViolation | null {
  if (!isBelowSuggestedLevel(p.kind, p.subtreeMemberCount) || hasText(p.levelApprovalNote)) return null;
  const s = suggestedKind(p.subtreeMemberCount);
  return w(
    'O5',
    OrgRuleCode.LEVEL_APPROVAL_REQUIRED,
    `党员 ${p.subtreeMemberCount} 人，按规模应设立${ORG_KIND_LABEL[s]}；设为${ORG_KIND_LABEL[p.kind]}须填写上级批准意见`,
  );
}

// ---------------------------------------------------------------------------------------------
// O7

/** O7: a 党总支, a temporary branch (or a group) cannot approve probationary members. */
export function canApproveProbationary(org: { kind: OrgKind; isTemporary: boolean }): boolean {
  return (org.kind === 'committee' || org.kind === 'branch') && !org.isTemporary;
}

// ---------------------------------------------------------------------------------------------
// O4 / O8: committee positions

export const POSITION_LABEL: Record<CommitteePosition, string> = {
  secretary: '书记',
  deputy_secretary: '副书记',
  organisation_member: '组织委员',
  propaganda_member: '宣传委员',
  discipline_member: '纪检委员',
  committee_member: '委员',
  group_leader: '组长',
};

/** O4: positions a small organisation (<7 full members) may fill: a secretary and optionally a deputy. */
export const SMALL_ORG_POSITIONS: ReadonlyArray<CommitteePosition> = ['secretary', 'deputy_secretary'];
/** O4: positions held by one person at a time. */
export const SINGLE_HOLDER_POSITIONS: ReadonlyArray<CommitteePosition> = [
  'secretary',
  'organisation_member',
  'propaganda_member',
  'discipline_member',
  'group_leader',
];
/** O4: the seats a formed branch committee must have. */
export const REQUIRED_COMMITTEE_POSITIONS: ReadonlyArray<CommitteePosition> = ['secretary', 'organisation_member', 'propaganda_member', 'discipline_member'];

export type CurrentPosition = { memberId: string; position: CommitteePosition };

/** O4: does the organisation have enough full members for a committee (≥7)? */
export const hasCommittee = (eligibleFullMembers: number) => eligibleFullMembers >= ORG_RULE_LIMITS.committeeFromFullMembers;

/**
 * O4/O8: may `position` be given to `memberId` on an organisation of `kind`, given its current
 * positions? `eligibleFullMembers`: full members of a branch itself, or of the subtree of a 党总支 /
 * 党委 (whose committee members sit in its branches).
 */
export function checkPositionAssignment(p: {
  kind: OrgKind;
  eligibleFullMembers: number;
  current: ReadonlyArray<CurrentPosition>;
  memberId: string;
  position: CommitteePosition;
}): RuleViolation | null {
  const label = POSITION_LABEL[p.position];
  if (p.kind === 'group') {
    if (p.position !== 'group_leader') return w('O8', OrgRuleCode.POSITION_NOT_FOR_GROUP, `党小组只设组长，不设${label}`);
  } else if (p.position === 'group_leader') {
    return w('O8', OrgRuleCode.POSITION_GROUP_ONLY, '组长只能在党小组中设立');
  }
  if (p.current.some((c) => c.memberId === p.memberId && c.position === p.position)) {
    return w('O4', OrgRuleCode.POSITION_ALREADY_HELD, `该党员已担任${label}`);
  }
  if (SINGLE_HOLDER_POSITIONS.includes(p.position) && p.current.some((c) => c.position === p.position)) {
    return w(p.kind === 'group' ? 'O8' : 'O4', OrgRuleCode.POSITION_TAKEN, `${label}已有人担任，请先免去现任${label}`);
  }
  if (p.kind === 'group') return null;
  if (!hasCommittee(p.eligibleFullMembers) && !SMALL_ORG_POSITIONS.includes(p.position)) {
    return w(
      'O4',
      OrgRuleCode.POSITION_NOT_ALLOWED_SMALL,
      `正式党员不足 ${ORG_RULE_LIMITS.committeeFromFullMembers} 人（当前 ${p.eligibleFullMembers} 人），不设委员会，只设书记和副书记`,
    );
  }
  // The 3–7 size applies to branch and general-branch committees (O4); a 党委's size is set by its own election.
  if (p.kind !== 'committee') {
    const holders = new Set(p.current.map((c) => c.memberId));
    if (!holders.has(p.memberId) && holders.size >= ORG_RULE_LIMITS.committeeMaxSize) {
      return w('O4', OrgRuleCode.COMMITTEE_FULL, `委员会最多 ${ORG_RULE_LIMITS.committeeMaxSize} 人，已满`);
    }
  }
  return null;
}

/**
 * O4: who may hold a position. A branch's seats go to members whose formal relationship is in the
 * branch; a 党总支's or 党委's to members in its subtree; a group's 组长 to a member of the group's
 * branch (normally one assigned to that group). Only full members with intact rights (E1).
 */
export function checkPositionHolder(
  org: { id: string; kind: OrgKind; path: string; parentId: string | null },
  member: { organisationId: string; orgPath: string; status: MemberStatus; flags: ReadonlyArray<MemberFlag> },
): RuleViolation | null {
  const inside =
    org.kind === 'branch'
      ? member.organisationId === org.id
      : org.kind === 'group'
        ? member.organisationId === org.parentId
        : member.orgPath === org.path || member.orgPath.startsWith(`${org.path}.`);
  if (!inside) {
    const where = org.kind === 'group' ? '该党小组所在党支部' : org.kind === 'branch' ? '本支部' : `本${ORG_KIND_LABEL[org.kind]}所属组织`;
    return w('O4', OrgRuleCode.HOLDER_NOT_IN_ORGANISATION, `任职党员的组织关系须在${where}`);
  }
  if (member.status !== 'full') return w('O4', OrgRuleCode.HOLDER_NOT_FULL_MEMBER, '只有正式党员可以担任委员或组长');
  if (member.flags.includes('disciplinary_probation') || member.flags.includes('rights_suspended')) {
    return w('O4', OrgRuleCode.HOLDER_RIGHTS_RESTRICTED, '留党察看或权利停止期间的党员不能任职');
  }
  return null;
}

/** O4/O8 warnings about the current committee (or a group's leader). */
export function committeeWarnings(p: { kind: OrgKind; eligibleFullMembers: number; current: ReadonlyArray<CurrentPosition> }): RuleWarning[] {
  if (p.kind === 'group') {
    return p.current.some((c) => c.position === 'group_leader') ? [] : [w('O8', OrgRuleCode.GROUP_WITHOUT_LEADER, '党小组尚未设组长')];
  }
  const out: RuleWarning[] = [];
  const held = new Set(p.current.map((c) => c.position));
  if (!held.has('secretary')) out.push(w('O4', OrgRuleCode.NO_SECRETARY, `${ORG_KIND_LABEL[p.kind]}尚未设书记`));
  if (hasCommittee(p.eligibleFullMembers)) {
    if (p.kind === 'committee') return out;
    const size = new Set(p.current.map((c) => c.memberId)).size;
    if (size < ORG_RULE_LIMITS.committeeMinSize) {
      out.push(
        w(
          'O4',
          OrgRuleCode.COMMITTEE_TOO_SMALL,
          `正式党员 ${p.eligibleFullMembers} 人，应设 ${ORG_RULE_LIMITS.committeeMinSize}–${ORG_RULE_LIMITS.committeeMaxSize} 人的委员会，当前 ${size} 人`,
        ),
      );
    }
    const missing = REQUIRED_COMMITTEE_POSITIONS.filter((pos) => pos !== 'secretary' && !held.has(pos));
    if (missing.length > 0) {
      out.push(w('O4', OrgRuleCode.COMMITTEE_POSITION_MISSING, `委员会尚缺：${missing.map((m) => POSITION_LABEL[m]).join('、')}`));
    }
  } else if (p.current.some((c) => !SMALL_ORG_POSITIONS.includes(c.position))) {
    out.push(
      w('O4', OrgRuleCode.COMMITTEE_EXCEEDS_SMALL_BRANCH, `正式党员已不足 ${ORG_RULE_LIMITS.committeeFromFullMembers} 人，只应设书记和副书记，请调整委员`),
    );
  }
  return out;
}

/** O8: a branch above the usual size should be split into groups. */
export function groupWarnings(p: { kind: OrgKind; memberCount: number; groupCount: number }): RuleWarning[] {
  if (p.kind !== 'branch' || p.groupCount > 0 || p.memberCount <= ORG_RULE_LIMITS.branchMaxMembers) return [];
  return [w('O8', OrgRuleCode.BRANCH_LARGE_WITHOUT_GROUPS, `党支部党员 ${p.memberCount} 人，建议划分党小组并设组长`)];
}

// ---------------------------------------------------------------------------------------------
// O6: terms

/** O6: standard term in years (branch and 党总支 3, 党委 5); groups have no term. */
export function standardTermYears(kind: OrgKind): number | null {
  if (kind === 'committee') return 5;
  if (kind === 'group') return null;
  return 3;
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date (calendar arithmetic, no time zone). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function fromDayNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

/** The same calendar day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const ny = y + years;
  const last = new Date(Date.UTC(ny, m, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export const addDays = (date: string, days: number) => fromDayNumber(dayNumber(date) + days);

/**
 * O6: a new term of office. A standard term ends N years after it starts (on that day or the day
 * before); any other length needs the approval recorded and may differ by at most one year.
 * `previousStartsOn`: the latest term so far; a new one starts after it.
 */
export function checkTerm(p: {
  kind: OrgKind;
  startsOn: string;
  endsOn: string;
  approvalNote?: string | null;
  previousStartsOn?: string | null;
}): RuleViolation | null {
  const years = standardTermYears(p.kind);
  if (years === null) return w('O6', OrgRuleCode.TERM_NOT_FOR_GROUP, '党小组不设任期');
  if (p.endsOn <= p.startsOn) return w('O6', OrgRuleCode.TERM_ENDS_BEFORE_START, '任期结束日期须晚于开始日期');
  if (p.previousStartsOn && p.startsOn <= p.previousStartsOn) {
    return w('O6', OrgRuleCode.TERM_NOT_AFTER_PREVIOUS, `新一届任期须在上一届开始日期（${p.previousStartsOn}）之后开始`);
  }
  if (isStandardTerm(p.kind, p.startsOn, p.endsOn)) return null;
  const earliest = addDays(addYears(p.startsOn, years - 1), -1);
  const latest = addYears(p.startsOn, years + 1);
  if (p.endsOn < earliest || p.endsOn > latest) {
    return w('O6', OrgRuleCode.TERM_LENGTH_OUT_OF_RANGE, `${ORG_KIND_LABEL[p.kind]}每届任期 ${years} 年，提前或延期换届不得超过 1 年`);
  }
  if (!hasText(p.approvalNote)) {
    return w('O6', OrgRuleCode.TERM_APPROVAL_REQUIRED, `${ORG_KIND_LABEL[p.kind]}每届任期 ${years} 年；提前或延期换届须填写上级批准意见`);
  }
  return null;
}

/** O6: does the term have the standard length (ending on the anniversary or the day before)? */
export function isStandardTerm(kind: OrgKind, startsOn: string, endsOn: string): boolean {
  const years = standardTermYears(kind);
  if (years === null) return false;
  const end = addYears(startsOn, years);
  return endsOn === end || endsOn === addDays(end, -1);
}

export type TermStatus = 'current' | 'expiring' | 'overdue';

/** O6: a term is overdue once its end date has passed, and expiring within `withinDays` before that. */
export function termStatus(endsOn: string, today: string, withinDays: number = ORG_RULE_LIMITS.termReminderDays): TermStatus {
  const left = dayNumber(endsOn) - dayNumber(today);
  if (left < 0) return 'overdue';
  return left <= withinDays ? 'expiring' : 'current';
}

/** O6 warning for the latest term of an organisation. */
export function termWarnings(latest: { endsOn: string } | null, today: string, withinDays: number = ORG_RULE_LIMITS.termReminderDays): RuleWarning[] {
  if (!latest) return [];
  const status = termStatus(latest.endsOn, today, withinDays);
  const left = dayNumber(latest.endsOn) - dayNumber(today);
  if (status === 'overdue') return [w('O6', OrgRuleCode.TERM_OVERDUE, `任期已于 ${latest.endsOn} 届满 ${-left} 天，应及时换届`)];
  if (status === 'expiring') return [w('O6', OrgRuleCode.TERM_EXPIRING, `任期将于 ${latest.endsOn} 届满（还有 ${left} 天），请做好换届准备`)];
  return [];
}

// ---------------------------------------------------------------------------------------------

/** Every warning the detail view shows, in rule order. */
export function organisationWarnings(p: {
  kind: OrgKind;
  isJoint: boolean;
  memberCount: number;
  fullMemberCount: number;
  subtreeMemberCount: number;
  subtreeFullMemberCount: number;
  enterpriseCount: number;
  levelApprovalNote: string | null;
  groupCount: number;
  positions: ReadonlyArray<CurrentPosition>;
  latestTerm: { endsOn: string } | null;
  today: string;
  withinDays?: number;
}): RuleWarning[] {
  const eligible = p.kind === 'branch' ? p.fullMemberCount : p.subtreeFullMemberCount;
  return [
    ...branchSizeWarnings(p),
    ...jointWarnings(p),
    ...committeeWarnings({ kind: p.kind, eligibleFullMembers: eligible, current: p.positions }),
    ...levelWarnings(p),
    ...termWarnings(p.kind === 'group' ? null : p.latestTerm, p.today, p.withinDays),
    ...groupWarnings(p),
  ];
}

function hasText(s: string | null | undefined): boolean {
  return typeof s === 'string' && s.trim().length > 0;
}
