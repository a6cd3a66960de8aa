import type { Me, Permission } from '@dangjian/shared';
import { grantsWith } from '@/utils/access';
import { CONSOLE_HOME_URL, consoleIndexesUrl, consoleTableUrl } from './routes';
import type { TableKind } from './tables';

/*
 * The console's side navigation (≥1024 px) as data. To add a page: one entry in CONSOLE_NAV with its
 * group, title, address and the permission that shows it (see docs/modules/console.md).
 */

export type ConsoleNavGroup = 'overview' | 'lists' | 'oversight' | 'app';

export const CONSOLE_NAV_GROUPS: ReadonlyArray<{ key: ConsoleNavGroup; title: string }> = [
  { key: 'overview', title: '工作台' },
  { key: 'lists', title: '业务数据' },
  { key: 'oversight', title: '党委监督' },
  { key: 'app', title: '应用' },
];

export type ConsoleNavEntry = {
  key: string;
  group: ConsoleNavGroup;
  title: string;
  url: string;
  /** Shown to people holding it in some organisation; none: everyone signed in. */
  permission?: Permission;
  /** A tab page of the phone app (opened with switchTab). */
  tab?: boolean;
};

const tableUrl = (kind: TableKind) => consoleTableUrl(kind);

export const CONSOLE_NAV: ReadonlyArray<ConsoleNavEntry> = [
  { key: 'overview', group: 'overview', title: '数据概览', url: CONSOLE_HOME_URL, permission: 'org.read' },
  { key: 'todos', group: 'overview', title: '待办', url: '/packages/todos/pages/index/index' },
  { key: 'members', group: 'lists', title: '党员', url: tableUrl('members'), permission: 'member.read' },
  { key: 'meetings', group: 'lists', title: '会议', url: tableUrl('meetings'), permission: 'org.read' },
  { key: 'fees', group: 'lists', title: '党费', url: tableUrl('fees'), permission: 'fee.read' },
  { key: 'transfers', group: 'lists', title: '组织关系转接', url: tableUrl('transfers'), permission: 'transfer.read' },
  { key: 'study', group: 'lists', title: '学习', url: tableUrl('study'), permission: 'study.manage' },
  { key: 'notices', group: 'lists', title: '通知公告', url: tableUrl('notices'), permission: 'notice.publish' },
  { key: 'ledger', group: 'oversight', title: '企业台账', url: tableUrl('ledger'), permission: 'ledger.read' },
  { key: 'indexes', group: 'oversight', title: '指数分析', url: consoleIndexesUrl(), permission: 'index.read' },
  { key: 'enterprises', group: 'oversight', title: '企业指数', url: tableUrl('enterprises'), permission: 'index.read' },
  { key: 'pdca', group: 'oversight', title: 'PDCA 考评', url: tableUrl('pdca'), permission: 'pdca.manage' },
  { key: 'org-tree', group: 'oversight', title: '组织架构', url: '/packages/admin/pages/org-tree/index', permission: 'org.read' },
  { key: 'home', group: 'app', title: '首页', url: '/pages/home/index', tab: true },
  { key: 'learn', group: 'app', title: '学习强党', url: '/pages/study/index', tab: true },
  { key: 'mine', group: 'app', title: '我的', url: '/pages/mine/index', tab: true },
];

/** The groups with the entries this person may open, in order; empty groups left out. */
export function consoleNav(me: Pick<Me, 'roles'>, entries: ReadonlyArray<ConsoleNavEntry> = CONSOLE_NAV) {
  const shown = entries.filter((e) => !e.permission || grantsWith(me, e.permission).length > 0);
  return CONSOLE_NAV_GROUPS.map((g) => ({ ...g, entries: shown.filter((e) => e.group === g.key) })).filter((g) => g.entries.length > 0);
}
