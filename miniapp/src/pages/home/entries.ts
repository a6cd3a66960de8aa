import type { Me } from '@dangjian/shared';
import { hasPermission } from '@dangjian/shared';
import { grantsWith, meetingListUrl, memberListUrl } from '@/utils/access';
import { DEVELOP_MINE_URL, devBoardUrl } from '@/packages/develop/routes';
import { CONSOLE_HOME_URL } from '@/packages/console/routes';
import { KNOWLEDGE_HOME_URL } from '@/packages/knowledge/routes';
import { ledgerUrl } from '@/packages/ledger/routes';
import { REQUESTS_HOME_URL } from '@/packages/requests/routes';
import { calendarUrl } from '@/packages/meetings/routes';
import { indexBranchUrl, indexOverviewUrl } from '@/packages/indexes/routes';
import { PDCA_PLANS_URL, PDCA_TASKS_URL } from '@/packages/pdca/routes';

export type HomeEntry = {
  key: string;
  title: string;
  description: string;
  /** One character drawn as the tile's badge. */
  glyph: string;
  url: string;
  /** Tab pages open with switchTab, everything else with navigateTo. */
  tab: boolean;
  /** Shown only on a desktop (≥1024 px): the phone's tiles stay as they are. */
  desktopOnly?: boolean;
};

