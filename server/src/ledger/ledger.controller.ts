import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import {
  AppointOfficerSchema,
  CoverageQuerySchema,
  CoverageSummarySchema,
  CoverageTargetSchema,
  CoverageTrendSchema,
  CreateLedgerEntrySchema,
  CreateVisitSchema,
  EndAppointmentSchema,
  LedgerDetailSchema,
  LedgerExportQuerySchema,
  LedgerImportQuerySchema,
  LedgerImportResultSchema,
  LedgerPageSchema,
  LedgerQuerySchema,
  MemberImportReportSchema,
  OfficerAppointmentSchema,
  OfficerCandidateListSchema,
  OfficerCandidateQuerySchema,
  SetCoverageTargetSchema,
  UpdateLedgerEntrySchema,
  UuidSchema,
  VisitPlanQuerySchema,
  VisitPlanSchema,
  VisitSchema,
  type AppointOfficerDto,
  type CoverageQuery,
  type CoverageSummary,
  type CoverageTarget,
  type CoverageTrend,
  type CreateLedgerEntryDto,
  type CreateVisitDto,
  type EndAppointmentDto,
  type LedgerDetail,
  type LedgerEntry,
  type LedgerImportQuery,
  type LedgerImportResult,
  type LedgerQuery,
  type MemberImportReport,
  type OfficerAppointment,
  type OfficerCandidate,
  type Page,
  type SetCoverageTargetDto,
  type UpdateLedgerEntryDto,
  type Visit,
  type VisitPlan,
} from '@dangjian/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth } from '../access/auth.decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { readUpload, XLSX_MIME } from '../common/upload.js';
import { CoverageService } from './coverage.service.js';
import { LedgerSheetService } from './ledger-sheet.service.js';
import { LedgerService } from './ledger.service.js';
import { OfficersService } from './officers.service.js';

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('ledger')
export class LedgerController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly sheets: LedgerSheetService,
    private readonly coverage: CoverageService,
    private readonly officers: OfficersService,
  ) {}

  /** The subtree's ledger with computed coverage and gaps; filter by coverage or gap reason. */
  @Get('enterprises')
  @ApiOkResponse({ standardSchema: LedgerPageSchema })
  list(@Auth() auth: AuthContext, @Query({ schema: LedgerQuerySchema }) q: LedgerQuery): Promise<Page<LedgerEntry>> {
    return this.ledger.list(auth, q);
  }

  @Post('enterprises')
  @ApiCreatedResponse({ standardSchema: LedgerDetailSchema })
  create(@Auth() auth: AuthContext, @Body({ schema: CreateLedgerEntrySchema }) dto: CreateLedgerEntryDto): Promise<LedgerDetail> {
    return this.ledger.create(auth, dto);
  }

  @Get('import-template')
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '企业台账导入模板 (.xlsx)' })
  template(@Auth() auth: AuthContext): Promise<StreamableFile> {
    return this.sheets.template(auth);
  }

  /** Multipart (field `file`) or the raw .xlsx body. 200 with the per-row outcome, or 422 with the row report and nothing changed. */
  @Post('import')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('multipart/form-data', XLSX_MIME)
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ standardSchema: LedgerImportResultSchema })
  @ApiUnprocessableEntityResponse({ standardSchema: MemberImportReportSchema })
  async import(
    @Auth() auth: AuthContext,
    @Query({ schema: LedgerImportQuerySchema }) q: LedgerImportQuery,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LedgerImportResult | MemberImportReport> {
    const result = await this.sheets.import(auth, q, await readUpload(req));
    if (!result.ok) void reply.status(HttpStatus.UNPROCESSABLE_ENTITY);
    return result;
  }

  @Get('export')
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '企业台账 (.xlsx)，含覆盖情况、指导员、联络员与待解决问题' })
  export(@Auth() auth: AuthContext, @Query({ schema: LedgerExportQuerySchema }) q: { committeeId: string }): Promise<StreamableFile> {
    return this.sheets.export(auth, q.committeeId);
  }

  @Get('enterprises/:id')
  @ApiOkResponse({ standardSchema: LedgerDetailSchema })
  get(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<LedgerDetail> {
    return this.ledger.get(auth, id);
  }

  @Patch('enterprises/:id')
  @ApiOkResponse({ standardSchema: LedgerDetailSchema })
  update(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: UpdateLedgerEntrySchema }) dto: UpdateLedgerEntryDto,
  ): Promise<LedgerDetail> {
    return this.ledger.update(auth, id, dto);
  }

  @Post('enterprises/:id/officers')
  @ApiCreatedResponse({ standardSchema: OfficerAppointmentSchema })
  appoint(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: AppointOfficerSchema }) dto: AppointOfficerDto,
  ): Promise<OfficerAppointment> {
    return this.officers.appoint(auth, id, dto);
  }

  @Post('officers/:id/end')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: OfficerAppointmentSchema })
  endTerm(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: EndAppointmentSchema }) dto: EndAppointmentDto,
  ): Promise<OfficerAppointment> {
    return this.officers.end(auth, id, dto);
  }

  /** Accounts of the subtree (members with an account, role holders) by name, for an appointment. */
  @Get('officer-candidates')
  @ApiOkResponse({ standardSchema: OfficerCandidateListSchema })
  candidates(
    @Auth() auth: AuthContext,
    @Query({ schema: OfficerCandidateQuerySchema }) q: { committeeId: string; q: string },
  ): Promise<{ items: OfficerCandidate[] }> {
    return this.officers.candidates(auth, q.committeeId, q.q);
  }

  @Post('enterprises/:id/visits')
  @ApiCreatedResponse({ standardSchema: VisitSchema })
  visit(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string, @Body({ schema: CreateVisitSchema }) dto: CreateVisitDto): Promise<Visit> {
    return this.officers.recordVisit(auth, id, dto);
  }

  /** The caller's yearly visit plan (S1) with the visits done against it; `userId`: an officer's, for a committee worker. */
  @Get('visit-plan')
  @ApiOkResponse({ standardSchema: VisitPlanSchema })
  plan(@Auth() auth: AuthContext, @Query({ schema: VisitPlanQuerySchema }) q: { year?: number; userId?: string }): Promise<VisitPlan> {
    return this.officers.plan(auth, q.year, q.userId);
  }

  @Get('coverage')
  @ApiOkResponse({ standardSchema: CoverageSummarySchema })
  summary(@Auth() auth: AuthContext, @Query({ schema: CoverageQuerySchema }) q: CoverageQuery): Promise<CoverageSummary> {
    return this.coverage.summary(auth, q.committeeId);
  }

  @Get('coverage/trend')
  @ApiOkResponse({ standardSchema: CoverageTrendSchema })
  trend(@Auth() auth: AuthContext, @Query({ schema: CoverageQuerySchema }) q: CoverageQuery): Promise<CoverageTrend> {
    return this.coverage.trend(auth, q.committeeId);
  }

  @Get('coverage/target')
  @ApiOkResponse({ standardSchema: CoverageTargetSchema })
  target(@Auth() auth: AuthContext, @Query({ schema: CoverageQuerySchema }) q: CoverageQuery): Promise<CoverageTarget> {
    return this.coverage.getTarget(auth, q.committeeId, q.year);
  }

  @Put('coverage/target')
  @ApiOkResponse({ standardSchema: CoverageTargetSchema })
  setTarget(
    @Auth() auth: AuthContext,
    @Query({ schema: CoverageQuerySchema }) q: CoverageQuery,
    @Body({ schema: SetCoverageTargetSchema }) dto: SetCoverageTargetDto,
  ): Promise<CoverageTarget> {
    return this.coverage.setTarget(auth, q.committeeId, dto);
  }
}
