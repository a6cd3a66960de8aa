import { act, fireEvent, render, screen } from '@testing-library/react';
import type { HeartbeatResult, LessonDetail } from '@dangjian/shared';
import Taro from '@tarojs/taro';
import { saveTokens } from '@/api/session';
import { memberMe } from '@test/fixtures';
import { fireDidHide, fireDidShow, firePageScroll, mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import LessonPage from './index';

const LESSON = '66666666-6666-4666-8666-666666666666';

const lesson = (over: Partial<LessonDetail> = {}): LessonDetail => ({
  id: LESSON,
  position: 0,
  title: '党章导读',
  kind: 'video',
  durationS: 120,
  watchThreshold: 0.9,
  minSeconds: null,
  state: 'in_progress',
  progress: 0.3,
  courseId: '77777777-7777-4777-8777-777777777777',
  courseTitle: '学习党章',
  bodyHtml: null,
  mediaUrl: 'http://localhost/api/v1/study/media/f?exp=1&sig=s',
  mediaContentType: 'video/mp4',
  resumePosition: 42,
  creditedS: 40,
  watchedS: 33,
  completedAt: null,
  ...over,
});

const answer = (over: Partial<HeartbeatResult> = {}): HeartbeatResult => ({
  outcome: 'credited',
  creditedS: 20,
  lessonCreditedS: 60,
  watchedS: 53,
  progress: 0.5,
  state: 'in_progress',
  justCompleted: false,
  nextInS: 30,
  ...over,
});

const beats = () =>
  requests.filter((r) => r.path === '/api/v1/study/heartbeats').map((r) => r.data as { seq: number; event: string; position: number; deviceId: string });

async function openVideo() {
  setRouterParams({ id: LESSON });
  mockRoute(`GET /api/v1/study/lessons/${LESSON}`, { status: 200, body: lesson() });
  const view = render(<LessonPage />);
  await screen.findByText('党章导读');
  return view.container.querySelector('video')!;
}

beforeEach(() => {
  jest.useFakeTimers();
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute('GET /api/v1/auth/me', { status: 200, body: memberMe });
  mockRoute('POST /api/v1/study/heartbeats', { status: 200, body: answer() });
});
afterEach(() => jest.useRealTimers());

describe('LessonPage (video, L2)', () => {
  it('resumes the video where the member stopped and beats only while it plays and the page shows', async () => {
    const video = await openVideo();
    expect(video.getAttribute('data-initial-time')).toBe('42');
    await act(() => jest.advanceTimersByTimeAsync(60_000));
    expect(beats()).toHaveLength(0); // not playing yet

    fireEvent.play(video);
    await act(() => jest.advanceTimersByTimeAsync(0));
    video.dataset.time = '62';
    fireEvent.timeUpdate(video);
    await act(() => jest.advanceTimersByTimeAsync(20_000));
    expect(beats().map((b) => [b.event, b.position, b.seq])).toEqual([
      ['start', 42, 1],
      ['tick', 62, 2],
    ]);
    expect(screen.getByText('已学习 1 分钟')).toBeTruthy(); // the server's 60 credited seconds
    expect(screen.getByText('50%')).toBeTruthy();

    fireDidHide();
    await act(() => jest.advanceTimersByTimeAsync(120_000));
    expect(beats().map((b) => b.event)).toEqual(['start', 'tick', 'stop']);
    fireDidShow();
    await act(() => jest.advanceTimersByTimeAsync(0));
    expect(beats().map((b) => b.event)).toEqual(['start', 'tick', 'stop', 'start']);
    expect(new Set(beats().map((b) => b.deviceId)).size).toBe(1);
  });

  it('keeps beats made without network and sends them with the same seq when the network returns', async () => {
    const video = await openVideo();
    mockRoute('POST /api/v1/study/heartbeats', 'network-error');
    fireEvent.play(video);
    await act(() => jest.advanceTimersByTimeAsync(40_000));
    const tried = beats();
    // only the head of the ordered queue is tried (and retried); the two ticks wait behind it, on the device
    expect(new Set(tried.map((b) => b.seq))).toEqual(new Set([1]));
    expect(Taro.getStorageSync<Record<string, Array<{ seq: number }>>>('dj.study.pending')[LESSON]?.map((b) => b.seq)).toEqual([1, 2, 3]);

    mockRoute('POST /api/v1/study/heartbeats', { status: 200, body: answer({ justCompleted: true, progress: 1, state: 'done' }) });
    const before = requests.length;
    await act(async () => {
      window.dispatchEvent(new Event('online'));
      await jest.advanceTimersByTimeAsync(0);
    });
    expect(
      beats()
        .slice(tried.length)
        .map((b) => b.seq),
    ).toEqual([1, 2, 3]);
    expect(requests.length - before).toBe(3);
    expect(Taro.getStorageSync('dj.study.pending')).toEqual({});
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '本课时已完成' }));
    expect(screen.getByText('已完成')).toBeTruthy();
  });

  it('drops a beat the server refuses (4xx) instead of resending it', async () => {
    const video = await openVideo();
    mockRoute('POST /api/v1/study/heartbeats', { status: 403, body: { code: 'FORBIDDEN', message: '没有权限进行此操作' } });
    fireEvent.play(video);
    await act(() => jest.advanceTimersByTimeAsync(15_000));
    expect(beats()).toHaveLength(1);
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('counts an article’s reading time while the page shows, resumes at the scroll offset and sends it', async () => {
    setRouterParams({ id: LESSON });
    mockRoute(`GET /api/v1/study/lessons/${LESSON}`, {
      status: 200,
      body: lesson({ kind: 'article', durationS: null, watchThreshold: null, minSeconds: 300, mediaUrl: null, bodyHtml: '<p>第一条</p>', resumePosition: 640 }),
    });
    const { container } = render(<LessonPage />);
    await screen.findByText('页面打开时计入阅读时间，至少阅读 5 分钟完成本课时');
    expect(container.querySelector('[data-rich-text]')?.getAttribute('data-rich-text')).toBe('<p>第一条</p>');
    expect(Taro.pageScrollTo).toHaveBeenCalledWith({ scrollTop: 640, duration: 0 });
    await act(() => jest.advanceTimersByTimeAsync(0));
    firePageScroll(900);
    await act(() => jest.advanceTimersByTimeAsync(20_000));
    fireDidHide();
    await act(() => jest.advanceTimersByTimeAsync(60_000));
    expect(beats().map((b) => [b.event, b.position])).toEqual([
      ['start', 640],
      ['tick', 900],
      ['stop', 900],
    ]);
  });
});
