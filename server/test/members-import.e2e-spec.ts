import type ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';
import { buildSheet, goodRow, HEADERS, loadWorkbook, multipart, nationalId, sheetTexts, XLSX } from './utils/member-helpers.js';

/** Roster template, import (all-or-nothing with a row report) and export (M4 masking, audit). */
describe('member import, template and export', () => {
  let t: TestApp;
  let fx: Fixtures;
  let tree: Awaited<ReturnType<Fixtures['tree']>>;
  let secA: string;
  let secB: string;
  let committeeMember: string;
  let plain: string;
  let groupA: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp();
    fx = new Fixtures(t.ds, t.app);
    tree = await fx.tree();
    groupA = await fx.org({ kind: 'group', parentId: tree.branchA.id, name: '研发党小组' });
    await fx.org({ kind: 'group', parentId: tree.branchA.id, name: '市场党小组' });
    secA = (await fx.user({ positions: [{ position: 'secretary', orgId: tree.branchA.id }] })).token;
    secB = (await fx.user({ positions: [{ position: 'secretary', orgId: tree.branchB.id }] })).token;
    committeeMember = (await fx.user({ positions: [{ position: 'committee_member', orgId: tree.branchA.id }] })).token;
    plain = (await fx.user({ memberOrgId: tree.branchA.id })).token;
  });
  afterAll(() => t.close());

  const countIn = async (orgId: string) => Number((await t.ds.query('SELECT count(*) FROM member WHERE organisation_id = $1', [orgId]))[0].count);
  const importFile = (file: Buffer, query = `orgId=${tree.branchA.id}`, token = secA) =>
    t.call('POST', `/members/import?${query}`, { token, ...multipart(file) });
  const importRaw = (file: Buffer, query = `orgId=${tree.branchA.id}`, token = secA) =>
    t.call('POST', `/members/import?${query}`, { token, payload: file, headers: { 'content-type': XLSX } });

  describe('template', () => {
    it('is an .xlsx with Chinese headers, an example row, drop-down lists and a 说明 sheet', async () => {
      const res = await t.call('GET', `/members/import-template?orgId=${tree.branchA.id}`, { token: secA });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="member-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('党员信息导入模板.xlsx')}`,
      );
      const wb = await loadWorkbook(res.raw);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['党员信息', '说明']);
      const ws = wb.getWorksheet('党员信息')!;
      const [header, example] = sheetTexts(ws);
      expect(header).toEqual(HEADERS);
      expect(example![0]).toMatch(/^示例/);
      const validations = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
      const lists = Object.values(validations).map((v) => v.formulae[0]);
      expect(lists).toEqual(expect.arrayContaining(['"男,女"', '"正式党员,预备党员"', expect.stringContaining('本科'), expect.stringContaining('研发党小组')]));
      const help = sheetTexts(wb.getWorksheet('说明')!).flat().join('\n');
      expect(help).toContain('5000');
      expect(help).toContain('研发党小组');
    });

    it('without orgId: any member manager gets the generic template', async () => {
      const res = await t.call('GET', '/members/import-template', { token: secB });
      expect(res.status).toBe(200);
      expect((await loadWorkbook(res.raw)).worksheets).toHaveLength(2);
    });

    it('refuses a sibling branch secretary (for branch A), a committee member and a plain member', async () => {
      expect((await t.call('GET', `/members/import-template?orgId=${tree.branchA.id}`, { token: secB })).status).toBe(403);
      expect((await t.call('GET', '/members/import-template', { token: committeeMember })).status).toBe(403);
      expect((await t.call('GET', '/members/import-template', { token: plain })).status).toBe(403);
    });

    it('round-trips: download the template, fill it in beside the example row, import it', async () => {
      const res = await t.call('GET', `/members/import-template?orgId=${tree.branchA.id}`, { token: secA });
      const wb = await loadWorkbook(res.raw);
      const ws = wb.getWorksheet('党员信息')!;
      const id1 = nationalId('1990-01-20', 'male');
      ws.addRow([
        '刘洋',
        '男',
        '汉族',
        new Date(Date.UTC(1990, 0, 20)),
        id1,
        '13500000001',
        '硕士研究生',
        '2012-06-01',
        '正式党员',
        '2013-06-01',
        '研发党小组',
        '架构师',
      ]);
      ws.addRow(['陈晨', '女', '回族', '1996/3/8', nationalId('1996-03-08', 'female'), '', '本科', '2023年5月4日', '预备党员', '', '', '']);
      const filled = Buffer.from(await wb.xlsx.writeBuffer());
      const before = await countIn(tree.branchA.id);
      const imported = await importFile(filled);
      expect(imported.body).toEqual({ ok: true, dryRun: false, created: 2 });
      expect(imported.status).toBe(200);
      expect(await countIn(tree.branchA.id)).toBe(before + 2);
      const list = await t.call('GET', `/members?orgId=${tree.branchA.id}&q=${encodeURIComponent('刘洋')}`, { token: secA });
      expect(list.body.items[0]).toMatchObject({
        name: '刘洋',
        gender: 'male',
        birthDate: '1990-01-20',
        education: 'master',
        groupId: groupA.id,
        status: 'full',
        fullMemberDate: '2013-06-01',
        post: '架构师',
        phone: '135****0001',
      });
      const chen = (await t.call('GET', `/members?orgId=${tree.branchA.id}&q=${encodeURIComponent('陈晨')}`, { token: secA })).body.items[0];
      expect(chen).toMatchObject({
        ethnicity: '回族',
        birthDate: '1996-03-08',
        joinDate: '2023-05-04',
        status: 'probationary',
        fullMemberDate: null,
        phone: null,
      });
      // The example row was skipped.
      expect((await t.call('GET', `/members?orgId=${tree.branchA.id}&q=${encodeURIComponent('示例')}`, { token: secA })).body.total).toBe(0);
      // The national ID is encrypted like any other (M4).
      const [row] = await t.ds.query(`SELECT national_id_enc, national_id_masked FROM member WHERE name = '刘洋'`);
      expect(row.national_id_enc).not.toContain(id1);
      expect(row.national_id_masked).toBe(`${id1.slice(0, 3)}***********${id1.slice(-4)}`);
    });
  });

  describe('import', () => {
    it('imports every row of a valid file in one go (raw xlsx body) and audits it', async () => {
      const file = await buildSheet([goodRow({}, 1), goodRow({ 党小组: '市场党小组' }, 2), goodRow({}, 3)]);
      const before = await countIn(tree.branchA.id);
      const res = await importRaw(file);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true, dryRun: false, created: 3 });
      expect(await countIn(tree.branchA.id)).toBe(before + 3);
      const audit = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'member.import' ORDER BY id DESC LIMIT 1`);
      expect(audit[0].details).toMatchObject({ created: 3 });
    });

    it('is all-or-nothing: one bad row refuses the file, and the report names every row and column (422)', async () => {
      const existing = nationalId('1984-04-04', 'female');
      await importRaw(await buildSheet([goodRow({ 出生日期: '1984-04-04', 身份证号: existing }, 40)]));
      const dup = nationalId('1981-01-11', 'female');
      const wrongDigit = (() => {
        const id = nationalId('1982-02-12', 'female');
        return id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
      })();
      const rows = [
        goodRow({}, 10), // row 2: fine
        goodRow({ 姓名: '' }, 11), // row 3
        goodRow({ 性别: '未知' }, 12), // row 4
        goodRow({ 身份证号: wrongDigit, 出生日期: '1982-02-12' }, 13), // row 5
        goodRow({ 出生日期: '1981-01-11', 身份证号: dup }, 14), // row 6
        goodRow({ 出生日期: '1981-01-11', 身份证号: dup }, 15), // row 7: duplicate of row 6
        goodRow({ 出生日期: '1984-04-04', 身份证号: existing }, 16), // row 8: already registered
        goodRow({ 党小组: '不存在的小组' }, 17), // row 9
        goodRow({ 入党日期: '2015-13-45' }, 18), // row 10
        goodRow({ 党员状态: '预备党员' }, 19), // row 11: probationary with a 转正 date
        goodRow({ 转正日期: '' }, 20), // row 12: full without
        goodRow({ 手机号码: '12345' }, 21), // row 13
        goodRow({ 身份证号: 110105198101110000 }, 22), // row 14: an ID that Excel stored as a number
        goodRow({ 出生日期: '1985-05-15' }, 23), // row 15: birth date differs from the ID's
      ];
      const before = await countIn(tree.branchA.id);
      const res = await importFile(await buildSheet(rows));
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ ok: false, code: 'MEMBER_IMPORT_INVALID', message: expect.stringContaining('导入未执行') });
      const byRow = (row: number) => res.body.errors.filter((e: { row: number }) => e.row === row);
      expect(byRow(2)).toEqual([]);
      expect(byRow(3)).toEqual([{ row: 3, column: '姓名', message: '必填' }]);
      expect(byRow(4)[0]).toMatchObject({ column: '性别' });
      expect(byRow(5)[0]).toMatchObject({ column: '身份证号', message: expect.stringContaining('校验位') });
      expect(byRow(6)).toEqual([]);
      expect(byRow(7)[0]).toMatchObject({ column: '身份证号', message: '与第 6 行的身份证号重复' });
      expect(byRow(8)[0]).toMatchObject({ column: '身份证号', message: expect.stringContaining('已登记') });
      expect(byRow(9)[0]).toMatchObject({ column: '党小组', message: expect.stringContaining('不存在的小组') });
      expect(byRow(10)[0]).toMatchObject({ column: '入党日期' });
      expect(byRow(11)[0]).toMatchObject({ column: '转正日期' });
      expect(byRow(12)[0]).toMatchObject({ column: '转正日期' });
      expect(byRow(13)[0]).toMatchObject({ column: '手机号码' });
      expect(byRow(14)[0]).toMatchObject({ column: '身份证号', message: expect.stringContaining('文本') });
      expect(byRow(15)[0]).toMatchObject({ column: '身份证号', message: expect.stringContaining('出生日期') });
      expect(res.body.errors.map((e: { row: number }) => e.row)).toEqual([...res.body.errors.map((e: { row: number }) => e.row)].sort((a, b) => a - b));
      expect(await countIn(tree.branchA.id)).toBe(before);
    });

    it('dryRun validates and reports without changing anything', async () => {
      const before = await countIn(tree.branchA.id);
      const ok = await importFile(await buildSheet([goodRow({}, 50), goodRow({}, 51)]), `orgId=${tree.branchA.id}&dryRun=true`);
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ ok: true, dryRun: true, created: 2 });
      const bad = await importFile(await buildSheet([goodRow({ 民族: '' }, 52)]), `orgId=${tree.branchA.id}&dryRun=true`);
      expect(bad.status).toBe(422);
      expect(bad.body.errors).toEqual([{ row: 2, column: '民族', message: '必填' }]);
      expect(await countIn(tree.branchA.id)).toBe(before);
    });

    it('reports missing columns against the header row', async () => {
      const res = await importFile(
        await buildSheet(
          [goodRow({}, 60)],
          HEADERS.filter((h) => h !== '党员状态*'),
        ),
      );
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ row: 1, column: '党员状态', message: expect.stringContaining('缺少') }]);
    });

    it('refuses a file without data, a file that is not .xlsx, and a body of another type', async () => {
      const empty = await importFile(await buildSheet([]));
      expect(empty.status).toBe(422);
      expect(empty.body.code).toBe('MEMBER_IMPORT_EMPTY');
      const csv = await importFile(Buffer.from('姓名,性别\n张三,男\n'));
      expect(csv.status).toBe(422);
      expect(csv.body).toMatchObject({ code: 'MEMBER_IMPORT_FILE_INVALID', message: expect.stringContaining('.xlsx') });
      const json = await t.call('POST', `/members/import?orgId=${tree.branchA.id}`, { token: secA, body: { rows: [] } });
      expect(json.status).toBe(415);
      expect(json.body.code).toBe('MEMBER_IMPORT_UNSUPPORTED_MEDIA');
      const noFile = await t.call('POST', `/members/import?orgId=${tree.branchA.id}`, {
        token: secA,
        payload: Buffer.from('--b\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--b--\r\n'),
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
      });
      expect(noFile.status).toBe(400);
    });

    it('refuses more than 5000 rows and files over 5 MB, with clear messages', async () => {
      const many = await buildSheet(Array.from({ length: 5001 }, (_, i) => ({ 姓名: `党员${i}` })));
      const res = await importFile(many);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'MEMBER_IMPORT_TOO_MANY_ROWS', message: expect.stringContaining('5000') });
      const huge = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(5 * 1024 * 1024 + 10)]);
      const big = await importFile(huge);
      expect(big.status).toBe(413);
      expect(big.body).toMatchObject({ code: 'MEMBER_IMPORT_FILE_TOO_LARGE', message: expect.stringContaining('5 MB') });
      const bigRaw = await importRaw(huge);
      expect(bigRaw.status).toBe(413);
    });

    it('imports the maximum of 5000 rows in one transaction', async () => {
      const rows = Array.from({ length: 5000 }, (_, i) => goodRow({ 手机号码: '' }, 1000 + i));
      const res = await importRaw(await buildSheet(rows));
      expect(res.body).toMatchObject({ ok: true, created: 5000 });
      const [org] = await t.ds.query('SELECT member_count FROM organisation WHERE id = $1', [tree.branchA.id]);
      expect(org.member_count).toBe(await countIn(tree.branchA.id));
    }, 60_000);

    it('M2: imports only into a branch', async () => {
      const worker = (await fx.user({ roles: [{ role: 'org_worker', orgId: tree.committee.id }] })).token;
      const res = await importFile(await buildSheet([goodRow({}, 70)]), `orgId=${tree.committee.id}`, worker);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('MEMBER_ORG_NOT_BRANCH');
    });

    it('refuses a sibling branch secretary, a committee member and a plain member (nothing created)', async () => {
      const before = await countIn(tree.branchA.id);
      const file = await buildSheet([goodRow({}, 80)]);
      for (const token of [secB, committeeMember, plain]) {
        expect((await importFile(file, `orgId=${tree.branchA.id}`, token)).status).toBe(403);
      }
      expect(await countIn(tree.branchA.id)).toBe(before);
    });
  });

  describe('export', () => {
    let branchB: string;
    beforeAll(async () => {
      branchB = tree.branchB.id;
      await importRaw(
        await buildSheet([
          goodRow({ 姓名: '孙丽', 出生日期: '1986-06-16', 身份证号: nationalId('1986-06-16', 'female'), 手机号码: '13911112222' }, 90),
          goodRow({ 姓名: '周强', 性别: '男', 出生日期: '1987-07-17', 身份证号: nationalId('1987-07-17', 'male'), 手机号码: '' }, 91),
        ]),
        `orgId=${branchB}`,
        secB,
      );
    });

    it('exports a masked roster with the right content type and a Chinese file name (RFC 5987)', async () => {
      const res = await t.call('GET', `/members/export?orgId=${branchB}`, { token: secB });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX);
      const disposition = String(res.headers['content-disposition']);
      expect(disposition).toMatch(/^attachment; filename="members-\d{8}\.xlsx"; filename\*=UTF-8''/);
      expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toMatch(/^党员名册-乙公司党支部-\d{8}\.xlsx$/);
      const wb = await loadWorkbook(res.raw);
      const [header, ...rows] = sheetTexts(wb.getWorksheet('党员名册')!);
      expect(header!.slice(0, 5)).toEqual(['姓名', '性别', '民族', '出生日期', '身份证号']);
      expect(header).toEqual(expect.arrayContaining(['所属党组织', '党龄', '标记']));
      const sun = rows.find((r) => r[0] === '孙丽')!;
      expect(sun[4]).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
      expect(sun[5]).toBe('139****2222');
      expect(rows.find((r) => r[0] === '周强')![1]).toBe('男');
      const audit = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'member.export' ORDER BY id DESC LIMIT 1`);
      expect(audit[0].details).toMatchObject({ count: rows.length });
    });

    it('M4: unmasks for member.readSensitive only, audited as member.export.sensitive', async () => {
      const res = await t.call('GET', `/members/export?orgId=${branchB}&unmask=true`, { token: secB });
      expect(res.status).toBe(200);
      const rows = sheetTexts((await loadWorkbook(res.raw)).getWorksheet('党员名册')!);
      const sun = rows.find((r) => r[0] === '孙丽')!;
      expect(sun[4]).toMatch(/^110\d{3}19860616\d{3}[\dX]$/);
      expect(sun[5]).toBe('13911112222');
      const audit = await t.ds.query(`SELECT details, org_path::text AS p FROM audit_log WHERE action = 'member.export.sensitive' ORDER BY id DESC LIMIT 1`);
      expect(audit[0].details.count).toBe(rows.length - 1);
      expect(audit[0].p).toBe(tree.branchB.path);
    });

    it('an unmasked export is a valid import file (same columns): its IDs are then already registered', async () => {
      const exported = (await t.call('GET', `/members/export?orgId=${branchB}&unmask=true`, { token: secB })).raw;
      const res = await importFile(exported, `orgId=${branchB}&dryRun=true`, secB);
      expect(res.status).toBe(422);
      const idErrors = res.body.errors.filter((e: { column: string; message: string }) => e.column === '身份证号' && e.message.includes('已登记'));
      expect(idErrors.length).toBe(2);
      expect(res.body.errors.every((e: { message: string }) => e.message.includes('已登记'))).toBe(true);
    });

    it('exports a subtree (the committee) for someone who may read it', async () => {
      const worker = (await fx.user({ roles: [{ role: 'org_worker', orgId: tree.committee.id }] })).token;
      const res = await t.call('GET', `/members/export?orgId=${tree.committee.id}&status=probationary`, { token: worker });
      expect(res.status).toBe(200);
      const rows = sheetTexts((await loadWorkbook(res.raw)).getWorksheet('党员名册')!).slice(1);
      expect(rows.every((r) => r[8] === '预备党员')).toBe(true);
    });

    it('refuses unmask without member.readSensitive, a sibling branch secretary and a plain member', async () => {
      const readOnly = (await fx.user({ positions: [{ position: 'committee_member', orgId: branchB }] })).token;
      expect((await t.call('GET', `/members/export?orgId=${branchB}`, { token: readOnly })).status).toBe(200);
      expect((await t.call('GET', `/members/export?orgId=${branchB}&unmask=true`, { token: readOnly })).status).toBe(403);
      expect((await t.call('GET', `/members/export?orgId=${branchB}`, { token: secA })).status).toBe(403);
      expect((await t.call('GET', `/members/export?orgId=${branchB}`, { token: plain })).status).toBe(403);
    });
  });
});
