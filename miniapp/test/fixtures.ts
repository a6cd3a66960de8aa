import type { Me, Member, OrganisationDetail, SignInResult } from '@dangjian/shared';

export const ORG_ID = '11111111-1111-4111-8111-111111111111';
export const BRANCH_ID = '22222222-2222-4222-8222-222222222222';

export const memberMe: Me = {
  userId: '33333333-3333-4333-8333-333333333333',
  displayName: '李明',
  memberId: '44444444-4444-4444-8444-444444444444',
  orgId: BRANCH_ID,
  orgName: '第一党支部',
  roles: [{ role: 'member', orgId: BRANCH_ID, orgName: '第一党支部' }],
  isDemo: false,
};

export const secretaryMe: Me = {
  ...memberMe,
  displayName: '王书记',
  roles: [
    { role: 'member', orgId: BRANCH_ID, orgName: '第一党支部' },
    { role: 'secretary', orgId: BRANCH_ID, orgName: '第一党支部' },
  ],
  isDemo: true,
};

export const orgWorkerMe: Me = {
  ...memberMe,
  displayName: '赵干事',
  memberId: null,
  orgId: null,
  orgName: null,
  roles: [{ role: 'org_worker', orgId: ORG_ID, orgName: '园区联合党委' }],
};

export const signInResult = (me: Me): SignInResult => ({
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  expiresIn: 900,
  me,
});

let seq = 0;
export function member(overrides: Partial<Member> = {}): Member {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    orgId: BRANCH_ID,
    orgName: '第一党支部',
    groupId: null,
    groupName: null,
    enterpriseId: null,
    enterpriseName: '星辰科技有限公司',
    name: `党员${seq}`,
    gender: 'female',
    ethnicity: '汉族',
    birthDate: '1992-05-04',
    phone: '138****8000',
    nationalId: '110***********1234',
    sensitiveUnmasked: false,
    education: 'bachelor',
    joinDate: '2015-07-01',
    fullMemberDate: '2016-07-01',
    status: 'full',
    flags: [],
    post: '工程师',
    partyYears: 9,
    ...overrides,
  };
}

export const orgDetail = (overrides: Partial<OrganisationDetail> = {}): OrganisationDetail => ({
  id: ORG_ID,
  parentId: null,
  name: '园区联合党委',
  kind: 'committee',
  isJoint: true,
  isTemporary: false,
  depth: 0,
  enterpriseIds: [],
  memberCount: 3,
  fullMemberCount: 3,
  establishedOn: '2018-07-01',
  subtreeMemberCount: 120,
  subtreeFullMemberCount: 110,
  childCount: 2,
  enterprises: [],
  levelApprovalNote: null,
  suggestedKind: 'committee',
  canApproveProbationary: true,
  ancestors: [],
  warnings: [],
  ...overrides,
});
