// The PostgreSQL versions this server runs on, apart from the data source (TypeORM, every entity and
// migration) so that the start can name the error before it has loaded those (main.ts).

/** PostgreSQL major versions the migrations and queries are tested on (CI: 18 embedded, 15 on the machine). */
export const SUPPORTED_PG_MAJORS = { min: 15, max: 18 } as const;

export class UnsupportedPostgresError extends Error {}

/** Throws a clear message unless `versionNum` (`server_version_num`, e.g. 150004) is a supported major. */
export function assertSupportedPostgres(versionNum: number, version = String(versionNum)): void {
  const major = Math.floor(versionNum / 10_000);
  if (major < SUPPORTED_PG_MAJORS.min || major > SUPPORTED_PG_MAJORS.max) {
    throw new UnsupportedPostgresError(
      `不支持的 PostgreSQL 版本 ${version}：智慧党建支持 PostgreSQL ${SUPPORTED_PG_MAJORS.min}–${SUPPORTED_PG_MAJORS.max} ` +
        `(unsupported PostgreSQL ${version}; supported majors ${SUPPORTED_PG_MAJORS.min} to ${SUPPORTED_PG_MAJORS.max}). 请升级或更换数据库后再启动。`,
    );
  }
}
