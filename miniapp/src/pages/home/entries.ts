import type { Me } from '@dangjian/shared';
import { hasPermission } from '@dangjian/shared';
import { grantsWith, meetingListUrl, memberListUrl } from '@/utils/access';

export type HomeEntry = {
  key: string;
  title: string;
  description: string;
  /** One character drawn as the tile's badge. */
  glyph: string;
  url: string;
  /** Tab pages open with switchTab, everything else with navigateTo. */
  tab: boolean;
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
  entries.push(
    { key: 'study', title: '学习', description: '学习任务与学时', glyph: '学', url: '/pages/study/index', tab: true },
    { key: 'profile', title: '我的档案', description: '个人党籍信息', glyph: '档', url: '/pages/mine/index', tab: true },
  );
  return entries;
}
