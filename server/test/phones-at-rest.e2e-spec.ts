import { DataSource } from 'typeorm';
import { PhoneCipher } from '../src/common/sensitive-cipher.js';
import { dataSourceOptions } from '../src/db/data-source.js';
import { lendDataKey } from '../src/db/migration-keys.js';
import { PhonesAtRest1795336000000 } from '../src/db/migrations/1795336000000-phones-at-rest.js';
import { createTestApp, type TestApp } from './utils/app.js';
import { createTestDatabase } from './utils/db.js';
import { Fixtures } from './utils/fixtures.js';
import { nationalId } from './utils/member-helpers.js';

const PHONE = '13712345678';

/**
 * M4 for phone numbers: stored encrypted with a blind index and a masked form, never in plain;
 * found by the blind index; masked in answers unless the caller may see them, that read audited;
 * and the migration that sealed the numbers stored in plain before.
 */
describe('phone numbers at rest (M4)', () => {
  let t: TestApp;
  let fx: Fixtures;
  let tree: Awaited<ReturnType<Fixtures['tree']>>;
  let secA: string;
  let secB: string;
  let plain: { token: string; memberId: string };
  let memberId: string;

  beforeAll(async () => {
    t = await createTestApp();
    fx = new Fixtures(t.ds, t.app);
    tree = await fx.tree();
    secA = (await fx.user({ positions: [{ position: 'secretary', orgId: tree.branchA.id }] })).token;
    secB = (await fx.user({ positions: [{ position: 'secretary', orgId: tree.branchB.id }] })).token;
    const p = await fx.user({ memberOrgId: tree.branchA.id });
    plain = { token: p.token, memberId: p.memberId! };
    const created = await t.call('POST', '/members', {
      token: secA,
      body: {
        orgId: tree.branchA.id,
        name: '周电话',
        gender: 'male',
        ethnicity: '汉族',
        birthDate: '1990-03-15',
        nationalId: nationalId('1990-03-15', 'male'),
        phone: PHONE,
        joinDate: '2015-07-01',
        status: 'full',
        fullMemberDate: '2016-07-01',
      },
    });
    expect(created.status).toBe(201);
    memberId = created.body.id;
  });
  afterAll(() => t.close());

  it('stores ciphertext, blind index and masked form, and no plaintext column is left', async () => {
    const [row] = await t.ds.query(`SELECT phone_enc, phone_hash, phone_masked, row_to_json(m)::text AS everything FROM member m WHERE id = $1`, [memberId]);
    expect(row.everything).not.toContain(PHONE);
    expect(row.phone_enc.split('.')).toHaveLength(3);
    const cipher = t.app.get(PhoneCipher);
    expect(cipher.decrypt(row.phone_enc)).toBe(PHONE);
    expect(row.phone_hash).toBe(cipher.blindIndex(PHONE));
    expect(row.phone_masked).toBe('137****5678');
    const plainColumns = await t.ds.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND (column_name IN ('phone', 'member_phone', 'mobile'))`,
    );
    expect(plainColumns).toEqual([]);
  });

  it('finds the member by phone through the blind index, written with spaces too, only inside the scope', async () => {
    const list = (q: string, token = secA, orgId = tree.branchA.id) => t.call('GET', `/members?orgId=${orgId}&q=${encodeURIComponent(q)}`, { token });
    for (const q of [PHONE, '137 1234 5678', '+86 137-1234-5678']) {
      const res = await list(q);
      expect(res.status).toBe(200);
      expect(res.body.items.map((m: { id: string }) => m.id)).toEqual([memberId]);
      expect(res.body.items[0].phone).toBe('137****5678');
    }
    expect((await list('13712345679')).body.items).toEqual([]);
    expect((await list(PHONE, secB, tree.branchB.id)).body.items).toEqual([]);
  });

  it('masks the phone for a plain member reading their own record and for the secretary by default', async () => {
    const own = await t.call('GET', '/members/me', { token: plain.token });
    expect(own.status).toBe(200);
    expect(own.body.phone).toMatch(/^139\*{4}\d{4}$/);
    expect((await t.call('GET', `/members/${plain.memberId}?unmask=true`, { token: plain.token })).status).toBe(403);
    const masked = await t.call('GET', `/members/${memberId}`, { token: secA });
    expect(masked.body).toMatchObject({ phone: '137****5678', sensitiveUnmasked: false });
  });

  it('unmasks for the secretary (member.readSensitive) and audits the read without the number', async () => {
    const res = await t.call('GET', `/members/${memberId}?unmask=true`, { token: secA });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ phone: PHONE, sensitiveUnmasked: true });
    const rows = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'member.sensitive.read' AND object_id = $1`, [memberId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].details.fields).toContain('phone');
    expect(JSON.stringify(rows)).not.toContain(PHONE);
  });

  it('re-seals a changed phone and clears all three columns when it is removed', async () => {
    const changed = await t.call('PATCH', `/members/${memberId}`, { token: secA, body: { phone: '13800001111' } });
    expect(changed.status).toBe(200);
    expect(changed.body.phone).toBe('138****1111');
    expect((await t.call('GET', `/members?orgId=${tree.branchA.id}&q=13800001111`, { token: secA })).body.items).toHaveLength(1);
    expect((await t.call('GET', `/members?orgId=${tree.branchA.id}&q=${PHONE}`, { token: secA })).body.items).toHaveLength(0);
    const cleared = await t.call('PATCH', `/members/${memberId}`, { token: secA, body: { phone: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.body.phone).toBeNull();
    const [row] = await t.ds.query(`SELECT phone_enc, phone_hash, phone_masked FROM member WHERE id = $1`, [memberId]);
    expect(row).toEqual({ phone_enc: null, phone_hash: null, phone_masked: null });
  });
});

describe('migration PhonesAtRest1795336000000 on plaintext rows', () => {
  const key = Buffer.alloc(32, 5);
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  const migration = new PhonesAtRest1795336000000();

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(dataSourceOptions(db.url, 2));
    await ds.initialize();
    lendDataKey(ds, key);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  /** The schema as it was before the migration, with a member, a transfer and its letter, and an applicant, all with plain numbers. */
  async function plainRows() {
    const qr = ds.createQueryRunner();
    try {
      await migration.down(qr);
    } finally {
      await qr.release();
    }
    const [org] = await ds.query(`INSERT INTO organisation (name, kind) VALUES ('甲党支部', 'branch') RETURNING id`);
    const [member] = await ds.query(
      `INSERT INTO member (organisation_id, name, gender, ethnicity, birth_date, join_date, status, phone)
       VALUES ($1, '张三', 'male', '汉族', '1990-01-01', '2015-07-01', 'full', '13500001111') RETURNING id`,
      [org.id],
    );
    await ds.query(
      `INSERT INTO member (organisation_id, name, gender, ethnicity, birth_date, join_date, status, phone)
       VALUES ($1, '李四', 'female', '汉族', '1991-01-01', '2016-07-01', 'full', NULL)`,
      [org.id],
    );
    const [transfer] = await ds.query(
      `INSERT INTO transfer (kind, state, member_id, member_name, started_by, from_org_name, to_org_name, member_phone)
       VALUES ('outbound', 'letter_issued', $1, '张三', 'branch', '甲党支部', '外单位党委', '13500002222') RETURNING id`,
      [member.id],
    );
    await ds.query(
      `INSERT INTO transfer_letter (transfer_id, committee_id, year, seq, number, issued_on, validity_days, valid_until, fields)
       VALUES ($1, $2, 2025, 1, '第1号', '2025-01-01', 30, '2025-01-31', '{"memberName": "张三", "memberPhone": "13500002222"}')`,
      [transfer.id, org.id],
    );
    const [dev] = await ds.query(
      `INSERT INTO development_record (organisation_id, name, gender, birth_date, ethnicity, national_id_enc, person_key, phone, state, rule_set, last_on, applied_on)
       VALUES ($1, '王五', 'male', '2000-01-01', '汉族', 'x', repeat('a', 64), '13500003333', 'applied', 'v1', '2025-01-01', '2025-01-01') RETURNING id`,
      [org.id],
    );
    return { memberId: member.id as string, transferId: transfer.id as string, devId: dev.id as string };
  }

  it('refuses without DATA_KEY when there are numbers to seal, leaving them in plain', async () => {
    const ids = await plainRows();
    const bare = new DataSource(dataSourceOptions(db.url, 1));
    await bare.initialize();
    const qr = bare.createQueryRunner();
    try {
      await qr.startTransaction();
      await expect(migration.up(qr)).rejects.toThrow(/DATA_KEY/);
      await qr.rollbackTransaction();
    } finally {
      await qr.release();
      await bare.destroy();
    }
    expect((await ds.query(`SELECT phone FROM member WHERE id = $1`, [ids.memberId]))[0].phone).toBe('13500001111');
    // Back to the migrated schema for the next test.
    const again = ds.createQueryRunner();
    await migration.up(again);
    await again.release();
    await ds.query(`DELETE FROM transfer_letter; DELETE FROM transfer; DELETE FROM development_record; DELETE FROM member; DELETE FROM organisation`);
  });

  it('seals every plaintext phone (member, transfer, letter, applicant) and drops the plaintext columns', async () => {
    const ids = await plainRows();
    const qr = ds.createQueryRunner();
    await migration.up(qr);
    await qr.release();
    const cipher = new PhoneCipher(key);
    const members = await ds.query(`SELECT id, phone_enc, phone_hash, phone_masked FROM member ORDER BY name`);
    expect(members).toHaveLength(2);
    const m = members.find((r: { id: string }) => r.id === ids.memberId);
    expect(cipher.decrypt(m.phone_enc)).toBe('13500001111');
    expect(m.phone_hash).toBe(cipher.blindIndex('13500001111'));
    expect(m.phone_masked).toBe('135****1111');
    expect(members.find((r: { id: string }) => r.id !== ids.memberId)).toMatchObject({ phone_enc: null, phone_hash: null, phone_masked: null });
    const [tr] = await ds.query(`SELECT member_phone_enc, member_phone_masked FROM transfer WHERE id = $1`, [ids.transferId]);
    expect(cipher.decrypt(tr.member_phone_enc)).toBe('13500002222');
    expect(tr.member_phone_masked).toBe('135****2222');
    const [letter] = await ds.query(`SELECT fields FROM transfer_letter WHERE transfer_id = $1`, [ids.transferId]);
    expect(letter.fields).toEqual({ memberName: '张三', memberPhoneMasked: '135****2222' });
    const [dev] = await ds.query(`SELECT phone_enc FROM development_record WHERE id = $1`, [ids.devId]);
    expect(cipher.decrypt(dev.phone_enc)).toBe('13500003333');
    const dump = await ds.query(
      `SELECT (SELECT string_agg(row_to_json(m)::text, '') FROM member m) || (SELECT string_agg(row_to_json(t)::text, '') FROM transfer t)
           || (SELECT string_agg(row_to_json(l)::text, '') FROM transfer_letter l) || (SELECT string_agg(row_to_json(d)::text, '') FROM development_record d) AS s`,
    );
    expect(dump[0].s).not.toMatch(/1350000\d{4}/);
  });
});
