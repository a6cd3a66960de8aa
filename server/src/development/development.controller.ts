import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  CreateDevApplicationSchema,
  DevBoardSchema,
  DevFileSchema,
  DevOrgQuerySchema,
  DevPlanSchema,
  DevRecordSchema,
  DevStatsSchema,
  DevStepSchema,
  UuidSchema,
  type CreateDevApplicationDto,
  type DevBoard,
  type DevFile,
  type DevOrgQuery,
  type DevPlanDto,
  type DevRecord,
  type DevStats,
  type DevStepParsed,
} from '@dangjian/shared';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { Auth } from '../access/auth.decorators.js';
import { forbidden } from '../common/domain-error.js';
import { DevelopmentFormsService } from './development-forms.service.js';
import { DevelopmentViewsService } from './development-views.service.js';
import { DevelopmentService } from './development.service.js';

const FormKeySchema = z.enum(['record', 'assessment']);

/** Member development (发展党员, D): application, the 25 steps, documents and forms, the pipeline views. */
@ApiTags('development')
@ApiBearerAuth()
@Controller('development')
export class DevelopmentController {
  constructor(
    private readonly dev: DevelopmentService,
    private readonly views: DevelopmentViewsService,
    private readonly forms: DevelopmentFormsService,
    private readonly access: AccessService,
  ) {}

  /** Step 1: apply for membership (the applicant), or register a paper application (the branch). */
  @Post()
  @ApiCreatedResponse({ standardSchema: DevRecordSchema })
  apply(@Auth() auth: AuthContext, @Body({ schema: CreateDevApplicationSchema }) dto: CreateDevApplicationDto): Promise<DevRecord> {
    return this.dev.apply(auth, dto);
  }

  /** The signed-in applicant's records: where am I, what is next, deadlines. */
  @Get('mine')
  @ApiOkResponse({ standardSchema: z.array(DevRecordSchema) })
  mine(@Auth() auth: AuthContext): Promise<DevRecord[]> {
    return this.dev.mine(auth);
  }

  /** The branch's pipeline board per stage, with 双培 targets. */
  @Get('board')
  @ApiOkResponse({ standardSchema: DevBoardSchema })
  board(@Auth() auth: AuthContext, @Query({ schema: DevOrgQuerySchema }) q: DevOrgQuery): Promise<DevBoard> {
    return this.views.board(auth, q.orgId, q.year);
  }

  /** The committee's counts per stage per branch and enterprise, overdue steps, plan vs target. */
  @Get('stats')
  @ApiOkResponse({ standardSchema: DevStatsSchema })
  stats(@Auth() auth: AuthContext, @Query({ schema: DevOrgQuerySchema }) q: DevOrgQuery): Promise<DevStats> {
    return this.views.stats(auth, q.orgId, q.year);
  }

  /** The same as .xlsx for the annual statistics. */
  @Get('stats/export')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  export(@Auth() auth: AuthContext, @Query({ schema: DevOrgQuerySchema }) q: DevOrgQuery): Promise<StreamableFile> {
    return this.views.exportXlsx(auth, q.orgId, q.year);
  }

  /** A yearly plan (enterpriseId null) or an enterprise's 双培 target. */
  @Put('plans')
  @HttpCode(HttpStatus.NO_CONTENT)
  setPlan(@Auth() auth: AuthContext, @Body({ schema: DevPlanSchema }) dto: DevPlanDto): Promise<void> {
    return this.views.setPlan(auth, dto);
  }

  /** The overdue scan on demand (the hourly job runs the same). */
  @Post('scan')
  @HttpCode(HttpStatus.OK)
  scan(@Auth() auth: AuthContext): Promise<{ scanned: number; opened: number }> {
    if (this.access.scopes(auth, 'member.manage').length === 0) throw forbidden();
    return this.views.scan();
  }

  /** A document: multipart/form-data with one PDF, JPEG or PNG (≤ 10 MB); name its id in a step. */
  @Post('files')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ standardSchema: DevFileSchema })
  upload(@Auth() auth: AuthContext, @Req() req: FastifyRequest): Promise<DevFile> {
    return this.dev.upload(auth, req);
  }

  @Get(':id')
  @ApiOkResponse({ standardSchema: DevRecordSchema })
  get(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<DevRecord> {
    return this.dev.detail(auth, id);
  }

  /** Steps 2–25 (and `close`): refused out of order or against a D rule, with the rule in `details.rule`. */
  @Post(':id/steps')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: DevRecordSchema })
  step(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string, @Body({ schema: DevStepSchema }) dto: DevStepParsed): Promise<DevRecord> {
    return this.dev.step(auth, id, dto);
  }

  @Get(':id/files/:fileId')
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  async file(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('fileId', { schema: UuidSchema }) fileId: string,
  ): Promise<StreamableFile> {
    const f = await this.dev.file(auth, id, fileId);
    return new StreamableFile(f.stream, { type: f.contentType, length: f.sizeBytes });
  }

  /** A form for signatures as PDF: `record` (全程纪实表) or `assessment` (培养考察登记表). */
  @Get(':id/forms/:form')
  @ApiProduces('application/pdf')
  formPdf(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('form', { schema: FormKeySchema }) form: string,
  ): Promise<StreamableFile> {
    return this.forms.pdf(auth, id, form);
  }
}
