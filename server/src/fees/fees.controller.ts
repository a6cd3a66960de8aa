import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import {
  FeeBillExportQuerySchema,
  FeeBillListQuerySchema,
  FeeBillPageSchema,
  FeeImportQuerySchema,
  FeeImportReportSchema,
  FeeImportResultSchema,
  FeeImportTemplateQuerySchema,
  FeePaymentPageSchema,
  FeePolicySchema,
  FeesPaidUntilSchema,
  FeeStandardListQuerySchema,
  FeeStandardPageSchema,
  FeeStandardQuerySchema,
  FeeStandardSchema,
  GenerateBillsResultSchema,
  GenerateBillsSchema,
  MemberBillsQuerySchema,
  MemberFeeStandardsSchema,
  MemberPaymentsQuerySchema,
  MyFeesSchema,
  SetFeeStandardSchema,
  UuidSchema,
  type FeeBillExportQuery,
  type FeeBillListQuery,
  type FeeBillPage,
  type FeeImportQuery,
  type FeeImportReport,
  type FeeImportResult,
  type FeePaymentPage,
  type FeePolicy,
  type FeesPaidUntil,
  type FeeStandard,
  type FeeStandardListQuery,
  type FeeStandardPage,
  type FeeStandardQuery,
  type GenerateBillsDto,
  type GenerateBillsResult,
  type MemberBillsQuery,
  type MemberFeeStandards,
  type MyFees,
  type PageQuery,
  type SetFeeStandardDto,
} from '@dangjian/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthContext } from '../common/auth-context.js';
import { Auth } from '../access/auth.decorators.js';
import { readUpload, XLSX_MIME } from '../common/upload.js';
import { FeeBillsService } from './fee-bills.service.js';
import { FeePaymentsService } from './fee-payments.service.js';
import { FeeSheetsService } from './fee-sheets.service.js';
import { FeeStandardsService } from './fee-standards.service.js';

/** Standards (F1–F4), bills, the member's own fees and "paid until" (T3). */
@ApiTags('fees')
@ApiBearerAuth()
@Controller('fees')
export class FeesController {
  constructor(
    private readonly standards: FeeStandardsService,
    private readonly bills: FeeBillsService,
    private readonly payments: FeePaymentsService,
    private readonly sheets: FeeSheetsService,
  ) {}

  /** The rule set in force (rates, cap, flat amounts, F4 choices, F5/F6 limits). */
  @Get('policy')
  @ApiOkResponse({ standardSchema: FeePolicySchema })
  policy(): FeePolicy {
    return this.standards.policy;
  }

  /** The signed-in member: this month's fee and how it was computed, unpaid bills, paid-until, 代缴. */
  @Get('me')
  @ApiOkResponse({ standardSchema: MyFeesSchema })
  mine(@Auth() auth: AuthContext): Promise<MyFees> {
    return this.bills.mine(auth);
  }

  @Get('standards')
  @ApiOkResponse({ standardSchema: FeeStandardPageSchema })
  listStandards(@Auth() auth: AuthContext, @Query({ schema: FeeStandardListQuerySchema }) q: FeeStandardListQuery): Promise<FeeStandardPage> {
    return this.standards.list(auth, q);
  }

  @Get('standards/import-template')
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '党费基数导入模板 (.xlsx)，预填本党支部党员' })
  template(@Auth() auth: AuthContext, @Query({ schema: FeeImportTemplateQuerySchema }) q: { orgId: string; year: number }): Promise<StreamableFile> {
    return this.sheets.template(auth, q.orgId, q.year);
  }

  /** Multipart (field `file`) or the raw .xlsx body. 200 with the count, or 422 with the row report and nothing changed. */
  @Post('standards/import')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('multipart/form-data', XLSX_MIME)
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ standardSchema: FeeImportResultSchema })
  @ApiUnprocessableEntityResponse({ standardSchema: FeeImportReportSchema })
  async import(
    @Auth() auth: AuthContext,
    @Query({ schema: FeeImportQuerySchema }) q: FeeImportQuery,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FeeImportResult | FeeImportReport> {
    const result = await this.sheets.import(auth, q, await readUpload(req));
    if (!result.ok) void reply.status(HttpStatus.UNPROCESSABLE_ENTITY);
    return result;
  }

  @Get('standards/:memberId')
  @ApiOkResponse({ standardSchema: MemberFeeStandardsSchema })
  memberStandards(
    @Auth() auth: AuthContext,
    @Param('memberId', { schema: UuidSchema }) memberId: string,
    @Query({ schema: FeeStandardQuerySchema }) q: FeeStandardQuery,
  ): Promise<MemberFeeStandards> {
    return this.standards.ofMember(auth, memberId, q.year);
  }

  @Put('standards/:memberId')
  @ApiOkResponse({ standardSchema: FeeStandardSchema })
  setStandard(
    @Auth() auth: AuthContext,
    @Param('memberId', { schema: UuidSchema }) memberId: string,
    @Body({ schema: SetFeeStandardSchema }) dto: SetFeeStandardDto,
  ): Promise<FeeStandard> {
    return this.standards.set(auth, memberId, dto);
  }

  /** Idempotent: a second run for the same month makes no bill. */
  @Post('bills/generate')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: GenerateBillsResultSchema })
  generate(@Auth() auth: AuthContext, @Body({ schema: GenerateBillsSchema }) dto: GenerateBillsDto): Promise<GenerateBillsResult> {
    return this.bills.generate(auth, dto);
  }

  @Get('bills')
  @ApiOkResponse({ standardSchema: FeeBillPageSchema })
  listBills(@Auth() auth: AuthContext, @Query({ schema: FeeBillListQuerySchema }) q: FeeBillListQuery): Promise<FeeBillPage> {
    return this.bills.list(auth, q);
  }

  @Get('bills/export')
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '党费账单 (.xlsx)' })
  exportBills(@Auth() auth: AuthContext, @Query({ schema: FeeBillExportQuerySchema }) q: FeeBillExportQuery): Promise<StreamableFile> {
    return this.sheets.exportBills(auth, q);
  }

  @Get('members/:memberId/bills')
  @ApiOkResponse({ standardSchema: FeeBillPageSchema })
  memberBills(
    @Auth() auth: AuthContext,
    @Param('memberId', { schema: UuidSchema }) memberId: string,
    @Query({ schema: MemberBillsQuerySchema }) q: MemberBillsQuery,
  ): Promise<FeeBillPage> {
    return this.bills.ofMember(auth, memberId, q);
  }

  /** T3: "党费已交到 YYYY年MM月". */
  @Get('members/:memberId/paid-until')
  @ApiOkResponse({ standardSchema: FeesPaidUntilSchema })
  paidUntil(@Auth() auth: AuthContext, @Param('memberId', { schema: UuidSchema }) memberId: string): Promise<FeesPaidUntil> {
    return this.bills.paidUntil(auth, memberId);
  }

  /** Payments and receipts of a member, including those they paid for others (代缴). */
  @Get('members/:memberId/payments')
  @ApiOkResponse({ standardSchema: FeePaymentPageSchema })
  memberPayments(
    @Auth() auth: AuthContext,
    @Param('memberId', { schema: UuidSchema }) memberId: string,
    @Query({ schema: MemberPaymentsQuerySchema }) q: PageQuery,
  ): Promise<FeePaymentPage> {
    return this.payments.ofMember(auth, memberId, q);
  }
}
