import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { saveTokens } from '@/api/session';
import { BRANCH_ID, secretaryMe } from '@test/fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import { COURSE_ID, courseSummary } from '@test/study-fixtures';
import AssignPage from './index';

const ASSIGNMENT = '12121212-1212-4121-8121-121212121212';

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
  setRouterParams({ orgId: BRANCH_ID, orgName: encodeURIComponent('第一党支部') });
  mockRoute('GET /api/v1/study/courses', {
    status: 200,
    body: { items: [courseSummary({ title: '其他课程', id: '13131313-1313-4131-8131-131313131313' }), courseSummary()], total: 2, page: 1, pageSize: 100 },
  });
});

describe('AssignPage (L5)', () => {
  it('says what is missing in place, then assigns the course to a role with a deadline', async () => {
    mockRoute('POST /api/v1/study/assignments', { status: 201, body: { id: ASSIGNMENT } });
    render(<AssignPage />);
    await screen.findByText('学习新党章');
    fireEvent.click(screen.getByText('布置'));
    expect(await screen.findByText('请选择课程')).toBeTruthy();

    const [coursePicker] = screen.getAllByLabelText('picker');
    fireEvent.change(coursePicker!, { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('picker-date'), { target: { value: '2099-12-31' } });
    fireEvent.click(screen.getByText('按职务'));
    fireEvent.click(screen.getByText('布置'));
    expect(await screen.findByText('请选择职务')).toBeTruthy();
    const rolePicker = screen.getAllByLabelText('picker')[1]!;
    fireEvent.change(rolePicker, { target: { value: '0' } });
    fireEvent.click(screen.getByText('布置'));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/packages/study/pages/assignment/index?id=${ASSIGNMENT}` }));
    expect(requests.find((r) => r.method === 'POST')?.data).toEqual({
      orgId: BRANCH_ID,
      courseId: COURSE_ID,
      target: { kind: 'role', role: 'secretary' },
      deadline: '2099-12-31',
      note: '',
    });
  });

  it('shows the server’s refusal in place', async () => {
    mockRoute('POST /api/v1/study/assignments', { status: 400, body: { code: 'STUDY_MEMBER_OUTSIDE', message: '所选党员不在本组织内' } });
    render(<AssignPage />);
    await screen.findByText('学习新党章');
    fireEvent.change(screen.getAllByLabelText('picker')[0]!, { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('picker-date'), { target: { value: '2099-12-31' } });
    fireEvent.click(screen.getByText('布置'));
    expect(await screen.findByText('所选党员不在本组织内')).toBeTruthy();
  });
});
