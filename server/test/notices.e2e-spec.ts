import ExcelJS from 'exceljs';
import { NoticeReceiptsService, REMIND_INTERVAL_MIN } from '../src/notices/notice-receipts.service.js';
import { createTestApp, type TestApp } from './utils/app.js';
import { MIN, meetingWorld, T0, type World } from './utils/meeting-fixtures.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function multipart(file: Buffer, name: string, type: string) {
  const boundary = '----dangjian-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('notices (通知公告) with read receipts', () => {
  let t: TestApp;
  let w: World;
  let noticeId: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t);
  });
  afterAll(() => t.close());

  const publish = (token: string, body: Record<string, unknown>) =>
    t.call('POST', '/notices', {
      token,
      body: {
        organisationId: w.branchA.id,
        title: '关于开展主题党日活动的通知',
        bodyHtml: '<p>请按时参加</p>',
        target: { kind: 'subtree', organisationId: w.branchA.id },
        ...body,
      },
    });

  it('publishes to the branch with one row, sanitising the rich text', async () => {
    const r = await publish(w.secA.token, {
      requiresAck: true,
      pinned: true,
      bodyHtml: '<p onclick="x()">请按时参加<script>alert(1)</script><img src="https://evil.example/x.png"></p>',
    });
    expect(r.status).toBe(201);
    noticeId = r.body.id;
    expect(r.body.bodyHtml).toBe('<p>请按时参加<img></p>');
    expect(r.body.canManage).toBe(true);
    // secretary A (a member of A) + three members
    expect(r.body.counts).toEqual({ audience: 4, read: 0, acked: 0, unread: 4 });
    expect(r.body.targetLabel).toBe('甲公司党支部全体党员');
    const [{ n }] = await t.ds.query(`SELECT (SELECT count(*) FROM notice_receipt) + (SELECT count(*) FROM notice_member) AS n`);
    expect(Number(n)).toBe(0);
  });

  it('a notice to branch A does not exist for branch B (member, secretary) nor for a user without a member record', async () => {
    for (const who of [w.memberB, w.secB, w.noMember]) {
      expect((await t.call('GET', `/notices/${noticeId}`, { token: who.token })).status).toBe(404);
      const list = await t.call('GET', '/notices', { token: who.token });
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(noticeId);
      expect((await t.call('POST', `/notices/${noticeId}/ack`, { token: who.token })).status).toBe(404);
      expect((await t.call('GET', `/notices/${noticeId}/receipts`, { token: who.token })).status).toBe(404);
    }
  });

  it('refuses a publisher outside their subtree and a plain member, with no change', async () => {
    expect((await publish(w.secA.token, { organisationId: w.branchB.id, target: { kind: 'subtree', organisationId: w.branchB.id } })).status).toBe(403);
    const outside = await publish(w.secA.token, { target: { kind: 'subtree', organisationId: w.committee.id } });
    expect(outside.status).toBe(422);
    expect(outside.body.code).toBe('NOTICE_TARGET_OUTSIDE');
    expect((await publish(w.members[0]!.token, {})).status).toBe(403);
    const bad = await publish(w.secA.token, { title: '' });
    expect(bad.status).toBe(400);
    const past = await publish(w.secA.token, { expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.body.code).toBe('NOTICE_EXPIRES_IN_PAST');
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM notice`);
    expect(n).toBe(1);
  });

  it('a member sees it pinned and unread, reading marks it read, one tap acknowledges', async () => {
    const a1 = w.members[0]!;
    const list = await t.call('GET', '/notices', { token: a1.token });
    expect(list.body).toMatchObject({ total: 1, unread: 1, toAck: 1 });
    expect(list.body.items[0]).toMatchObject({ id: noticeId, pinned: true, readAt: null });
    const todos = await t.call('GET', '/todos', { token: a1.token });
    expect(todos.body.items).toEqual([
      expect.objectContaining({ source: 'notices', id: noticeId, page: `/packages/notices/pages/detail/index?id=${noticeId}` }),
    ]);

    const read = await t.call('GET', `/notices/${noticeId}`, { token: a1.token });
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    expect(read.body.canManage).toBe(false);
    expect(read.body.counts).toBeNull();
    const ack = await t.call('POST', `/notices/${noticeId}/ack`, { token: a1.token });
    expect(ack.body.ackedAt).not.toBeNull();
    const again = await t.call('POST', `/notices/${noticeId}/ack`, { token: a1.token });
    expect(again.body.ackedAt).toBe(ack.body.ackedAt);
    expect((await t.call('GET', '/todos/count', { token: a1.token })).body.total).toBe(0);

    // A2 only reads.
    await t.call('GET', `/notices/${noticeId}`, { token: w.members[1]!.token });
  });

  it('the publisher sees read / acknowledged / not yet per member with counts, keyset-paged', async () => {
    const page = (state: string, extra = '') => t.call('GET', `/notices/${noticeId}/receipts?state=${state}${extra}`, { token: w.secA.token });
    const acked = await page('acked');
    expect(acked.body.items.map((i: { name: string }) => i.name)).toEqual(['甲党员1']);
    expect(acked.body.counts).toEqual({ audience: 4, read: 2, acked: 1, unread: 2 });
    expect((await page('read')).body.items.map((i: { name: string }) => i.name)).toEqual(['甲党员2']);
    const unread = await page('unread', '&limit=1');
    expect(unread.body.items).toHaveLength(1);
    expect(unread.body.next).toBe(unread.body.items[0].memberId);
    const rest = await page('unread', `&limit=1&after=${unread.body.next}`);
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.next).toBeNull();
    const names = [unread.body.items[0].name, rest.body.items[0].name];
    expect(names).toContain('甲党员3');
    expect(names).not.toContain('甲党员1');
    // A member of the audience is not a publisher.
    expect((await t.call('GET', `/notices/${noticeId}/receipts`, { token: w.members[0]!.token })).status).toBe(403);
  });

  it('reminds those who have not acknowledged (in-app), once per interval', async () => {
    const r = await t.call('POST', `/notices/${noticeId}/remind`, { token: w.secA.token });
    expect(r.status).toBe(200);
    expect(r.body.reminded).toBe(3);
    const inbox = await t.call('GET', '/notifications', { token: w.members[2]!.token });
    expect(inbox.body.items[0]).toMatchObject({ kind: 'notice.remind', link: `/packages/notices/pages/detail/index?id=${noticeId}` });
    expect((await t.call('GET', '/notifications', { token: w.members[0]!.token })).body.items).toHaveLength(0);
    const again = await t.call('POST', `/notices/${noticeId}/remind`, { token: w.secA.token });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(`${REMIND_INTERVAL_MIN} 分钟`);
    w.clock.set(new Date(T0.getTime() + (REMIND_INTERVAL_MIN + 1) * MIN));
    expect((await t.call('POST', `/notices/${noticeId}/remind`, { token: w.secA.token })).status).toBe(200);
    w.clock.set(T0);
  });

  it('exports the receipt list as .xlsx', async () => {
    const r = await t.call('GET', `/notices/${noticeId}/receipts.xlsx`, { token: w.secA.token });
    expect(r.status).toBe(200);
    expect(String(r.headers['content-type'])).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A2').value)).toContain('应读 4 人，已读 2 人，已确认 1 人，未读 2 人');
    const states = [4, 5, 6, 7].map((i) => `${String(ws.getRow(i).getCell(2).value)}:${String(ws.getRow(i).getCell(4).value)}`);
    expect(states).toContain('甲党员1:已确认');
    expect(states).toContain('甲党员2:已读');
    expect(t.app.get(NoticeReceiptsService)).toBeDefined();
  });

  it('targets named members and roles: only they see it', async () => {
    const named = await publish(w.secA.token, {
      title: '点名通知',
      target: { kind: 'members', organisationId: w.branchA.id, memberIds: [w.members[1]!.memberId] },
    });
    expect(named.status).toBe(201);
    expect(named.body.counts.audience).toBe(1);
    expect((await t.call('GET', `/notices/${named.body.id}`, { token: w.members[1]!.token })).status).toBe(200);
    expect((await t.call('GET', `/notices/${named.body.id}`, { token: w.members[0]!.token })).status).toBe(404);
    const foreign = await publish(w.secA.token, { target: { kind: 'members', organisationId: w.branchA.id, memberIds: [w.memberB.memberId] } });
    expect(foreign.body.code).toBe('NOTICE_MEMBER_UNKNOWN');

    const roles = await publish(w.secA.token, { title: '书记会议通知', target: { kind: 'roles', organisationId: w.branchA.id, positions: ['secretary'] } });
    expect(roles.body.counts.audience).toBe(1);
    expect(roles.body.targetLabel).toBe('甲公司党支部范围内的书记');
    const secList = await t.call('GET', '/notices', { token: w.secA.token });
    expect(secList.body.items.map((i: { id: string }) => i.id)).toContain(roles.body.id);
    expect((await t.call('GET', `/notices/${roles.body.id}`, { token: w.members[0]!.token })).status).toBe(404);
  });

  it('attachments go through the storage module, typed by their bytes, behind signed URLs', async () => {
    const up = multipart(PDF, '学习材料.pdf', 'application/pdf');
    const file = await t.call('POST', `/notices/files?orgId=${w.branchA.id}`, { token: w.secA.token, ...up });
    expect(file.status).toBe(201);
    expect(file.body.contentType).toBe('application/pdf');
    const fake = multipart(Buffer.from('MZ not a pdf at all'), 'x.pdf', 'application/pdf');
    expect((await t.call('POST', `/notices/files?orgId=${w.branchA.id}`, { token: w.secA.token, ...fake })).body.code).toBe('NOTICE_ATTACHMENT_TYPE');
    expect((await t.call('POST', `/notices/files?orgId=${w.branchB.id}`, { token: w.secA.token, ...up })).status).toBe(403);
    const img = await t.call('POST', `/notices/files?orgId=${w.branchA.id}`, { token: w.secA.token, ...multipart(PNG, 'a.png', 'image/png') });

    const r = await publish(w.secA.token, { title: '附件通知', attachmentIds: [file.body.id], bodyHtml: `<p>见图</p><img src="notice-file:${img.body.id}">` });
    expect(r.status).toBe(201);
    expect(r.body.attachments).toEqual([
      {
        id: file.body.id,
        name: '学习材料.pdf',
        contentType: 'application/pdf',
        sizeBytes: PDF.length,
        url: expect.stringMatching(/^\/api\/v1\/notices\/files\//),
      },
    ]);
    expect((await t.call('GET', r.body.attachments[0].url, {})).raw.equals(PDF)).toBe(true);
    const src = /src="([^"]+)"/.exec(r.body.bodyHtml)![1]!;
    expect(src).toMatch(/^\/api\/v1\/notices\/files\/[0-9a-f-]{36}\?exp=\d+&sig=/);
    const bytes = await t.call('GET', src, {});
    expect(bytes.status).toBe(200);
    expect(bytes.raw.equals(PNG)).toBe(true);
    expect((await t.call('GET', src.replace(/sig=[^&]+/, 'sig=forged'), {})).status).toBe(404);

    // Secretary B cannot attach A's file.
    const stolen = await t.call('POST', '/notices', {
      token: w.secB.token,
      body: { organisationId: w.branchB.id, title: '借用附件', target: { kind: 'subtree', organisationId: w.branchB.id }, attachmentIds: [file.body.id] },
    });
    expect(stolen.body.code).toBe('NOTICE_ATTACHMENT_UNKNOWN');
  });

  it('expired and withdrawn notices leave the members’ list; the publisher still sees them', async () => {
    const soon = await publish(w.secA.token, { title: '即将过期', expiresAt: new Date(T0.getTime() + 5 * MIN).toISOString() });
    const a3 = w.members[2]!;
    expect((await t.call('GET', `/notices/${soon.body.id}`, { token: a3.token })).status).toBe(200);
    w.clock.set(new Date(T0.getTime() + 6 * MIN));
    expect((await t.call('GET', `/notices/${soon.body.id}`, { token: a3.token })).status).toBe(404);
    expect((await t.call('GET', `/notices/${soon.body.id}`, { token: w.secA.token })).status).toBe(200);
    w.clock.set(T0);
    const wd = await t.call('POST', `/notices/${noticeId}/withdraw`, { token: w.secA.token });
    expect(wd.body.withdrawn).toBe(true);
    expect((await t.call('GET', `/notices/${noticeId}`, { token: a3.token })).status).toBe(404);
    expect((await t.call('POST', `/notices/${noticeId}/withdraw`, { token: w.members[0]!.token })).status).toBe(404);
    const published = await t.call('GET', '/notices?box=published', { token: w.secA.token });
    expect(published.body.items.map((i: { id: string }) => i.id)).toContain(noticeId);
    expect((await t.call('GET', '/notices?box=published', { token: a3.token })).status).toBe(403);
  });
});
