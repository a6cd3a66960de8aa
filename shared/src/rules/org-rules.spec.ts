import fc from 'fast-check';
import { ALLOWED_PARENT_KINDS, OrgKind } from '../org.js';
import { CommitteePosition } from '../access.js';
import {
  addDays,
  addYears,
  branchSizeWarnings,
  canApproveProbationary,
  checkChildKinds,
  checkJoint,
  checkLevel,
  checkParentKind,
  checkPositionAssignment,
  checkPositionHolder,
  checkTerm,
  committeeWarnings,
  dayNumber,
  fromDayNumber,
  groupWarnings,
  isBelowSuggestedLevel,
  isStandardTerm,
  jointWarnings,
  levelWarnings,
  organisationWarnings,
  OrgRuleCode,
  standardTermYears,
  suggestedKind,
  termStatus,
  termWarnings,
  type CurrentPosition,
} from './org-rules.js';

const KINDS = OrgKind.options;
const codes = (ws: Array<{ code: string }>) => ws.map((x) => x.code);

describe('O1 tree kinds', () => {
  const table: Array<[OrgKind, OrgKind | null, boolean]> = [
    ['committee', null, true],
    ['committee', 'committee', true],
    ['committee', 'general_branch', false],
    ['committee', 'branch', false],
    ['committee', 'group', false],
    ['general_branch', null, false],
    ['general_branch', 'committee', true],
    ['general_branch', 'general_branch', false],
    ['general_branch', 'branch', false],
    ['general_branch', 'group', false],
    ['branch', null, false],
    ['branch', 'committee', true],
    ['branch', 'general_branch', true],
    ['branch', 'branch', false],
    ['branch', 'group', false],
    ['group', null, false],
    ['group', 'committee', false],
    ['group', 'general_branch', false],
    ['group', 'branch', true],
    ['group', 'group', false],
  ];
  it.each(table)('O1 %s under %s allowed=%s', (kind, parent, ok) => {
    const v = checkParentKind(kind, parent);
    expect(v === null).toBe(ok);
    if (v) expect(v).toMatchObject({ rule: 'O1', code: OrgRuleCode.PARENT_KIND_NOT_ALLOWED, message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
  });

  it('O1 the table covers every pair of kinds', () => {
    expect(table).toHaveLength(KINDS.length * (KINDS.length + 1));
  });

  it('O1 a kind change keeps existing children valid', () => {
    expect(checkChildKinds('general_branch', ['branch', 'branch'])).toBeNull();
    expect(checkChildKinds('committee', ['branch', 'general_branch', 'committee'])).toBeNull();
    expect(checkChildKinds('branch', [])).toBeNull();
    expect(checkChildKinds('branch', ['group'])).toBeNull();
    expect(checkChildKinds('general_branch', ['group'])?.code).toBe(OrgRuleCode.CHILD_KIND_CONFLICT);
    expect(checkChildKinds('branch', ['branch', 'group'])?.code).toBe(OrgRuleCode.CHILD_KIND_CONFLICT);
    expect(checkChildKinds('general_branch', ['general_branch'])?.message).toContain('党总支');
  });

  it('O1 checkChildKinds agrees with ALLOWED_PARENT_KINDS for every pair', () => {
    for (const parent of KINDS)
      for (const child of KINDS) {
        expect(checkChildKinds(parent, [child]) === null).toBe(ALLOWED_PARENT_KINDS[child].includes(parent));
      }
  });
});

describe('O2 branch size', () => {
  it.each([
    [0, 0, ['ORG_BRANCH_TOO_FEW_FULL_MEMBERS']],
    [2, 5, ['ORG_BRANCH_TOO_FEW_FULL_MEMBERS']],
    [3, 3, []],
    [3, 50, []],
    [40, 51, ['ORG_BRANCH_TOO_MANY_MEMBERS']],
    [2, 51, ['ORG_BRANCH_TOO_FEW_FULL_MEMBERS', 'ORG_BRANCH_TOO_MANY_MEMBERS']],
  ])('O2 branch with %i full of %i members → %j', (full, all, expected) => {
    const ws = branchSizeWarnings({ kind: 'branch', fullMemberCount: full, memberCount: all });
    expect(codes(ws)).toEqual(expected);
    expect(ws.every((x) => x.rule === 'O2')).toBe(true);
  });

  it.each(['committee', 'general_branch', 'group'] as const)('O2 does not apply to a %s', (kind) => {
    expect(branchSizeWarnings({ kind, fullMemberCount: 0, memberCount: 500 })).toEqual([]);
  });
});

describe('O3 enterprises and joint organisations', () => {
  it('O3 a non-joint branch with more than one enterprise is refused', () => {
    expect(checkJoint({ kind: 'branch', isJoint: false, enterpriseCount: 2 })).toMatchObject({ rule: 'O3', code: OrgRuleCode.MULTI_ENTERPRISE_NOT_JOINT });
    expect(checkJoint({ kind: 'branch', isJoint: false, enterpriseCount: 1 })).toBeNull();
    expect(checkJoint({ kind: 'branch', isJoint: false, enterpriseCount: 0 })).toBeNull();
    expect(checkJoint({ kind: 'branch', isJoint: true, enterpriseCount: 9 })).toBeNull();
  });

  it('O3 a group is never joint', () => {
    expect(checkJoint({ kind: 'group', isJoint: true, enterpriseCount: 0 })?.code).toBe(OrgRuleCode.GROUP_CANNOT_BE_JOINT);
    expect(checkJoint({ kind: 'group', isJoint: false, enterpriseCount: 0 })).toBeNull();
  });

  it('O3 committees and general branches may span enterprises (a warning when not marked joint)', () => {
    for (const kind of ['committee', 'general_branch'] as const) {
      expect(checkJoint({ kind, isJoint: false, enterpriseCount: 3 })).toBeNull();
      expect(codes(jointWarnings({ kind, isJoint: false, enterpriseCount: 3 }))).toEqual([OrgRuleCode.MULTI_ENTERPRISE_NOT_JOINT]);
      expect(jointWarnings({ kind, isJoint: true, enterpriseCount: 30 })).toEqual([]);
      expect(jointWarnings({ kind, isJoint: false, enterpriseCount: 1 })).toEqual([]);
    }
  });

  it.each([
    [1, []],
    [5, []],
    [6, ['ORG_JOINT_TOO_MANY_ENTERPRISES']],
  ])('O3 a joint branch with %i enterprises → %j', (n, expected) => {
    expect(codes(jointWarnings({ kind: 'branch', isJoint: true, enterpriseCount: n }))).toEqual(expected);
  });

  it('O3 a non-joint branch gets no joint warning (the block covers it)', () => {
    expect(jointWarnings({ kind: 'branch', isJoint: false, enterpriseCount: 7 })).toEqual([]);
  });
});

describe('O4 committee positions', () => {
  const sec: CurrentPosition = { memberId: 'm1', position: 'secretary' };
  const base = { kind: 'branch' as const, eligibleFullMembers: 7, current: [] as CurrentPosition[], memberId: 'm9' };

  it('O4 fewer than 7 full members: only secretary and deputy', () => {
    for (const position of CommitteePosition.options) {
      const v = checkPositionAssignment({ ...base, eligibleFullMembers: 6, position });
      if (position === 'secretary' || position === 'deputy_secretary') expect(v).toBeNull();
      else if (position === 'group_leader') expect(v?.code).toBe(OrgRuleCode.POSITION_GROUP_ONLY);
      else expect(v).toMatchObject({ rule: 'O4', code: OrgRuleCode.POSITION_NOT_ALLOWED_SMALL });
    }
  });

  it('O4 with 7 full members every committee position may be filled', () => {
    for (const position of CommitteePosition.options.filter((p) => p !== 'group_leader')) {
      expect(checkPositionAssignment({ ...base, position })).toBeNull();
    }
  });

  it('O4 single-holder positions are taken once; 委员 and 副书记 may be several', () => {
    const current: CurrentPosition[] = [
      sec,
      { memberId: 'm2', position: 'organisation_member' },
      { memberId: 'm3', position: 'propaganda_member' },
      { memberId: 'm4', position: 'discipline_member' },
      { memberId: 'm5', position: 'deputy_secretary' },
      { memberId: 'm6', position: 'committee_member' },
    ];
    for (const position of ['secretary', 'organisation_member', 'propaganda_member', 'discipline_member'] as const) {
      expect(checkPositionAssignment({ ...base, current, position })?.code).toBe(OrgRuleCode.POSITION_TAKEN);
    }
    expect(checkPositionAssignment({ ...base, current, position: 'deputy_secretary' })).toBeNull();
    expect(checkPositionAssignment({ ...base, current, position: 'committee_member' })).toBeNull();
  });

  it('O4 the same member cannot hold the same position twice, but may combine two', () => {
    expect(checkPositionAssignment({ ...base, current: [{ memberId: 'm9', position: 'committee_member' }], position: 'committee_member' })?.code).toBe(
      OrgRuleCode.POSITION_ALREADY_HELD,
    );
    expect(checkPositionAssignment({ ...base, current: [{ memberId: 'm9', position: 'organisation_member' }], position: 'discipline_member' })).toBeNull();
  });

  it('O4 a branch committee has at most 7 people; a holder of one seat may take another', () => {
    const seven = Array.from({ length: 7 }, (_, i) => ({ memberId: `x${i}`, position: 'committee_member' as const }));
    expect(checkPositionAssignment({ ...base, eligibleFullMembers: 40, current: seven, position: 'deputy_secretary' })?.code).toBe(OrgRuleCode.COMMITTEE_FULL);
    expect(checkPositionAssignment({ ...base, eligibleFullMembers: 40, current: seven, memberId: 'x0', position: 'deputy_secretary' })).toBeNull();
    expect(checkPositionAssignment({ ...base, kind: 'general_branch', eligibleFullMembers: 40, current: seven, position: 'deputy_secretary' })?.code).toBe(
      OrgRuleCode.COMMITTEE_FULL,
    );
    // A 党委's size is set by its election, not by O4's 3–7.
    expect(checkPositionAssignment({ ...base, kind: 'committee', eligibleFullMembers: 400, current: seven, position: 'deputy_secretary' })).toBeNull();
    const six = seven.slice(0, 6);
    expect(checkPositionAssignment({ ...base, eligibleFullMembers: 40, current: six, position: 'committee_member' })).toBeNull();
  });

  it('O8 groups have only a 组长, one at a time; 组长 only in groups', () => {
    const g = { ...base, kind: 'group' as const, eligibleFullMembers: 0 };
    expect(checkPositionAssignment({ ...g, position: 'group_leader' })).toBeNull();
    expect(checkPositionAssignment({ ...g, position: 'secretary' })).toMatchObject({ rule: 'O8', code: OrgRuleCode.POSITION_NOT_FOR_GROUP });
    expect(checkPositionAssignment({ ...g, current: [{ memberId: 'm1', position: 'group_leader' }], position: 'group_leader' })).toMatchObject({
      rule: 'O8',
      code: OrgRuleCode.POSITION_TAKEN,
    });
    for (const kind of ['branch', 'general_branch', 'committee'] as const) {
      expect(checkPositionAssignment({ ...base, kind, position: 'group_leader' })?.code).toBe(OrgRuleCode.POSITION_GROUP_ONLY);
    }
  });

  it('O4 property: an accepted assignment never yields two secretaries or more than 7 branch committee members', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ memberId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'), position: fc.constantFrom(...CommitteePosition.options) }),
          {
            maxLength: 30,
          },
        ),
        fc.integer({ min: 0, max: 20 }),
        (attempts, full) => {
          const current: CurrentPosition[] = [];
          for (const a of attempts) {
            if (checkPositionAssignment({ kind: 'branch', eligibleFullMembers: full, current, ...a }) === null) current.push(a);
          }
          expect(current.filter((c) => c.position === 'secretary').length).toBeLessThanOrEqual(1);
          expect(new Set(current.map((c) => c.memberId)).size).toBeLessThanOrEqual(7);
          expect(current.some((c) => c.position === 'group_leader')).toBe(false);
          if (full < 7) expect(current.every((c) => c.position === 'secretary' || c.position === 'deputy_secretary')).toBe(true);
          const keys = current.map((c) => `${c.memberId}:${c.position}`);
          expect(new Set(keys).size).toBe(keys.length);
        },
      ),
    );
  });

  describe('O4 position holders', () => {
    const branch = { id: 'B', kind: 'branch' as const, path: 'r.B', parentId: 'r' };
    const ok = { organisationId: 'B', orgPath: 'r.B', status: 'full' as const, flags: [] };

    it('O4 a branch seat goes to a member of that branch', () => {
      expect(checkPositionHolder(branch, ok)).toBeNull();
      expect(checkPositionHolder(branch, { ...ok, organisationId: 'C', orgPath: 'r.C' })?.code).toBe(OrgRuleCode.HOLDER_NOT_IN_ORGANISATION);
    });

    it('O4 a 党总支 or 党委 seat goes to a member of its subtree', () => {
      for (const kind of ['general_branch', 'committee'] as const) {
        const org = { id: 'G', kind, path: 'r.G', parentId: 'r' };
        expect(checkPositionHolder(org, { ...ok, organisationId: 'B', orgPath: 'r.G.B' })).toBeNull();
        expect(checkPositionHolder(org, { ...ok, organisationId: 'G', orgPath: 'r.G' })).toBeNull();
        expect(checkPositionHolder(org, { ...ok, organisationId: 'X', orgPath: 'r.GX' })?.code).toBe(OrgRuleCode.HOLDER_NOT_IN_ORGANISATION);
        expect(checkPositionHolder(org, { ...ok, organisationId: 'r', orgPath: 'r' })?.code).toBe(OrgRuleCode.HOLDER_NOT_IN_ORGANISATION);
      }
    });

    it("O8 a 组长 is a member of the group's branch", () => {
      const group = { id: 'g', kind: 'group' as const, path: 'r.B.g', parentId: 'B' };
      expect(checkPositionHolder(group, ok)).toBeNull();
      expect(checkPositionHolder(group, { ...ok, organisationId: 'C', orgPath: 'r.C' })?.code).toBe(OrgRuleCode.HOLDER_NOT_IN_ORGANISATION);
    });

    it('O4/E1 only full members with intact rights hold positions', () => {
      expect(checkPositionHolder(branch, { ...ok, status: 'probationary' })?.code).toBe(OrgRuleCode.HOLDER_NOT_FULL_MEMBER);
      expect(checkPositionHolder(branch, { ...ok, flags: ['disciplinary_probation'] })?.code).toBe(OrgRuleCode.HOLDER_RIGHTS_RESTRICTED);
      expect(checkPositionHolder(branch, { ...ok, flags: ['rights_suspended'] })?.code).toBe(OrgRuleCode.HOLDER_RIGHTS_RESTRICTED);
      expect(checkPositionHolder(branch, { ...ok, flags: ['mobile', 'lost_contact'] })).toBeNull();
    });
  });

  describe('O4 committee warnings', () => {
    it('O4 no secretary', () => {
      expect(codes(committeeWarnings({ kind: 'branch', eligibleFullMembers: 3, current: [] }))).toEqual([OrgRuleCode.NO_SECRETARY]);
      expect(committeeWarnings({ kind: 'branch', eligibleFullMembers: 3, current: [sec] })).toEqual([]);
    });

    it('O4 a formed committee needs 3 people and the four core seats', () => {
      expect(codes(committeeWarnings({ kind: 'branch', eligibleFullMembers: 7, current: [sec] }))).toEqual([
        OrgRuleCode.COMMITTEE_TOO_SMALL,
        OrgRuleCode.COMMITTEE_POSITION_MISSING,
      ]);
      const full: CurrentPosition[] = [
        sec,
        { memberId: 'm2', position: 'organisation_member' },
        { memberId: 'm3', position: 'propaganda_member' },
        { memberId: 'm2', position: 'discipline_member' },
      ];
      expect(committeeWarnings({ kind: 'branch', eligibleFullMembers: 7, current: full })).toEqual([]);
      const ws = committeeWarnings({ kind: 'general_branch', eligibleFullMembers: 70, current: full.slice(0, 3) });
      expect(codes(ws)).toEqual([OrgRuleCode.COMMITTEE_POSITION_MISSING]);
      expect(ws[0]!.message).toContain('纪检委员');
    });

    it('O4 a 党委 gets only the secretary warning', () => {
      expect(codes(committeeWarnings({ kind: 'committee', eligibleFullMembers: 700, current: [] }))).toEqual([OrgRuleCode.NO_SECRETARY]);
      expect(committeeWarnings({ kind: 'committee', eligibleFullMembers: 700, current: [sec] })).toEqual([]);
    });

    it('O4 a branch shrunk below 7 full members with committee seats left is told to adjust', () => {
      expect(codes(committeeWarnings({ kind: 'branch', eligibleFullMembers: 6, current: [sec, { memberId: 'm2', position: 'organisation_member' }] }))).toEqual(
        [OrgRuleCode.COMMITTEE_EXCEEDS_SMALL_BRANCH],
      );
      expect(committeeWarnings({ kind: 'branch', eligibleFullMembers: 6, current: [sec, { memberId: 'm2', position: 'deputy_secretary' }] })).toEqual([]);
    });

    it('O8 a group without a leader', () => {
      expect(codes(committeeWarnings({ kind: 'group', eligibleFullMembers: 0, current: [] }))).toEqual([OrgRuleCode.GROUP_WITHOUT_LEADER]);
      expect(committeeWarnings({ kind: 'group', eligibleFullMembers: 0, current: [{ memberId: 'm', position: 'group_leader' }] })).toEqual([]);
    });
  });
});

