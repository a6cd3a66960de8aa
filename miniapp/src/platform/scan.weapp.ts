import Taro from '@tarojs/taro';
import { ScanError } from './scan.types';

export async function scanQrCode(): Promise<string | null> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return res.result;
  } catch (e) {
    const errMsg = typeof e === 'object' && e !== null && 'errMsg' in e ? String(e.errMsg) : '';
    if (errMsg.includes('cancel')) return null;
    throw new ScanError('无法打开扫码，请检查相机权限');
  }
}
