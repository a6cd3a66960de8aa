import multipart from '@fastify/multipart';
import { MEMBER_IMPORT_LIMITS } from '@dangjian/shared';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { HttpStatus } from '@nestjs/common';
import { DomainError } from './domain-error.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Uploads of spreadsheets (member rosters, fee and study sheets): multipart (wx.uploadFile, browser FormData) through @fastify/multipart,
 * and the raw file with the xlsx content type. Both capped at MEMBER_IMPORT_LIMITS.maxFileBytes;
 * multipart takes one file and a few small fields. Called once from bootstrap.
 */
export async function registerUploads(app: NestFastifyApplication): Promise<void> {
  await app.register(multipart, {
    limits: { fileSize: MEMBER_IMPORT_LIMITS.maxFileBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 100 },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser(XLSX_MIME, { parseAs: 'buffer', bodyLimit: MEMBER_IMPORT_LIMITS.maxFileBytes }, (_req, body, done) => done(null, body));
}

export type Upload = { data: Buffer; fileName: string | null };

// The codes carry the MEMBER_IMPORT_ prefix because member rosters were the first upload; fee and study
// sheets answer with the same codes, which clients already handle.
const uploadError = (code: string, status: HttpStatus, message: string) => new DomainError(`MEMBER_IMPORT_${code}`, status, message);

const tooLarge = () => uploadError('FILE_TOO_LARGE', HttpStatus.PAYLOAD_TOO_LARGE, `文件过大：最大 ${MEMBER_IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB`);

/** The uploaded workbook, from a multipart body (first file part) or a raw xlsx body. */
export async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (req.isMultipart()) {
    let part;
    try {
      part = await req.file();
    } catch (err) {
      throw unreadable(err);
    }
    if (!part) throw uploadError('NO_FILE', HttpStatus.BAD_REQUEST, '请上传 Excel 文件（.xlsx）');
    let data: Buffer;
    try {
      data = await part.toBuffer();
    } catch (err) {
      throw unreadable(err);
    }
    return { data, fileName: part.filename || null };
  }
  if (Buffer.isBuffer(req.body)) return { data: req.body, fileName: null };
  throw uploadError('UNSUPPORTED_MEDIA', HttpStatus.UNSUPPORTED_MEDIA_TYPE, `请以 multipart/form-data 或 ${XLSX_MIME} 上传 Excel 文件（.xlsx）`);
}

function unreadable(err: unknown) {
  const e = err as { statusCode?: number; code?: string };
  if (e?.statusCode === 413 || e?.code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  return uploadError('FILE_INVALID', HttpStatus.UNPROCESSABLE_ENTITY, '上传内容无法读取，请重新选择文件上传');
}
