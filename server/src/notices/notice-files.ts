import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NOTICE_LIMITS } from '@dangjian/shared';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { FilterXSS } from 'xss';
import type { AuthContext } from '../common/auth-context.js';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { sniffImageType } from '../storage/image-type.js';
import { StorageService } from '../storage/storage.service.js';
import { NoticeFileEntity } from './notice.entities.js';
import { NoticeErrors } from './notices.errors.js';

const URL_TTL_S = 3600;
const FILE_REF = /^notice-file:([0-9a-f-]{36})$/;
const FILE_PATH = /\/api\/v1\/notices\/files\/([0-9a-f-]{36})/;

const OOXML: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
const OLE: Record<string, string> = { doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint' };

/**
 * The type of an attachment from its bytes: images and PDF by signature; Office files are ZIP (OOXML)
 * or OLE2 containers whose kind only the extension tells, so the extension is trusted only when the
 * container signature matches.
 */
export function attachmentType(head: Buffer, fileName: string | null): string | null {
  const image = sniffImageType(head);
  if (image) return image;
  if (head.length >= 5 && head.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  const ext = (fileName ?? '').toLowerCase().split('.').pop() ?? '';
  if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0304) return OOXML[ext] ?? null;
  if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1) return OLE[ext] ?? null;
  return null;
}

const TEXT_TAGS = [
  'p',
  'br',
  'hr',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'sub',
  'sup',
  'span',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];
const bodyFilter = new FilterXSS({
  whiteList: { ...Object.fromEntries(TEXT_TAGS.map((t) => [t, []])), a: ['href', 'title'], img: ['src', 'alt', 'width', 'height'] },
  stripIgnoreTag: true,
  stripIgnoreTagBody: ['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template'],
  onTagAttr(tag, name, value) {
    if (tag === 'img' && name === 'src') {
      const id = FILE_PATH.exec(value)?.[1] ?? FILE_REF.exec(value)?.[1];
      return id ? `src="notice-file:${id}"` : '';
    }
    if (tag === 'a' && name === 'href' && !/^(https?:\/\/|mailto:)/i.test(value.trim())) return '';
    return undefined;
  },
});

/**
 * Rich-text allow-list (js-xss, as for study articles): text structure, http(s)/mailto links and
 * images uploaded to this platform (stored as `notice-file:<id>`, signed when read). Scripts, styles,
 * event handlers, iframes and foreign images are dropped.
 */
export const sanitizeNoticeHtml = (html: string): string => bodyFilter.process(html);
export const noticeImageIds = (html: string): string[] => [...new Set(Array.from(html.matchAll(/notice-file:([0-9a-f-]{36})/g), (m) => m[1]!))];

/**
 * Files of notices and banners: upload (publishers, for one organisation) and short-lived signed URLs,
 * because an <image> or a download link cannot send the Authorization header.
 */
@Injectable()
export class NoticeFiles {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly storage: StorageService,
    private readonly audit: AuditService,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', config.dataKey, Buffer.alloc(0), 'dangjian notice-files v1', 32));
  }

  url(fileId: string): string {
    const exp = Math.ceil((this.clock.nowMs() / 1000 + URL_TTL_S) / 60) * 60;
    return `/api/v1/notices/files/${fileId}?exp=${exp}&sig=${this.sig(fileId, exp)}`;
  }

  verify(fileId: string, exp: number, sig: string): boolean {
    if (!Number.isSafeInteger(exp) || exp * 1000 < this.clock.nowMs()) return false;
    const want = Buffer.from(this.sig(fileId, exp), 'base64url');
    const got = Buffer.from(sig, 'base64url');
    return got.length === want.length && timingSafeEqual(got, want);
  }

  /** Stored `notice-file:<id>` image references become signed URLs for the reader. */
  render(html: string): string {
    return html.replace(/notice-file:([0-9a-f-]{36})/g, (_m, id: string) => this.url(id));
  }

  /** One file (multipart field `file`) for organisation `orgId`; notice.publish there. */
  async upload(
    auth: AuthContext,
    orgId: string,
    req: FastifyRequest,
  ): Promise<{ id: string; name: string; contentType: string; sizeBytes: number; url: string }> {
    const orgPath = await this.access.requireOrg(auth, 'notice.publish', orgId);
    if (!req.isMultipart()) throw NoticeErrors.attachmentMissing();
    const maxBytes = NOTICE_LIMITS.attachmentMaxMb * 1024 * 1024;
    let data: Buffer;
    let name: string | null;
    try {
      const part = await req.file({ limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 } });
      if (!part) throw NoticeErrors.attachmentMissing();
      data = await part.toBuffer();
      name = part.filename || null;
      if (part.file.truncated) throw NoticeErrors.attachmentTooLarge(NOTICE_LIMITS.attachmentMaxMb);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE' || (e as { statusCode?: number }).statusCode === 413)
        throw NoticeErrors.attachmentTooLarge(NOTICE_LIMITS.attachmentMaxMb);
      throw e;
    }
    const type = data.length ? attachmentType(data.subarray(0, 16), name) : null;
    if (!type) throw NoticeErrors.attachmentType();
    const file = await this.db.transaction(async (tx) => {
      const f = await this.storage.store({ data, contentType: type, originalName: name, createdBy: auth.userId, prefix: 'notice' }, tx);
      await tx.insert(NoticeFileEntity, { fileId: f.id, organisationId: orgId });
      await this.audit.record(
        auth,
        { action: 'notice.file.upload', objectType: 'stored_file', objectId: f.id, orgPath, details: { contentType: type, sizeBytes: data.length } },
        tx,
      );
      return f;
    });
    return { id: file.id, name: name ?? '附件', contentType: type, sizeBytes: data.length, url: this.url(file.id) };
  }

  private sig(fileId: string, exp: number): string {
    return createHmac('sha256', this.key).update(`${fileId}.${exp}`).digest('base64url');
  }
}
