import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ArrearsExportQuerySchema,
  ArrearsPageSchema,
  ArrearsQuerySchema,
  CollectionQuerySchema,
  CollectionReportSchema,
  CollectionTreePageSchema,
  CollectionTreeQuerySchema,
  CreateFeeReliefSchema,
  CreateProxyAgreementSchema,
  DecideFeeReliefSchema,
  FeeReliefListQuerySchema,
  FeeReliefPageSchema,
  FeeReliefSchema,
  FeeReviewScanResultSchema,
  FeeReviewScanSchema,
  ProxyAgreementListQuerySchema,
  ProxyAgreementPageSchema,
  ProxyAgreementSchema,
  UuidSchema,
  YearlyFeeReportSchema,
  YearlyReportQuerySchema,
  type ArrearsExportQuery,
  type ArrearsPage,
  type ArrearsQuery,
  type CollectionQuery,
  type CollectionReport,
  type CollectionTreePage,
  type CollectionTreeQuery,
  type CreateFeeReliefDto,
  type CreateProxyAgreementDto,
  type DecideFeeReliefDto,
  type FeeRelief,
  type FeeReliefListQuery,
  type FeeReliefPage,
  type FeeReviewScanDto,
  type FeeReviewScanResult,
  type ProxyAgreement,
  type ProxyAgreementListQuery,
  type ProxyAgreementPage,
  type YearlyFeeReport,
  type YearlyReportQuery,
} from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import { Auth } from '../access/auth.decorators.js';
import { XLSX_MIME } from '../common/upload.js';
import { FeeDecisionsService } from './fee-decisions.service.js';
import { FeeReportsService } from './fee-reports.service.js';
import { FeeSheetsService } from './fee-sheets.service.js';

/** 代缴 agreements, F7 reliefs, arrears and F6 review cases, collection and yearly reports. */
@ApiTags('fees')
@ApiBearerAuth()
@Controller('fees')
export class FeeOversightController {
  constructor(
    private readonly decisions: FeeDecisionsService,
    private readonly reports: FeeReportsService,
    private readonly sheets: FeeSheetsService,
  ) {}

  @Post('proxy-agreements')
  @ApiCreatedResponse({ standardSchema: ProxyAgreementSchema })
  createProxy(@Auth() auth: AuthContext, @Body({ schema: CreateProxyAgreementSchema }) dto: CreateProxyAgreementDto): Promise<ProxyAgreement> {
    return this.decisions.createProxy(auth, dto);
  }

  @Get('proxy-agreements')
  @ApiOkResponse({ standardSchema: ProxyAgreementPageSchema })
  listProxies(@Auth() auth: AuthContext, @Query({ schema: ProxyAgreementListQuerySchema }) q: ProxyAgreementListQuery): Promise<ProxyAgreementPage> {
    return this.decisions.listProxies(auth, q);
  }

  @Post('proxy-agreements/:id/revoke')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: ProxyAgreementSchema })
  revokeProxy(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<ProxyAgreement> {
    return this.decisions.revokeProxy(auth, id);
  }

  /** F7: the branch's recorded decision; waits for approval by a higher organisation. */
  @Post('reliefs')
  @ApiCreatedResponse({ standardSchema: FeeReliefSchema })
  createRelief(@Auth() auth: AuthContext, @Body({ schema: CreateFeeReliefSchema }) dto: CreateFeeReliefDto): Promise<FeeRelief> {
    return this.decisions.createRelief(auth, dto);
  }

  @Get('reliefs')
  @ApiOkResponse({ standardSchema: FeeReliefPageSchema })
  listReliefs(@Auth() auth: AuthContext, @Query({ schema: FeeReliefListQuerySchema }) q: FeeReliefListQuery): Promise<FeeReliefPage> {
    return this.decisions.listReliefs(auth, q);
  }

  @Post('reliefs/:id/approve')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: FeeReliefSchema })
  approve(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: DecideFeeReliefSchema }) dto: DecideFeeReliefDto,
  ): Promise<FeeRelief> {
    return this.decisions.approve(auth, id, dto);
  }

  @Post('reliefs/:id/reject')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: FeeReliefSchema })
  reject(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: DecideFeeReliefSchema }) dto: DecideFeeReliefDto,
  ): Promise<FeeRelief> {
    return this.decisions.reject(auth, id, dto);
  }

  @Get('arrears')
  @ApiOkResponse({ standardSchema: ArrearsPageSchema })
  arrears(@Auth() auth: AuthContext, @Query({ schema: ArrearsQuerySchema }) q: ArrearsQuery): Promise<ArrearsPage> {
    return this.reports.arrears(auth, q);
  }

  @Get('arrears/export')
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '欠交党费名单 (.xlsx)' })
  exportArrears(@Auth() auth: AuthContext, @Query({ schema: ArrearsExportQuerySchema }) q: ArrearsExportQuery): Promise<StreamableFile> {
    return this.sheets.exportArrears(auth, q);
  }

  /** F6: opens review cases for six consecutive unpaid months; nothing else happens automatically. */
  @Post('review-scan')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: FeeReviewScanResultSchema })
  scan(@Auth() auth: AuthContext, @Body({ schema: FeeReviewScanSchema }) dto: FeeReviewScanDto): Promise<FeeReviewScanResult> {
    return this.reports.scan(auth, dto);
  }

  @Get('reports/collection')
  @ApiOkResponse({ standardSchema: CollectionReportSchema })
  collection(@Auth() auth: AuthContext, @Query({ schema: CollectionQuerySchema }) q: CollectionQuery): Promise<CollectionReport> {
    return this.reports.collection(auth, q);
  }

  @Get('reports/collection/tree')
  @ApiOkResponse({ standardSchema: CollectionTreePageSchema })
  collectionTree(@Auth() auth: AuthContext, @Query({ schema: CollectionTreeQuerySchema }) q: CollectionTreeQuery): Promise<CollectionTreePage> {
    return this.reports.collectionTree(auth, q);
  }

  @Get('reports/collection/export')
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '党费收缴统计 (.xlsx)，每个党组织一行' })
  exportCollection(@Auth() auth: AuthContext, @Query({ schema: CollectionQuerySchema }) q: CollectionQuery): Promise<StreamableFile> {
    return this.sheets.exportCollection(auth, q);
  }

  /** F7: the yearly public report; members may read their own branch's. */
  @Get('reports/yearly')
  @ApiOkResponse({ standardSchema: YearlyFeeReportSchema })
  yearly(@Auth() auth: AuthContext, @Query({ schema: YearlyReportQuerySchema }) q: YearlyReportQuery): Promise<YearlyFeeReport> {
    return this.reports.yearly(auth, q);
  }

  @Get('reports/yearly/export')
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '党费收缴情况年度公示 (.xlsx)' })
  exportYearly(@Auth() auth: AuthContext, @Query({ schema: YearlyReportQuerySchema }) q: YearlyReportQuery): Promise<StreamableFile> {
    return this.sheets.exportYearly(auth, q);
  }
}
