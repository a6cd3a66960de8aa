import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { saveTokens } from '@/api/session';
import { BRANCH_ID, meetingDetail, MEETING_ID, orgDetail, secretaryMe } from '@test/fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import CreateMeetingPage from './index';

const field = (label: string) => screen.getByText(label).parentElement?.querySelector('input') as HTMLInputElement;

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  setRouterParams({ orgId: BRANCH_ID, orgName: encodeURIComponent('第一党支部') });
  mockRoute('GET /api/v1/auth/me', { status: 200, body: { ...secretaryMe, orgId: BRANCH_ID } });
  mockRoute(`GET /api/v1/organisations/${BRANCH_ID}`, { status: 200, body: orgDetail({ id: BRANCH_ID, name: '第一党支部', kind: 'branch' }) });
});

describe('CreateMeetingPage', () => {
  it('creates the meeting and opens it', async () => {
    mockRoute('POST /api/v1/meetings', { status: 201, body: meetingDetail() });
    render(<CreateMeetingPage />);
    await screen.findByText('基本信息');

    fireEvent.change(field('会议主题'), { target: { value: '11月主题党日' } });
    fireEvent.change(field('会议地点'), { target: { value: '党员活动室' } });
    fireEvent.click(screen.getByText('创建会议'));

    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/packages/meetings/pages/detail/index?id=${MEETING_ID}` }));
    const body = requests.find((r) => r.method === 'POST' && r.path === '/api/v1/meetings')?.data as Record<string, unknown>;
    expect(body).toMatchObject({ organisationId: BRANCH_ID, title: '11月主题党日', place: '党员活动室', chairMemberId: secretaryMe.memberId, geofence: null });
  });

  it('says what is missing before asking the server, and shows the server’s refusal', async () => {
    mockRoute('POST /api/v1/meetings', { status: 422, body: { code: 'MEETING_TYPE_NOT_FOR_ORG', message: '党小组会只能由党小组召开' } });
    render(<CreateMeetingPage />);
    await screen.findByText('基本信息');

    fireEvent.click(screen.getByText('创建会议'));
    expect(await screen.findByText('请填写会议主题')).toBeTruthy();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(field('会议主题'), { target: { value: '支委会' } });
    fireEvent.change(field('会议地点'), { target: { value: '会议室' } });
    fireEvent.click(screen.getByText('创建会议'));
    expect(await screen.findByText('党小组会只能由党小组召开')).toBeTruthy();
  });

  it('sets a geofence at the secretary’s position', async () => {
    const geolocation = {
      getCurrentPosition: jest.fn((ok: PositionCallback) => ok({ coords: { latitude: 30.27, longitude: 120.15, accuracy: 18 } } as GeolocationPosition)),
    };
    Object.defineProperty(navigator, 'geolocation', { value: geolocation, configurable: true });
    mockRoute('POST /api/v1/meetings', { status: 201, body: meetingDetail() });
    render(<CreateMeetingPage />);
    await screen.findByText('基本信息');

    fireEvent.click(screen.getByRole('switch'));
    expect(await screen.findByText(/会场位置：/)).toBeTruthy();
    fireEvent.change(field('会议主题'), { target: { value: '主题党日' } });
    fireEvent.change(field('会议地点'), { target: { value: '展馆' } });
    fireEvent.click(screen.getByText('创建会议'));

    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled());
    const body = requests.find((r) => r.method === 'POST')?.data as { geofence: { lat: number; lng: number; radiusM: number } };
    expect(body.geofence.radiusM).toBe(200);
    // Stored in GCJ-02, as the mini-program reports it.
    expect(body.geofence.lat).not.toBe(30.27);
    expect(Math.abs(body.geofence.lat - 30.27)).toBeLessThan(0.01);
  });
});
