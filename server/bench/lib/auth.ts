import pg from 'pg';
import { newToken, sha256 } from '../../src/auth/tokens.js';

/**
 * A platform administrator (or another `role`) on `rootOrgId` with a fresh session, written straight
 * to the database (the sign-in flow is not what is measured). Returns the bearer token.
 */
export async function adminToken(databaseUrl: string, rootOrgId: string, role = 'platform_admin'): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const token = newToken('at');
    const { rows } = await client.query(`INSERT INTO user_account (display_name) VALUES ('基准测试管理员') RETURNING id`);
    const userId = (rows[0] as { id: string }).id;
    await client.query(`INSERT INTO role_assignment (user_id, role, organisation_id) VALUES ($1, $3, $2)`, [userId, rootOrgId, role]);
    await client.query(
      `INSERT INTO auth_session (user_id, access_hash, refresh_hash, access_expires_at, refresh_expires_at, method)
       VALUES ($1, $2, $3, now() + interval '1 day', now() + interval '1 day', 'bench')`,
      [userId, sha256(token), sha256(newToken('rt'))],
    );
    return token;
  } finally {
    await client.end();
  }
}
