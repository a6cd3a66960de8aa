import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  CreatePdcaPlanSchema,
  HoldPdcaTalkSchema,
  PdcaAssignmentSchema,
  PdcaCandidatesQuerySchema,
  PdcaCandidatesSchema,
  PdcaEvidenceFileSchema,
  PdcaFileQuerySchema,
  PdcaMyAssignmentListSchema,
  PdcaMyAssignmentsQuerySchema,
  PdcaPlanDetailSchema,
  PdcaPlanListQuerySchema,
  PdcaPlanListSchema,
  PdcaResultsSchema,
  PdcaScoreInputSchema,
  PdcaTalkSchema,
  ReturnPdcaAssignmentSchema,
  SubmitPdcaEvidenceSchema,
  UpdatePdcaPlanSchema,
  UuidSchema,
  type CreatePdcaPlanDto,
  type HoldPdcaTalkDto,
  type PdcaAssignment,
  type PdcaCandidates,
  type PdcaEvidenceFile,
  type PdcaMyAssignmentList,
  type PdcaMyAssignmentsQuery,
  type PdcaPlanDetail,
  type PdcaPlanList,
  type PdcaPlanListQuery,
  type PdcaResults,
  type PdcaScoreInputDto,
  type PdcaTalk,
  type ReturnPdcaAssignmentDto,
  type SubmitPdcaEvidenceDto,
  type UpdatePdcaPlanDto,
} from '@dangjian/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth, Public } from '../access/auth.decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { attachmentDisposition } from '../common/spreadsheet.js';
import { XLSX_MIME } from '../common/upload.js';
import { PdcaTasksService } from './pdca-tasks.service.js';
import { PdcaService } from './pdca.service.js';

const Id = { schema: UuidSchema };

/** PDCA evaluation (K6): the committee's plans, the branches' tasks, scores, results, 约谈. */
@ApiTags('pdca')
@ApiBearerAuth()
@Controller('pdca')
export class PdcaController {
  constructor(
    private readonly plans: PdcaService,
    private readonly tasks: PdcaTasksService,
  ) {}

  /** Branches and possible scorers under a committee, for the plan editor (pdca.manage). */
  @Get('candidates')
  @ApiOkResponse({ standardSchema: PdcaCandidatesSchema })
  candidates(@Auth() auth: AuthContext, @Query({ schema: PdcaCandidatesQuerySchema }) q: { orgId: string }): Promise<PdcaCandidates> {
    return this.plans.candidates(auth, q.orgId);
  }

  @Post('plans')
  @ApiCreatedResponse({ standardSchema: PdcaPlanDetailSchema })
  create(@Auth() auth: AuthContext, @Body({ schema: CreatePdcaPlanSchema }) dto: CreatePdcaPlanDto): Promise<PdcaPlanDetail> {
    return this.plans.create(auth, dto);
  }

  @Get('plans')
  @ApiOkResponse({ standardSchema: PdcaPlanListSchema })
  list(@Auth() auth: AuthContext, @Query({ schema: PdcaPlanListQuerySchema }) q: PdcaPlanListQuery): Promise<PdcaPlanList> {
    return this.plans.list(auth, q);
  }

  @Get('plans/:id')
  @ApiOkResponse({ standardSchema: PdcaPlanDetailSchema })
  plan(@Auth() auth: AuthContext, @Param('id', Id) id: string): Promise<PdcaPlanDetail> {
    return this.plans.detail(auth, id);
  }

  /** The whole draft again; refused once published. */
  @Put('plans/:id')
  @ApiOkResponse({ standardSchema: PdcaPlanDetailSchema })
  update(@Auth() auth: AuthContext, @Param('id', Id) id: string, @Body({ schema: UpdatePdcaPlanSchema }) dto: UpdatePdcaPlanDto): Promise<PdcaPlanDetail> {
    return this.plans.update(auth, id, dto);
  }