describe('O5 suggested level', () => {
  it.each([
    [0, 'branch'],
    [49, 'branch'],
    [50, 'general_branch'],
    [99, 'general_branch'],
    [100, 'committee'],
    [100_000, 'committee'],
  ])('O5 %i members → %s', (n, kind) => {
    expect(suggestedKind(n)).toBe(kind);
  });

  it('O5 below the suggested level: every kind and size band', () => {
    const sizes = [10, 60, 150];
    const expected: Record<OrgKind, boolean[]> = {
      branch: [false, true, true],
      general_branch: [false, false, true],
      committee: [false, false, false],
      group: [false, false, false],
    };
    for (const kind of KINDS) expect(sizes.map((n) => isBelowSuggestedLevel(kind, n))).toEqual(expected[kind]);
  });

  it('O5 warning unless the approval is recorded; a blank note is no approval', () => {
    expect(codes(levelWarnings({ kind: 'branch', subtreeMemberCount: 60, levelApprovalNote: null }))).toEqual([OrgRuleCode.LEVEL_BELOW_SUGGESTED]);
    expect(codes(levelWarnings({ kind: 'branch', subtreeMemberCount: 60, levelApprovalNote: '  ' }))).toEqual([OrgRuleCode.LEVEL_BELOW_SUGGESTED]);
    expect(levelWarnings({ kind: 'branch', subtreeMemberCount: 60, levelApprovalNote: '区委组织部 2024-03 批复' })).toEqual([]);
    expect(levelWarnings({ kind: 'general_branch', subtreeMemberCount: 60, levelApprovalNote: null })).toEqual([]);
    expect(levelWarnings({ kind: 'general_branch', subtreeMemberCount: 160, levelApprovalNote: null })[0]!.message).toContain('党委');
  });

  it('O5 block: choosing a lower level needs the approval', () => {
    expect(checkLevel({ kind: 'branch', subtreeMemberCount: 120, levelApprovalNote: undefined })).toMatchObject({
      rule: 'O5',
      code: OrgRuleCode.LEVEL_APPROVAL_REQUIRED,
    });
    expect(checkLevel({ kind: 'branch', subtreeMemberCount: 120, levelApprovalNote: '批准' })).toBeNull();
    expect(checkLevel({ kind: 'committee', subtreeMemberCount: 0, levelApprovalNote: null })).toBeNull();
    expect(checkLevel({ kind: 'branch', subtreeMemberCount: 0, levelApprovalNote: null })).toBeNull();
    expect(checkLevel({ kind: 'group', subtreeMemberCount: 500, levelApprovalNote: null })).toBeNull();
  });
});

