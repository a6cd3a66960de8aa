import { assertSupportedPostgres, UnsupportedPostgresError } from './pg-version.js';

describe('supported PostgreSQL versions (15–18)', () => {
  it('accepts 15, 16, 17 and 18', () => {
    for (const v of [150004, 160010, 170006, 180004]) expect(() => assertSupportedPostgres(v)).not.toThrow();
  });
  it('refuses 14 and 19 with a clear bilingual message naming the version', () => {
    expect(() => assertSupportedPostgres(140011, '14.11')).toThrow(UnsupportedPostgresError);
    expect(() => assertSupportedPostgres(140011, '14.11')).toThrow(/不支持的 PostgreSQL 版本 14\.11.*15–18/);
    expect(() => assertSupportedPostgres(190000, '19devel')).toThrow(/unsupported PostgreSQL 19devel/);
  });
});
