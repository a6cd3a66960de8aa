import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Refresh-token reuse detection: the refresh tokens each session has rotated away (auth_refresh_rotated). */
export class RefreshReuse1795330002000 implements MigrationInterface {
  name = 'RefreshReuse1795330002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "auth_refresh_rotated" ("refresh_hash" character(64) NOT NULL, "session_id" uuid NOT NULL, "rotated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_28e050f6790eabc8656a5fe3cba" PRIMARY KEY ("refresh_hash"))`,
    );
    await q.query(`CREATE INDEX "IDX_auth_refresh_rotated_session" ON "auth_refresh_rotated"  ("session_id") `);
    await q.query(
      `ALTER TABLE "auth_refresh_rotated" ADD CONSTRAINT "FK_c94cb4ebc4650279130ba80d4b1" FOREIGN KEY ("session_id") REFERENCES "auth_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "auth_refresh_rotated"`);
  }
}
