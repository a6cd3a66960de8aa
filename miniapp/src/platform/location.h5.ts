import type { GeoLocation } from '@dangjian/shared';
import { wgs84ToGcj02 } from '@/utils/geo';
import { LOCATION_TIMEOUT_MS, LocationError } from './location.types';

export function getLocation(opts: { timeoutMs?: number } = {}): Promise<GeoLocation> {
  const timeoutMs = opts.timeoutMs ?? LOCATION_TIMEOUT_MS;
  if (typeof navigator === 'undefined' || !navigator.geolocation) {
    return Promise.reject(new LocationError('当前浏览器不支持定位，请在微信中打开'));
  }
  return new Promise<GeoLocation>((resolve, reject) => {
    // The browser's own timeout does not count the time the permission prompt stays open.
    const timer = setTimeout(() => reject(new LocationError('定位超时，请允许浏览器获取位置后重试')), timeoutMs);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        clearTimeout(timer);
        const { lat, lng } = wgs84ToGcj02(pos.coords.latitude, pos.coords.longitude);
        resolve({ lat, lng, accuracyM: pos.coords.accuracy });
      },
      (err) => {
        clearTimeout(timer);
        reject(new LocationError(err.code === err.PERMISSION_DENIED ? '未授权获取位置：请允许浏览器使用位置信息' : '无法获取位置，请打开手机定位后重试'));
      },
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 30_000 },
    );
  });
}
