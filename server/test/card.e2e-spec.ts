import { Clock } from '../src/common/clock.js';
import { CardTokens } from '../src/card/card-tokens.js';
import { createTestApp, type TestApp, type Untyped } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';
import { qrOfPdf } from './utils/pdf-qr.js';

/**
 * 电子党员名片 (P1, P2): the member's own card, its signed rotating QR and the public verify page's
 * answers — tampered, expired (replayed screenshot), offline, departed, deceased, suspended, moved
 * within the platform — and the public view holding only the P1 minimum plus the member's choices.
 */
describe('member card (P1, P2)', () => {
  let t: TestApp;
  let fx: Fixtures;
  let tree: Awaited<ReturnType<Fixtures['tree']>>;
  let clock: Clock;
  let member: { token: string; memberId: string };
  let secA: string;

  beforeAll(async () => {
    t = await createTestApp({ CARD_QR_FRESH_S: '180', CARD_QR_OFFLINE_S: '3600', PUBLIC_BASE_URL: 'https://dj.example.cn' });
    fx = new Fixtures(t.ds, t.app);
    tree = await fx.tree();
    clock = t.app.get(Clock);
    clock.set('2026-05-01T02:00:00Z');
    const m = await fx.user({ displayName: '林名片', memberOrgId: tree.branchA.id, positions: [{ position: 'propaganda_member', orgId: tree.branchA.id }] });
    member = { token: m.token, memberId: m.memberId! };
    secA = (await fx.user({ positions: [{ position: 'secretary', orgId: tree.branchA.id }] })).token;
  });
  afterAll(() => t.close());

  const verify = (token: string) => t.call<Untyped>('GET', `/card/verify?t=${encodeURIComponent(token)}`);
  const myToken = async () => (await t.call<Untyped>('GET', '/card/me/qr', { token: member.token })).body.token as string;

  it('the member sees their whole card: organisation, status, 党龄 (M3), posts, and a QR that opens the public verify page', async () => {
    await t.call('POST', '/card/distinctions', {
      token: secA,
      body: { memberId: member.memberId, kind: 'vanguard', title: '党员先锋岗·客服中心', awardedOn: '2026-01-10' },
    });
    const honour = await t.call<Untyped>('POST', '/card/distinctions', {
      token: secA,
      body: { memberId: member.memberId, kind: 'honour', title: '2025 年度优秀共产党员', awardedOn: '2025-07-01' },
    });
    expect(honour.status).toBe(201);
    const c = await t.call<Untyped>('GET', '/card/me', { token: member.token });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({
      name: expect.any(String),
      orgName: '甲公司党支部',
      status: 'full',
      statusLabel: '正式党员',
      partyYears: 6,
      year: 2026,
      volunteerHours: 0,
      privacy: { showStudy: false, showPoints: false, showVolunteer: false, showHonours: false },
    });
    expect(c.body.posts).toEqual([
      { kind: 'committee', title: '甲公司党支部宣传委员' },
      { kind: 'vanguard', title: '党员先锋岗·客服中心' },
    ]);
    expect(c.body.honours).toEqual([expect.objectContaining({ title: '2025 年度优秀共产党员' })]);
    expect(c.body.qr.url).toBe(`https://dj.example.cn/#/card/verify?t=${encodeURIComponent(c.body.qr.token)}`);
    expect(c.body.qr.token).toMatch(/^c1\./);
    // Another branch's secretary cannot add honours here.
    const secB = (await fx.user({ positions: [{ position: 'secretary', orgId: tree.branchB.id }] })).token;
    expect(
      (
        await t.call('POST', '/card/distinctions', {
          token: secB,
          body: { memberId: member.memberId, kind: 'honour', title: '冒名荣誉', awardedOn: '2026-01-01' },
        })
      ).status,
    ).toBe(403);
  });

  it('P1 public view: the minimum without sign-in; extras only as the member chooses; never the national ID or the phone', async () => {
    const r = await verify(await myToken());
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ verdict: 'current', label: '真实有效', kind: 'screen' });
    expect(Object.keys(r.body.card).sort()).toEqual(['name', 'orgName', 'partyYears', 'photoUrl', 'posts', 'statusLabel', 'year']);
    const [row] = await t.ds.query<Array<{ phone_masked: string }>>(`SELECT phone_masked FROM member WHERE id = $1`, [member.memberId]);
    const text = JSON.stringify(r.body);
    expect(text).not.toContain(row!.phone_masked.slice(-4));

    const set = await t.call<Untyped>('PUT', '/card/me/privacy', {
      token: member.token,
      body: { showStudy: true, showPoints: true, showVolunteer: false, showHonours: true },
    });
    expect(set.status).toBe(200);
    const after = await verify(await myToken());
    expect(after.body.card).toMatchObject({ studyHours: 0, yearPoints: 0, honours: [expect.objectContaining({ title: '2025 年度优秀共产党员' })] });
    expect(after.body.card.volunteerHours).toBeUndefined();
  });

  it('P2 tampered or forged tokens are not genuine and name nobody', async () => {
    const token = await myToken();
    const last = token.slice(-1) === 'A' ? 'B' : 'A';
    for (const bad of [
      token.slice(0, -1) + last,
      token.replace(/^c1\./, 'p1.'),
      `${token}x`,
      'c1.k1.AAAAAAAAAAAAAAAAAAAAAA.1.AAAAAAAAAAAAAAAAAAAAAA',
      'hello',
    ]) {
      const r = await verify(bad);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ verdict: 'invalid', label: '无法核验', card: null });
    }
    // A token for the member signed with the time moved: the signature no longer matches.
    const parts = token.split('.');
    expect((await verify([parts[0], parts[1], parts[2], String(Number(parts[3]) + 3600), parts[4]].join('.'))).body.verdict).toBe('invalid');
  });

  it('P2 a replayed screenshot: current while fresh, then 离线名片 (signed time shown), then expired', async () => {
    const token = await myToken();
    clock.advance(170_000);
    expect((await verify(token)).body.verdict).toBe('current');
    clock.advance(20_000);
    const offline = await verify(token);
    expect(offline.body).toMatchObject({ verdict: 'offline', label: '真实有效（离线名片）', signedAt: '2026-05-01T02:00:00.000Z' });
    expect(offline.body.card.orgName).toBe('甲公司党支部');
    clock.advance(3600_000);
    const expired = await verify(token);
    expect(expired.body).toMatchObject({ verdict: 'expired', label: '名片已过期', card: null });
    clock.set('2026-05-01T02:00:00Z');
  });

  it('P2 a move within the platform keeps the card valid and shows the new organisation', async () => {
    const token = await myToken();
    await t.ds.query(`UPDATE member SET organisation_id = $2 WHERE id = $1`, [member.memberId, tree.branchB.id]);
    const r = await verify(token);
    expect(r.body).toMatchObject({ verdict: 'current', card: { orgName: '乙公司党支部' } });
    await t.ds.query(`UPDATE member SET organisation_id = $2 WHERE id = $1`, [member.memberId, tree.branchA.id]);
  });

  it('P2 suspension stops the card while it lasts; departure (outbound transfer) and death stop it for good, even for a fresh code', async () => {
    const m = await fx.user({ memberOrgId: tree.branchA.id });
    const fresh = async () => (await t.call<Untyped>('GET', '/card/me/qr', { token: m.token })).body.token as string;
    const token = await fresh();
    await t.ds.query(`UPDATE member SET flags = '{rights_suspended}' WHERE id = $1`, [m.memberId]);
    expect((await verify(token)).body).toMatchObject({
      verdict: 'inactive',
      label: '名片已失效',
      detail: '该党员的党员权利已中止，名片暂停使用。',
      card: null,
    });
    await t.ds.query(`UPDATE member SET flags = '{}' WHERE id = $1`, [m.memberId]);
    expect((await verify(token)).body.verdict).toBe('current');

    await t.ds.query(`UPDATE member SET left_at = now(), left_reason = 'transferred_out' WHERE id = $1`, [m.memberId]);
    expect((await verify(token)).body).toMatchObject({ verdict: 'inactive', detail: '该党员已转出，名片已失效。', card: null });
    // No new code once off the roll.
    expect((await t.call<Untyped>('GET', '/card/me/qr', { token: m.token })).body.code).toBe('CARD_NOT_MEMBER');

    const d = await fx.user({ memberOrgId: tree.branchA.id });
    const dToken = (await t.call<Untyped>('GET', '/card/me/qr', { token: d.token })).body.token as string;
    await t.ds.query(`UPDATE member SET left_at = now(), left_reason = 'deceased' WHERE id = $1`, [d.memberId]);
    expect((await verify(dToken)).body).toMatchObject({ verdict: 'inactive', detail: '该党员已去世，名片已失效。' });
  });

  it('printed cards: the secretary exports a branch as a PDF sheet; its QR (p1) verifies as printed until the date on it', async () => {
    const small = await fx.org({ name: '丙公司党支部', kind: 'branch', parentId: tree.committee.id });
    const sec = (await fx.user({ positions: [{ position: 'secretary', orgId: small.id }] })).token;
    const pdf = await t.call('GET', `/card/sheet.pdf?orgId=${small.id}`, { token: sec });
    expect(pdf.status).toBe(200);
    expect(String(pdf.headers['content-type'])).toContain('application/pdf');
    const url = qrOfPdf(pdf.raw);
    expect(url).toMatch(/^https:\/\/dj\.example\.cn\/#\/card\/verify\?t=p1\./);
    const p1 = decodeURIComponent(url!.split('t=')[1]!);
    expect((await verify(p1)).body).toMatchObject({ verdict: 'current', kind: 'print' });
    expect((await t.call('GET', `/card/sheet.pdf?orgId=${small.id}`, { token: member.token })).status).toBe(403);
    const tokens = t.app.get(CardTokens);
    const shortLived = tokens.sign('p1', member.memberId, Math.floor(clock.nowMs() / 1000) + 86_400);
    expect((await verify(shortLived)).body).toMatchObject({ verdict: 'current', kind: 'print' });
    clock.advance(2 * 86_400_000);
    expect((await verify(shortLived)).body.verdict).toBe('expired');
    clock.set('2026-05-01T02:00:00Z');
  });
});
