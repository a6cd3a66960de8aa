import { readFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { KnowledgeImportSchema, OrgKind, PasswordSchema, UsernameSchema, type KnowledgeImport } from '@dangjian/shared';
import { dataSourceOptions } from '../db/data-source.js';
import { ENTITIES } from '../db/entities.js';
import { PasswordHasher } from '../auth/password.js';
import { PhoneCipher, SensitiveCipher } from '../common/sensitive-cipher.js';
import { parseKnowledgeMarkdown } from '../knowledge/knowledge-import.js';
import { importKnowledge, type ImportResult } from '../knowledge/knowledge-import.repository.js';
import { STARTER_QA } from '../knowledge/starter-qa.js';

/** A refusal the operator can act on; the CLI prints the message and exits 1. */
export class AdminCommandError extends Error {}

/** Serialises concurrent runs of the install commands (two terminals, a retried deploy script). */
const INSTALL_LOCK = 7_953_300_011;

async function withDb<T>(url: string, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

export type InitInput = { orgName: string; orgKind: string; username: string; displayName: string; password: string };

/**
 * First install: the platform administrator and the root organisation, in one transaction under an
 * advisory lock. Runs once: when a real (non-demo) platform administrator exists the command refuses —
 * unless it is the same administrator and root organisation (a retry of a run whose answer was lost),
 * which is answered "already done" and changes nothing.
 */
export async function initInstall(url: string, input: InitInput): Promise<{ created: boolean; username: string; orgName: string }> {
  const username = UsernameSchema.safeParse(input.username);
  if (!username.success) throw new AdminCommandError(`用户名无效：${username.error.issues[0]?.message ?? ''}`);
  const password = PasswordSchema.safeParse(input.password);
  if (!password.success) throw new AdminCommandError(`密码不符合要求：${password.error.issues[0]?.message ?? ''}`);
  const kind = OrgKind.safeParse(input.orgKind);
  if (!kind.success || kind.data === 'group') throw new AdminCommandError('根组织类型须为 committee（党委）、general_branch（党总支）或 branch（党支部）');
  const orgName = input.orgName.trim();
  const displayName = input.displayName.trim();
  if (!orgName || orgName.length > 100 || orgName.includes('\u0000')) throw new AdminCommandError('根组织名称须为 1–100 个字符');
  if (!displayName || displayName.length > 50 || displayName.includes('\u0000')) throw new AdminCommandError('姓名须为 1–50 个字符');
  const hash = await new PasswordHasher().hash(password.data);

  return withDb(url, (ds) =>
    ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [INSTALL_LOCK]);
      const existing: Array<{ username: string | null; org_name: string }> = await m.query(
        `SELECT u.username, o.name AS org_name FROM role_assignment r JOIN user_account u ON u.id = r.user_id
           JOIN organisation o ON o.id = r.organisation_id
          WHERE r.role = 'platform_admin' AND NOT u.is_demo ORDER BY r.created_at LIMIT 1`,
      );
      if (existing[0]) {
        if (existing[0].username === username.data && existing[0].org_name === orgName) {
          return { created: false, username: username.data, orgName };
        }
        throw new AdminCommandError(
          `已经初始化过（平台管理员 ${existing[0].username ?? '(无用户名)'}，根组织「${existing[0].org_name}」），拒绝再次执行。其他管理员请在 H5 管理端添加。`,
        );
      }
      const demo: Array<{ n: number }> = await m.query(`SELECT count(*)::int AS n FROM user_account WHERE is_demo`);
      if (demo[0]!.n > 0) throw new AdminCommandError('数据库中还有演示数据：请先运行 admin demo-remove --yes 删除演示园区，再初始化。');
      const taken: unknown[] = await m.query('SELECT 1 FROM user_account WHERE username = $1', [username.data]);
      if (taken.length) throw new AdminCommandError(`用户名 ${username.data} 已被使用`);
      const [org] = await m.query<Array<{ id: string; path: string }>>(
        `INSERT INTO organisation (name, kind) VALUES ($1, $2) RETURNING id, path::text AS path`,
        [orgName, kind.data],
      );
      const [user] = await m.query<Array<{ id: string }>>(`INSERT INTO user_account (username, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id`, [
        username.data,
        displayName,
        hash,
      ]);
      await m.query(`INSERT INTO role_assignment (user_id, role, organisation_id) VALUES ($1, 'platform_admin', $2)`, [user!.id, org!.id]);
      await m.query(
        `INSERT INTO audit_log (actor_user_id, actor_name, action, object_type, object_id, org_path, details)
         VALUES (NULL, 'admin init', 'install.init', 'organisation', $1, $2::ltree, $3)`,
        [org!.id, org!.path, JSON.stringify({ username: username.data, orgName, kind: kind.data })],
      );
      return { created: true, username: username.data, orgName };
    }),
  );
}

/**
 * Removes the demo park: every application table is emptied (the demo park is all the data a demo
 * install has). Refused when real accounts exist beside the demo ones (use --force only when you know
 * the whole database may go). The audit log's no-truncate trigger is lifted for this one statement.
 */
