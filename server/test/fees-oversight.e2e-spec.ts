import ExcelJS from 'exceljs';
import { chinaMonth, yearOfMonth } from '@dangjian/shared';
import { createTestApp, type TestApp } from './utils/app.js';
import { ago, billMonths, billsOf, feeWorld, memberWithAccount, salaried } from './utils/fee-fixtures.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function readSheet(buf: Buffer, index = 0): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[index]!;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

/** F6 arrears and review cases, F7 reliefs and the yearly report, the collection report, .xlsx import and exports. */
describe('fees: oversight', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof feeWorld>>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await feeWorld(t);
  });
  afterAll(() => t.close());

  const year = yearOfMonth(chinaMonth());

  describe('F7 reliefs', () => {
    it("needs the branch's recorded decision and approval by a higher organisation; then the bills are exempt", async () => {
      const m = await memberWithAccount(w.fx, w.branchA.id);
      await salaried(t, w.worker.token, m.member.id, 300_000, ago(2));
      const body = {
        memberId: m.member.id,
        kind: 'exempt',
        fromMonth: ago(2),
        toMonth: ago(0),
        reason: '患重病住院，经济困难',
        branchDecidedOn: '2025-03-01',
        branchDecision: '支委会研究同意免交',
      };
      const noDecision = await t.call('POST', '/fees/reliefs', { token: w.worker.token, body: { ...body, branchDecision: '' } });
      expect(noDecision.status).toBe(400);
      const created = await t.call('POST', '/fees/reliefs', { token: w.worker.token, body });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ status: 'pending', kind: 'exempt', branchDecision: '支委会研究同意免交', requestedBy: '甲支部组织委员' });
      expect((await t.call('POST', '/fees/reliefs', { token: w.worker.token, body })).body.code).toBe('FEE_RELIEF_OVERLAP');
      // The branch cannot approve its own decision; the outside branch cannot see it.
      const own = await t.call('POST', `/fees/reliefs/${created.body.id}/approve`, { token: w.secretaryA.token, body: { note: '同意' } });
      expect([own.status, own.body.code]).toEqual([403, 'FEE_RELIEF_APPROVER_NOT_HIGHER']);
      expect((await t.call('POST', `/fees/reliefs/${created.body.id}/approve`, { token: w.outsider.token, body: { note: '同意' } })).status).toBe(403);
      const pending = await t.call('GET', `/fees/reliefs?orgId=${w.committee.id}&status=pending`, { token: w.upper.token });
      expect(pending.body.items.map((r: { id: string }) => r.id)).toContain(created.body.id);
      const approved = await t.call('POST', `/fees/reliefs/${created.body.id}/approve`, { token: w.upper.token, body: { note: '经党委研究，同意免交' } });
      expect(approved.body).toMatchObject({
        status: 'approved',
        decidedBy: '联合党委组织员',
        decidingOrg: { id: w.committee.id },
        decisionNote: '经党委研究，同意免交',
      });
      const bills = await billsOf(t, m.token, m.member.id);
      const inRange = bills.filter((b) => b.month >= ago(2));
      expect(inRange.every((b) => b.status === 'exempt' && b.amountDueFen === 0 && b.reliefId === created.body.id)).toBe(true);
      // Exempt months count as settled (T3).
      const until = await t.call('GET', `/fees/members/${m.member.id}/paid-until`, { token: m.token });
      if (bills.every((b) => b.month >= ago(2))) expect(until.body.paidThroughCurrentMonth).toBe(true);
      expect((await t.call('POST', `/fees/reliefs/${created.body.id}/reject`, { token: w.upper.token, body: { note: '重复' } })).body.code).toBe(
        'FEE_RELIEF_NOT_PENDING',
      );
    });

    it('少交: an approved reduction lowers what is due; paying it settles the month as reduced', async () => {
      const m = await memberWithAccount(w.fx, w.branchA.id);
      await salaried(t, w.worker.token, m.member.id, 1_000_000);
      const tooHigh = await t.call('POST', '/fees/reliefs', {
        token: w.worker.token,
        body: {
          memberId: m.member.id,
          kind: 'reduce',
          reducedFen: 15_000,
          fromMonth: ago(0),
          toMonth: ago(0),
          reason: '家庭困难',
          branchDecidedOn: '2025-03-01',
          branchDecision: '支委会同意少交',
        },
      });
      expect(tooHigh.body.code).toBe('FEE_RELIEF_AMOUNT_INVALID');
      const r = await t.call('POST', '/fees/reliefs', {
        token: w.worker.token,
        body: {
          memberId: m.member.id,
          kind: 'reduce',
          reducedFen: 5000,
          fromMonth: ago(0),
          toMonth: ago(0),
          reason: '家庭困难',
          branchDecidedOn: '2025-03-01',
          branchDecision: '支委会同意少交',
        },
      });
      // The requester cannot approve their own request, even from above.
      const mine = await t.call('POST', '/fees/reliefs', {
        token: w.upper.token,
        body: {
          memberId: (await w.fx.member({ orgId: w.branchA.id })).id,
          kind: 'exempt',
          fromMonth: ago(0),
          toMonth: ago(0),
          reason: '困难',
          branchDecidedOn: '2025-03-01',
          branchDecision: '支委会同意',
        },
      });
      expect((await t.call('POST', `/fees/reliefs/${mine.body.id}/approve`, { token: w.upper.token, body: { note: '同意' } })).body.code).toBe(
        'FEE_RELIEF_SELF_APPROVAL',
      );
      await t.call('POST', `/fees/reliefs/${r.body.id}/approve`, { token: w.upper.token, body: { note: '同意少交' } });
      const current = (await billsOf(t, m.token, m.member.id)).find((b) => b.month === chinaMonth());
      expect(current).toMatchObject({ standardFen: 15_000, amountDueFen: 5000, status: 'unpaid' });
      await t.call('POST', '/fees/payments', {
        token: w.worker.token,
        body: { kind: 'bills', memberId: m.member.id, billIds: [current.id], amountFen: 5000, method: 'cash' },
      });
      expect((await billsOf(t, m.token, m.member.id)).find((b) => b.month === chinaMonth())).toMatchObject({ status: 'reduced', statusLabel: '减交' });
    });
  });

  describe('F6 arrears and review cases', () => {
    it('lists arrears and opens one review case for six consecutive unpaid months — nothing else happens', async () => {
      const m = await memberWithAccount(w.fx, w.branchA.id, { name: '欠费党员' });
      const fine = await memberWithAccount(w.fx, w.branchA.id, { name: '按时党员' });
      await salaried(t, w.worker.token, m.member.id, 300_000, ago(7));
      await salaried(t, w.worker.token, fine.member.id, 300_000, ago(7));
      await billMonths(t, w.worker.token, w.branchA.id, ago(7));
      const arrears = await t.call('GET', `/fees/arrears?orgId=${w.branchA.id}&minMonths=6&pageSize=200`, { token: w.reader.token });
      expect(arrears.status).toBe(200);
      const row = arrears.body.items.find((a: { member: { id: string } }) => a.member.id === m.member.id);
      expect(row).toMatchObject({
        unpaidMonths: 7,
        longestRun: 7,
        amountFen: 10_500,
        oldestMonth: ago(7),
        latestMonth: ago(1),
        payableMonths: 6,
        reviewCaseOpen: false,
      });
      // The fee worker pays the other member's months so only one is left in arrears for 6+.
      for (const b of (await billsOf(t, w.worker.token, fine.member.id)).filter((x) => x.payable === 'ok')) {
        await t.call('POST', '/fees/payments', {
          token: w.worker.token,
          body: { kind: 'bills', memberId: fine.member.id, billIds: [b.id], amountFen: b.amountDueFen, method: 'cash' },
        });
      }
      expect((await t.call('POST', '/fees/review-scan', { token: w.reader.token, body: { orgId: w.branchA.id } })).status).toBe(403);
      const scan = await t.call('POST', '/fees/review-scan', { token: w.worker.token, body: { orgId: w.branchA.id } });
      expect(scan.body).toMatchObject({ kind: 'fee_unpaid_6_months', asOfMonth: chinaMonth() });
      const cases = await t.ds.query(`SELECT member_id, details, status FROM review_case WHERE kind = 'fee_unpaid_6_months'`);
      expect(cases.map((c: { member_id: string }) => c.member_id)).toContain(m.member.id);
      expect(cases.map((c: { member_id: string }) => c.member_id)).not.toContain(fine.member.id);
      expect(cases.find((c: { member_id: string }) => c.member_id === m.member.id).details).toMatchObject({ rule: 'F6', months: 7, from: ago(7), to: ago(1) });
      const again = await t.call('POST', '/fees/review-scan', { token: w.worker.token, body: {} });
      expect(again.body.opened).toBe(0);
      // Flagged for the branch; the member and the bills are untouched.
      const after = await t.call('GET', `/fees/arrears?orgId=${w.branchA.id}&minMonths=6`, { token: w.worker.token });
      expect(after.body.items.find((a: { member: { id: string } }) => a.member.id === m.member.id)).toMatchObject({ reviewCaseOpen: true, unpaidMonths: 7 });
      expect((await t.ds.query(`SELECT count(*)::int AS n FROM member WHERE id = $1`, [m.member.id]))[0].n).toBe(1);
      expect((await t.call('GET', `/fees/arrears?orgId=${w.branchA.id}`, { token: w.outsider.token })).status).toBe(403);
      expect((await t.call('POST', '/fees/review-scan', { token: w.outsider.token, body: { orgId: w.branchA.id } })).status).toBe(403);
      const xlsx = await t.call('GET', `/fees/arrears/export?orgId=${w.branchA.id}&minMonths=6`, { token: w.worker.token });
      expect(xlsx.headers['content-type']).toBe(XLSX);
      const rows = await readSheet(xlsx.raw);
      expect(rows[0]).toContain('欠交金额（元）');
      expect(rows.find((r) => r[0] === '欠费党员')).toEqual(expect.arrayContaining(['7', '105.00', '已立案']));
    });
  });

  describe('collection report', () => {
    it('rolls due, paid and rates up the tree, per child and for the whole subtree', async () => {
      const b = await w.fx.org({ name: '丙公司党支部', kind: 'branch', parentId: w.committee.id });
      const workerB = await w.fx.user({ roles: [{ role: 'organisation_member', orgId: b.id }] });
      const members = await Promise.all([1, 2, 3, 4].map(() => w.fx.member({ orgId: b.id })));
      for (const m of members) await salaried(t, workerB.token, m.id, 300_000);
      const bills = await Promise.all(members.map(async (m) => (await billsOf(t, workerB.token, m.id)).find((x) => x.month === chinaMonth())));
      for (const bill of bills.slice(0, 3)) {
        await t.call('POST', '/fees/payments', {
          token: workerB.token,
          body: { kind: 'bills', memberId: bill.memberId, billIds: [bill.id], amountFen: 1500, method: 'cash' },
        });
      }
      const res = await t.call('GET', `/fees/reports/collection?orgId=${w.committee.id}&month=${chinaMonth()}`, { token: w.upper.token });
      expect(res.status).toBe(200);
      const child = res.body.children.find((c: { org: { id: string } }) => c.org.id === b.id);
      expect(child).toMatchObject({ bills: 4, dueFen: 6000, paidFen: 4500, settled: 3, paid: 3, unpaid: 1, amountRateBp: 7500, countRateBp: 7500 });
      const sum = (k: string) => res.body.children.reduce((n: number, c: Record<string, number>) => n + c[k]!, 0);
      expect(res.body.total).toMatchObject({ org: { id: w.committee.id }, bills: sum('bills'), dueFen: sum('dueFen'), paidFen: sum('paidFen') });
      // The aggregates equal a direct count over the bills.
      const direct = await t.ds.query(
        `SELECT count(*)::int AS bills, sum(amount_due_fen)::int AS due, COALESCE(sum(amount_due_fen) FILTER (WHERE status IN ('paid','reduced')), 0)::int AS paid
           FROM fee_bill b JOIN organisation o ON o.id = b.organisation_id WHERE o.path <@ $1::ltree AND b.month = $2::date`,
        [w.committee.path, `${chinaMonth()}-01`],
      );
      expect([res.body.total.bills, res.body.total.dueFen, res.body.total.paidFen]).toEqual([direct[0].bills, direct[0].due, direct[0].paid]);
      // The whole tree, each organisation with its subtree totals.
      const tree = await t.call('GET', `/fees/reports/collection/tree?orgId=${w.committee.id}&month=${chinaMonth()}`, { token: w.upper.token });
      expect(tree.body.items[0]).toMatchObject({ depth: 0, org: { id: w.committee.id }, bills: res.body.total.bills });
      expect(tree.body.items.find((r: { org: { id: string } }) => r.org.id === b.id)).toMatchObject({ depth: 1, paidFen: 4500 });
      // Branch workers see their branch only.
      expect((await t.call('GET', `/fees/reports/collection?orgId=${w.committee.id}&month=${chinaMonth()}`, { token: workerB.token })).status).toBe(403);
      expect((await t.call('GET', `/fees/reports/collection/tree?orgId=${w.branchA.id}&month=${chinaMonth()}`, { token: workerB.token })).status).toBe(403);
      const xlsx = await t.call('GET', `/fees/reports/collection/export?orgId=${w.committee.id}&month=${chinaMonth()}`, { token: w.upper.token });
      expect(xlsx.headers['content-type']).toBe(XLSX);
      const rows = await readSheet(xlsx.raw);
      expect(rows.find((r) => r[0]!.trim() === '丙公司党支部')).toEqual(expect.arrayContaining(['60.00', '45.00', '75.00%']));
      expect((await t.call('GET', `/fees/reports/collection/export?orgId=${w.committee.id}&month=${chinaMonth()}`, { token: workerB.token })).status).toBe(403);
      // Moving the branch under a 党总支 moves its figures with it.
      const general = await w.fx.org({ name: '某集团党总支', kind: 'general_branch', parentId: w.committee.id });
      const moved = await t.call('POST', `/organisations/${b.id}/move`, { token: w.upper.token, body: { parentId: general.id } });
      expect(moved.status).toBe(200);
      const after = await t.call('GET', `/fees/reports/collection?orgId=${w.committee.id}&month=${chinaMonth()}`, { token: w.upper.token });
      expect(after.body.total).toMatchObject({ bills: res.body.total.bills, paidFen: res.body.total.paidFen });
      expect(after.body.children.find((c: { org: { id: string } }) => c.org.id === general.id)).toMatchObject({ bills: 4, paidFen: 4500 });
      expect(after.body.children.find((c: { org: { id: string } }) => c.org.id === b.id)).toBeUndefined();
    });

    it('F7: the yearly public report — figures only; members of the branch may read it, others may not', async () => {
      const m = await memberWithAccount(w.fx, w.branchA.id);
      const outsiderMember = await memberWithAccount(w.fx, w.branchB.id);
      const res = await t.call('GET', `/fees/reports/yearly?orgId=${w.branchA.id}&year=${year}`, { token: m.token });
      expect(res.status).toBe(200);
      expect(res.body.org).toEqual({ id: w.branchA.id, name: w.branchA.name });
      expect(res.body.months.length).toBeGreaterThan(0);
      expect(res.body.totals.bills).toBe(res.body.months.reduce((n: number, x: { bills: number }) => n + x.bills, 0));
      expect(JSON.stringify(res.body)).not.toContain(m.member.name);
      expect((await t.call('GET', `/fees/reports/yearly?orgId=${w.branchA.id}&year=${year}`, { token: outsiderMember.token })).status).toBe(403);
      expect((await t.call('GET', `/fees/reports/yearly?orgId=${w.branchA.id}&year=${year}`, { token: w.outsider.token })).status).toBe(403);
      const xlsx = await t.call('GET', `/fees/reports/yearly/export?orgId=${w.branchA.id}&year=${year}`, { token: m.token });
      expect(xlsx.headers['content-type']).toBe(XLSX);
      const rows = await readSheet(xlsx.raw);
      expect(rows[rows.length - 1]![0]).toBe('合计');
    });

    it("exports a month's bills with money as exact yuan text", async () => {
      const res = await t.call('GET', `/fees/bills/export?orgId=${w.branchA.id}&month=${chinaMonth()}`, { token: w.reader.token });
      expect(res.status).toBe(200);
      expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
      const rows = await readSheet(res.raw);
      expect(rows[0]).toEqual(['月份', '姓名', '所属党组织', '人员类别', '计费基数（元）', '应交（元）', '状态', '交纳时间', '收据号']);
      expect(rows.slice(1).every((r) => /^\d+\.\d{2}$/.test(r[5]!))).toBe(true);
      const audit = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'fee.export' AND object_id = $1`, [w.branchA.id]);
      expect(audit[0].n).toBeGreaterThan(0);
    });
  });

  it('refuses every oversight endpoint outside the subtree, and plain members', async () => {
    const m = await memberWithAccount(w.fx, w.branchA.id);
    const relief = await t.call('POST', '/fees/reliefs', {
      token: w.worker.token,
      body: {
        memberId: m.member.id,
        kind: 'exempt',
        fromMonth: ago(0),
        toMonth: ago(0),
        reason: '困难',
        branchDecidedOn: '2025-03-01',
        branchDecision: '支委会同意',
      },
    });
    const payer = await w.fx.member({ orgId: w.branchA.id });
    const proxy = await t.call('POST', '/fees/proxy-agreements', {
      token: w.worker.token,
      body: { memberId: m.member.id, payerMemberId: payer.id, decidedOn: '2025-01-10', note: '支委会同意' },
    });
    const month = chinaMonth();
    const refusals: Array<[string, string, string, unknown?]> = [
      [
        w.outsider.token,
        'POST',
        '/fees/reliefs',
        {
          memberId: m.member.id,
          kind: 'exempt',
          fromMonth: ago(1),
          toMonth: ago(1),
          reason: '困难',
          branchDecidedOn: '2025-03-01',
          branchDecision: '支委会同意',
        },
      ],
      [w.outsider.token, 'GET', `/fees/reliefs?orgId=${w.branchA.id}`],
      [w.outsider.token, 'POST', `/fees/reliefs/${relief.body.id}/reject`, { note: '不同意' }],
      [w.outsider.token, 'POST', `/fees/proxy-agreements/${proxy.body.id}/revoke`],
      [w.outsider.token, 'GET', `/fees/arrears/export?orgId=${w.branchA.id}`],
      [w.outsider.token, 'GET', `/fees/reports/collection?orgId=${w.branchA.id}&month=${month}`],
      [w.outsider.token, 'GET', `/fees/reports/collection/tree?orgId=${w.branchA.id}&month=${month}`],
      [w.outsider.token, 'GET', `/fees/reports/yearly/export?orgId=${w.branchA.id}&year=${year}`],
      [w.outsider.token, 'GET', `/fees/large-payments?orgId=${w.branchA.id}`],
      [
        w.reader.token,
        'POST',
        '/fees/reliefs',
        {
          memberId: m.member.id,
          kind: 'exempt',
          fromMonth: ago(1),
          toMonth: ago(1),
          reason: '困难',
          branchDecidedOn: '2025-03-01',
          branchDecision: '支委会同意',
        },
      ],
      [w.reader.token, 'POST', `/fees/proxy-agreements/${proxy.body.id}/revoke`],
      [m.token, 'GET', `/fees/arrears?orgId=${w.branchA.id}`],
      [m.token, 'GET', `/fees/reliefs?orgId=${w.branchA.id}`],
      [m.token, 'GET', `/fees/reports/collection?orgId=${w.branchA.id}&month=${month}`],
      [m.token, 'POST', '/fees/review-scan', {}],
    ];
    for (const [tok, method, path, body] of refusals) {
      const res = await t.call(method, path, { token: tok, body });
      expect([method, path, res.status]).toEqual([method, path, 403]);
    }
  });

  describe('.xlsx import of bases and categories', () => {
    async function template(orgId: string, token: string) {
      const res = await t.call('GET', `/fees/standards/import-template?orgId=${orgId}&year=${year}`, { token });
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
      return wb;
    }
    const upload = async (wb: ExcelJS.Workbook, orgId: string, token: string, dryRun = false) =>
      t.call('POST', `/fees/standards/import?orgId=${orgId}&year=${year}${dryRun ? '&dryRun=true' : ''}`, {
        token,
        headers: { 'content-type': XLSX },
        payload: Buffer.from(await wb.xlsx.writeBuffer()),
      });

    it('imports a filled template all-or-nothing, with a row-by-row report', async () => {
      const org = await w.fx.org({ name: '丁公司党支部', kind: 'branch', parentId: w.committee.id });
      const worker = await w.fx.user({ roles: [{ role: 'organisation_member', orgId: org.id }] });
      const people = await Promise.all(['张三', '李四', '王五'].map((name) => w.fx.member({ orgId: org.id, name })));
      const wb = await template(org.id, worker.token);
      const ws = wb.getWorksheet('党费基数')!;
      const rowOf = (name: string) => {
        for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(2).value === name) return ws.getRow(r);
        throw new Error(name);
      };
      rowOf('张三').getCell(3).value = '在职党员';
      rowOf('张三').getCell(4).value = '3000.01';
      rowOf('李四').getCell(3).value = '在职党员';
      rowOf('李四').getCell(4).value = '12.345';
      rowOf('王五').getCell(3).value = '外星人';
      const bad = await upload(wb, org.id, worker.token);
      expect(bad.status).toBe(422);
      expect(bad.body).toMatchObject({ ok: false, code: 'FEE_IMPORT_INVALID' });
      expect(bad.body.errors).toEqual([
        { row: rowOf('李四').number, column: '月计费基数（元）', message: expect.stringContaining('最多两位小数') },
        { row: rowOf('王五').number, column: '人员类别', message: expect.stringContaining('人员类别应为') },
      ]);
      expect((await t.ds.query(`SELECT count(*)::int AS n FROM fee_standard WHERE member_id = ANY($1)`, [people.map((p) => p.id)]))[0].n).toBe(0);
      rowOf('李四').getCell(4).value = '12000';
      rowOf('王五').getCell(3).value = '学生党员';
      const dry = await upload(wb, org.id, worker.token, true);
      expect(dry.body).toEqual({ ok: true, dryRun: true, updated: 3, year });
      const ok = await upload(wb, org.id, worker.token);
      expect(ok.body).toEqual({ ok: true, dryRun: false, updated: 3, year });
      const page = await t.call('GET', `/fees/standards?orgId=${org.id}&year=${year}`, { token: worker.token });
      const fee = Object.fromEntries(
        page.body.items.map((r: { member: { name: string }; standard: { monthlyFeeFen: number } }) => [r.member.name, r.standard.monthlyFeeFen]),
      );
      expect(fee).toEqual({ 张三: 3000, 李四: 24_000, 王五: 20 });
      // Another branch's template rows are refused (member ids not of this branch).
      const foreign = await template(org.id, worker.token);
      const otherWorker = w.worker;
      const res = await upload(foreign, w.branchA.id, otherWorker.token);
      expect(res.status).toBe(422);
      expect(res.body.errors[0]).toMatchObject({ column: '党员编号' });
      expect((await upload(foreign, org.id, w.outsider.token)).status).toBe(403);
      const notBranch = await t.call('GET', `/fees/standards/import-template?orgId=${w.committee.id}&year=${year}`, { token: w.upper.token });
      expect(notBranch.body.code).toBe('FEE_ORG_NOT_BRANCH');
    });
  });
});
