import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { CourseDetail } from '@dangjian/shared';
import { saveTokens } from '@/api/session';
import { secretaryMe } from '@test/fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import { COURSE_ID, courseSummary } from '@test/study-fixtures';
import CourseEditPage from './index';

const detail = (over: Partial<CourseDetail> = {}): CourseDetail => ({ ...courseSummary(), lessons: [], quizzes: [], canManage: true, ...over });

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
  mockRoute('GET /api/v1/study/categories', { status: 200, body: [] });
  setRouterParams({ id: COURSE_ID });
});

describe('CourseEditPage: archive and delete', () => {
  it('archives a published course (kept for its learners’ hours)', async () => {
    mockRoute(`GET /api/v1/study/courses/${COURSE_ID}`, { status: 200, body: detail() });
    mockRoute(`PATCH /api/v1/study/courses/${COURSE_ID}`, { status: 200, body: detail({ status: 'archived' }) });
    render(<CourseEditPage />);
    fireEvent.click(await screen.findByText('归档课程'));
    await waitFor(() => expect(requests.find((r) => r.method === 'PATCH')?.data).toEqual({ status: 'archived' }));
  });

  it('deletes a course nobody studied after a confirmation, and shows the server’s refusal for a studied one', async () => {
    mockRoute(`GET /api/v1/study/courses/${COURSE_ID}`, { status: 200, body: detail() });
    mockRoute(`DELETE /api/v1/study/courses/${COURSE_ID}`, {
      status: 409,
      body: { code: 'STUDY_COURSE_STUDIED', message: '已有党员学习过该课程，不能删除，可归档' },
    });
    render(<CourseEditPage />);
    fireEvent.click(await screen.findByText('删除课程'));
    expect(await screen.findByText('已有党员学习过该课程，不能删除，可归档')).toBeTruthy();
    expect(Taro.redirectTo).not.toHaveBeenCalled();

    mockRoute(`DELETE /api/v1/study/courses/${COURSE_ID}`, { status: 204, body: null });
    fireEvent.click(screen.getByText('删除课程'));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/study/pages/console/index' }));
    expect(Taro.showModal).toHaveBeenCalled();
  });
});