export async function removeDemo(url: string, opts: { force: boolean }): Promise<{ removed: boolean; tables: number }> {
  return withDb(url, (ds) =>
    ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [INSTALL_LOCK]);
      const counts = await m.query<Array<{ demo: number; real: number }>>(
        `SELECT count(*) FILTER (WHERE is_demo)::int AS demo, count(*) FILTER (WHERE NOT is_demo)::int AS real FROM user_account`,
      );
      const { demo, real } = counts[0]!;
      if (demo === 0 && !opts.force) return { removed: false, tables: 0 };
      if (real > 0 && !opts.force) {
        throw new AdminCommandError(`数据库中除演示账号外还有 ${real} 个真实账号，拒绝删除。确认整库数据都可删除时加 --force。`);
      }
      const tables = [...new Set(ENTITIES.map((e) => ds.getMetadata(e).tableName))];
      await m.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await m.query(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} CASCADE`);
      await m.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
      return { removed: true, tables: tables.length };
    }),
  );
}

/** Every sealed column (M4): its ciphertext, its blind index where it has one, and what to call it in a refusal. */
const SEALED: Array<{ table: string; enc: string; hash?: string; kind: 'nationalId' | 'phone'; label: string }> = [
  { table: 'member', enc: 'national_id_enc', hash: 'national_id_hash', kind: 'nationalId', label: '党员的身份证号' },
  { table: 'member', enc: 'phone_enc', hash: 'phone_hash', kind: 'phone', label: '党员的手机号' },
  { table: 'development_record', enc: 'national_id_enc', hash: 'person_key', kind: 'nationalId', label: '入党申请人的身份证号' },
  { table: 'development_record', enc: 'phone_enc', kind: 'phone', label: '入党申请人的手机号' },
  { table: 'transfer', enc: 'member_phone_enc', kind: 'phone', label: '组织关系转接的联系电话' },
  { table: 'member_profile_correction', enc: 'phone_enc', kind: 'phone', label: '档案更正申请的新手机号' },
];

/**
 * Re-encrypts the M4 data (national IDs and phone numbers: ciphertext and blind index) from the old
 * DATA_KEY to the new one, in one transaction. Values that already open with the new key are left
 * alone, so a run that was interrupted (rolled back) or repeated is safe.
 */
export async function rotateDataKey(url: string, oldKey: Buffer, newKey: Buffer): Promise<{ reencrypted: number; alreadyNew: number }> {
  if (oldKey.length !== 32) throw new AdminCommandError('DATA_KEY_OLD 须为 32 字节的 base64');
  const ciphers = {
    nationalId: { from: new SensitiveCipher(oldKey), to: new SensitiveCipher(newKey) },
    phone: { from: new PhoneCipher(oldKey), to: new PhoneCipher(newKey) },
  };
  return withDb(url, (ds) =>
    ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [INSTALL_LOCK]);
      let reencrypted = 0;
      let alreadyNew = 0;
      for (const c of SEALED) {
        const { from, to } = ciphers[c.kind];
        const rows = await m.query<Array<{ id: string; enc: string }>>(`SELECT id, ${c.enc} AS enc FROM ${c.table} WHERE ${c.enc} IS NOT NULL FOR UPDATE`);
        for (const r of rows) {
          try {
            to.decrypt(r.enc);
            alreadyNew++;
            continue;
          } catch {
            // not under the new key yet
          }
          let plain: string;
          try {
            plain = from.decrypt(r.enc);
          } catch {
            throw new AdminCommandError(`${c.label}（${c.table} ${r.id}）无法用旧密钥或新密钥解密：请确认 DATA_KEY_OLD 正确。未做任何更改。`);
          }
          await m.query(`UPDATE ${c.table} SET ${c.enc} = $2${c.hash ? `, ${c.hash} = $3` : ''} WHERE id = $1`, [
            r.id,
            to.encrypt(plain),
            ...(c.hash ? [to.blindIndex(plain)] : []),
          ]);
          reencrypted++;
        }
      }
      return { reencrypted, alreadyNew };
    }),
  );
}

/**
 * 党建知识 import (docs/operations.md): regulations from a JSON file (KnowledgeImportSchema) or one
 * regulation in the markdown form, and/or the platform's starter Q&A; in one transaction. Q&A go to
 * the root organisation (the first created), so the whole platform sees them.
 */
export async function importKnowledgeFile(url: string, file: string | null, starterQa: boolean): Promise<ImportResult> {
  let data: KnowledgeImport = { collections: [], qa: [] };
  if (file) {
    const text = await readFile(file, 'utf8');
    try {
      data = /\.(md|markdown|txt)$/i.test(file) ? parseKnowledgeMarkdown(text) : KnowledgeImportSchema.parse(JSON.parse(text));
    } catch (e) {
      const detail = e instanceof z.ZodError ? z.prettifyError(e) : e instanceof Error ? e.message : String(e);
      throw new AdminCommandError(`文件 ${file} 的格式不对：\n${detail}`);
    }
  }
  if (starterQa) data = { ...data, qa: [...data.qa, ...STARTER_QA] };
  return withDb(url, (ds) =>
    ds.transaction(async (m) => {
      const [root] = await m.query<Array<{ id: string }>>(`SELECT id FROM organisation WHERE parent_id IS NULL ORDER BY created_at, id LIMIT 1`);
      try {
        return await importKnowledge(m, data, root?.id ?? null);
      } catch (e) {
        if (e instanceof Error && !('code' in e)) throw new AdminCommandError(e.message);
        throw e;
      }
    }),
  );
}
