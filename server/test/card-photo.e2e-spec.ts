import { createTestApp, type TestApp, type Untyped } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';
import { multipart } from './utils/multipart.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/**
 * P1 the member's photo on the card: set and replaced by the member only (image types by their bytes,
 * at most 2 MB); seen by the member, by member.read in the member's subtree, and on the public verify
 * page only through a code that verifies — never by a secretary elsewhere.
 */
describe('card photo (P1)', () => {
  let t: TestApp;
  let fx: Fixtures;
  let member: { token: string; memberId: string };
  let secA: string;
  let secB: string;
  let committeeId: string;

  beforeAll(async () => {
    t = await createTestApp();
    fx = new Fixtures(t.ds, t.app);
    const tree = await fx.tree();
    committeeId = tree.committee.id;
    const m = await fx.user({ memberOrgId: tree.branchA.id });
    member = { token: m.token, memberId: m.memberId! };
    secA = (await fx.user({ positions: [{ position: 'secretary', orgId: tree.branchA.id }] })).token;
    secB = (await fx.user({ positions: [{ position: 'secretary', orgId: tree.branchB.id }] })).token;
  });
  afterAll(() => t.close());

  const upload = (token: string, data: Buffer, type = 'image/png') =>
    t.call<Untyped>('POST', '/card/me/photo', { token, ...multipart({ name: 'me.png', type, data }) });

  it('the member sets a photo; the card shows it; type and size are checked by the bytes, changing nothing', async () => {
    const before = await t.call<Untyped>('GET', '/card/me', { token: member.token });
    expect(before.body.photoUrl).toBeNull();
    expect((await upload(member.token, Buffer.from('not an image'))).body.code).toBe('CARD_PHOTO_TYPE');
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
    expect((await upload(member.token, big)).status).toBe(413);
    expect((await t.call<Untyped>('GET', '/card/me', { token: member.token })).body.photoUrl).toBeNull();

    const up = await upload(member.token, PNG);
    expect(up.status).toBe(201);
    const card = await t.call<Untyped>('GET', '/card/me', { token: member.token });
    expect(card.body.photoUrl).toBe(up.body.photoUrl);
    const img = await t.call('GET', card.body.photoUrl, { token: member.token });
    expect(img.status).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.raw.equals(PNG)).toBe(true);
  });

  it('the branch sees it; a secretary outside the subtree does not; nobody sets another member’s photo', async () => {
    expect((await t.call('GET', `/card/members/${member.memberId}/photo`, { token: secA })).status).toBe(200);
    expect((await t.call('GET', `/card/members/${member.memberId}/photo`, { token: secB })).status).toBe(403);
    expect((await t.call('GET', `/card/members/${member.memberId}/photo`)).status).toBe(401);
    // A secretary's upload sets their own photo (no member record → 404), never the member's.
    const admin = await fx.user({ roles: [{ role: 'org_worker', orgId: committeeId }] });
    expect((await upload(admin.token, PNG)).body.code).toBe('CARD_NOT_MEMBER');
  });

  it('public: the photo opens only through a code that verifies; removal clears it', async () => {
    const qr = (await t.call<Untyped>('GET', '/card/me/qr', { token: member.token })).body.token as string;
    const v = await t.call<Untyped>('GET', `/card/verify?t=${encodeURIComponent(qr)}`);
    expect(v.body.card.photoUrl).toBe(`/api/v1/card/verify/photo?t=${encodeURIComponent(qr)}`);
    expect((await t.call('GET', v.body.card.photoUrl)).status).toBe(200);
    const forged = qr.slice(0, -1) + (qr.endsWith('A') ? 'B' : 'A');
    expect((await t.call('GET', `/card/verify/photo?t=${encodeURIComponent(forged)}`)).status).toBe(404);

    expect((await t.call('DELETE', '/card/me/photo', { token: member.token })).status).toBe(204);
    expect((await t.call<Untyped>('GET', '/card/me', { token: member.token })).body.photoUrl).toBeNull();
    expect((await t.call('GET', v.body.card.photoUrl)).status).toBe(404);
  });
});
