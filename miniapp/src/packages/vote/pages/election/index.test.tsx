import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ElectionDetail, MotionDetail, VoterRoll } from '@dangjian/shared';
import { saveTokens } from '@/api/session';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import MotionPage from '../motion/index';
import ElectionPage from './index';

const E = '55555555-5555-4555-8555-555555555555';
const MO = '66666666-6666-4666-8666-666666666666';
const A = '00000000-0000-4000-8000-000000000001';
const B = '00000000-0000-4000-8000-000000000002';
const C = '00000000-0000-4000-8000-000000000003';

const roll: VoterRoll = {
  eligible: 3,
  excluded: 0,
  required: 3,
  present: 0,
  quorum: { rule: 'E3', required: 3, present: 0, minimum: 3, met: false, message: '实到 0 人' },
  members: [
    { memberId: A, name: '王芳', eligible: true, ineligibleReason: null, excluded: false, present: false },
    { memberId: B, name: '李强', eligible: true, ineligibleReason: null, excluded: false, present: false },
    { memberId: C, name: '张伟', eligible: true, ineligibleReason: null, excluded: false, present: false },
  ],
};

const election: ElectionDetail = {
  id: E,
  meetingId: '77777777-7777-4777-8777-777777777777',
  meetingTitle: '换届选举党员大会',
  organisationId: '22222222-2222-4222-8222-222222222222',
  organisationName: '第一党支部',
  kind: 'committee',
  title: '支部委员会委员选举',
  seats: 1,
  state: 'draft',
  candidateCount: 2,
  createdAt: '2026-11-20T00:00:00.000Z',
  originalSeats: 1,
  candidateMode: 'competitive',
  ruleSet: '2020-v1',
  ruleSetLabel: '2020',
  majorityBase: 'required',
  electorate: 'members',
  committeeElectionId: null,
  rulesText: null,
  candidates: [],
  scrutineers: [],
  exclusions: [],
  assistance: [],
  attendance: null,
  rulesAdoption: null,
  scrutineerApproval: null,
  seatReduction: null,
  approval: null,
  cancelReason: null,
  rounds: [],
  elected: [],
  allowedActions: ['report_attendance', 'cancel'],
  canManage: true,
  canSign: false,
};

const field = (container: HTMLElement, label: string) => {
  const f = Array.from(container.querySelectorAll('.dj-field')).find((x) => x.textContent?.startsWith(label));
  return f?.querySelector('input') as HTMLInputElement;
};

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute(`GET /api/v1/elections/${E}/roll`, { status: 200, body: roll });
  mockRoute(`GET /api/v1/motions/${MO}/roll`, { status: 200, body: roll });
});

