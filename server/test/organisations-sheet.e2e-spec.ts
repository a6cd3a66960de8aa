import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEAD = ['组织名称', '组织类型', '上级组织', '联合党组织', '关联企业', '书记'];

async function sheet(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('组织架构');
  ws.addRow(HEAD);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function texts(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return out;
}

/** Issue 11: the organisation tree from a park's 摸排 spreadsheet — template, all-or-nothing import with a row report, export. */
describe('organisation tree import/export (.xlsx)', () => {
  let t: TestApp;
  let admin: string;
  let member: string;
  let rootId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const fx = new Fixtures(t.ds, t.app);
    const root = await fx.org({ name: '星河科技园党委', kind: 'committee' });
    rootId = root.id;
    const other = await fx.org({ name: '别的园区党委', kind: 'committee' });
    admin = (await fx.user({ roles: [{ role: 'org_worker', orgId: root.id }] })).token;
    member = (await fx.user({ memberOrgId: other.id })).token;
    await fx.member({ orgId: root.id, name: '王书记' });
  });
  afterAll(() => t.close());

  const count = async () => (await t.ds.query(`SELECT count(*)::int AS n FROM organisation`))[0].n as number;
  const upload = (file: Buffer, token = admin, q = '') =>
    t.call('POST', `/organisations/import${q}`, { token, payload: file, headers: { 'content-type': XLSX } });

  it('offers a template with the columns, drop-downs and a 说明 sheet', async () => {
    const res = await t.call('GET', '/organisations/import-template', { token: admin });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const rows = await texts(res.raw);
    expect(rows[0]).toEqual(['组织名称*', '组织类型*', '上级组织*', '联合党组织', '关联企业', '书记']);
    // The template, filled in only with its example rows, imports nothing (examples are skipped).
    expect((await upload(res.raw)).body).toMatchObject({ code: 'ORG_IMPORT_EMPTY' });
    expect((await t.call('GET', '/organisations/import-template', { token: member })).status).toBe(403);
  });

  it('refuses the whole file with a row-by-row report when any row is wrong, and changes nothing', async () => {
    const before = await count();
    const res = await upload(
      await sheet([
        ['星云科技党支部', '党支部', '星河科技园党委', '否', '星云科技有限公司', ''],
        ['', '党支部', '星河科技园党委', '', '', ''],
        ['研发党小组', '党小组', '星河科技园党委', '', '', ''],
        ['联合支部', '党支部', '星河科技园党委', '否', '一家公司、两家公司', ''],
        ['孤儿支部', '党支部', '不存在的党委', '', '', ''],
        ['星云科技党支部', '党支部', '星河科技园党委', '', '', ''],
        ['某支部', '支部', '星河科技园党委', '', '', '不存在的人'],
      ]),
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ ok: false, code: 'ORG_IMPORT_ROWS_INVALID', message: expect.stringContaining('未导入任何组织') });
    const where = (res.body.errors as Array<{ row: number; column: string }>).map((e) => `${e.row}:${e.column}`);
    expect(where).toEqual(expect.arrayContaining(['3:组织名称', '4:组织类型', '5:联合党组织', '6:上级组织', '7:组织名称', '8:组织类型']));
    expect(await count()).toBe(before);
    expect(await t.ds.query(`SELECT 1 FROM enterprise WHERE name = '星云科技有限公司'`)).toEqual([]);
  });

  it('imports a tree in any row order (parents from the file or the system), with enterprises and a secretary, audited; a dry run changes nothing', async () => {
    const file = await sheet([
      ['研发党小组', '党小组', '星云科技党支部', '', '', ''],
      ['星云科技党支部', '党支部', '星河科技园党委', '否', '星云科技有限公司', '王书记'],
      ['联合党支部', '党支部', '星河科技园党委', '是', '甲公司、乙公司', ''],
    ]);
    const before = await count();
    const dry = await upload(file, admin, '?dryRun=true');
    expect(dry.body).toEqual({ ok: true, dryRun: true, created: 3, enterprisesCreated: 3 });
    expect(await count()).toBe(before);
    const res = await upload(file);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, dryRun: false, created: 3, enterprisesCreated: 3 });
    const [group] = await t.ds.query(
      `SELECT g.kind, p.name AS parent FROM organisation g JOIN organisation p ON p.id = g.parent_id WHERE g.name = '研发党小组'`,
    );
    expect(group).toEqual({ kind: 'group', parent: '星云科技党支部' });
    const [sec] = await t.ds.query(
      `SELECT m.name FROM committee_position cp JOIN member m ON m.id = cp.member_id JOIN organisation o ON o.id = cp.organisation_id WHERE o.name = '星云科技党支部' AND cp.position = 'secretary'`,
    );
    expect(sec).toEqual({ name: '王书记' });
    expect(await t.ds.query(`SELECT action FROM audit_log WHERE action = 'organisation.import'`)).toHaveLength(1);
    // The same file again: every name exists now.
    const again = await upload(file);
    expect(again.status).toBe(422);
    expect(again.body.errors[0].message).toContain('已有同名组织');
  });

  it('exports the tree in the import columns, within the caller’s scope', async () => {
    const res = await t.call('GET', `/organisations/export?orgId=${rootId}`, { token: admin });
    expect(res.status).toBe(200);
    const rows = await texts(res.raw);
    expect(rows[0]).toEqual(HEAD);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['星河科技园党委', '党委', '', '否', '', ''],
        ['星云科技党支部', '党支部', '星河科技园党委', '否', '星云科技有限公司', '王书记'],
      ]),
    );
    const joint = rows.find((r) => r[0] === '联合党支部')!;
    expect(joint.slice(0, 4)).toEqual(['联合党支部', '党支部', '星河科技园党委', '是']);
    expect(joint[4]!.split('、').sort()).toEqual(['乙公司', '甲公司'].sort());
    expect(rows.map((r) => r[0])).not.toContain('别的园区党委');
    expect((await t.call('GET', `/organisations/export?orgId=${rootId}`, { token: member })).status).toBe(403);
  });
});
