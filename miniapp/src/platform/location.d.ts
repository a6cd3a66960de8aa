import type { GeoLocation } from '@dangjian/shared';

/**
 * The device's position in GCJ-02 (see utils/geo.ts); rejects with a `LocationError`.
 * weapp: Taro.getLocation (type 'gcj02'); H5: navigator.geolocation, converted from WGS-84.
 */
export declare function getLocation(opts?: { timeoutMs?: number }): Promise<GeoLocation>;
