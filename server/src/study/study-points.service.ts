import { Injectable } from '@nestjs/common';
import type { PointsActivity, Leaderboard, LeaderboardQuery, MyPoints } from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { PointsService } from '../points/points.service.js';

/** The study page's activities (L4): the study summary lists these; the ledger holds every activity (P3). */
const STUDY_ACTIVITIES: ReadonlyArray<PointsActivity> = ['study_minutes', 'lesson_completed', 'course_completed', 'quiz_passed', 'checkin'];

/**
 * L4 points, now kept by the one points ledger (server/src/points, P3): this service keeps the study
 * module's callers and endpoints working and delegates every call to PointsService.
 */
@Injectable()
export class StudyPointsService {
  constructor(private readonly points: PointsService) {}

  /** Points given (0 when a cap is reached or the source was already awarded). */
  award(tx: EntityManager, memberId: string, activity: PointsActivity, sourceKey: string, day: string): Promise<number> {
    return this.points.award(tx, memberId, activity, sourceKey, day);
  }

  mine(auth: AuthContext): Promise<MyPoints> {
    return this.points.mine(auth, STUDY_ACTIVITIES);
  }

  leaderboard(auth: AuthContext, q: LeaderboardQuery): Promise<Leaderboard> {
    return this.points.ranking(auth, q);
  }
}
