import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  IndexBranchScoresSchema,
  IndexDefinitionListQuerySchema,
  IndexDefinitionListSchema,
  IndexDefinitionSchema,
  IndexExplainQuerySchema,
  IndexExplanationSchema,
  IndexMetricListSchema,
  IndexMonthQuerySchema,
  IndexRankingQuerySchema,
  IndexSheetQuerySchema,
  IndexRankingSchema,
  IndexEnterpriseRankingSchema,
  PublishIndexDefinitionSchema,
  RecomputeIndexesSchema,
  RecomputeResultSchema,
  UuidSchema,
  type IndexBranchScores,
  type IndexDefinition,
  type IndexDefinitionList,
  type IndexDefinitionListQuery,
  type IndexExplainQuery,
  type IndexExplanation,
  type IndexMetricList,
  type IndexMonthQuery,
  type IndexRanking,
  type IndexSheetQuery,
  type IndexEnterpriseRanking,
  type IndexRankingQuery,
  type PublishIndexDefinitionDto,
  type RecomputeIndexesDto,
  type RecomputeResult,
} from '@dangjian/shared';
import { Auth } from '../access/auth.decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { XLSX_MIME } from '../common/upload.js';
import { IndexesService } from './indexes.service.js';

/** K5 five indexes (创新/发展/成长/活力/幸福): definitions, rankings, a branch's scores and why they changed. */
@ApiTags('indexes')
@ApiBearerAuth()
@Controller('indexes')
export class IndexesController {
  constructor(private readonly service: IndexesService) {}

  /** Everything an index can weigh (the metric registry). */
  @Get('metrics')
  @ApiOkResponse({ standardSchema: IndexMetricListSchema })
  metrics(): IndexMetricList {
    return this.service.metrics();
  }

  @Get('definitions')
  @ApiOkResponse({ standardSchema: IndexDefinitionListSchema })
  definitions(@Auth() auth: AuthContext, @Query({ schema: IndexDefinitionListQuerySchema }) q: IndexDefinitionListQuery): Promise<IndexDefinitionList> {
    return this.service.definitions(auth, q.committeeId);
  }

  /** A new version of one index for the committee (index.manage), effective from a month. */
  @Post('definitions')
  @ApiCreatedResponse({ standardSchema: IndexDefinitionSchema })
  publish(@Auth() auth: AuthContext, @Body({ schema: PublishIndexDefinitionSchema }) dto: PublishIndexDefinitionDto): Promise<IndexDefinition> {
    return this.service.publish(auth, dto);
  }

  @Get('ranking')
  @ApiOkResponse({ standardSchema: IndexRankingSchema })
  ranking(@Auth() auth: AuthContext, @Query({ schema: IndexRankingQuerySchema }) q: IndexRankingQuery): Promise<IndexRanking> {
    return this.service.ranking(auth, q);
  }

  @Get('ranking.xlsx')
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '指数排名 (.xlsx)：支部排名与企业指数' })
  sheet(@Auth() auth: AuthContext, @Query({ schema: IndexSheetQuerySchema }) q: IndexSheetQuery): Promise<StreamableFile> {
    return this.service.rankingSheet(auth, q);
  }

  /** K5 per enterprise: the committee's ledger enterprises with the scores of the organisation covering each. */
  @Get('enterprises')
  @ApiOkResponse({ standardSchema: IndexEnterpriseRankingSchema })
  enterprises(@Auth() auth: AuthContext, @Query({ schema: IndexRankingQuerySchema }) q: IndexRankingQuery): Promise<IndexEnterpriseRanking> {
    return this.service.enterpriseRanking(auth, q);
  }

  @Get('orgs/:orgId')
  @ApiOkResponse({ standardSchema: IndexBranchScoresSchema })
  branch(
    @Auth() auth: AuthContext,
    @Param('orgId', { schema: UuidSchema }) orgId: string,
    @Query({ schema: IndexMonthQuerySchema }) q: IndexMonthQuery,
  ): Promise<IndexBranchScores> {
    return this.service.branch(auth, orgId, q);
  }

  @Get('orgs/:orgId/explain')
  @ApiOkResponse({ standardSchema: IndexExplanationSchema })
  explain(
    @Auth() auth: AuthContext,
    @Param('orgId', { schema: UuidSchema }) orgId: string,
    @Query({ schema: IndexExplainQuerySchema }) q: IndexExplainQuery,
  ): Promise<IndexExplanation> {
    return this.service.explain(auth, orgId, q);
  }

  /** Recompute a month for the committee's subtree now (index.manage). */
  @Post('recompute')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: RecomputeResultSchema })
  recompute(@Auth() auth: AuthContext, @Body({ schema: RecomputeIndexesSchema }) dto: RecomputeIndexesDto): Promise<RecomputeResult> {
    return this.service.recompute(auth, dto);
  }
}