  @Post('plans/:id/publish')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: PdcaPlanDetailSchema })
  publish(@Auth() auth: AuthContext, @Param('id', Id) id: string): Promise<PdcaPlanDetail> {
    return this.plans.step(auth, id, 'publish');
  }

  /** Submissions close; scorers may enter their sheets. */
  @Post('plans/:id/start-scoring')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: PdcaPlanDetailSchema })
  startScoring(@Auth() auth: AuthContext, @Param('id', Id) id: string): Promise<PdcaPlanDetail> {
    return this.plans.step(auth, id, 'start_scoring');
  }

  /** 汇报党委: every branch scored; those below the threshold go on the 约谈 list. */
  @Post('plans/:id/report')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: PdcaPlanDetailSchema })
  report(@Auth() auth: AuthContext, @Param('id', Id) id: string): Promise<PdcaPlanDetail> {
    return this.plans.step(auth, id, 'report');
  }

  /** Once every 约谈 is recorded. */
  @Post('plans/:id/close')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: PdcaPlanDetailSchema })
  close(@Auth() auth: AuthContext, @Param('id', Id) id: string): Promise<PdcaPlanDetail> {
    return this.plans.step(auth, id, 'close');
  }

  @Get('plans/:id/results')
  @ApiOkResponse({ standardSchema: PdcaResultsSchema })
  results(@Auth() auth: AuthContext, @Param('id', Id) id: string): Promise<PdcaResults> {
    return this.plans.results(auth, id);
  }

  @Get('plans/:id/results.xlsx')
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '考评结果 (.xlsx)' })
  async sheet(@Auth() auth: AuthContext, @Param('id', Id) id: string): Promise<StreamableFile> {
    const { data, fileName } = await this.plans.sheet(auth, id);
    return new StreamableFile(data, { type: XLSX_MIME, disposition: attachmentDisposition(fileName, 'pdca-results.xlsx'), length: data.length });
  }

  @Get('plans/:id/results.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: '考评结果报告 (PDF)' })
  async pdf(@Auth() auth: AuthContext, @Param('id', Id) id: string): Promise<StreamableFile> {
    const data = await this.plans.pdf(auth, id);
    return new StreamableFile(data, { type: 'application/pdf', disposition: 'inline; filename="pdca-results.pdf"', length: data.length });
  }

  /** as=branch: my branches' tasks; as=scorer: the tasks I score. */
  @Get('assignments')
  @ApiOkResponse({ standardSchema: PdcaMyAssignmentListSchema })
  mine(@Auth() auth: AuthContext, @Query({ schema: PdcaMyAssignmentsQuerySchema }) q: PdcaMyAssignmentsQuery): Promise<PdcaMyAssignmentList> {
    return this.tasks.mine(auth, q);
  }

  @Get('assignments/:id')
  @ApiOkResponse({ standardSchema: PdcaAssignmentSchema })
  task(@Auth() auth: AuthContext, @Param('id', Id) id: string): Promise<PdcaAssignment> {
    return this.tasks.get(auth, id);
  }

  /** A photo or file of evidence (multipart field `file`): JPG/PNG/WebP, PDF, Office. */
  @Post('assignments/:id/files')
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ standardSchema: PdcaEvidenceFileSchema })
  upload(@Auth() auth: AuthContext, @Param('id', Id) id: string, @Req() req: FastifyRequest): Promise<PdcaEvidenceFile> {
    return this.tasks.upload(auth, id, req);
  }

  @Delete('assignments/:id/files/:fileId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  removeFile(@Auth() auth: AuthContext, @Param('id', Id) id: string, @Param('fileId', Id) fileId: string): Promise<void> {
    return this.tasks.removeFile(auth, id, fileId);
  }

  /** 党支部落实: what the branch did, with its meetings; the photos and files are uploaded before. */
  @Post('assignments/:id/submit')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: PdcaAssignmentSchema })
  submit(
    @Auth() auth: AuthContext,
    @Param('id', Id) id: string,
    @Body({ schema: SubmitPdcaEvidenceSchema }) dto: SubmitPdcaEvidenceDto,
  ): Promise<PdcaAssignment> {
    return this.tasks.submit(auth, id, dto);
  }

  @Post('assignments/:id/return')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: PdcaAssignmentSchema })
  returnTask(
    @Auth() auth: AuthContext,
    @Param('id', Id) id: string,
    @Body({ schema: ReturnPdcaAssignmentSchema }) dto: ReturnPdcaAssignmentDto,
  ): Promise<PdcaAssignment> {
    return this.tasks.return(auth, id, dto);
  }

  @Post('assignments/:id/accept')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: PdcaAssignmentSchema })
  accept(@Auth() auth: AuthContext, @Param('id', Id) id: string): Promise<PdcaAssignment> {
    return this.tasks.step(auth, id, 'accept');
  }

  /** Fixes the branch's score: the mean of every scorer's total. */
  @Post('assignments/:id/finalise')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: PdcaAssignmentSchema })
  finalise(@Auth() auth: AuthContext, @Param('id', Id) id: string): Promise<PdcaAssignment> {
    return this.tasks.step(auth, id, 'score');
  }

  /** The caller's own score sheet (scorers of the plan only). */
  @Put('assignments/:id/my-score')
  @ApiOkResponse({ standardSchema: PdcaAssignmentSchema })
  score(@Auth() auth: AuthContext, @Param('id', Id) id: string, @Body({ schema: PdcaScoreInputSchema }) dto: PdcaScoreInputDto): Promise<PdcaAssignment> {
    return this.tasks.score(auth, id, dto);
  }

  @Get('talks/:id')
  @ApiOkResponse({ standardSchema: PdcaTalkSchema })
  talk(@Auth() auth: AuthContext, @Param('id', Id) id: string): Promise<PdcaTalk> {
    return this.plans.talk(auth, id);
  }

  /** Records the 约谈: date, who took part, what was said, what follows. */
  @Post('talks/:id/hold')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: PdcaTalkSchema })
  hold(@Auth() auth: AuthContext, @Param('id', Id) id: string, @Body({ schema: HoldPdcaTalkSchema }) dto: HoldPdcaTalkDto): Promise<PdcaTalk> {
    return this.plans.hold(auth, id, dto);
  }

  /** The bytes behind a signed link handed out with the task (an <image> cannot send a token). */
  @Public()
  @Get('files/:fileId')
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'application/octet-stream')
  @ApiOkResponse({ description: '文件内容' })
  async file(
    @Param('fileId', Id) fileId: string,
    @Query({ schema: PdcaFileQuerySchema }) q: { exp: number; sig: string },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { file, stream } = await this.tasks.openFile(fileId, q.exp, q.sig);
    void reply.header('cache-control', 'private, max-age=3600');
    const inline = file.contentType.startsWith('image/') || file.contentType === 'application/pdf';
    return new StreamableFile(stream, {
      type: file.contentType,
      length: file.sizeBytes,
      disposition: inline ? 'inline' : attachmentDisposition(file.originalName ?? '附件', 'attachment'),
    });
  }
}
