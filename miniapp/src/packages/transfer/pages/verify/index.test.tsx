import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { LetterVerifyResult } from '@dangjian/shared';
import { TRANSFER_ID } from '@test/transfer-fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import VerifyLetterPage from './index';

const SIG = '0123456789abcdef0123';
const genuine: LetterVerifyResult = {
  genuine: true,
  status: 'valid',
  statusLabel: '有效',
  letter: {
    number: '〔2026〕第0001号',
    kindLabel: '系统内转接',
    memberName: '李*',
    fromOrgName: '第一党支部',
    toOrgName: '数字经济产业园联合党委',
    issuedOn: '2026-11-21',
    validUntil: '2026-12-20',
    issuingCommittee: '园区联合党委',
  },
};

describe('VerifyLetterPage', () => {
  it('checks a pasted QR link without a session and shows the letter to compare with the paper (T4)', async () => {
    mockRoute('GET /api/v1/transfers/letters/verify', { status: 200, body: genuine });
    render(<VerifyLetterPage />);
    fireEvent.change(screen.getByPlaceholderText('粘贴介绍信二维码链接'), {
      target: { value: `https://dj.example.cn/api/v1/transfers/letters/verify?id=${TRANSFER_ID}&sig=${SIG}` },
    });
    fireEvent.click(screen.getByText('查验'));
    expect(await screen.findByText('〔2026〕第0001号')).toBeTruthy();
    expect(screen.getByText('有效')).toBeTruthy();
    const call = requests.find((r) => r.path === '/api/v1/transfers/letters/verify');
    expect([call?.query.get('id'), call?.query.get('sig'), call?.header.Authorization]).toEqual([TRANSFER_ID, SIG, undefined]);
  });

  it('checks at once when opened from the QR’s own link, and says when a letter is not genuine', async () => {
    setRouterParams({ id: TRANSFER_ID, sig: SIG });
    mockRoute('GET /api/v1/transfers/letters/verify', { status: 200, body: { genuine: false, status: null, statusLabel: '无效', letter: null } });
    render(<VerifyLetterPage />);
    expect(await screen.findByText('非本平台开具')).toBeTruthy();
    expect(screen.getByText(/可能是伪造或已被改动/)).toBeTruthy();
  });

  it('scans with the platform scanner and refuses text that names no letter', async () => {
    Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });
    render(<VerifyLetterPage />);
    fireEvent.click(screen.getByText('扫描二维码'));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '当前浏览器不支持摄像头扫码，请在微信中打开' })));
    fireEvent.change(screen.getByPlaceholderText('粘贴介绍信二维码链接'), { target: { value: 'https://example.com/' } });
    fireEvent.click(screen.getByText('查验'));
    expect(await screen.findByText('无法识别：请扫描介绍信上的二维码，或粘贴二维码中的链接')).toBeTruthy();
    expect(requests).toHaveLength(0);
  });
});
