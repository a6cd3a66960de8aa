import type { CheckinCode, CheckinResult, LiveSnapshot, Me, MeetingDetail, MeetingSummary, Member, OrganisationDetail, SignInResult } from '@dangjian/shared';

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
    departure: null,
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

// ---- Meetings and check-in ----

export const MEETING_ID = '55555555-5555-4555-8555-555555555555';

/** A check-in token of the server's shape (`v1.<kid>.<meeting>.<step>.<sig>`); the signature is made up. */
export const tokenFor = (meetingId: string, step = 123456) =>
  `v1.k1.${Buffer.from(meetingId.replace(/-/g, ''), 'hex').toString('base64url')}.${step}.${'A'.repeat(22)}`;

export const meetingSummary = (overrides: Partial<MeetingSummary> = {}): MeetingSummary => ({
  id: MEETING_ID,
  organisationId: BRANCH_ID,
  organisationName: '第一党支部',
  type: 'theme_day',
  title: '11月主题党日',
  startsAt: '2026-11-22T06:00:00.000Z',
  endsAt: '2026-11-22T07:30:00.000Z',
  place: '党员活动室',
  status: 'in_progress',
  expectedCount: 12,
  presentCount: 3,
  onLeaveCount: 1,
  complete: false,
  ...overrides,
});

export const meetingDetail = (overrides: Partial<MeetingDetail> = {}): MeetingDetail => ({
  ...meetingSummary(),
  organisationKind: 'branch',
  chair: { id: memberMe.memberId ?? '', name: '王书记' },
  recorder: null,
  agenda: '1. 学习传达上级精神',
  checkinOpensAt: '2026-11-22T05:30:00.000Z',
  checkinClosesAt: '2026-11-22T07:30:00.000Z',
  geofence: null,
  qrStepSeconds: 15,
  attendeeScope: 'organisation',
  cancelledAt: null,
  cancelReason: null,
  minutes: null,
  minutesUpdatedAt: null,
  photos: [],
  pendingCount: 0,
  absentCount: 0,
  completeness: { complete: false, missing: [{ item: 'not_held', message: '会议尚未结束' }] },
  myAttendance: { state: 'upcoming', isGuest: false, canVote: true, checkedInAt: null, method: null, leave: null },
  canManage: false,
  ...overrides,
});

export const checkinResult = (overrides: Partial<CheckinResult> = {}): CheckinResult => ({
  status: 'checked_in',
  checkinId: '66666666-6666-4666-8666-666666666666',
  checkedInAt: '2026-11-22T05:58:07.000Z',
  method: 'qr',
  checkinStatus: 'confirmed',
  member: { id: memberMe.memberId ?? '', name: '李明' },
  meeting: {
    id: MEETING_ID,
    title: '11月主题党日',
    type: 'theme_day',
    startsAt: '2026-11-22T06:00:00.000Z',
    endsAt: '2026-11-22T07:30:00.000Z',
    place: '党员活动室',
    organisationName: '第一党支部',
  },
  message: '签到成功',
  ...overrides,
});

export const liveSnapshot = (overrides: Partial<LiveSnapshot> = {}): LiveSnapshot => ({
  meetingId: MEETING_ID,
  title: '11月主题党日',
  startsAt: '2026-11-22T06:00:00.000Z',
  expected: 12,
  present: 0,
  pending: 0,
  arrivals: [],
  window: { opensAt: '2026-11-22T05:30:00.000Z', closesAt: '2026-11-22T07:30:00.000Z', state: 'open' },
  serverTime: '2026-11-22T05:58:00.000Z',
  ...overrides,
});

export const checkinCode = (step: number, overrides: Partial<CheckinCode> = {}): CheckinCode => ({
  meetingId: MEETING_ID,
  title: '11月主题党日',
  token: tokenFor(MEETING_ID, step),
  url: `http://127.0.0.1:3000/#/checkin/scan?t=${tokenFor(MEETING_ID, step)}`,
  step,
  stepSeconds: 15,
  expiresInMs: 15_000,
  svg: `<svg xmlns="http://www.w3.org/2000/svg" data-step="${step}"></svg>`,
  window: { opensAt: '2026-11-22T05:30:00.000Z', closesAt: '2026-11-22T07:30:00.000Z', state: 'open' },
  serverTime: '2026-11-22T05:58:00.000Z',
  ...overrides,
});