describe('ElectionPage manager forms', () => {
  it('no longer sends anything to a separate console', async () => {
    setRouterParams({ id: E });
    mockRoute(`GET /api/v1/elections/${E}`, { status: 200, body: { ...election, allowedActions: ['start_additional', 'reduce_seats', 'cancel'] } });
    render(<ElectionPage />);
    await screen.findByText('支部委员会委员选举');
    expect(screen.queryByText(/管理后台/)).toBeNull();
  });

  it('records an E2 exclusion, shows the server message in place, then lists it', async () => {
    setRouterParams({ id: E });
    mockRoute(`GET /api/v1/elections/${E}`, { status: 200, body: election });
    const { container } = render(<ElectionPage />);
    const form = within((await screen.findByText('记录不计入应到会人数')).closest('[data-form="exclusions"]') as HTMLElement);
    fireEvent.click(screen.getByText('记录不计入应到会人数'));
    expect(await form.findByText('请选择不计入应到会人数的党员')).toBeTruthy();

    fireEvent.click(form.getByText('李强'));
    fireEvent.click(form.getByText('出国半年以上'));
    fireEvent.change(field(container, '批准机关'), { target: { value: '中共某某党委' } });
    fireEvent.change(field(container, '批准文号'), { target: { value: '党委〔2026〕12号' } });
    fireEvent.change(field(container, '批准日期'), { target: { value: '2026-11-10' } });
    fireEvent.change(field(container, '表决日期'), { target: { value: '2026-11-12' } });
    fireEvent.change(field(container, '赞成'), { target: { value: '20' } });

    mockRoute(`POST /api/v1/elections/${E}/exclusions`, { status: 422, body: { code: 'ELECTION_EXCLUSION_INVALID', message: '须经上级党组织批准' } });
    fireEvent.click(screen.getByText('记录不计入应到会人数'));
    expect(await form.findByText('须经上级党组织批准')).toBeTruthy();

    const after: ElectionDetail = {
      ...election,
      exclusions: [
        {
          member: { memberId: B, name: '李强' },
          reason: 'abroad',
          reasonLabel: '出国半年以上',
          note: null,
          higherApproval: { approvedBy: '中共某某党委', reference: '党委〔2026〕12号', approvedOn: '2026-11-10' },
          meetingVote: { for: 20, against: 0, abstain: 0, heldOn: '2026-11-12' },
          recordedAt: '2026-11-20T00:00:00.000Z',
        },
      ],
    };
    mockRoute(`POST /api/v1/elections/${E}/exclusions`, { status: 201, body: after });
    fireEvent.click(screen.getByText('记录不计入应到会人数'));
    expect(await screen.findByText('不计入应到会人数（1 人）')).toBeTruthy();
    const sent = requests.filter((r) => r.method === 'POST' && r.path.endsWith('/exclusions')).pop();
    expect(sent?.data).toEqual({
      memberId: B,
      reason: 'abroad',
      higherApproval: { approvedBy: '中共某某党委', reference: '党委〔2026〕12号', approvedOn: '2026-11-10' },
      meetingVote: { for: 20, against: 0, abstain: 0, heldOn: '2026-11-12' },
    });
    // The quorum follows: the roll is read again.
    await waitFor(() => expect(requests.filter((r) => r.path.endsWith(`/elections/${E}/roll`)).length).toBeGreaterThan(1));
  });

  it('cancels with a reason', async () => {
    setRouterParams({ id: E });
    mockRoute(`GET /api/v1/elections/${E}`, { status: 200, body: election });
    mockRoute(`POST /api/v1/elections/${E}/steps/cancel`, {
      status: 200,
      body: { ...election, state: 'cancelled', cancelReason: '会议改期', allowedActions: [] },
    });
    render(<ElectionPage />);
    fireEvent.click(await screen.findByText('取消选举'));
    const dialog = within(screen.getByRole('dialog'));
    fireEvent.change(dialog.getByRole('textbox'), { target: { value: '会议改期' } });
    fireEvent.click(dialog.getByText('确认取消'));
    expect(await screen.findByText('会议改期')).toBeTruthy();
    expect(requests.find((r) => r.path.endsWith('/steps/cancel'))?.data).toEqual({ reason: '会议改期' });
  });
});

