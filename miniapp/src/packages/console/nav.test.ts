import type { Me } from '@dangjian/shared';
import { CONSOLE_NAV, consoleNav } from './nav';

const me = (roles: Me['roles']) => ({ roles });
const org = { orgId: '00000000-0000-4000-8000-000000000001', orgName: '甲支部' };

describe('console side navigation', () => {
  it('has one entry per key, and every address is a page of the app', () => {
    expect(new Set(CONSOLE_NAV.map((e) => e.key)).size).toBe(CONSOLE_NAV.length);
    for (const e of CONSOLE_NAV) expect(e.url).toMatch(/^\/(pages|packages)\//);
  });

  it("shows a secretary the lists of the secretary's permissions, a member only the app's pages", () => {
    const secretary = consoleNav(me([{ role: 'secretary', ...org }]));
    expect(secretary.map((g) => g.title)).toEqual(['工作台', '业务数据', '党委监督', '应用']);
    expect(secretary[1]!.entries.map((e) => e.title)).toEqual(['党员', '会议', '党费', '组织关系转接', '学习', '通知公告']);
    const reader = consoleNav(me([{ role: 'committee_member', ...org }]));
    expect(reader[1]!.entries.map((e) => e.key)).toEqual(['members', 'meetings', 'fees', 'transfers']);
    const member = consoleNav(me([]));
    expect(member.map((g) => g.key)).toEqual(['overview', 'app']);
  });

  it('puts the ledger, the indexes and PDCA under 党委监督 for those who hold them', () => {
    const worker = consoleNav(me([{ role: 'org_worker', ...org }]));
    expect(worker.find((g) => g.key === 'oversight')!.entries.map((e) => e.key)).toEqual(['ledger', 'indexes', 'enterprises', 'pdca', 'org-tree']);
    const secretary = consoleNav(me([{ role: 'secretary', ...org }]));
    expect(secretary.find((g) => g.key === 'oversight')!.entries.map((e) => e.key)).toEqual(['ledger', 'indexes', 'enterprises', 'org-tree']);
  });
});
