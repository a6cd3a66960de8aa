import type { HallCoverage, HallRanking } from '@dangjian/shared';

/**
 * What the hall's big screen asks other modules for: coverage from the ledger (K2–K4) and rankings
 * from the indexes (K5), adapted in hall-sources.ts and provided under the tokens below, so the screen
 * depends on these two shapes only.
 */
export type HallScope = { orgId: string; orgPath: string; now: Date };

export interface HallCoverageSource {
  /** Coverage rates of the committee's area against the year's targets; null when there is no ledger. */
  hallCoverage(scope: HallScope): Promise<HallCoverage | null>;
}

export interface HallRankingSource {
  /** The top organisations of the latest month with index scores; null when none were computed. */
  hallRanking(scope: HallScope, top: number): Promise<HallRanking | null>;
}

export const HALL_COVERAGE = Symbol('HALL_COVERAGE');
export const HALL_RANKING = Symbol('HALL_RANKING');
