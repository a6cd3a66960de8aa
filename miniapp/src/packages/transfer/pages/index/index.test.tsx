import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { saveTokens } from '@/api/session';
import { memberMe, secretaryMe } from '@test/fixtures';
import { TRANSFER_ID, transferItem } from '@test/transfer-fixtures';
import { mockRoute } from '@test/mocks/taro';
import TransferIndexPage from './index';

beforeEach(() => saveTokens({ accessToken: 'a', refreshToken: 'r' }));

describe('TransferIndexPage', () => {
  it('offers applying when nothing is open (T7), with past transfers below', async () => {
    mockRoute('GET /api/v1/auth/me', { status: 200, body: memberMe });
    mockRoute('GET /api/v1/transfers/mine', {
      status: 200,
      body: { items: [transferItem({ state: 'withdrawn', stateLabel: '已撤回', awaitingLabel: null })], total: 1, page: 1, pageSize: 50 },
    });
    render(<TransferIndexPage />);
    fireEvent.click(await screen.findByText('申请转接组织关系'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/transfer/pages/apply/index' });
    expect(screen.getByText('历史记录')).toBeTruthy();
    expect(screen.queryByText('转接办理')).toBeNull();
  });

  it('shows the open transfer instead of applying, and the desk of a secretary', async () => {
    mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
    mockRoute('GET /api/v1/transfers/mine', { status: 200, body: { items: [transferItem()], total: 1, page: 1, pageSize: 50 } });
    render(<TransferIndexPage />);
    fireEvent.click(await screen.findByText('待转出党支部办理'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/transfer/pages/detail/index?id=${TRANSFER_ID}` });
    expect(screen.queryByText('申请转接组织关系')).toBeNull();
    expect(screen.getByText('转接办理')).toBeTruthy();
  });
});