describe('ElectionPage E12 and E14 forms', () => {
  const shortfall: ElectionDetail = {
    ...election,
    seats: 2,
    state: 'shortfall',
    attendance: { required: 10, present: 9, at: '2026-11-20T00:00:00.000Z' },
    elected: [{ candidateId: '88888888-8888-4888-8888-888888888888', memberId: A, name: '王芳', round: 1 }],
    allowedActions: ['start_additional', 'reduce_seats'],
  };

  it('reduces the seats with the recorded consent, and refuses too few 赞成 before sending', async () => {
    setRouterParams({ id: E });
    mockRoute(`GET /api/v1/elections/${E}`, { status: 200, body: shortfall });
    mockRoute(`GET /api/v1/elections/${E}/roll`, { status: 200, body: { ...roll, present: 9 } });
    mockRoute(`POST /api/v1/elections/${E}/steps/reduce-seats`, { status: 200, body: { ...shortfall, seats: 1, state: 'completed', allowedActions: [] } });
    const { container } = render(<ElectionPage />);
    const form = within((await screen.findByText('另行选举', { selector: 'button' })).closest('[data-form="shortfall"]') as HTMLElement);
    expect(form.queryByText('王芳')).toBeNull(); // already elected: not a candidate again
    fireEvent.change(field(container, '赞成'), { target: { value: '4' } });
    fireEvent.click(form.getByText('减少名额', { selector: 'button' }));
    expect(await form.findByText(/须经到会选举人过半数同意/, { selector: '[role="alert"] *' })).toBeTruthy();
    fireEvent.change(field(container, '赞成'), { target: { value: '6' } });
    fireEvent.click(form.getByText('减少名额', { selector: 'button' }));
    await waitFor(() => expect(requests.find((r) => r.path.endsWith('/steps/reduce-seats'))?.data).toEqual({ consent: { for: 6, against: 0, abstain: 0 } }));
  });

  it('records the higher organisation’s approval', async () => {
    setRouterParams({ id: E });
    const pending: ElectionDetail = { ...election, kind: 'secretary', state: 'pending_approval', allowedActions: ['record_approval'] };
    mockRoute(`GET /api/v1/elections/${E}`, { status: 200, body: pending });
    mockRoute(`POST /api/v1/elections/${E}/steps/record-approval`, { status: 403, body: { code: 'FORBIDDEN', message: '须由上级党组织记录批复' } });
    const { container } = render(<ElectionPage />);
    const form = within((await screen.findByText('记录上级批复', { selector: 'button' })).closest('[data-form="approval"]') as HTMLElement);
    fireEvent.click(form.getByText('批准'));
    fireEvent.change(field(container, '批复文号'), { target: { value: '组〔2026〕3号' } });
    fireEvent.change(field(container, '批复日期'), { target: { value: '2026-11-21' } });
    fireEvent.click(form.getByText('记录上级批复', { selector: 'button' }));
    expect(await form.findByText('须由上级党组织记录批复')).toBeTruthy();
    expect(requests.find((r) => r.path.endsWith('/steps/record-approval'))?.data).toEqual({
      approved: true,
      reference: '组〔2026〕3号',
      approvedOn: '2026-11-21',
    });
  });
});

describe('MotionPage V2 written opinions', () => {
  const motion: MotionDetail = {
    id: MO,
    meetingId: '77777777-7777-4777-8777-777777777777',
    meetingTitle: '支部党员大会',
    organisationId: '22222222-2222-4222-8222-222222222222',
    organisationName: '第一党支部',
    kind: 'admission',
    title: '接收张三为预备党员',
    state: 'draft',
    passed: null,
    createdAt: '2026-11-20T00:00:00.000Z',
    description: '',
    rule: 'V2',
    applicant: { memberId: null, name: '张三' },
    writtenOpinions: [],
    boxId: null,
    boxState: null,
    rounds: 0,
    tally: null,
    digest: null,
    cancelReason: null,
    allowedActions: ['open_voting', 'cancel'],
    canManage: true,
  };

  it('enters an absent member’s written opinion', async () => {
    setRouterParams({ id: MO });
    mockRoute(`GET /api/v1/motions/${MO}`, { status: 200, body: motion });
    mockRoute(`POST /api/v1/motions/${MO}/opinions`, {
      status: 200,
      body: { ...motion, writtenOpinions: [{ member: { memberId: A, name: '王芳' }, choice: 'for', submittedOn: '2026-11-18', note: null, counted: null }] },
    });
    const { container } = render(<MotionPage />);
    const form = within((await screen.findByText('录入书面意见')).closest('[data-form="opinions"]') as HTMLElement);
    fireEvent.click(form.getByText('王芳'));
    fireEvent.click(form.getByText('赞成'));
    fireEvent.change(field(container, '提交日期'), { target: { value: '2026-11-18' } });
    fireEvent.click(screen.getByText('录入书面意见'));
    expect(await screen.findByText('书面意见（1 份）')).toBeTruthy();
    expect(requests.find((r) => r.path.endsWith('/opinions'))?.data).toEqual({ memberId: A, choice: 'for', submittedOn: '2026-11-18' });
  });
});
