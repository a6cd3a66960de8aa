import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreatePointsDeductionSchema,
  CreatePointsRuleVersionSchema,
  LeaderboardQuerySchema,
  LeaderboardSchema,
  PointsDeductionListQuerySchema,
  PointsDeductionListSchema,
  PointsDeductionSchema,
  PointsHistoryQuerySchema,
  PointsHistorySchema,
  PointsRuleListSchema,
  RejectPointsDeductionSchema,
  UuidSchema,
  type CreatePointsDeduction,
  type CreatePointsRuleVersion,
  type Leaderboard,
  type LeaderboardQuery,
  type PointsDeduction,
  type PointsDeductionList,
  type PointsDeductionListQuery,
  type PointsHistory,
  type PointsHistoryQuery,
  type PointsRuleList,
  type RejectPointsDeduction,
} from '@dangjian/shared';
import { Auth } from '../access/auth.decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { PointsDeductionsService } from './points-deductions.service.js';
import { PointsService } from './points.service.js';

/** 党员积分 (P3): my history, rankings, the versioned rules, deductions and their approval. */
@ApiTags('points')
@ApiBearerAuth()
@Controller('points')
export class PointsController {
  constructor(
    private readonly points: PointsService,
    private readonly deductions: PointsDeductionsService,
  ) {}

  /** The caller's entries of a year, each with the rule version that gave it. */
  @Get('me/history')
  @ApiOkResponse({ standardSchema: PointsHistorySchema })
  history(@Auth() auth: AuthContext, @Query({ schema: PointsHistoryQuerySchema }) q: PointsHistoryQuery): Promise<PointsHistory> {
    return this.points.history(auth, q);
  }

  /** The year's ranking of a branch's members or of a committee's branches. */
  @Get('ranking')
  @ApiOkResponse({ standardSchema: LeaderboardSchema })
  ranking(@Auth() auth: AuthContext, @Query({ schema: LeaderboardQuerySchema }) q: LeaderboardQuery): Promise<Leaderboard> {
    return this.points.ranking(auth, q);
  }

  /** Every version of every activity's rule, and whether the caller may add versions. */
  @Get('rules')
  @ApiOkResponse({ standardSchema: PointsRuleListSchema })
  rules(@Auth() auth: AuthContext): Promise<PointsRuleList> {
    return this.points.rules(auth);
  }

  /** A new version of an activity's rule, effective from a day not in the past (the committee at the top). */
  @Post('rules')
  @ApiCreatedResponse({ standardSchema: PointsRuleListSchema })
  addRule(@Auth() auth: AuthContext, @Body({ schema: CreatePointsRuleVersionSchema }) dto: CreatePointsRuleVersion): Promise<PointsRuleList> {
    return this.points.addRuleVersion(auth, dto);
  }

  @Get('deductions')
  @ApiOkResponse({ standardSchema: PointsDeductionListSchema })
  listDeductions(@Auth() auth: AuthContext, @Query({ schema: PointsDeductionListQuerySchema }) q: PointsDeductionListQuery): Promise<PointsDeductionList> {
    return this.deductions.list(auth, q);
  }

  /** Proposes a deduction with a reason (points.manage over the member). */
  @Post('deductions')
  @ApiCreatedResponse({ standardSchema: PointsDeductionSchema })
  propose(@Auth() auth: AuthContext, @Body({ schema: CreatePointsDeductionSchema }) dto: CreatePointsDeduction): Promise<PointsDeduction> {
    return this.deductions.propose(auth, dto);
  }

  @Get('deductions/:id')
  @ApiOkResponse({ standardSchema: PointsDeductionSchema })
  getDeduction(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<PointsDeduction> {
    return this.deductions.get(auth, id);
  }

  /** Approves: the negative entry is written in the same transaction. */
  @Post('deductions/:id/approve')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: PointsDeductionSchema })
  approve(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<PointsDeduction> {
    return this.deductions.approve(auth, id);
  }

  @Post('deductions/:id/reject')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: PointsDeductionSchema })
  reject(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: RejectPointsDeductionSchema }) dto: RejectPointsDeduction,
  ): Promise<PointsDeduction> {
    return this.deductions.reject(auth, id, dto);
  }
}
