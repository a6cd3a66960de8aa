import multipart from '@fastify/multipart';
import { MEMBER_IMPORT_LIMITS } from '@dangjian/shared';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { memberError, MemberErrorCode } from './members.errors.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Uploads of member rosters: multipart (wx.uploadFile, browser FormData) through @fastify/multipart,
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

const tooLarge = () =>
  memberError(MemberErrorCode.IMPORT_FILE_TOO_LARGE, `文件过大：最大 ${MEMBER_IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB`);

/** The uploaded workbook, from a multipart body (first file part) or a raw xlsx body. */
export async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (req.isMultipart()) {
    let part;
    try {
      part = await req.file();
    } catch (err) {
      throw uploadError(err);
    }
    if (!part) throw memberError(MemberErrorCode.IMPORT_NO_FILE, '请上传 Excel 文件（.xlsx）');
    let data: Buffer;
    try {
      data = await part.toBuffer();
    } catch (err) {
      throw uploadError(err);
    }
    return { data, fileName: part.filename || null };
  }
  if (Buffer.isBuffer(req.body)) return { data: req.body, fileName: null };
  throw memberError(MemberErrorCode.IMPORT_UNSUPPORTED_MEDIA, `请以 multipart/form-data 或 ${XLSX_MIME} 上传 Excel 文件（.xlsx）`);
}

function uploadError(err: unknown) {
  const e = err as { statusCode?: number; code?: string };
  if (e?.statusCode === 413 || e?.code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  return memberError(MemberErrorCode.IMPORT_FILE_INVALID, '上传内容无法读取，请重新选择文件上传');
}
