import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { saveTokens } from '@/api/session';
import { TO_BRANCH_ID, TO_COMMITTEE_ID, TRANSFER_ID, transfer } from '@test/transfer-fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import RegisterInboundPage from './index';

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  setRouterParams({ orgId: TO_COMMITTEE_ID, orgName: '数字经济产业园联合党委' });
  mockRoute(`GET /api/v1/organisations/${TO_COMMITTEE_ID}`, { status: 200, body: { id: TO_COMMITTEE_ID, name: '数字经济产业园联合党委', kind: 'committee' } });
  mockRoute(`GET /api/v1/organisations/${TO_COMMITTEE_ID}/subtree`, {
    status: 200,
    body: { items: [{ id: TO_BRANCH_ID, name: '数智未来党支部', kind: 'branch' }], total: 1, page: 1, pageSize: 50 },
  });
});

describe('RegisterInboundPage', () => {
  it('registers a member arriving with a paper letter into a branch of the committee', async () => {
    mockRoute('POST /api/v1/transfers', { status: 201, body: transfer({ kind: 'inbound' }) });
    render(<RegisterInboundPage />);
    const type = (placeholderOrName: string, value: string) =>
      fireEvent.change(document.querySelector(`input[name="${placeholderOrName}"]`) as HTMLInputElement, { target: { value } });
    type('fromOrgName', '上海市某区某街道党工委');
    type('paperLetterNumber', '〔2026〕第0012号');
    type('name', '周华');
    const dates = screen.getAllByLabelText('picker-date');
    fireEvent.change(dates[0] as HTMLInputElement, { target: { value: '1990-03-07' } });
    fireEvent.change(dates[1] as HTMLInputElement, { target: { value: '2012-06-01' } });
    fireEvent.click(screen.getByText('登记转入', { selector: 'button' }));
    expect(await screen.findByText('请选择转入的党支部')).toBeTruthy();

    fireEvent.click(screen.getAllByText('请选择')[0] as HTMLElement);
    fireEvent.click(await screen.findByText('数智未来党支部'));
    fireEvent.click(screen.getByText('登记转入', { selector: 'button' }));
    expect(await screen.findByText('正式党员须填写转正日期')).toBeTruthy();
    fireEvent.change(screen.getAllByLabelText('picker-date')[2] as HTMLInputElement, { target: { value: '2013-06-01' } });
    fireEvent.click(screen.getByText('登记转入', { selector: 'button' }));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/packages/transfer/pages/detail/index?id=${TRANSFER_ID}` }));
    expect(requests.find((r) => r.method === 'POST')?.data).toMatchObject({
      kind: 'inbound',
      fromOrgName: '上海市某区某街道党工委',
      paperLetterNumber: '〔2026〕第0012号',
      member: { orgId: TO_BRANCH_ID, name: '周华', birthDate: '1990-03-07', joinDate: '2012-06-01', fullMemberDate: '2013-06-01', status: 'full' },
    });
  });
});

describe('RegisterInboundPage — not a committee', () => {
  it('says the receiving 基层党委 registers paper letters', async () => {
    mockRoute(`GET /api/v1/organisations/${TO_COMMITTEE_ID}`, { status: 200, body: { id: TO_COMMITTEE_ID, name: '数智未来党支部', kind: 'branch' } });
    render(<RegisterInboundPage />);
    expect(await screen.findByText('请由基层党委登记')).toBeTruthy();
    expect(screen.queryByText('登记转入', { selector: 'button' })).toBeNull();
  });
});
