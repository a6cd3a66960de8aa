import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  AccountListSchema,
  AccountSearchQuerySchema,
  AppointContactSchema,
  CommitteeQuerySchema,
  CreateRequestSchema,
  EnterpriseContactListSchema,
  EnterpriseContactSchema,
  EnterpriseRequestSchema,
  RequestActionSchema,
  RequestContextSchema,
  RequestFileSchema,
  RequestListQuerySchema,
  RequestListSchema,
  RequestStatsQuerySchema,
  RequestStatsSchema,
  RequestStepSchema,
  SaveDepartmentSchema,
  ServiceDepartmentListSchema,
  ServiceDepartmentSchema,
  UuidSchema,
  type AccountList,
  type AccountSearchQuery,
  type AppointContactDto,
  type CommitteeQuery,
  type CreateRequestDto,
  type EnterpriseContact,
  type EnterpriseContactList,
  type EnterpriseRequest,
  type RequestAction,
  type RequestContext,
  type RequestFile,
  type RequestList,
  type RequestListQuery,
  type RequestStats,
  type RequestStatsQuery,
  type RequestStepDto,
  type SaveDepartmentDto,
  type ServiceDepartment,
  type ServiceDepartmentList,
} from '@dangjian/shared';
import type { FastifyRequest } from 'fastify';
import { Auth } from '../access/auth.decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { attachmentDisposition } from '../common/spreadsheet.js';
import { XLSX_MIME } from '../common/upload.js';
import { RequestsService } from './requests.service.js';

/** 诉求 (红e 帮帮团, S2–S3): filing, the steps, lists, statistics, export; the committee's contacts and departments. */
@ApiTags('enterprise-requests')
@ApiBearerAuth()
@Controller('requests')
export class RequestsController {
  constructor(private readonly service: RequestsService) {}

  /** Where the caller may file, which committees they route for, which departments they handle for. */
  @Get('context')
  @ApiOkResponse({ standardSchema: RequestContextSchema })
  context(@Auth() auth: AuthContext): Promise<RequestContext> {
    return this.service.context(auth);
  }

  @Get('contacts')
  @ApiOkResponse({ standardSchema: EnterpriseContactListSchema })
  contacts(@Auth() auth: AuthContext, @Query({ schema: CommitteeQuerySchema }) q: CommitteeQuery): Promise<EnterpriseContactList> {
    return this.service.contacts(auth, q.committeeId);
  }

  @Post('contacts')
  @ApiCreatedResponse({ standardSchema: EnterpriseContactSchema })
  appoint(@Auth() auth: AuthContext, @Body({ schema: AppointContactSchema }) dto: AppointContactDto): Promise<EnterpriseContact> {
    return this.service.appointContact(auth, dto);
  }

  @Post('contacts/:id/revoke')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: EnterpriseContactSchema })
  revoke(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<EnterpriseContact> {
    return this.service.revokeContact(auth, id);
  }

  @Get('departments')
  @ApiOkResponse({ standardSchema: ServiceDepartmentListSchema })
  departments(@Auth() auth: AuthContext, @Query({ schema: CommitteeQuerySchema }) q: CommitteeQuery): Promise<ServiceDepartmentList> {
    return this.service.departments(auth, q.committeeId);
  }

  @Post('departments')
  @ApiCreatedResponse({ standardSchema: ServiceDepartmentSchema })
  createDepartment(@Auth() auth: AuthContext, @Body({ schema: SaveDepartmentSchema }) dto: SaveDepartmentDto): Promise<ServiceDepartment> {
    return this.service.saveDepartment(auth, null, dto);
  }

  @Put('departments/:id')
  @ApiOkResponse({ standardSchema: ServiceDepartmentSchema })
  updateDepartment(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: SaveDepartmentSchema }) dto: SaveDepartmentDto,
  ): Promise<ServiceDepartment> {
    return this.service.saveDepartment(auth, id, dto);
  }

  /** Accounts of the committee's subtree by name (handler and contact pickers). */
  @Get('accounts')
  @ApiOkResponse({ standardSchema: AccountListSchema })
  accounts(@Auth() auth: AuthContext, @Query({ schema: AccountSearchQuerySchema }) q: AccountSearchQuery): Promise<AccountList> {
    return this.service.accounts(auth, q);
  }

  /** An attachment before filing (multipart field `file`): images, PDF, Office. */
  @Post('files')
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ standardSchema: RequestFileSchema })
  upload(@Auth() auth: AuthContext, @Req() req: FastifyRequest): Promise<RequestFile> {
    return this.service.upload(auth, req);
  }

  @Get('stats')
  @ApiOkResponse({ standardSchema: RequestStatsSchema })
  stats(@Auth() auth: AuthContext, @Query({ schema: RequestStatsQuerySchema }) q: RequestStatsQuery): Promise<RequestStats> {
    return this.service.stats(auth, q);
  }

  @Get('export.xlsx')
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '诉求清单（.xlsx）' })
  async export(@Auth() auth: AuthContext, @Query({ schema: RequestListQuerySchema }) q: RequestListQuery): Promise<StreamableFile> {
    const { data, fileName } = await this.service.export(auth, q);
    return new StreamableFile(data, { type: XLSX_MIME, disposition: attachmentDisposition(fileName, 'requests.xlsx'), length: data.length });
  }

  @Post()
  @ApiCreatedResponse({ standardSchema: EnterpriseRequestSchema })
  create(@Auth() auth: AuthContext, @Body({ schema: CreateRequestSchema }) dto: CreateRequestDto): Promise<EnterpriseRequest> {
    return this.service.create(auth, dto);
  }

  @Get()
  @ApiOkResponse({ standardSchema: RequestListSchema })
  list(@Auth() auth: AuthContext, @Query({ schema: RequestListQuerySchema }) q: RequestListQuery): Promise<RequestList> {
    return this.service.list(auth, q);
  }

  @Get(':id')
  @ApiOkResponse({ standardSchema: EnterpriseRequestSchema })
  get(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<EnterpriseRequest> {
    return this.service.get(auth, id);
  }

  @Get(':id/files/:fileId')
  @ApiOkResponse({ description: '附件内容' })
  async file(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('fileId', { schema: UuidSchema }) fileId: string,
  ): Promise<StreamableFile> {
    const { file, stream } = await this.service.file(auth, id, fileId);
    return new StreamableFile(stream, {
      type: file.contentType,
      length: file.sizeBytes,
      disposition: attachmentDisposition(file.originalName ?? '附件', 'attachment'),
    });
  }

  /** One step of the workflow (route, reject, return, accept, ask, answer, reply, resolve, confirm, reopen, withdraw). */
  @Post(':id/:action')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: EnterpriseRequestSchema })
  step(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('action', { schema: RequestActionSchema }) action: RequestAction,
    @Body({ schema: RequestStepSchema }) dto: RequestStepDto,
  ): Promise<EnterpriseRequest> {
    return this.service.step(auth, id, action, dto);
  }
}