describe('O6 terms', () => {
  it('O6 standard lengths', () => {
    expect(standardTermYears('branch')).toBe(3);
    expect(standardTermYears('general_branch')).toBe(3);
    expect(standardTermYears('committee')).toBe(5);
    expect(standardTermYears('group')).toBeNull();
  });

  it('date helpers: leap days, year ends', () => {
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2023-12-31', 1)).toBe('2024-12-31');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(fromDayNumber(dayNumber('2025-06-15'))).toBe('2025-06-15');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: -400, max: 400 }), (n, k) => {
        const d = fromDayNumber(n);
        expect(dayNumber(d)).toBe(n);
        expect(dayNumber(addDays(d, k)) - n).toBe(k);
      }),
    );
  });

  it.each([
    // kind, starts, ends, note, expected code (null = accepted)
    ['branch', '2024-01-01', '2027-01-01', undefined, null],
    ['branch', '2024-01-01', '2026-12-31', undefined, null],
    ['general_branch', '2024-01-01', '2027-01-01', undefined, null],
    ['committee', '2024-01-01', '2029-01-01', undefined, null],
    ['committee', '2024-01-01', '2028-12-31', undefined, null],
    ['committee', '2024-01-01', '2027-01-01', undefined, 'ORG_TERM_LENGTH_OUT_OF_RANGE'],
    ['committee', '2024-01-01', '2028-06-01', undefined, 'ORG_TERM_APPROVAL_REQUIRED'],
    ['branch', '2024-01-01', '2027-07-01', undefined, 'ORG_TERM_APPROVAL_REQUIRED'],
    ['branch', '2024-01-01', '2027-07-01', '经区委组织部批准延期半年', null],
    ['branch', '2024-01-01', '2028-01-01', '延期一年', null],
    ['branch', '2024-01-01', '2028-01-02', '延期一年零一天', 'ORG_TERM_LENGTH_OUT_OF_RANGE'],
    ['branch', '2024-01-01', '2025-12-31', '提前一年', null],
    ['branch', '2024-01-01', '2025-12-30', '提前一年多', 'ORG_TERM_LENGTH_OUT_OF_RANGE'],
    ['committee', '2024-01-01', '2030-01-01', '延期一年', null],
    ['committee', '2024-01-01', '2030-01-02', '延期', 'ORG_TERM_LENGTH_OUT_OF_RANGE'],
    ['committee', '2024-01-01', '2027-12-31', '提前一年', null],
    ['committee', '2024-01-01', '2027-12-30', '提前', 'ORG_TERM_LENGTH_OUT_OF_RANGE'],
    ['branch', '2024-01-01', '2024-01-01', undefined, 'ORG_TERM_ENDS_BEFORE_START'],
    ['branch', '2024-01-01', '2023-01-01', '批准', 'ORG_TERM_ENDS_BEFORE_START'],
    ['group', '2024-01-01', '2027-01-01', undefined, 'ORG_TERM_NOT_FOR_GROUP'],
    ['branch', '2024-02-29', '2027-02-28', undefined, null],
    ['branch', '2024-02-29', '2027-02-27', undefined, null],
    ['branch', '2024-01-01', '2027-01-01', '   ', null],
    ['branch', '2024-01-01', '2027-03-01', '   ', 'ORG_TERM_APPROVAL_REQUIRED'],
  ] as const)('O6 %s term %s → %s (note %s) → %s', (kind, startsOn, endsOn, approvalNote, expected) => {
    const v = checkTerm({ kind, startsOn, endsOn, approvalNote });
    expect(v?.code ?? null).toBe(expected);
    if (v) expect(v.rule).toBe('O6');
  });

  it('O6 a new term starts after the previous one', () => {
    expect(checkTerm({ kind: 'branch', startsOn: '2024-01-01', endsOn: '2027-01-01', previousStartsOn: '2024-01-01' })?.code).toBe(
      OrgRuleCode.TERM_NOT_AFTER_PREVIOUS,
    );
    expect(checkTerm({ kind: 'branch', startsOn: '2024-01-01', endsOn: '2027-01-01', previousStartsOn: '2025-01-01' })?.code).toBe(
      OrgRuleCode.TERM_NOT_AFTER_PREVIOUS,
    );
    expect(checkTerm({ kind: 'branch', startsOn: '2024-01-01', endsOn: '2027-01-01', previousStartsOn: '2021-01-01' })).toBeNull();
    expect(checkTerm({ kind: 'branch', startsOn: '2024-01-01', endsOn: '2027-01-01', previousStartsOn: null })).toBeNull();
  });

  it('O6 property: an accepted term is within one year of the standard length, and non-standard ones carry a note', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('branch', 'general_branch', 'committee'),
        fc.integer({ min: dayNumber('2000-01-01'), max: dayNumber('2040-01-01') }),
        fc.integer({ min: -3000, max: 3000 }),
        fc.option(fc.constantFrom('批准', '', ' '), { nil: undefined }),
        (kind, start, len, note) => {
          const startsOn = fromDayNumber(start);
          const endsOn = fromDayNumber(start + len);
          const v = checkTerm({ kind, startsOn, endsOn, approvalNote: note });
          if (v === null) {
            const years = standardTermYears(kind)!;
            expect(endsOn >= addDays(addYears(startsOn, years - 1), -1)).toBe(true);
            expect(endsOn <= addYears(startsOn, years + 1)).toBe(true);
            if (!isStandardTerm(kind, startsOn, endsOn)) expect(note?.trim()).toBeTruthy();
          }
        },
      ),
    );
  });

  it.each([
    ['2025-03-31', '2025-01-01', 89, 'expiring'],
    ['2025-03-31', '2025-01-01', 88, 'current'],
    ['2025-03-31', '2025-01-01', 120, 'expiring'],
    ['2025-01-31', '2025-01-01', 30, 'expiring'],
    ['2025-01-31', '2025-01-01', 29, 'current'],
    ['2025-01-01', '2025-01-01', 0, 'expiring'],
    ['2024-12-31', '2025-01-01', 90, 'overdue'],
  ] as const)('O6 a term ending %s seen on %s within %i days is %s', (endsOn, today, within, status) => {
    expect(termStatus(endsOn, today, within)).toBe(status);
  });

  it('O6 term warnings', () => {
    expect(termWarnings(null, '2025-01-01')).toEqual([]);
    expect(termWarnings({ endsOn: '2026-01-01' }, '2025-01-01')).toEqual([]);
    expect(codes(termWarnings({ endsOn: '2025-02-01' }, '2025-01-01'))).toEqual([OrgRuleCode.TERM_EXPIRING]);
    expect(codes(termWarnings({ endsOn: '2025-02-01' }, '2025-01-01', 10))).toEqual([]);
    const overdue = termWarnings({ endsOn: '2024-12-01' }, '2025-01-01');
    expect(overdue).toEqual([{ rule: 'O6', code: OrgRuleCode.TERM_OVERDUE, message: expect.stringContaining('31 天') }]);
  });
});

