import type { IndexKey } from '@dangjian/shared';
import type { StoredIndexTerm } from './index.entities.js';

/**
 * K5 [?]: the platform's default definitions — no official formula exists (DOMAIN.md K5), so these
 * are a starting point a committee replaces by publishing its own version. Seeded at start as
 * version DEFAULT_INDEX_VERSION with no committee; changing them means raising the version (old
 * snapshots keep naming the rows they were computed with). docs/modules/indexes.md explains each.
 */
export const DEFAULT_INDEX_VERSION = 1;
export const DEFAULT_INDEX_TERMS: Record<IndexKey, StoredIndexTerm[]> = {
  // 创新: new ways of working — telling the branch's story, learning actively, learning well.
  innovation: [
    { metric: 'news_published', weight: 40, low: 0, high: 2 },
    { metric: 'points_pm', weight: 30, low: 0, high: 30 },
    { metric: 'quiz_pass_rate', weight: 30, low: 0, high: 100 },
  ],
  // 发展: the organisation grows and keeps its rules.
  development: [
    { metric: 'developed', weight: 50, low: 0, high: 1 },
    { metric: 'c1_monthly', weight: 30, low: 0, high: 2 },
    { metric: 'fee_on_time', weight: 20, low: 0, high: 100 },
  ],
  // 成长: members' own growth through study (L1: 32 学时 a year ≈ 2.7 a month).
  growth: [
    { metric: 'study_hours_pm', weight: 50, low: 0, high: 2.7 },
    { metric: 'quiz_pass_rate', weight: 30, low: 0, high: 100 },
    { metric: 'points_pm', weight: 20, low: 0, high: 30 },
  ],
  // 活力: organisational life actually happens and members come.
  vitality: [
    { metric: 'c1_monthly', weight: 40, low: 0, high: 2 },
    { metric: 'attendance_rate', weight: 40, low: 50, high: 100 },
    { metric: 'news_published', weight: 20, low: 0, high: 2 },
  ],
  // 幸福: members are reached and take part (volunteering and requests resolved join when those modules land).
  happiness: [
    { metric: 'notice_read_pm', weight: 40, low: 0, high: 3 },
    { metric: 'attendance_rate', weight: 30, low: 50, high: 100 },
    { metric: 'fee_on_time', weight: 30, low: 0, high: 100 },
  ],
};
