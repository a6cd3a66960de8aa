import { createTestApp, type TestApp } from './utils/app.js';
import { createMeeting, T0, meetingWorld, type World } from './utils/meeting-fixtures.js';
import { multipart } from './utils/study-fixtures.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
type Who = { token: string };

/** 党建动态 (issue 14): written by a branch, reviewed by a committee above it, read and liked in that committee's subtree. */
describe('news (党建动态) with committee review and likes', () => {
  let t: TestApp;
  let w: World;
  let worker: Who;
  let outsideWorker: Who;
  let outsideMember: Who;
  let cover: string;
  let pdf: string;
  let meetingId: string;
  let newsId: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t);
    worker = await w.fx.user({ displayName: '党委组织员', roles: [{ role: 'org_worker', orgId: w.committee.id }] });
    const other = await w.fx.org({ name: '另一联合党委', kind: 'committee' });
    outsideWorker = await w.fx.user({ displayName: '另一党委组织员', roles: [{ role: 'org_worker', orgId: other.id }] });
    outsideMember = await w.fx.user({ displayName: '另一党委党员', memberId: (await w.fx.member({ orgId: other.id, name: '另一党委党员' })).id });
    const up = async (file: Buffer, name: string, type: string) =>
      (await t.call('POST', `/notices/files?orgId=${w.branchA.id}`, { token: w.secA.token, ...multipart(file, name, type) })).body.id as string;
    cover = await up(PNG, 'cover.png', 'image/png');
    pdf = await up(PDF, 'a.pdf', 'application/pdf');
    meetingId = (await createMeeting(t, w, { type: 'theme_day', title: '六月主题党日' })).id;
  });
  afterAll(() => t.close());

  const get = (who: Who, id = newsId) => t.call('GET', `/news/${id}`, { token: who.token });
  const step = (who: Who, action: string, reason?: string) => t.call('POST', `/news/${newsId}/steps`, { token: who.token, body: { action, reason } });
  const ids = async (who: Who, box: string) =>
    ((await t.call('GET', `/news?box=${box}`, { token: who.token })).body.items as Array<{ id: string }>).map((i) => i.id);
  const count = async () => Number((await t.ds.query(`SELECT count(*) AS n FROM news`))[0].n);

  it('a secretary writes a draft: text sanitised with the notices’ allow-list, cover and photos uploaded images, the meeting linked', async () => {
    const r = await t.call('POST', '/news', {
      token: w.secA.token,
      body: {
        organisationId: w.branchA.id,
        title: '甲公司党支部开展六月主题党日',
        bodyHtml: `<p onclick="x()">重温入党誓词<script>alert(1)</script><img src="notice-file:${cover}"><img src="https://evil.example/x.png"></p>`,
        coverImageId: cover,
        photoIds: [cover],
        meetingId,
      },
    });
    expect(r.status).toBe(201);
    newsId = r.body.id;
    expect(r.body).toMatchObject({ state: 'draft', canEdit: true, canReview: false, likeCount: 0, meeting: { id: meetingId, title: '六月主题党日' } });
    expect(r.body.bodyHtml).toMatch(/^<p>重温入党誓词<img src="\/api\/v1\/notices\/files\/[0-9a-f-]+\?exp=\d+&sig=[\w-]+"><img><\/p>$/);
    expect(r.body.coverUrl).toMatch(/^\/api\/v1\/notices\/files\//);
  });

  it('refuses bad input and strangers, changing nothing', async () => {
    const body = { organisationId: w.branchA.id, title: '动态' };
    expect((await t.call('POST', '/news', { token: w.members[0]!.token, body })).status).toBe(403);
    expect((await t.call('POST', '/news', { token: w.secB.token, body })).status).toBe(403);
    expect((await t.call('POST', '/news', { token: w.secA.token, body: { ...body, title: '' } })).status).toBe(400);
    const notImage = await t.call('POST', '/news', { token: w.secA.token, body: { ...body, coverImageId: pdf } });
    expect(notImage.body.code).toBe('NEWS_IMAGE_UNKNOWN');
    const bMeeting = await createMeeting(t, { ...w, secA: w.secB, branchA: w.branchB }, { title: '乙支部党员大会' });
    const outside = await t.call('POST', '/news', { token: w.secA.token, body: { ...body, meetingId: bMeeting.id } });
    expect(outside.status).toBe(422);
    expect(outside.body.code).toBe('NEWS_MEETING_OUTSIDE');
    expect(await count()).toBe(1);
  });

  it('before publication it exists only for branch A’s editors (and the committee once submitted); branch B and other committees see nothing', async () => {
    for (const who of [w.secB, w.memberB, w.members[0]!, worker, outsideWorker, w.noMember]) expect((await get(who)).status).toBe(404);
    expect(await ids(w.secA, 'mine')).toEqual([newsId]);
    expect(await ids(worker, 'mine')).toEqual([]);
    expect(await ids(w.secB, 'mine')).toEqual([]);
    expect(await ids(w.members[0]!, 'feed')).toEqual([]);
    expect((await t.call('GET', '/news?box=review', { token: w.members[0]!.token })).status).toBe(403);
  });

  it('only the committee above reviews; a draft cannot be published; a return needs its reason', async () => {
    expect((await step(worker, 'publish')).status).toBe(404);
    const early = await step(w.secA, 'publish');
    expect(early.status).toBe(403);
    expect(early.body.code).toBe('NEWS_NOT_REVIEWER');
    expect((await step(w.secB, 'submit')).status).toBe(404);
    const sub = await step(w.secA, 'submit');
    expect(sub.status).toBe(200);
    expect(sub.body).toMatchObject({ state: 'submitted', canEdit: false });
    expect((await step(w.secA, 'submit')).body.code).toBe('NEWS_STEP_OUT_OF_ORDER');

    // Still invisible outside: branch B, the members of A, a committee elsewhere (it cannot review it either).
    for (const who of [w.secB, w.members[0]!, outsideWorker]) expect((await get(who)).status).toBe(404);
    expect((await step(outsideWorker, 'publish')).status).toBe(404);
    expect(await ids(outsideWorker, 'review')).toEqual([]);
    expect(await ids(w.secA, 'review')).toEqual([]);

    expect(await ids(worker, 'review')).toEqual([newsId]);
    const todos = await t.call('GET', '/todos?source=news', { token: worker.token });
    expect(todos.body.items).toEqual([
      expect.objectContaining({ id: newsId, title: '审核党建动态：甲公司党支部开展六月主题党日', page: `/packages/news/pages/detail/index?id=${newsId}` }),
    ]);
    expect((await t.call('GET', '/todos?source=news', { token: w.secA.token })).body.total).toBe(0);
    expect((await get(worker)).body).toMatchObject({ canReview: true, canEdit: false });

    expect((await step(worker, 'return')).status).toBe(400);
    const ret = await step(worker, 'return', '请补充活动照片');
    expect(ret.body).toMatchObject({ state: 'returned', returnReason: '请补充活动照片' });
    const inbox = await t.ds.query(`SELECT title FROM notification WHERE recipient_user_id = $1`, [w.secA.user.id]);
    expect(inbox.map((n: { title: string }) => n.title)).toContain('党建动态被退回修改');
  });

  it('the branch edits the returned piece and submits again; the committee publishes; then it is final', async () => {
    const edit = await t.call('PUT', `/news/${newsId}`, {
      token: w.secA.token,
      body: { title: '甲公司党支部开展六月主题党日活动', bodyHtml: '<p>重温入党誓词，参观党史馆。</p>', coverImageId: cover, photoIds: [cover], meetingId },
    });
    expect(edit.status).toBe(200);
    expect(edit.body.title).toBe('甲公司党支部开展六月主题党日活动');
    expect((await step(w.secA, 'submit')).body.state).toBe('submitted');
    const pub = await step(worker, 'publish');
    expect(pub.body).toMatchObject({ state: 'published', reviewerOrgName: '测试联合党委', returnReason: null, canReview: false });
    expect(pub.body.publishedAt).not.toBeNull();
    const again = await t.call('PUT', `/news/${newsId}`, { token: w.secA.token, body: { title: '改标题' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('NEWS_NOT_EDITABLE');
    expect((await step(worker, 'return', '撤回')).body.code).toBe('NEWS_STEP_OUT_OF_ORDER');
    const audit = await t.ds.query(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id`, [newsId]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['news.create', 'news.submit', 'news.return', 'news.update', 'news.submit', 'news.publish']);
  });

  it('published: the branch and the committee’s subtree read it (feed and 首页); another committee does not', async () => {
    for (const who of [w.members[0]!, w.memberB, w.secB, worker]) {
      expect((await get(who)).status).toBe(200);
      expect(await ids(who, 'feed')).toEqual([newsId]);
    }
    const home = await t.call('GET', '/home', { token: w.members[0]!.token });
    expect(home.body.news).toEqual([expect.objectContaining({ id: newsId, title: '甲公司党支部开展六月主题党日活动', state: 'published' })]);
    for (const who of [outsideWorker, outsideMember]) {
      expect((await get(who)).status).toBe(404);
      expect(await ids(who, 'feed')).toEqual([]);
      expect((await t.call('GET', '/home', { token: who.token })).body.news).toEqual([]);
    }
  });

  it('likes: one per member, enforced by the database even when sent at once; unliking twice changes nothing', async () => {
    const a1 = w.members[0]!;
    const likes = await Promise.all(Array.from({ length: 4 }, () => t.call('POST', `/news/${newsId}/like`, { token: a1.token })));
    expect(likes.every((r) => r.status === 200)).toBe(true);
    expect((await get(a1)).body).toMatchObject({ likeCount: 1, likedByMe: true });
    await t.call('POST', `/news/${newsId}/like`, { token: w.memberB.token });
    expect((await get(w.memberB)).body).toMatchObject({ likeCount: 2, likedByMe: true });
    await t.call('DELETE', `/news/${newsId}/like`, { token: a1.token });
    const un = await t.call('DELETE', `/news/${newsId}/like`, { token: a1.token });
    expect(un.body).toMatchObject({ likeCount: 1, likedByMe: false });
    expect((await t.call('POST', `/news/${newsId}/like`, { token: w.noMember.token })).status).toBe(403);
    expect((await t.call('POST', `/news/${newsId}/like`, { token: outsideMember.token })).status).toBe(404);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM news_like WHERE news_id = $1`, [newsId]);
    expect(n).toBe(1);
  });

  it('comments are moderated: pending for its author only, approved or deleted by the branch secretary or the committee, then shown to all', async () => {
    const a1 = w.members[0]!;
    const list = async (who: Who) => (await t.call('GET', `/news/${newsId}/comments`, { token: who.token })).body;
    const say = (who: Who, body: string) => t.call('POST', `/news/${newsId}/comments`, { token: who.token, body: { body } });
    const mod = (who: Who, method: 'POST' | 'DELETE', cid: string) =>
      t.call(method, `/news/${newsId}/comments/${cid}${method === 'POST' ? '/approve' : ''}`, { token: who.token });

    const c1 = await say(a1, '  活动很有意义，向先进学习！ ');
    expect(c1.status).toBe(201);
    expect(c1.body).toMatchObject({ body: '活动很有意义，向先进学习！', state: 'pending', mine: true });
    const c2 = (await say(w.memberB, '乙支部也要组织一次')).body;
    expect((await say(a1, '   ')).status).toBe(400);
    expect((await say(a1, '字'.repeat(501))).status).toBe(400);
    expect((await say(w.noMember, '无党员身份')).body.code).toBe('NEWS_NOT_A_MEMBER');
    expect((await say(outsideMember, '外面的人')).status).toBe(404);

    // The author sees their own pending one; another member sees neither; moderators see both with the count.
    expect((await list(a1)).items).toEqual([expect.objectContaining({ id: c1.body.id, state: 'pending', mine: true })]);
    expect((await list(w.members[1]!)).items).toEqual([]);
    for (const who of [w.secA, worker])
      expect(await list(who)).toMatchObject({ canModerate: true, pendingCount: 2, items: [{ id: c1.body.id }, { id: c2.id }] });
    expect(await list(w.secB)).toMatchObject({ canModerate: false, pendingCount: 0, items: [] });
    expect((await t.call('GET', `/news/${newsId}/comments`, { token: outsideMember.token })).status).toBe(404);

    // To-do for the moderators (the branch's secretary and the committee), not for branch B.
    for (const who of [w.secA, worker]) {
      const todos = await t.call('GET', '/todos?source=news', { token: who.token });
      expect(todos.body.items).toContainEqual(expect.objectContaining({ id: `comments-${newsId}`, detail: expect.stringContaining('2 条评论待审核') }));
    }
    expect((await t.call('GET', '/todos?source=news', { token: w.secB.token })).body.total).toBe(0);

    // Only moderators approve; another branch's secretary cannot even see the pending comment.
    const notMod = await mod(w.members[1]!, 'POST', c1.body.id);
    expect(notMod.status).toBe(404);
    expect((await mod(w.secB, 'POST', c1.body.id)).status).toBe(404);
    expect((await mod(a1, 'POST', c1.body.id)).body.code).toBe('NEWS_NOT_MODERATOR');
    expect((await mod(w.secA, 'POST', c1.body.id)).body.pendingCount).toBe(1);
    expect((await mod(worker, 'DELETE', c2.id)).body.pendingCount).toBe(0);

    for (const who of [w.members[1]!, w.secB, w.memberB])
      expect((await list(who)).items.map((c: { body: string }) => c.body)).toEqual(['活动很有意义，向先进学习！']);
    // An approved comment is someone else's to keep: other members cannot delete it; its author can.
    expect((await mod(w.members[1]!, 'DELETE', c1.body.id)).body.code).toBe('NEWS_NOT_MODERATOR');
    const audit = await t.ds.query(`SELECT action, details FROM audit_log WHERE object_id = $1 AND action LIKE 'news.comment%' ORDER BY id`, [newsId]);
    expect(audit).toEqual([
      { action: 'news.comment.approve', details: expect.objectContaining({ commentId: c1.body.id }) },
      { action: 'news.comment.delete', details: expect.objectContaining({ commentId: c2.id, body: '乙支部也要组织一次' }) },
    ]);
    expect((await mod(a1, 'DELETE', c1.body.id)).body.items).toEqual([]);
    expect((await t.call('GET', '/todos?source=news', { token: worker.token })).body.total).toBe(0);
  });

  it('an unpublished piece cannot be liked; a top-level organisation has no committee to submit to', async () => {
    const draft = await t.call('POST', '/news', { token: w.secA.token, body: { organisationId: w.branchA.id, title: '草稿' } });
    expect((await t.call('POST', `/news/${draft.body.id}/like`, { token: w.members[0]!.token })).status).toBe(404);
    expect((await t.call('POST', `/news/${draft.body.id}/like`, { token: w.secA.token })).body.code).toBe('NEWS_NOT_PUBLISHED');
    const comment = await t.call('POST', `/news/${draft.body.id}/comments`, { token: w.secA.token, body: { body: '评论草稿' } });
    expect(comment.body.code).toBe('NEWS_NOT_PUBLISHED');
    const top = await w.fx.user({ displayName: '党委书记', roles: [{ role: 'secretary', orgId: w.committee.id }] });
    const own = await t.call('POST', '/news', { token: top.token, body: { organisationId: w.committee.id, title: '党委动态' } });
    const r = await t.call('POST', `/news/${own.body.id}/steps`, { token: top.token, body: { action: 'submit' } });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('NEWS_NO_REVIEWER');
  });
});

describe('home banners set by the committee: period, order, link to a notice or news', () => {
  let t: TestApp;
  let w: World;
  let worker: Who;
  let img: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t);
    worker = await w.fx.user({ displayName: '党委组织员', roles: [{ role: 'org_worker', orgId: w.committee.id }] });
    img = (await t.call('POST', `/notices/files?orgId=${w.committee.id}`, { token: worker.token, ...multipart(PNG, 'b.png', 'image/png') })).body.id;
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>) =>
    t.call('POST', '/home/banners', { token: worker.token, body: { organisationId: w.committee.id, imageId: img, ...body } });

  it('首页 shows the banners inside their period (China dates), in order; the console lists every one', async () => {
    // T0 is 10 June 2025, noon in Beijing.
    const now = await create({ title: '七一建党节', sort: 2, startsOn: '2025-06-10', endsOn: '2025-07-01', link: '/packages/news/pages/detail/index?id=x' });
    expect(now.status).toBe(201);
    expect(now.body).toMatchObject({ active: true, startsOn: '2025-06-10', endsOn: '2025-07-01' });
    const first = await create({ title: '学习党章', sort: 1 });
    const later = await create({ title: '国庆', startsOn: '2025-09-25' });
    expect(later.body.active).toBe(false);
    await create({ title: '已结束', endsOn: '2025-06-09' });
    const bad = await create({ title: '颠倒', startsOn: '2025-07-01', endsOn: '2025-06-01' });
    expect(bad.status).toBe(400);

    const home = await t.call('GET', '/home', { token: w.members[0]!.token });
    expect(home.body.banners.map((b: { title: string }) => b.title)).toEqual(['学习党章', '七一建党节']);
    expect((await t.call('GET', '/home', { token: w.memberB.token })).body.banners).toHaveLength(2);
    const list = await t.call('GET', `/home/banners?orgId=${w.committee.id}`, { token: worker.token });
    expect(list.body.map((b: { title: string; active: boolean }) => `${b.title}:${b.active}`)).toEqual([
      '已结束:false',
      '国庆:false',
      '学习党章:true',
      '七一建党节:true',
    ]);

    // Reordered and its period moved: it shows from today.
    const upd = await t.call('PUT', `/home/banners/${later.body.id}`, {
      token: worker.token,
      body: { title: '国庆献礼', imageId: img, sort: 0, startsOn: '2025-06-01', endsOn: null, link: null },
    });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ title: '国庆献礼', active: true, sort: 0 });
    expect((await t.call('GET', '/home', { token: w.members[0]!.token })).body.banners[0].title).toBe('国庆献礼');
    w.clock.set('2025-07-02T04:00:00Z');
    expect((await t.call('GET', '/home', { token: w.members[0]!.token })).body.banners.map((b: { title: string }) => b.title)).toEqual([
      '国庆献礼',
      '学习党章',
    ]);
    w.clock.set(T0);
    expect(first.status).toBe(201);
  });

  it('a branch secretary cannot change the committee’s banners; a link must be a page of the mini-program', async () => {
    const [b] = (await t.call('GET', `/home/banners?orgId=${w.committee.id}`, { token: worker.token })).body;
    const body = { title: '改', imageId: img };
    expect((await t.call('PUT', `/home/banners/${b.id}`, { token: w.secA.token, body })).status).toBe(404);
    expect((await t.call('DELETE', `/home/banners/${b.id}`, { token: w.secA.token })).status).toBe(404);
    expect((await t.call('GET', `/home/banners?orgId=${w.committee.id}`, { token: w.secA.token })).status).toBe(403);
    expect((await create({ title: '外链', link: 'https://evil.example' })).status).toBe(400);
    expect((await t.call('PUT', `/home/banners/${b.id}`, { token: worker.token, body: { ...body, link: 'javascript:alert(1)' } })).status).toBe(400);
  });
});
