import type { Me } from '@dangjian/shared';
import { hasPermission } from '@dangjian/shared';
import { grantsWith, memberListUrl } from '@/utils/access';

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
