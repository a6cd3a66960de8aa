import { memberMe, orgWorkerMe, secretaryMe } from '@test/fixtures';
import { homeEntries } from './entries';

const keys = (me: Parameters<typeof homeEntries>[0]) => homeEntries(me).map((e) => e.key);

describe(homeEntries.name, () => {
  it('gives a plain member check-in and the entries every member has', () => {
    expect(keys(memberMe)).toEqual([
      'checkin',
      'calendar',
      'vote',
      'fees',
      'transfer',
      'notices',
      'todos',
      'inbox',
      'knowledge',
      'volunteer',
      'live',
      'card',
      'points',
      'requests',
      'study',
      'profile',
    ]);
    expect(homeEntries(memberMe)[0]?.url).toBe('/packages/checkin/pages/index/index');
    expect(homeEntries(memberMe)[1]?.url).toBe('/packages/meetings/pages/calendar/index');
    expect(homeEntries(memberMe)[2]?.url).toBe('/packages/vote/pages/index/index');
  });

  it('gives the secretary meeting management and the member roll of the organisation where they hold the role', () => {
    const entries = homeEntries(secretaryMe);
    expect(entries.map((e) => e.key)).toEqual([
      'checkin',
      'meetings',
      'calendar',
      'vote',
      'members',
      'develop',
      'console',
      'fees',
      'fee-admin',
      'transfer',
      'transfer-admin',
      'indexes',
      'ledger',
      'pdca',
      'notices',
      'todos',
      'inbox',
      'knowledge',
      'volunteer',
      'live',
      'card',
      'points',
      'requests',
      'study',
      'profile',
    ]);
    expect(entries.find((e) => e.key === 'indexes')).toMatchObject({
      description: '本支部得分与变化',
      url: `/packages/indexes/pages/branch/index?orgId=${secretaryMe.roles[1]?.orgId}&orgName=${encodeURIComponent('第一党支部')}`,
    });
    const orgQuery = `orgId=${secretaryMe.roles[1]?.orgId}&orgName=${encodeURIComponent('第一党支部')}`;
    expect(entries[1]?.url).toBe(`/packages/meetings/pages/list/index?${orgQuery}`);
    expect(entries.find((e) => e.key === 'members')?.url).toBe(`/packages/admin/pages/members/index?${orgQuery}`);
    expect(entries.find((e) => e.key === 'fee-admin')?.url).toBe(`/packages/fees/pages/bills/index?${orgQuery}`);
    expect(entries.find((e) => e.key === 'vote')?.description).toBe('选举 · 表决 · 扫码投票');
    expect(entries.find((e) => e.key === 'develop')?.url).toBe(`/packages/develop/pages/board/index?${orgQuery}`);
    expect(entries.find((e) => e.key === 'transfer-admin')?.url).toBe(`/packages/transfer/pages/queues/index?${orgQuery}`);
    // Issue 15: the desktop console, a tile only on a desktop.
    expect(entries.find((e) => e.key === 'console')).toMatchObject({ url: '/packages/console/pages/index/index', desktopOnly: true });
  });

  it('gives everyone 党建知识, and committee workers its Q&A management (issue 14)', () => {
    expect(homeEntries(memberMe).find((e) => e.key === 'knowledge')).toMatchObject({
      description: '党章党规 · 常见问答',
      url: '/packages/knowledge/pages/index/index',
    });
    expect(homeEntries(orgWorkerMe).find((e) => e.key === 'knowledge')?.description).toBe('党章党规 · 问答管理');
  });

  it('gives committee workers PDCA 考评 (plans, scoring, 约谈) and branch secretaries their tasks (K6)', () => {
    expect(homeEntries(orgWorkerMe).find((e) => e.key === 'pdca')).toMatchObject({ title: 'PDCA 考评', url: '/packages/pdca/pages/plans/index' });
    expect(homeEntries(secretaryMe).find((e) => e.key === 'pdca')).toMatchObject({ title: '考评任务', url: '/packages/pdca/pages/tasks/index' });
    expect(homeEntries(memberMe).find((e) => e.key === 'pdca')).toBeUndefined();
  });

  it('gives a group leader the meetings of the group', () => {
    const leader = {
      ...memberMe,
      roles: [...memberMe.roles, { role: 'group_leader' as const, orgId: '99999999-9999-4999-8999-999999999999', orgName: '第一党小组' }],
    };
    const meetings = homeEntries(leader).find((e) => e.key === 'meetings');
    expect(meetings?.description).toBe('第一党小组');
  });

  it('offers 入党申请 to someone who is not yet a member and manages nobody (issue 16)', () => {
    const applicant = { ...memberMe, memberId: null, orgId: null, orgName: null, roles: [] };
    expect(homeEntries(applicant).find((e) => e.key === 'develop')).toMatchObject({ title: '入党申请', url: '/packages/develop/pages/mine/index' });
  });

  it('adds the organisation tree for organisation workers, who have no member record to check in with', () => {
    expect(keys(orgWorkerMe)).toEqual([
      'meetings',
      'calendar',
      'vote',
      'members',
      'develop',
      'console',
      'orgs',
      'org-import',
      'fee-admin',
      'transfer-admin',
      'indexes',
      'ledger',
      'pdca',
      'notices',
      'todos',
      'inbox',
      'knowledge',
      'volunteer',
      'live',
      'points',
      'requests',
      'study',
      'profile',
    ]);
    expect(homeEntries(orgWorkerMe).find((e) => e.key === 'indexes')?.url).toMatch(/^\/packages\/indexes\/pages\/overview\/index\?orgId=/);
  });
});
