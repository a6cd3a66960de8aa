import Taro from '@tarojs/taro';

/** Addresses of the check-in pages (the subpackage's own and those other pages link to). */
export const CHECKIN_HOME = '/packages/checkin/pages/index/index';
export const SCAN_PAGE = '/packages/checkin/pages/scan/index';
export const meetingPageUrl = (id: string) => `/packages/checkin/pages/meeting/index?id=${encodeURIComponent(id)}`;
export const scanPageUrl = (token: string) => `${SCAN_PAGE}?t=${encodeURIComponent(token)}`;
export const signInUrl = (redirect: string) => `/pages/sign-in/index?redirect=${encodeURIComponent(redirect)}`;

/** Back where the person came from; a page opened straight from a QR code has nothing behind it. */
export function leavePage(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.reLaunch({ url: '/pages/home/index' });
}
