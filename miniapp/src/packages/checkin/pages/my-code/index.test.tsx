import Taro from '@tarojs/taro';
import { act, render, screen } from '@testing-library/react';
import type { MemberCheckinCode } from '@dangjian/shared';
import { memberCheckinCode } from '@dangjian/shared';
import { saveTokens } from '@/api/session';
import { memberMe } from '@test/fixtures';
import { mockRoute } from '@test/mocks/taro';
import MyCodePage from './index';

const SECRET = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const code = (c: string): MemberCheckinCode => ({
  memberId: memberMe.memberId ?? '',
  name: '李明',
  code: c,
  content: `DJM1.x.${c}`,
  svg: '<svg xmlns="http://www.w3.org/2000/svg"/>',
  step: 1,
  periodSeconds: 30,
  digits: 8,
  expiresInMs: 20_000,
  secret: SECRET,
  algorithm: 'HMAC-SHA-256',
});

beforeEach(() => saveTokens({ accessToken: 'a', refreshToken: 'r' }));
afterEach(() => jest.useRealTimers());

describe('MyCodePage (reverse mode)', () => {
  it('shows the personal code as QR and digits, and rotates it when it expires', async () => {
    jest.useFakeTimers();
    let next = '12345678';
    mockRoute('GET /api/v1/members/me/checkin-code', () => ({ status: 200, body: code(next) }));
    const { container } = render(<MyCodePage />);
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0);
    });
    expect(screen.getByText('1234 5678')).toBeTruthy();
    expect(container.querySelector('img')?.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);

    next = '87654321';
    await act(async () => {
      await jest.advanceTimersByTimeAsync(20_300);
    });
    expect(screen.getByText('8765 4321')).toBeTruthy();
  });

  it('computes the same code on the phone when the network is gone', async () => {
    Taro.setStorageSync('dj.memberCodeSecret', { memberId: memberMe.memberId, name: '李明', secret: SECRET });
    mockRoute('GET /api/v1/members/me/checkin-code', 'network-error');
    render(<MyCodePage />);
    await act(async () => new Promise((r) => setTimeout(r, 0)));

    const expected = memberCheckinCode(memberMe.memberId ?? '', SECRET, Date.now()).code;
    expect(screen.getByText(`${expected.slice(0, 4)} ${expected.slice(4)}`)).toBeTruthy();
    expect(screen.getByText('网络不可用，二维码暂不能显示')).toBeTruthy();
  });

  it('explains a failure when there is no code to fall back on', async () => {
    mockRoute('GET /api/v1/members/me/checkin-code', { status: 403, body: { code: 'CHECKIN_NOT_A_MEMBER', message: '当前账号未关联党员信息，不能签到' } });
    render(<MyCodePage />);
    expect(await screen.findByText('当前账号未关联党员信息，不能签到')).toBeTruthy();
  });
});
