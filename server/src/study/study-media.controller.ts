import { Controller, Get, Headers, HttpStatus, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { UuidSchema } from '@dangjian/shared';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Public } from '../access/auth.decorators.js';
import { notFound } from '../common/domain-error.js';
import { StorageService } from '../storage/storage.service.js';
import { parseRange, StudyMedia } from './study-media.js';
import { StudyErrors } from './study.errors.js';

const MediaQuerySchema = z.object({ exp: z.coerce.number().int(), sig: z.string().max(100) });

/**
 * Media bytes behind a signed URL (no Authorization header: `<video src>` cannot send one), with
 * HTTP range requests so players can seek: 206 + Content-Range for a satisfiable range, 416 for
 * one that is not, 200 for the whole file. The same for local disk and S3 storage.
 */
@ApiTags('study')
@Controller('study/media')
export class StudyMediaController {
  constructor(
    private readonly media: StudyMedia,
    private readonly storage: StorageService,
  ) {}

  @Public()
  @Get(':fileId')
  @ApiProduces('video/mp4', 'video/webm', 'audio/mp4', 'audio/mpeg', 'application/pdf', 'image/png', 'image/jpeg', 'image/webp')
  @ApiOkResponse({ description: '文件内容（支持 Range 请求）' })
  async file(
    @Param('fileId', { schema: UuidSchema }) fileId: string,
    @Query({ schema: MediaQuerySchema }) q: { exp: number; sig: string },
    @Headers('range') rangeHeader: string | undefined,
    @Headers('if-range') ifRange: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    if (!this.media.verify(fileId, q.exp, q.sig)) throw StudyErrors.mediaLink();
    const file = await this.storage.find(fileId);
    if (!file) throw notFound('文件');
    const etag = `"${file.sha256}"`;
    void reply.header('accept-ranges', 'bytes').header('etag', etag).header('cache-control', 'private, max-age=3600');
    // If-Range with another validator: the file changed, send all of it.
    const range = ifRange && ifRange !== etag ? null : parseRange(rangeHeader, file.sizeBytes);
    if (range === 'unsatisfiable') {
      void reply.header('content-range', `bytes */${file.sizeBytes}`);
      throw StudyErrors.rangeUnsatisfiable();
    }
    try {
      const stream = await this.storage.open(file, range ?? undefined);
      if (!range) return new StreamableFile(stream, { type: file.contentType, length: file.sizeBytes });
      void reply.status(HttpStatus.PARTIAL_CONTENT).header('content-range', `bytes ${range.start}-${range.end}/${file.sizeBytes}`);
      return new StreamableFile(stream, { type: file.contentType, length: range.end - range.start + 1 });
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') throw notFound('文件');
      throw err;
    }
  }
}
