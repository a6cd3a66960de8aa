import { distanceMeters } from '@dangjian/shared';
import { wgs84ToGcj02 } from './geo';

describe(wgs84ToGcj02.name, () => {
  it('shifts a position in China by the published offset (a few hundred metres)', () => {
    // Tiananmen: WGS-84 39.90734, 116.39089 → GCJ-02 about 39.90874, 116.39713.
    const g = wgs84ToGcj02(39.90734, 116.39089);
    expect(g.lat).toBeCloseTo(39.90874, 3);
    expect(g.lng).toBeCloseTo(116.39713, 3);
    const d = distanceMeters({ lat: 39.90734, lng: 116.39089 }, g);
    expect(d).toBeGreaterThan(300);
    expect(d).toBeLessThan(800);
  });

  it('leaves positions outside China alone', () => {
    expect(wgs84ToGcj02(48.8584, 2.2945)).toEqual({ lat: 48.8584, lng: 2.2945 });
  });
});
