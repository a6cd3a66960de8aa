import Taro from '@tarojs/taro';
import { scanQrCode } from './scan.weapp';
import { ScanError } from './scan.types';

const scanCode = Taro.scanCode as unknown as jest.Mock;

describe('scanQrCode (weapp)', () => {
  it('returns the scanned text', async () => {
    scanCode.mockResolvedValueOnce({ result: 'checkin:abc', errMsg: 'scanCode:ok' });
    await expect(scanQrCode()).resolves.toBe('checkin:abc');
    expect(scanCode).toHaveBeenCalledWith({ onlyFromCamera: true, scanType: ['qrCode'] });
  });

  it('answers null when the person cancels', async () => {
    scanCode.mockRejectedValueOnce({ errMsg: 'scanCode:fail cancel' });
    await expect(scanQrCode()).resolves.toBeNull();
  });

  it('explains other failures', async () => {
    scanCode.mockRejectedValueOnce({ errMsg: 'scanCode:fail auth deny' });
    await expect(scanQrCode()).rejects.toBeInstanceOf(ScanError);
  });
});