describe('O7 approving probationary members', () => {
  it.each([
    ['committee', false, true],
    ['committee', true, false],
    ['branch', false, true],
    ['branch', true, false],
    ['general_branch', false, false],
    ['general_branch', true, false],
    ['group', false, false],
    ['group', true, false],
  ] as const)('O7 %s temporary=%s → %s', (kind, isTemporary, expected) => {
    expect(canApproveProbationary({ kind, isTemporary })).toBe(expected);
  });
});

describe('O8 groups', () => {
  it('O8 a large branch without groups', () => {
    expect(codes(groupWarnings({ kind: 'branch', memberCount: 51, groupCount: 0 }))).toEqual([OrgRuleCode.BRANCH_LARGE_WITHOUT_GROUPS]);
    expect(groupWarnings({ kind: 'branch', memberCount: 51, groupCount: 2 })).toEqual([]);
    expect(groupWarnings({ kind: 'branch', memberCount: 50, groupCount: 0 })).toEqual([]);
    expect(groupWarnings({ kind: 'general_branch', memberCount: 500, groupCount: 0 })).toEqual([]);
  });
});

describe('organisationWarnings', () => {
  const base = {
    kind: 'branch' as const,
    isJoint: false,
    memberCount: 10,
    fullMemberCount: 8,
    subtreeMemberCount: 10,
    subtreeFullMemberCount: 8,
    enterpriseCount: 1,
    levelApprovalNote: null,
    groupCount: 0,
    positions: [
      { memberId: 'a', position: 'secretary' as const },
      { memberId: 'b', position: 'organisation_member' as const },
      { memberId: 'c', position: 'propaganda_member' as const },
      { memberId: 'c', position: 'discipline_member' as const },
    ],
    latestTerm: { endsOn: '2027-01-01' },
    today: '2025-01-01',
  };

  it('a healthy branch has no warnings', () => {
    expect(organisationWarnings(base)).toEqual([]);
  });

  it('a new empty branch: too few members, no secretary', () => {
    expect(
      codes(
        organisationWarnings({
          ...base,
          memberCount: 0,
          fullMemberCount: 0,
          subtreeMemberCount: 0,
          subtreeFullMemberCount: 0,
          positions: [],
          latestTerm: null,
        }),
      ),
    ).toEqual([OrgRuleCode.BRANCH_TOO_FEW_FULL_MEMBERS, OrgRuleCode.NO_SECRETARY]);
  });

  it('collects every rule in order', () => {
    const ws = organisationWarnings({
      ...base,
      memberCount: 120,
      subtreeMemberCount: 120,
      fullMemberCount: 2,
      isJoint: true,
      enterpriseCount: 8,
      latestTerm: { endsOn: '2024-06-01' },
    });
    expect(ws.map((x) => x.rule)).toEqual(['O2', 'O2', 'O3', 'O4', 'O5', 'O6', 'O8']);
  });

  it('a 党总支 counts committee eligibility over its subtree; a group never gets term warnings', () => {
    expect(codes(organisationWarnings({ ...base, kind: 'general_branch', fullMemberCount: 0, subtreeFullMemberCount: 2, memberCount: 0 }))).toEqual([
      OrgRuleCode.COMMITTEE_EXCEEDS_SMALL_BRANCH,
    ]);
    expect(codes(organisationWarnings({ ...base, kind: 'group', positions: [], latestTerm: { endsOn: '2020-01-01' } }))).toEqual([
      OrgRuleCode.GROUP_WITHOUT_LEADER,
    ]);
  });
});
