import jsQR from 'jsqr';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CastResult, ElectionDetail, Me, MeetingDetail, MemberPage, MotionDetail, SignInResult, VoterRoll } from '@dangjian/shared';
import { PHONE, PROJECTOR, shot, startServerAndBrowser } from './browser';
import { decodePng } from './png';
import type { RunningServer } from './server';
import { confirmSheet, signInAsDemo, visibleText } from './demo';

/*
 * Issue 4's browser test: the secretary opens voting from the phone and puts the ballot QR on the
 * screen; a checked-in member reads that QR from a screenshot of the projector (jsQR), marks the
 * ballot (seeing the E8 warning first), submits and keeps the receipt; the screen shows turnout only;
 * the secretary closes, verifies and counts; the member finds the receipt in the published record.
 */

let server: RunningServer;
let browser: Browser;
let secretaryCtx: BrowserContext;
let memberCtx: BrowserContext;
let projectorCtx: BrowserContext;

async function api<T>(token: string, method: string, p: string, body?: object): Promise<T> {
  const res = await fetch(`${server.baseUrl}/api/v1${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = (await res.json().catch(() => null)) as T;
  if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${JSON.stringify(data)}`);
  return data;
}

async function demoToken(key: string): Promise<{ token: string; me: Me }> {
  const res = await fetch(`${server.baseUrl}/api/v1/auth/demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key }),
  });
  const signed = (await res.json()) as SignInResult;
  const me = await api<Me>(signed.accessToken, 'GET', '/auth/me');
  return { token: signed.accessToken, me };
}

function readQr(png: Buffer): string {
  const { data, width, height } = decodePng(png);
  return jsQR(data, width, height)?.data ?? '';
}

beforeAll(async () => {
  ({ server, browser } = await startServerAndBrowser());
  secretaryCtx = await browser.newContext(PHONE);
  memberCtx = await browser.newContext(PHONE);
  projectorCtx = await browser.newContext(PROJECTOR);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('election by secret QR ballot (H5 against the demo server)', () => {
  let election: ElectionDetail;
  let secretaryPage: Page;
  let memberPage: Page;
  let projector: Page;
  let screenUrl: string;
  let receipt: string;
  let secToken: string;

  it('prepares a 党员大会 with everyone checked in and an election up to the scrutineers (API)', async () => {
    const sec = await demoToken('secretary');
    secToken = sec.token;
    const mem = await demoToken('member');
    const grant = sec.me.roles.find((g) => g.role !== 'member') ?? sec.me.roles[0]!;
    const now = Date.now();
    const meeting = await api<MeetingDetail>(sec.token, 'POST', '/meetings', {
      organisationId: grant.orgId,
      type: 'general_assembly',
      title: '换届选举党员大会',
      startsAt: new Date(now + 10 * 60_000).toISOString(),
      endsAt: new Date(now + 130 * 60_000).toISOString(),
      place: '党员活动室',
    });
    const members = await api<MemberPage>(sec.token, 'GET', `/members?orgId=${meeting.organisationId}&subtree=false&pageSize=100`);
    const skip = new Set([sec.me.memberId, mem.me.memberId]);
    const candidates = members.items.filter((m) => m.status === 'full' && !skip.has(m.id)).slice(0, 2);
    expect(candidates).toHaveLength(2);
    election = await api<ElectionDetail>(sec.token, 'POST', '/elections', {
      meetingId: meeting.id,
      kind: 'committee',
      seats: 1,
      candidates: candidates.map((c) => ({ memberId: c.id, introduction: `${c.name}，中共党员，本支部党员，工作认真负责。` })),
    });
    const roll = await api<VoterRoll>(sec.token, 'GET', `/elections/${election.id}/roll`);
    for (const m of roll.members.filter((x) => x.eligible)) {
      await api(sec.token, 'POST', `/meetings/${meeting.id}/checkins/manual`, { memberId: m.memberId, reason: '会场登记签到' });
    }
    const present = (await api<VoterRoll>(sec.token, 'GET', `/elections/${election.id}/roll`)).present;
    const yes = { for: present, against: 0, abstain: 0 };
    await api(sec.token, 'POST', `/elections/${election.id}/steps/report-attendance`, {});
    await api(sec.token, 'POST', `/elections/${election.id}/steps/adopt-rules`, { vote: yes });
    await api(sec.token, 'POST', `/elections/${election.id}/steps/announce-candidates`, {});
    const scrutineer = roll.members.find((m) => m.eligible && !candidates.some((c) => c.id === m.memberId))!;
    election = await api<ElectionDetail>(sec.token, 'POST', `/elections/${election.id}/steps/approve-scrutineers`, {
      scrutineerIds: [scrutineer.memberId],
      vote: yes,
    });
    expect(election.state).toBe('scrutineers_approved');
  });

  it('lets the secretary see the quorum, open voting from the phone and put the ballot QR on the screen', async () => {
    secretaryPage = await secretaryCtx.newPage();
    await signInAsDemo(server.baseUrl, secretaryPage, 'secretary');
    await visibleText(secretaryPage, '投票表决').click();
    await secretaryPage.locator(`[data-election="${election.id}"]`).filter({ visible: true }).click();
    await secretaryPage.locator('[data-quorum-met="true"]').filter({ visible: true }).waitFor();
    await shot(secretaryPage, 'vote-election-before-open');
    await visibleText(secretaryPage, '发放选票、开始投票').click();
    await confirmSheet(secretaryPage);
    await visibleText(secretaryPage, '结束投票').waitFor();
    await shot(secretaryPage, 'vote-election-open');

    const popup = secretaryPage.waitForEvent('popup');
    await visibleText(secretaryPage, '投票大屏').click();
    const tab = await popup;
    screenUrl = tab.url();
    await tab.close();
    expect(screenUrl).toContain('#/vote/screen?kind=election&id=');

    projector = await projectorCtx.newPage();
    await projector.goto(screenUrl);
    await projector.locator('.vscreen__qr img').waitFor();
    // The whole projector, not the desktop's 960 px column of the phone pages.
    expect(await projector.locator('.vscreen').boundingBox()).toMatchObject({ x: 0, width: PROJECTOR.viewport.width });
    await projector.locator('.vscreen__voted', { hasText: /^0$/ }).waitFor();
    await shot(projector, 'vote-screen-open');
    expect(await projector.evaluate(() => localStorage.length)).toBe(0);
  });

  it('lets a checked-in member scan the ballot, see the E8 warning, vote and keep the receipt', async () => {
    memberPage = await memberCtx.newPage();
    await signInAsDemo(server.baseUrl, memberPage, 'member');
    const url = readQr(await projector.screenshot());
    expect(url.startsWith(`${server.baseUrl}/#/vote/ballot?b=`)).toBe(true);

    await memberPage.goto(url);
    const cards = memberPage.locator('.ballot__candidate').filter({ visible: true });
    await cards.first().waitFor();
    expect(await cards.count()).toBe(2);
    await shot(memberPage, 'vote-ballot');

    // Both 赞成 with one seat: E8 makes it invalid; the page warns before submitting.
    await cards.nth(0).getByText('赞成', { exact: true }).click();
    await cards.nth(1).getByText('赞成', { exact: true }).click();
    await visibleText(memberPage, '核对选票').click();
    await memberPage.locator('[data-warning="E8"]').filter({ visible: true }).waitFor();
    await visibleText(memberPage, '仍然提交').waitFor();
    await shot(memberPage, 'vote-ballot-review-invalid');
    await visibleText(memberPage, '返回修改').click();

    // 不赞成 the second, with a write-in only there (E7), which still counts toward the seat: warn again, so drop it.
    await cards.nth(1).getByText('不赞成', { exact: true }).click();
    await cards.nth(1).locator('.ballot__writein').waitFor();
    await cards.nth(1).locator('.ballot__writein input').fill('赵六');
    await memberPage.locator('[data-warning="E8"]').filter({ visible: true }).waitFor();
    await cards.nth(1).locator('.ballot__writein input').fill('');
    await memberPage.locator('[data-warning="E8"]').filter({ visible: true }).waitFor({ state: 'detached' });
    await shot(memberPage, 'vote-ballot-marked');
    await visibleText(memberPage, '核对选票').click();
    await visibleText(memberPage, '确认提交').waitFor();
    await shot(memberPage, 'vote-ballot-review');

    const cast = memberPage.waitForResponse((r) => r.url().endsWith('/api/v1/ballots/cast'));
    await visibleText(memberPage, '确认提交').click();
    const res = await cast;
    expect(res.status()).toBe(200);
    receipt = ((await res.json()) as CastResult).receipt;
    await visibleText(memberPage, '投票成功').waitFor();
    await memberPage.locator(`[data-receipt="${receipt}"]`).filter({ visible: true }).waitFor();
    await shot(memberPage, 'vote-receipt');

    // The screen: turnout moves, and no partial result is shown.
    await projector.locator('.vscreen__voted', { hasText: /^1$/ }).waitFor();
    expect(await projector.locator('.tally').count()).toBe(0);
    await shot(projector, 'vote-screen-voted');
  });

  it('lets the secretary close, verify and count; the member finds the receipt in the published record', async () => {
    for (const step of ['结束投票', '清点选票（核对收回票数与发出票数）', '计票']) {
      await visibleText(secretaryPage, step).click();
      await confirmSheet(secretaryPage);
      await secretaryPage.getByText(`${step}：已完成`).first().waitFor();
    }
    await secretaryPage.locator('.tally__row').filter({ visible: true }).first().waitFor();
    await shot(secretaryPage, 'vote-election-counted');
    await projector.locator('.tally__row').first().waitFor();
    await shot(projector, 'vote-screen-counted');

    await visibleText(memberPage, '查验回执').click();
    await memberPage.locator('[data-found="true"]').filter({ visible: true }).waitFor();
    await memberPage.locator('.receipt__chip--mine', { hasText: receipt }).filter({ visible: true }).waitFor();
    await shot(memberPage, 'vote-receipt-found');
  });

  it('runs a V1 motion the same way: open on the phone, vote by the screen QR, count, receipt found', async () => {
    const motion = await api<MotionDetail>(secToken, 'POST', '/motions', {
      meetingId: election.meetingId,
      kind: 'general',
      title: '关于开展“结对帮扶”活动的决定',
      description: '支部与社区党组织结对，每季度开展一次共建活动。',
    });
    await secretaryPage.goto(`${server.baseUrl}/#/packages/vote/pages/motion/index?id=${motion.id}`);
    await secretaryPage.locator('[data-quorum-met="true"]').filter({ visible: true }).waitFor();
    await visibleText(secretaryPage, '开始表决').click();
    await confirmSheet(secretaryPage);
    await visibleText(secretaryPage, '结束表决').waitFor();
    await shot(secretaryPage, 'vote-motion-open');
    const popup = secretaryPage.waitForEvent('popup');
    await visibleText(secretaryPage, '投票大屏').click();
    const tab = await popup;
    const url = tab.url();
    await tab.close();
    expect(url).toContain('#/vote/screen?kind=motion&id=');
    await projector.goto(url);
    await projector.locator('.vscreen__qr img').waitFor();
    await shot(projector, 'vote-motion-screen');

    // A fresh load, as a camera opens the URL: the earlier ballot page is still in this tab's H5 page stack.
    const motionUrl = readQr(await projector.screenshot());
    await memberPage.goto('about:blank');
    await memberPage.goto(motionUrl);
    await visibleText(memberPage, '支部与社区党组织结对，每季度开展一次共建活动。').waitFor();
    await visibleText(memberPage, '赞成').click();
    await visibleText(memberPage, '核对选票').click();
    const cast = memberPage.waitForResponse((r) => r.url().endsWith('/api/v1/ballots/cast'));
    await visibleText(memberPage, '确认提交').click();
    const motionReceipt = ((await (await cast).json()) as CastResult).receipt;
    await memberPage.locator(`[data-receipt="${motionReceipt}"]`).filter({ visible: true }).waitFor();
    await projector.locator('.vscreen__voted', { hasText: /^1$/ }).waitFor();

    await visibleText(secretaryPage, '结束表决').click();
    await confirmSheet(secretaryPage);
    await visibleText(secretaryPage, '计票').click();
    await confirmSheet(secretaryPage);
    await secretaryPage.locator('.tally__verdict').filter({ visible: true }).waitFor();
    await shot(secretaryPage, 'vote-motion-counted');
    await visibleText(memberPage, '查验回执').click();
    await memberPage.locator('[data-found="true"]').filter({ visible: true }).waitFor();
  });

  it('shows the E2 exclusion form on a draft election and cancels it with a reason, on the phone', async () => {
    const draft = await api<ElectionDetail>(secToken, 'POST', '/elections', {
      meetingId: election.meetingId,
      kind: 'committee',
      seats: 1,
      candidates: election.candidates.map((c) => ({ memberId: c.memberId, introduction: c.introduction })),
    });
    await secretaryPage.goto(`${server.baseUrl}/#/packages/vote/pages/election/index?id=${draft.id}`);
    const form = secretaryPage.locator('[data-form="exclusions"]').filter({ visible: true });
    await form.waitFor();
    await form.getByText('记录不计入应到会人数', { exact: true }).click();
    await form.getByText('请选择不计入应到会人数的党员', { exact: true }).waitFor();
    await shot(secretaryPage, 'vote-election-exclusions');
    await visibleText(secretaryPage, '取消选举').click();
    const dialog = secretaryPage.getByRole('dialog').filter({ visible: true });
    await dialog.locator('textarea').fill('候选人名单需重新酝酿');
    await dialog.getByText('确认取消', { exact: true }).click();
    await visibleText(secretaryPage, '候选人名单需重新酝酿').waitFor();
    await visibleText(secretaryPage, '已取消').waitFor();
    await shot(secretaryPage, 'vote-election-cancelled');
  });
});
