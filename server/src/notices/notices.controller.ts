import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  CreateNoticeSchema,
  NoticeDetailSchema,
  NoticeListQuerySchema,
  NoticePageSchema,
  NoticeReceiptPageSchema,
  NoticeReceiptQuerySchema,
  NoticeRemindResultSchema,
  UuidSchema,
  type CreateNoticeDto,
  type NoticeDetail,
  type NoticeListQuery,
  type NoticePage,
  type NoticeReceiptPage,
  type NoticeReceiptQuery,
  type NoticeRemindResult,
} from '@dangjian/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuthContext } from '../common/auth-context.js';
import { Auth, Public } from '../access/auth.decorators.js';
import { notFound } from '../common/domain-error.js';
import { StorageService } from '../storage/storage.service.js';
import { NoticeFiles } from './notice-files.js';
import { NoticeReceiptsService } from './notice-receipts.service.js';
import { NoticesService } from './notices.service.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (fileName: string, fallback: string) =>
  `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
const UploadQuerySchema = z.object({ orgId: UuidSchema }).meta({ id: 'NoticeUploadQuery' });
const SignedQuerySchema = z.object({ exp: z.coerce.number().int(), sig: z.string().max(100) });
const UploadedSchema = z
  .object({ id: UuidSchema, name: z.string(), contentType: z.string(), sizeBytes: z.number().int(), url: z.string() })
  .meta({ id: 'NoticeUpload' });

@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticesController {
  constructor(
    private readonly notices: NoticesService,
    private readonly receipts: NoticeReceiptsService,
    private readonly files: NoticeFiles,
    private readonly storage: StorageService,
  ) {}

  /** Publish (notice.publish on the organisation; the target inside its subtree). */
  @Post()
  @ApiCreatedResponse({ standardSchema: NoticeDetailSchema })
  publish(@Auth() auth: AuthContext, @Body({ schema: CreateNoticeSchema }) dto: CreateNoticeDto): Promise<NoticeDetail> {
    return this.notices.publish(auth, dto);
  }

  /** box=mine: addressed to me (pinned, unread first); box=published: what my organisations published. */
  @Get()
  @ApiOkResponse({ standardSchema: NoticePageSchema })
  list(@Auth() auth: AuthContext, @Query({ schema: NoticeListQuerySchema }) q: NoticeListQuery): Promise<NoticePage> {
    return this.notices.list(auth, q);
  }

  /** An attachment or image for notices and banners (multipart field `file`): PDF, Office, JPG/PNG/WebP. */
  @Post('files')
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ standardSchema: UploadedSchema })
  upload(@Auth() auth: AuthContext, @Query({ schema: UploadQuerySchema }) q: { orgId: string }, @Req() req: FastifyRequest) {
    return this.files.upload(auth, q.orgId, req);
  }

  /** The bytes behind a signed URL (no Authorization header: <image> and downloads cannot send one). */
  @Public()
  @Get('files/:fileId')
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'application/octet-stream')
  @ApiOkResponse({ description: '文件内容' })
  async file(
    @Param('fileId', { schema: UuidSchema }) fileId: string,
    @Query({ schema: SignedQuerySchema }) q: { exp: number; sig: string },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    if (!this.files.verify(fileId, q.exp, q.sig)) throw notFound('文件');
    const file = await this.storage.find(fileId);
    if (!file) throw notFound('文件');
    void reply.header('cache-control', 'private, max-age=3600');
    const inline = file.contentType.startsWith('image/') || file.contentType === 'application/pdf';
    return new StreamableFile(await this.storage.open(file), {
      type: file.contentType,
      length: file.sizeBytes,
      disposition: inline ? 'inline' : attachment(file.originalName ?? '附件', 'attachment'),
    });
  }

  /** Read a notice: marks it read for an audience member. Outside the audience and not a publisher: 404. */
  @Get(':id')
  @ApiOkResponse({ standardSchema: NoticeDetailSchema })
  read(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<NoticeDetail> {
    return this.notices.read(auth, id);
  }

  /** The one-tap acknowledgement (回执). */
  @Post(':id/ack')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: NoticeDetailSchema })
  ack(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<NoticeDetail> {
    return this.notices.acknowledge(auth, id);
  }

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: NoticeDetailSchema })
  withdraw(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<NoticeDetail> {
    return this.notices.withdraw(auth, id);
  }

  /** Receipts in one state, keyset-paged on the member id, with the counts. */
  @Get(':id/receipts')
  @ApiOkResponse({ standardSchema: NoticeReceiptPageSchema })
  receiptPage(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Query({ schema: NoticeReceiptQuerySchema }) q: NoticeReceiptQuery,
  ): Promise<NoticeReceiptPage> {
    return this.receipts.page(auth, id, q);
  }

  /** Remind the rest: in-app + WeChat subscribe message through the outbox. */
  @Post(':id/remind')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: NoticeRemindResultSchema })
  remind(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<NoticeRemindResult> {
    return this.receipts.remind(auth, id);
  }

  @Get(':id/receipts.xlsx')
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '回执名单 (.xlsx)' })
  async export(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<StreamableFile> {
    const { data, fileName } = await this.receipts.export(auth, id);
    return new StreamableFile(data, { type: XLSX_MIME, disposition: attachment(fileName, 'receipts.xlsx'), length: data.length });
  }
}
