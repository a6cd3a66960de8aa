import type pg from 'pg';
import { newToken, sha256 } from '../../src/auth/tokens.js';

export type Setup = { committeeId: string; branchId: string; adminToken: string; memberTokens: string[]; memberIds: string[]; userIds: string[] };

/**
 * A committee and a branch with `n` full members (surnamed, in order), the first `withSessions` (default
 * all) with an account and a session (`memberTokens[i]` is member i's); a secretary (`adminToken`).
 */
export async function createPeople(client: pg.Client, n: number, withSessions = n): Promise<Setup> {
  const tag = new Date().toISOString();
  await client.query('BEGIN');
  try {
    const { rows: c } = await client.query(`INSERT INTO organisation (name, kind) VALUES ($1, 'committee') RETURNING id`, [`基准测试党委 ${tag}`]);
    const committeeId = (c[0] as { id: string }).id;
    const { rows: b } = await client.query(`INSERT INTO organisation (parent_id, name, kind) VALUES ($1, '基准测试党支部', 'branch') RETURNING id`, [
      committeeId,
    ]);
    const branchId = (b[0] as { id: string }).id;
    const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
    const { rows: m } = await client.query(
      `INSERT INTO member (organisation_id, name, gender, ethnicity, birth_date, join_date, full_member_date, status)
       SELECT $1, substr($3, 1 + (i % 20), 1) || '党员' || i, 'female', '汉族', date '1990-01-01', date '2015-07-01', date '2016-07-01', 'full'
         FROM generate_series(1, $2) i ORDER BY i
       RETURNING id`,
      [branchId, n, surnames],
    );
    const memberIds = m.map((r) => (r as { id: string }).id);
    const { rows: u } = await client.query(
      `INSERT INTO user_account (display_name, member_id) SELECT '党员' || ord, id FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, ord) RETURNING id`,
      [memberIds.slice(0, withSessions)],
    );
    const userIds = u.map((r) => (r as { id: string }).id);
    const memberTokens = userIds.map(() => newToken('at'));
    await client.query(
      `INSERT INTO auth_session (user_id, access_hash, refresh_hash, access_expires_at, refresh_expires_at, method)
       SELECT x.u, x.h, x.r, now() + interval '1 day', now() + interval '1 day', 'bench' FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x(u, h, r)`,
      [userIds, memberTokens.map(sha256), memberTokens.map(() => sha256(newToken('rt')))],
    );
    const adminToken = newToken('at');
    const { rows: a } = await client.query(`INSERT INTO user_account (display_name) VALUES ('基准测试书记') RETURNING id`);
    const adminId = (a[0] as { id: string }).id;
    await client.query(`INSERT INTO role_assignment (user_id, role, organisation_id) VALUES ($1, 'secretary', $2)`, [adminId, branchId]);
    await client.query(
      `INSERT INTO auth_session (user_id, access_hash, refresh_hash, access_expires_at, refresh_expires_at, method)
       VALUES ($1, $2, $3, now() + interval '1 day', now() + interval '1 day', 'bench')`,
      [adminId, sha256(adminToken), sha256(newToken('rt'))],
    );
    await client.query('COMMIT');
    return { committeeId, branchId, adminToken, memberTokens, memberIds, userIds: [...userIds, adminId] };
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

/** Removes what the run created (the audit log keeps its entries: it is append-only). */
export async function removePeople(client: pg.Client, s: Setup) {
  await client.query('BEGIN');
  await client.query(`DELETE FROM election WHERE organisation_id = $1`, [s.branchId]);
  await client.query(`DELETE FROM meeting_checkin WHERE meeting_id IN (SELECT id FROM meeting WHERE organisation_id = $1)`, [s.branchId]);
  await client.query(`DELETE FROM meeting WHERE organisation_id = $1`, [s.branchId]);
  await client.query(`DELETE FROM user_account WHERE id = ANY($1::uuid[])`, [s.userIds]);
  await client.query(`DELETE FROM member WHERE organisation_id = $1`, [s.branchId]);
  await client.query(`DELETE FROM organisation WHERE id = $1`, [s.branchId]);
  await client.query(`DELETE FROM organisation WHERE id = $1`, [s.committeeId]);
  await client.query('COMMIT');
}
