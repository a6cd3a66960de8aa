import { fireEvent, render, screen, within } from '@testing-library/react';
import type { BallotView } from '@dangjian/shared';
import { saveTokens } from '@/api/session';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import { keptReceipts } from '../../routes';
import BallotPage from './index';

jest.mock('@/platform/scan', () => ({ scanQrCode: jest.fn(async () => null) }));

const TOKEN = 'b1.AbC_d-1.abcdefghijklmnopqrstuv.123.sig_NATURE-x';
const BOX = '11111111-1111-4111-8111-111111111111';
const A = '00000000-0000-4000-8000-000000000001';
const B = '00000000-0000-4000-8000-000000000002';

const view: BallotView = {
  pass: 'pass-1',
  passExpiresAt: '2026-11-22T07:00:00.000Z',
  boxId: BOX,
  kind: 'election',
  title: '第一党支部委员会委员选举',
  organisationName: '第一党支部',
  meetingTitle: '换届选举党员大会',
  election: {
    electionId: '22222222-2222-4222-8222-222222222222',
    kind: 'committee',
    round: 1,
    roundKind: 'regular',
    seats: 1,
    candidates: [
      { id: A, name: '王芳', introduction: '王芳同志简介', order: 1 },
      { id: B, name: '李强', introduction: '李强同志简介', order: 2 },
    ],
    writeInsAllowed: true,
  },
  motion: null,
};

const card = (container: HTMLElement, name: string) => within(container.querySelector(`[data-candidate="${name}"]`) as HTMLElement);

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute('POST /api/v1/ballots/open', { status: 200, body: view });
  setRouterParams({ b: TOKEN });
});

describe('BallotPage', () => {
  it('shows candidates with introductions and a write-in field only under 不赞成 (E7)', async () => {
    const { container } = render(<BallotPage />);
    expect(await screen.findByText('王芳同志简介')).toBeTruthy();
    expect(screen.getByText('李强同志简介')).toBeTruthy();
    expect(container.querySelector('.ballot__writein')).toBeNull();
    fireEvent.click(card(container, '王芳').getByText('不赞成'));
    expect(container.querySelector('.ballot__writein')).toBeTruthy();
    fireEvent.click(card(container, '王芳').getByText('弃权'));
    expect(container.querySelector('.ballot__writein')).toBeNull();
  });

  it('warns before submitting a ballot E8 makes invalid, and still lets the member submit it', async () => {
    mockRoute('POST /api/v1/ballots/cast', { status: 200, body: { boxId: BOX, receipt: 'AB12C-DE34F', message: '投票成功' } });
    const { container } = render(<BallotPage />);
    await screen.findByText('王芳同志简介');
    fireEvent.click(card(container, '王芳').getByText('赞成'));
    fireEvent.click(card(container, '李强').getByText('赞成'));
    expect(container.querySelector('[data-warning="E8"]')).toBeTruthy();
    fireEvent.click(screen.getByText('核对选票'));
    expect(screen.getByText('这张选票将是无效票')).toBeTruthy();
    fireEvent.click(screen.getByText('仍然提交'));
    expect(await screen.findByText('AB12C-DE34F')).toBeTruthy();
    const cast = requests.find((r) => r.path === '/api/v1/ballots/cast');
    expect(cast?.data).toEqual({
      pass: 'pass-1',
      marks: [
        { candidateId: A, mark: 'for' },
        { candidateId: B, mark: 'for' },
      ],
      writeIns: [],
    });
    expect(keptReceipts()[0]).toMatchObject({ boxId: BOX, receipt: 'AB12C-DE34F' });
  });

  it('sends a write-in next to 不赞成 and no warning within the seats', async () => {
    mockRoute('POST /api/v1/ballots/cast', { status: 200, body: { boxId: BOX, receipt: 'ZZ99Y-XX88W', message: '投票成功' } });
    const { container } = render(<BallotPage />);
    await screen.findByText('王芳同志简介');
    fireEvent.click(card(container, '王芳').getByText('不赞成'));
    fireEvent.change(container.querySelector('.ballot__writein input') as HTMLInputElement, { target: { value: '赵六' } });
    fireEvent.click(card(container, '李强').getByText('弃权'));
    expect(container.querySelector('[data-warning="E8"]')).toBeNull();
    fireEvent.click(screen.getByText('核对选票'));
    expect(screen.getByText('另选：赵六')).toBeTruthy();
    fireEvent.click(screen.getByText('确认提交'));
    expect(await screen.findByText('ZZ99Y-XX88W')).toBeTruthy();
    const cast = requests.find((r) => r.path === '/api/v1/ballots/cast');
    expect(cast?.data).toEqual({
      pass: 'pass-1',
      marks: [
        { candidateId: A, mark: 'against' },
        { candidateId: B, mark: 'abstain' },
      ],
      writeIns: [{ replaces: A, name: '赵六' }],
    });
  });

  it('shows why the ballot cannot open (not checked in)', async () => {
    mockRoute('POST /api/v1/ballots/open', { status: 403, body: { code: 'BALLOT_NOT_CHECKED_IN', message: '只有已签到的党员才能投票' } });
    render(<BallotPage />);
    expect(await screen.findByText('无法打开选票')).toBeTruthy();
    expect(screen.getByText('只有已签到的党员才能投票')).toBeTruthy();
  });
});
