import Taro from '@tarojs/taro';
import type { GeoLocation } from '@dangjian/shared';
import { LOCATION_TIMEOUT_MS, LocationError } from './location.types';

export async function getLocation(opts: { timeoutMs?: number } = {}): Promise<GeoLocation> {
  const timeoutMs = opts.timeoutMs ?? LOCATION_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LocationError('定位超时，请到信号较好的地方重试')), timeoutMs);
  });
  try {
    const res = await Promise.race([Taro.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: Math.min(timeoutMs, 5000) }), timeout]);
    return { lat: res.latitude, lng: res.longitude, accuracyM: res.accuracy };
  } catch (e) {
    if (e instanceof LocationError) throw e;
    const errMsg = typeof e === 'object' && e !== null && 'errMsg' in e ? String(e.errMsg) : '';
    if (errMsg.includes('auth')) throw new LocationError('未授权获取位置：请在设置中允许小程序使用位置信息');
    throw new LocationError('无法获取位置，请打开手机定位后重试');
  } finally {
    clearTimeout(timer);
  }
}
