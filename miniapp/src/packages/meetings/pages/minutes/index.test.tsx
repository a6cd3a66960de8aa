import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { saveTokens } from '@/api/session';
import { meetingDetail, MEETING_ID } from '@test/fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import MinutesPage from './index';

const base = `/api/v1/meetings/${MEETING_ID}`;
const photo = {
  id: '00000000-0000-4000-8000-0000000000f1',
  caption: null,
  contentType: 'image/jpeg',
  sizeBytes: 1000,
  createdAt: '2026-11-22T06:10:00.000Z',
  url: `${base}/photos/00000000-0000-4000-8000-0000000000f1`,
};

beforeEach(() => {
  saveTokens({ accessToken: 'tok', refreshToken: 'r' });
  setRouterParams({ id: MEETING_ID });
});

describe('MinutesPage (C2)', () => {
  it('saves the minutes and shows the photos with the token in their address', async () => {
    mockRoute(`GET ${base}`, { status: 200, body: meetingDetail({ status: 'in_progress', photos: [photo] }) });
    mockRoute(`PUT ${base}/minutes`, { status: 200, body: { minutes: '会议决议：…', minutesUpdatedAt: '2026-11-22T07:00:00.000Z' } });
    const { container } = render(<MinutesPage />);
    await screen.findByText('会议记录');

    expect(container.querySelector('img.minutes__img')?.getAttribute('src')).toBe(`${base}/photos/${photo.id}?access_token=tok`);
    fireEvent.change(screen.getByPlaceholderText('记录会议议程、发言要点、决议事项等'), { target: { value: '会议决议：…' } });
    fireEvent.click(screen.getByText('保存记录'));

    await waitFor(() => expect(requests.find((r) => r.method === 'PUT')?.data).toEqual({ text: '会议决议：…' }));
  });

  it('waits for the meeting to start', async () => {
    mockRoute(`GET ${base}`, { status: 200, body: meetingDetail({ status: 'scheduled' }) });
    render(<MinutesPage />);
    expect(await screen.findByText('会议开始后才能填写会议记录和上传照片。')).toBeTruthy();
    expect(screen.queryByText('添加照片')).toBeNull();
  });
});
