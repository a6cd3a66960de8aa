import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { saveTokens } from '@/api/session';
import { BRANCH_ID, member, secretaryMe } from '@test/fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import OfflineTrainingPage from './index';

const A = member({ id: '51515151-5151-4515-8515-515151515151', name: '张伟' });
const B = member({ id: '52525252-5252-4525-8525-525252525252', name: '刘芳' });

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
  setRouterParams({ orgId: BRANCH_ID, orgName: encodeURIComponent('第一党支部') });
  mockRoute('GET /api/v1/members', { status: 200, body: { items: [A, B], total: 2, page: 1, pageSize: 100 } });
  mockRoute('GET /api/v1/study/offline-trainings', { status: 200, body: [] });
});

describe('OfflineTrainingPage (L1)', () => {
  it('records a training for all listed members with its hours', async () => {
    mockRoute('POST /api/v1/study/offline-trainings', {
      status: 201,
      body: { id: 'x', org: { id: BRANCH_ID, name: '第一党支部' }, title: '专题党课', date: '2020-05-04', hours: 3.5, memberCount: 2, createdAt: '' },
    });
    const { container } = render(<OfflineTrainingPage />);
    await screen.findByText('张伟');
    fireEvent.change(container.querySelector('input[name="trainingTitle"]')!, { target: { value: '专题党课' } });
    fireEvent.change(screen.getByLabelText('picker-date'), { target: { value: '2020-05-04' } });
    fireEvent.change(container.querySelector('input[name="hours"]')!, { target: { value: '3.5' } });
    fireEvent.click(screen.getByText('登记学时'));
    expect(await screen.findByText('请选择参加培训的党员')).toBeTruthy();
    fireEvent.click(screen.getByText('全选'));
    expect(screen.getByText('选择党员（已选 2 人）')).toBeTruthy();
    fireEvent.click(screen.getByText('登记学时'));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已为 2 人登记' })));
    expect(requests.find((r) => r.method === 'POST')?.data).toEqual({
      orgId: BRANCH_ID,
      title: '专题党课',
      date: '2020-05-04',
      hours: 3.5,
      memberIds: [A.id, B.id],
    });
  });
});
