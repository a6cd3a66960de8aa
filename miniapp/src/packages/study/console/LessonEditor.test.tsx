import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { LessonDetail } from '@dangjian/shared';
import { saveTokens } from '@/api/session';
import { pickAndUpload } from '@/platform/file-upload';
import { mockRoute, requests } from '@test/mocks/taro';
import { BRANCH_ID } from '@test/fixtures';
import { COURSE_ID } from '@test/study-fixtures';
import { LessonEditor } from './LessonEditor';

jest.mock('@/platform/file-upload', () => ({ pickAndUpload: jest.fn() }));
const picked = pickAndUpload as jest.MockedFunction<typeof pickAndUpload>;
const FILE = '44444444-4444-4444-8444-444444444444';

beforeEach(() => saveTokens({ accessToken: 'a', refreshToken: 'r' }));

const editing = (): LessonDetail => ({
  id: '66666666-6666-4666-8666-666666666666',
  position: 0,
  title: '党章导读',
  kind: 'video',
  durationS: 600,
  watchThreshold: 0.9,
  minSeconds: null,
  state: 'not_started',
  progress: 0,
  courseId: COURSE_ID,
  courseTitle: '学习新党章',
  bodyHtml: null,
  mediaUrl: '/api/v1/study/media/f?exp=1&sig=s',
  mediaContentType: 'video/mp4',
  resumePosition: 0,
  creditedS: 0,
  watchedS: 0,
  completedAt: null,
});

describe('LessonEditor (console)', () => {
  it('edits a lesson keeping its kind and its file unless a new one is uploaded', async () => {
    const lesson = editing();
    mockRoute(`PATCH /api/v1/study/lessons/${lesson.id}`, { status: 200, body: lesson });
    const onDone = jest.fn();
    const { container } = render(<LessonEditor courseId={COURSE_ID} orgId={null} editing={lesson} onDone={onDone} />);
    expect(screen.queryByText('图文')).toBeNull();
    expect(screen.getByText('沿用已上传的文件')).toBeTruthy();
    fireEvent.change(container.querySelector('input[name="watchPercent"]')!, { target: { value: '80' } });
    fireEvent.click(screen.getByText('保存课时'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(requests.find((r) => r.method === 'PATCH')?.data).toEqual({ title: '党章导读', durationS: 600, watchThreshold: 0.8 });
  });

  it('shows the server’s refusal of an upload in its own words and keeps the form', async () => {
    picked.mockResolvedValueOnce({ status: 415, body: { code: 'STUDY_UPLOAD_TYPE', message: '只能上传 mp4 或 webm 视频' } });
    render(<LessonEditor courseId={COURSE_ID} orgId={BRANCH_ID} onDone={jest.fn()} />);
    fireEvent.click(screen.getByText('上传文件'));
    expect(await screen.findByText('只能上传 mp4 或 webm 视频')).toBeTruthy();
    expect(picked).toHaveBeenCalledWith(
      `/study/files?kind=video&orgId=${BRANCH_ID}`,
      expect.objectContaining({ extensions: ['mp4', 'webm'], source: 'media-video' }),
    );
  });

  it('uploads the video, then adds the lesson with the file and its length', async () => {
    picked.mockResolvedValueOnce({ status: 201, body: { id: FILE, contentType: 'video/mp4', sizeBytes: 3 * 1024 * 1024, url: '/api/v1/study/media/x' } });
    mockRoute(`POST /api/v1/study/courses/${COURSE_ID}/lessons`, { status: 201, body: {} });
    const onDone = jest.fn();
    const { container } = render(<LessonEditor courseId={COURSE_ID} orgId={BRANCH_ID} onDone={onDone} />);
    fireEvent.click(screen.getByText('上传文件'));
    expect(await screen.findByText('video/mp4 · 3.0 MB')).toBeTruthy();
    const inputs = container.querySelectorAll('input');
    fireEvent.change(inputs[0]!, { target: { value: '党章导读' } });
    fireEvent.change(inputs[1]!, { target: { value: '10' } });
    fireEvent.click(screen.getByText('添加课时'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(requests.find((r) => r.method === 'POST')?.data).toEqual({ title: '党章导读', kind: 'video', fileId: FILE, durationS: 600, watchThreshold: 0.9 });
  });
});