/** The tiles on 首页: what the person's roles allow, then the entries every member has. */
export function homeEntries(me: Me): HomeEntry[] {
  const entries: HomeEntry[] = [];
  // Members check in to their meetings; the entry leads with the most frequent action.
  if (me.memberId) {
    entries.push({
      key: 'checkin',
      title: '会议签到',
      description: '扫码签到 · 我的会议',
      glyph: '签',
      url: '/packages/checkin/pages/index/index',
      tab: false,
    });
  }
  // Secretaries and group leaders run the meetings (三会一课) of their organisation.
  const [meetings] = grantsWith(me, 'meeting.manage');
  if (meetings) {
    entries.push({
      key: 'meetings',
      title: '会议管理',
      description: meetings.orgName,
      glyph: '会',
      url: meetingListUrl(meetings.orgId, meetings.orgName),
      tab: false,
    });
  }
  // 三会一课 month calendar (issue 14): my meetings, my organisation's, and the required ones not yet scheduled.
  if (me.memberId || meetings) {
    entries.push({ key: 'calendar', title: '会议日历', description: '三会一课 · 年度计划', glyph: '历', url: calendarUrl(), tab: false });
  }
  // Members vote by scanning the ballot QR; secretaries set up and run elections and motions (E14, V1–V3).
  if (me.memberId || grantsWith(me, 'election.manage').length) {
    const [votes] = grantsWith(me, 'election.manage');
    entries.push({
      key: 'vote',
      title: '投票表决',
      description: votes ? '选举 · 表决 · 扫码投票' : '扫码投票 · 查验回执',
      glyph: '票',
      url: '/packages/vote/pages/index/index',
      tab: false,
    });
  }
  const [roll] = grantsWith(me, 'member.read');
  if (roll) {
    entries.push({
      key: 'members',
      title: '党员名册',
      description: roll.orgName,
      glyph: '册',
      url: memberListUrl(roll.orgId, roll.orgName),
      tab: false,
    });
  }
  // 发展党员 (issue 16): whoever manages members sees the branch's pipeline; someone not yet a member applies and follows their progress.
  const [develop] = grantsWith(me, 'member.manage');
  if (develop) {
    entries.push({
      key: 'develop',
      title: '发展党员',
      description: develop.orgName,
      glyph: '发',
      url: devBoardUrl(develop.orgId, develop.orgName),
      tab: false,
    });
  } else if (!me.memberId) {
    entries.push({ key: 'develop', title: '入党申请', description: '递交申请 · 查看进度', glyph: '申', url: DEVELOP_MINE_URL, tab: false });
  }
  // Issue 15: the desktop console (side navigation, tables, charts) for secretaries and committee workers.
  if (hasPermission(me.roles, 'org.read')) {
    entries.push({ key: 'console', title: '工作台', description: '数据概览 · 名单 · 大屏', glyph: '台', url: CONSOLE_HOME_URL, tab: false, desktopOnly: true });
  }
  const orgAdmin = me.roles.some((g) => g.role === 'org_worker' || g.role === 'platform_admin');
  if (orgAdmin && hasPermission(me.roles, 'org.read')) {
    entries.push({
      key: 'orgs',
      title: '组织架构',
      description: '党组织层级与人数',
      glyph: '组',
      url: '/packages/admin/pages/org-tree/index',
      tab: false,
    });
  }
  // Issue 11: building the tree from a park's 摸排 spreadsheet (org.manage).
  if (orgAdmin && hasPermission(me.roles, 'org.manage')) {
    entries.push({
      key: 'org-import',
      title: '组织架构导入',
      description: '模板 · 批量导入 · 导出',
      glyph: '导',
      url: '/packages/admin/pages/org-import/index',
      tab: false,
    });
  }
  // 党费: every member sees and pays their own; fee workers (fee.read) manage the branch's bills and reports.
  if (me.memberId) {
    entries.push({ key: 'fees', title: '党费缴纳', description: '本月党费 · 缴费记录', glyph: '费', url: '/packages/fees/pages/index/index', tab: false });
  }
  const [fees] = grantsWith(me, 'fee.read');
  if (fees) {
    entries.push({
      key: 'fee-admin',
      title: '党费管理',
      description: fees.orgName,
      glyph: '账',
      url: `/packages/fees/pages/bills/index?orgId=${encodeURIComponent(fees.orgId)}&orgName=${encodeURIComponent(fees.orgName)}`,
      tab: false,
    });
  }
  // 组织关系转接 (T1–T8): every member applies and follows their own; transfer.read grants work the queues.
  if (me.memberId) {
    entries.push({
      key: 'transfer',
      title: '组织关系转接',
      description: '申请转接 · 办理进度',
      glyph: '转',
      url: '/packages/transfer/pages/index/index',
      tab: false,
    });
  }
  const [desk] = grantsWith(me, 'transfer.read');
  if (desk) {
    entries.push({
      key: 'transfer-admin',
      title: '转接办理',
      description: desk.orgName,
      glyph: '接',
      url: `/packages/transfer/pages/queues/index?orgId=${encodeURIComponent(desk.orgId)}&orgName=${encodeURIComponent(desk.orgName)}`,
      tab: false,
    });
  }
  // 五个指数 (K5): committee workers see the committee's ranking; a branch's secretary and committee its own scores.
  const [indexes] = grantsWith(me, 'index.read');
  if (indexes) {
    entries.push({
      key: 'indexes',
      title: '五个指数',
      description: orgAdmin ? '排名 · 走势 · 口径' : '本支部得分与变化',
      glyph: '指',
      url: orgAdmin ? indexOverviewUrl(indexes.orgId, indexes.orgName) : indexBranchUrl(indexes.orgId, indexes.orgName),
      tab: false,
    });
  }
  // The committee's enterprise ledger and coverage (issue 15): committee workers and secretaries.
  const [ledger] = grantsWith(me, 'ledger.read');
  if (ledger) {
    entries.push({ key: 'ledger', title: '企业台账', description: '摸排台账 · 覆盖率', glyph: '企', url: ledgerUrl(ledger.orgId, ledger.orgName), tab: false });
  }
  // PDCA 考评 (K6): the committee plans and scores (pdca.manage); branch leaders submit their tasks (pdca.submit).
  const [pdca] = grantsWith(me, 'pdca.manage');
  if (pdca) {
    entries.push({ key: 'pdca', title: 'PDCA 考评', description: '任务 · 评分 · 约谈', glyph: '考', url: PDCA_PLANS_URL, tab: false });
  } else if (grantsWith(me, 'pdca.submit').length) {
    entries.push({ key: 'pdca', title: '考评任务', description: '落实情况 · 考评结果', glyph: '考', url: PDCA_TASKS_URL, tab: false });
  }
  // 通知公告 and 待办 (issue 14): every member reads notices; publishers publish from the same list.
  entries.push(
    {
      key: 'notices',
      title: '通知公告',
      description: grantsWith(me, 'notice.publish').length ? '发布通知 · 阅读回执' : '通知 · 回执确认',
      glyph: '通',
      url: '/packages/notices/pages/list/index',
      tab: false,
    },
    { key: 'todos', title: '待办', description: '各项待办事项', glyph: '办', url: '/packages/todos/pages/index/index', tab: false },
    { key: 'inbox', title: '消息', description: '待办提醒', glyph: '信', url: '/packages/transfer/pages/inbox/index', tab: false },
    // 党建知识 (issue 14): every member searches and reads; committee workers also manage the Q&A from it.
    {
      key: 'knowledge',
      title: '党建知识',
      description: grantsWith(me, 'knowledge.manage').length ? '党章党规 · 问答管理' : '党章党规 · 常见问答',
      glyph: '知',
      url: KNOWLEDGE_HOME_URL,
      tab: false,
    },
    // 志愿服务 and 红色直播间 (issue 17): every member signs up and watches; organisers run them from the same pages.
    { key: 'volunteer', title: '志愿服务', description: '报名 · 签到 · 服务时长', glyph: '志', url: '/packages/volunteer/pages/index/index', tab: false },
    { key: 'live', title: '红色直播间', description: '线上党课 · 红色主播', glyph: '播', url: '/packages/live/pages/index/index', tab: false },
  );
  // 电子党员名片 and 党员积分 (issue 17): every member; points also for those who propose or approve deductions.
  if (me.memberId)
    entries.push({ key: 'card', title: '党员名片', description: '亮身份 · 扫码核验', glyph: '名', url: '/packages/card/pages/mine/index', tab: false });
  const deductions = grantsWith(me, 'points.manage').length || grantsWith(me, 'points.approve').length;
  if (me.memberId || deductions) {
    entries.push({
      key: 'points',
      title: '党员积分',
      description: deductions ? '积分排行 · 扣分审批' : '积分明细 · 排行',
      glyph: '积',
      url: me.memberId ? '/packages/points/pages/index/index' : '/packages/points/pages/deductions/index',
      tab: false,
    });
  }
  entries.push(
    // 企业服务 (issue 18): enterprise contacts and members file requests; handlers and committees follow them up.
    { key: 'requests', title: '企业服务', description: '诉求办理 · 服务目录', glyph: '服', url: REQUESTS_HOME_URL, tab: false },
    { key: 'study', title: '学习', description: '学习任务与学时', glyph: '学', url: '/pages/study/index', tab: true },
    { key: 'profile', title: '我的档案', description: '个人党籍信息', glyph: '档', url: '/pages/mine/index', tab: true },
  );
  return entries;
}
