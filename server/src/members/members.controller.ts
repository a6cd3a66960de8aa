import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import {
  CreateMemberSchema,
  MemberExportQuerySchema,
  MemberGetQuerySchema,
  MemberHistoryPageSchema,
  MemberImportQuerySchema,
  MemberImportReportSchema,
  MemberImportResultSchema,
  MemberImportTemplateQuerySchema,
  MemberListQuerySchema,
  MemberPageSchema,
  MemberSchema,
  PageQuerySchema,
  SetMemberGroupSchema,
  UpdateMemberSchema,
  UpdateMemberStatusSchema,
  UuidSchema,
  type CreateMemberDto,
  type Member,
  type MemberExportQuery,
  type MemberHistoryPage,
  type MemberImportQuery,
  type MemberImportReport,
  type MemberImportResult,
  type MemberListQuery,
  type MemberPage,
  type PageQuery,
  type SetMemberGroupDto,
  type UpdateMemberDto,
  type UpdateMemberStatusDto,
} from '@dangjian/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthContext } from '../common/auth-context.js';
import { Auth } from '../access/auth.decorators.js';
import { MemberSheetService } from './member-sheet.service.js';
import { readUpload, XLSX_MIME } from '../common/upload.js';
import { MembersService } from './members.service.js';

@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class MembersController {
  constructor(
    private readonly service: MembersService,
    private readonly sheets: MemberSheetService,
  ) {}

  /** Members of an organisation (or its subtree) in name order; `q` = part of a name, a mobile number or a national ID. */
  @Get()
  @ApiOkResponse({ standardSchema: MemberPageSchema })
  list(@Auth() auth: AuthContext, @Query({ schema: MemberListQuerySchema }) q: MemberListQuery): Promise<MemberPage> {
    return this.service.list(auth, q);
  }

  /** The caller's own record (masked, M4). */
  @Get('me')
  @ApiOkResponse({ standardSchema: MemberSchema })
  me(@Auth() auth: AuthContext): Promise<Member> {
    return this.service.me(auth);
  }

  @Get('import-template')
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '党员信息导入模板 (.xlsx)' })
  template(@Auth() auth: AuthContext, @Query({ schema: MemberImportTemplateQuerySchema }) q: { orgId?: string }): Promise<StreamableFile> {
    return this.sheets.template(auth, q.orgId);
  }

  /** Multipart (field `file`) or the raw .xlsx body. 200 with the count, or 422 with the row report and nothing changed. */
  @Post('import')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('multipart/form-data', XLSX_MIME)
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ standardSchema: MemberImportResultSchema })
  @ApiUnprocessableEntityResponse({ standardSchema: MemberImportReportSchema })
  async import(
    @Auth() auth: AuthContext,
    @Query({ schema: MemberImportQuerySchema }) q: MemberImportQuery,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MemberImportResult | MemberImportReport> {
    const result = await this.sheets.import(auth, q, await readUpload(req));
    if (!result.ok) void reply.status(HttpStatus.UNPROCESSABLE_ENTITY);
    return result;
  }

  @Get('export')
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '党员名册 (.xlsx)；unmask=true 需要 member.readSensitive 并记入审计' })
  export(@Auth() auth: AuthContext, @Query({ schema: MemberExportQuerySchema }) q: MemberExportQuery): Promise<StreamableFile> {
    return this.sheets.export(auth, q);
  }

  @Post()
  @ApiCreatedResponse({ standardSchema: MemberSchema })
  create(@Auth() auth: AuthContext, @Body({ schema: CreateMemberSchema }) dto: CreateMemberDto): Promise<Member> {
    return this.service.create(auth, dto);
  }

  /** Masked unless `unmask=true` with member.readSensitive (audited, M4). */
  @Get(':id')
  @ApiOkResponse({ standardSchema: MemberSchema })
  get(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Query({ schema: MemberGetQuerySchema }) q: { unmask: boolean },
  ): Promise<Member> {
    return this.service.get(auth, id, q.unmask);
  }

  @Patch(':id')
  @ApiOkResponse({ standardSchema: MemberSchema })
  update(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: UpdateMemberSchema }) dto: UpdateMemberDto,
  ): Promise<Member> {
    return this.service.update(auth, id, dto);
  }

  @Post(':id/status')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: MemberSchema })
  changeStatus(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: UpdateMemberStatusSchema }) dto: UpdateMemberStatusDto,
  ): Promise<Member> {
    return this.service.changeStatus(auth, id, dto);
  }

  @Get(':id/history')
  @ApiOkResponse({ standardSchema: MemberHistoryPageSchema })
  history(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Query({ schema: PageQuerySchema }) q: PageQuery,
  ): Promise<MemberHistoryPage> {
    return this.service.history(auth, id, q);
  }

  @Put(':id/group')
  @ApiOkResponse({ standardSchema: MemberSchema })
  setGroup(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: SetMemberGroupSchema }) dto: SetMemberGroupDto,
  ): Promise<Member> {
    return this.service.setGroup(auth, id, dto);
  }
}
