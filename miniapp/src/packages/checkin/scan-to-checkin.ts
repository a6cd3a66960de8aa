import Taro from '@tarojs/taro';
import { tokenFromScan } from '@dangjian/shared';
import { scanQrCode } from '@/platform/scan';
import { scanPageUrl } from './routes';

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 });

/** Scans with the camera, then opens the one confirmation page with the token it read. */
export async function scanToCheckin(): Promise<void> {
  let text: string | null;
  try {
    text = await scanQrCode();
  } catch (e) {
    toast(e instanceof Error ? e.message : '无法打开扫码');
    return;
  }
  if (text === null) return;
  const token = tokenFromScan(text);
  if (!token) {
    toast('这不是会议签到二维码');
    return;
  }
  void Taro.navigateTo({ url: scanPageUrl(token) });
}
