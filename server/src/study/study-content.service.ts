import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DEFAULT_MIN_SECONDS,
  DEFAULT_WATCH_THRESHOLD,
  lessonProgress,
  progressState,
  STUDY_UPLOAD,
  type CourseDetail,
  type CourseListQuery,
  type CoursePage,
  type CourseSummary,
  type CreateCourse,
  type CreateLesson,
  type CreateStudyCategory,
  type LessonDetail,
  type LessonKind,
  type LessonSummary,
  type StoredStudyFile,
  type StudyCategory,
  type StudyFileQuery,
  type StudyUploadKind,
  type UpdateCourse,
  type UpdateLesson,
} from '@dangjian/shared';
import type { FastifyRequest } from 'fastify';
import { FilterXSS } from 'xss';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { sniffMediaType } from '../storage/image-type.js';
import { StorageService } from '../storage/storage.service.js';
import { HeartbeatCache } from './heartbeat-cache.js';
import { StudyAccess } from './study-access.js';
import { StudyRepository, type CourseRow, type CourseVisibility, type LessonRow } from './study.repository.js';
import { StudyMedia } from './study-media.js';
import { StudyErrors } from './study.errors.js';
import { StudyCategoryEntity, StudyCourseEntity, StudyFileEntity, StudyLessonEntity } from './study.entities.js';

const FILE_REF = /^study-file:([0-9a-f-]{36})$/;
const FILE_REFS = /study-file:([0-9a-f-]{36})/g;
const MEDIA_PATH = /\/api\/v1\/study\/media\/([0-9a-f-]{36})/;

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
  'pre',
  'code',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'figure',
  'figcaption',
];
const articleFilter = new FilterXSS({
  whiteList: { ...Object.fromEntries(TEXT_TAGS.map((t) => [t, []])), a: ['href', 'title'], img: ['src', 'alt', 'width', 'height'] },
  stripIgnoreTag: true,
  stripIgnoreTagBody: ['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template'],
  onTagAttr(tag, name, value) {
    if (tag === 'img' && name === 'src') {
      const id = MEDIA_PATH.exec(value)?.[1] ?? FILE_REF.exec(value)?.[1];
      return id ? `src="study-file:${id}"` : '';
    }
    if (tag === 'a' && name === 'href' && !/^(https?:\/\/|mailto:)/i.test(value.trim())) return '';
    return undefined;
  },
});

/** The files a lesson uses: its media file and its article's images. */
const fileRefs = (l: { fileId?: string | null; bodyHtml?: string | null }): Set<string> =>
  new Set([...(l.fileId ? [l.fileId] : []), ...Array.from((l.bodyHtml ?? '').matchAll(FILE_REFS), (m) => m[1]!)]);

/**
 * Article HTML allow-list (js-xss): text structure, links (http/https/mailto) and images of this
 * platform only (stored as `study-file:<id>`, turned into signed URLs when read). Scripts, styles,
 * event handlers, iframes and foreign images are dropped.
 */
export const sanitizeArticle = (html: string): string => articleFilter.process(html);

/** L2 content: categories, courses, lessons, uploads (type from the bytes, size per kind, streamed). */
@Injectable()
export class StudyContentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: StudyAccess,
    private readonly repo: StudyRepository,
    private readonly audit: AuditService,
    private readonly storage: StorageService,
    private readonly media: StudyMedia,
    private readonly clock: Clock,
    private readonly heartbeats: HeartbeatCache,
  ) {}

  // ---- categories ----

  async categories(): Promise<StudyCategory[]> {
    return this.db.getRepository(StudyCategoryEntity).find({ order: { sort: 'ASC', name: 'ASC' } });
  }

  async createCategory(auth: AuthContext, dto: CreateStudyCategory): Promise<StudyCategory> {
    if (!this.access.isAdmin(auth)) throw StudyErrors.platformOnly();
    return this.db.transaction(async (tx) => {
      const row = await tx.save(tx.create(StudyCategoryEntity, dto));
      await this.audit.record(auth, { action: 'study.category.create', objectType: 'study_category', objectId: row.id, details: { ...dto } }, tx);
      return { id: row.id, name: row.name, sort: row.sort };
    });
  }

  // ---- courses ----

  async list(auth: AuthContext, q: CourseListQuery): Promise<CoursePage> {
    const learner = this.access.learner(auth);
    const visibility: CourseVisibility = q.manage
      ? { manage: { scopes: this.access.scopes(auth), platform: this.access.isAdmin(auth) } }
      : auth.memberOrg
        ? { memberOf: auth.memberOrg.path }
        : // A development candidate (not a member): only the courses assigned to their account.
          { assignedOnly: true };
    const rows = await this.repo.courses({
      learner,
      visibility,
      categoryId: q.categoryId,
      recommended: q.recommended,
      q: q.q,
      required: q.required,
      page: q.page,
      pageSize: q.pageSize,
    });
    return { items: rows.map((r) => this.summary(r)), total: Number(rows[0]?.total ?? 0), page: q.page, pageSize: q.pageSize };
  }

  async detail(auth: AuthContext, courseId: string): Promise<CourseDetail> {
    const ref = await this.access.readCourse(auth, courseId);
    const learner = this.access.learner(auth);
    const row = await this.repo.course(learner, courseId);
    const lessons = await this.repo.lessonRows(learner, { courseId });
    const quizzes = await this.repo.quizzes(courseId, { unpublishedToo: ref.canManage });
    return { ...this.summary(row!), lessons: lessons.map((l) => this.lessonSummary(l)), quizzes, canManage: ref.canManage };
  }

  async create(auth: AuthContext, dto: CreateCourse): Promise<CourseDetail> {
    let orgPath: string | null = null;
    if (dto.orgId === null) {
      if (!this.access.isAdmin(auth)) throw StudyErrors.platformOnly();
    } else orgPath = await this.access.requireOrg(auth, dto.orgId);
    await this.requireCover(auth, dto.coverFileId);
    const id = await this.db.transaction(async (tx) => {
      const row = await tx.save(
        tx.create(StudyCourseEntity, {
          organisationId: dto.orgId,
          orgPath,
          title: dto.title,
          summary: dto.summary,
          categoryId: dto.categoryId,
          coverFileId: dto.coverFileId,
          recommended: dto.recommended,
          status: 'draft',
          createdBy: auth.userId,
        }),
      );
      await this.audit.record(
        auth,
        { action: 'study.course.create', objectType: 'study_course', objectId: row.id, orgPath, details: { title: dto.title } },
        tx,
      );
      return row.id;
    });
    return this.detail(auth, id);
  }

  async update(auth: AuthContext, courseId: string, dto: UpdateCourse): Promise<CourseDetail> {
    await this.db.transaction(async (tx) => {
      const c = await this.access.manageCourse(auth, courseId, tx);
      if (dto.coverFileId !== c.coverFileId) await this.requireCover(auth, dto.coverFileId);
      const patch: Partial<StudyCourseEntity> = { ...dto };
      if (dto.status === 'published' && c.status !== 'published') patch.publishedAt = this.clock.now();
      await tx.update(StudyCourseEntity, { id: courseId }, patch);
      await this.audit.record(
        auth,
        {
          action: dto.status && dto.status !== c.status ? `study.course.${dto.status}` : 'study.course.update',
          objectType: 'study_course',
          objectId: courseId,
          orgPath: c.orgPath,
          details: { ...dto },
        },
        tx,
      );
    });
    this.heartbeats.courseChanged(courseId);
    return this.detail(auth, courseId);
  }

  /**
   * Deletes a course nobody has studied. Its lessons and quizzes are locked first (FOR UPDATE conflicts
   * with the key-share lock a first heartbeat or attempt takes on them), so no progress or attempt can
   * appear between the check and the delete.
   */
  async remove(auth: AuthContext, courseId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const c = await this.access.manageCourse(auth, courseId, tx);
      if (await this.repo.lockContentAndCheckStudied(tx, courseId)) throw StudyErrors.courseStudied();
      await tx.delete(StudyCourseEntity, { id: courseId });
      await this.audit.record(
        auth,
        { action: 'study.course.delete', objectType: 'study_course', objectId: courseId, orgPath: c.orgPath, details: { title: c.title } },
        tx,
      );
    });
    this.heartbeats.courseChanged(courseId);
  }

  /** A cover must be an image uploaded for an organisation the caller manages. */
  private async requireCover(auth: AuthContext, fileId: string | null | undefined) {
    if (!fileId) return;
    const file = await this.usableFile(auth, fileId, '封面图片');
    if (!file.contentType.startsWith('image/')) throw StudyErrors.fileKind('图片');
  }

  /** A stored file the caller may put into a course: a study upload of an organisation they manage (STUDY_FILE_OUTSIDE otherwise). */
  private async usableFile(auth: AuthContext, fileId: string, what: string): Promise<{ id: string; contentType: string }> {
    const file = await this.repo.storedFile(fileId);
    if (!file) throw notFound(what);
    if (!this.access.mayUseFile(auth, file)) throw StudyErrors.fileOutside();
    return file;
  }

  // ---- lessons ----

  async addLesson(auth: AuthContext, courseId: string, dto: CreateLesson): Promise<LessonDetail> {
    const id = await this.db.transaction(async (tx) => {
      const c = await this.access.manageCourse(auth, courseId, tx);
      const fields = await this.lessonFields(auth, dto.kind, dto);
      const next = await this.repo.nextLessonPosition(tx, courseId);
      const row = await tx.save(tx.create(StudyLessonEntity, { courseId, title: dto.title, kind: dto.kind, position: dto.position ?? next, ...fields }));
      await this.audit.record(
        auth,
        {
          action: 'study.lesson.create',
          objectType: 'study_lesson',
          objectId: row.id,
          orgPath: c.orgPath,
          details: { courseId, kind: dto.kind, title: dto.title },
        },
        tx,
      );
      return row.id;
    });
    return this.lesson(auth, id);
  }

  async updateLesson(auth: AuthContext, lessonId: string, dto: UpdateLesson): Promise<LessonDetail> {
    await this.db.transaction(async (tx) => {
      const l = await tx.findOneBy(StudyLessonEntity, { id: lessonId });
      if (!l) throw notFound('课时');
      const c = await this.access.manageCourse(auth, l.courseId, tx);
      const fields = await this.lessonFields(auth, l.kind, { ...this.currentFields(l), ...dto }, fileRefs(l));
      await tx.update(
        StudyLessonEntity,
        { id: lessonId },
        { ...(dto.title ? { title: dto.title } : {}), ...(dto.position !== undefined ? { position: dto.position } : {}), ...fields },
      );
      await this.audit.record(
        auth,
        { action: 'study.lesson.update', objectType: 'study_lesson', objectId: lessonId, orgPath: c.orgPath, details: { ...dto, bodyHtml: undefined } },
        tx,
      );
    });
    this.heartbeats.lessonChanged(lessonId);
    return this.lesson(auth, lessonId);
  }

  async removeLesson(auth: AuthContext, lessonId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const l = await tx.findOneBy(StudyLessonEntity, { id: lessonId });
      if (!l) throw notFound('课时');
      const c = await this.access.manageCourse(auth, l.courseId, tx);
      await tx.delete(StudyLessonEntity, { id: lessonId });
      await this.audit.record(
        auth,
        { action: 'study.lesson.remove', objectType: 'study_lesson', objectId: lessonId, orgPath: c.orgPath, details: { title: l.title } },
        tx,
      );
    });
    this.heartbeats.lessonChanged(lessonId);
  }

  /** A lesson with the caller's progress, resume point and signed media URL. */
  async lesson(auth: AuthContext, lessonId: string): Promise<LessonDetail> {
    const [row] = await this.repo.lessonRows(this.access.learner(auth), { lessonId });
    if (!row) throw notFound('课时');
    const course = await this.access.readCourse(auth, row.course_id);
    return {
      ...this.lessonSummary(row),
      courseId: row.course_id,
      courseTitle: course.title,
      bodyHtml: row.body_html === null ? null : this.withSignedImages(row.body_html),
      mediaUrl: row.file_id ? this.media.url(row.file_id) : null,
      mediaContentType: row.content_type,
      resumePosition: row.position_s ?? 0,
      creditedS: Math.floor(Number(row.credited_ms ?? 0) / 1000),
      watchedS: row.watched_s ?? 0,
      completedAt: row.completed_at?.toISOString() ?? null,
    };
  }

  // ---- files ----

  /** One file, streamed to a temporary file while its size is counted and its first bytes are kept; then stored. */
  async upload(auth: AuthContext, { kind, orgId }: StudyFileQuery, req: FastifyRequest): Promise<StoredStudyFile> {
    const owner = await this.uploadOwner(auth, orgId);
    if (!req.isMultipart()) throw StudyErrors.uploadMissing();
    const maxMb = this.maxMb(kind);
    const maxBytes = maxMb * 1024 * 1024;
    let part;
    try {
      part = await req.file({ limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 } });
    } catch (err) {
      throw this.uploadError(err, maxMb);
    }
    if (!part) throw StudyErrors.uploadMissing();
    const dir = await mkdtemp(path.join(tmpdir(), 'dangjian-upload-'));
    try {
      const tmp = path.join(dir, 'upload');
      const hash = createHash('sha256');
      let size = 0;
      let head = Buffer.alloc(0);
      const tap = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        await pipeline(part.file, tap, createWriteStream(tmp));
      } catch (err) {
        throw this.uploadError(err, maxMb);
      }
      if (part.file.truncated || size > maxBytes) throw StudyErrors.uploadTooLarge(maxMb);
      const allowed: readonly string[] = STUDY_UPLOAD[kind].contentTypes;
      let type: string | null = sniffMediaType(head);
      if (type === 'video/webm' && kind === 'audio') type = 'audio/webm';
      if (!type || !allowed.includes(type) || size === 0) throw StudyErrors.uploadType(allowed);
      const file = await this.db.transaction(async (tx) => {
        const f = await this.storage.storeFile(
          {
            localPath: tmp,
            sizeBytes: size,
            sha256: hash.digest('hex'),
            contentType: type,
            originalName: part.filename || null,
            createdBy: auth.userId,
            prefix: `study-${kind}`,
          },
          tx,
        );
        await tx.insert(StudyFileEntity, { fileId: f.id, ...owner });
        await this.audit.record(
          auth,
          {
            action: 'study.file.upload',
            objectType: 'stored_file',
            objectId: f.id,
            orgPath: owner.orgPath,
            details: { kind, contentType: type, sizeBytes: size },
          },
          tx,
        );
        return f;
      });
      return { id: file.id, contentType: file.contentType, sizeBytes: file.sizeBytes, url: this.media.url(file.id) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** The organisation an upload belongs to: `orgId` if the caller manages it, else the caller's widest scope (platform admins: platform-wide). */
  private async uploadOwner(auth: AuthContext, orgId: string | undefined): Promise<{ organisationId: string | null; orgPath: string | null }> {
    if (orgId) return { organisationId: orgId, orgPath: await this.access.requireOrg(auth, orgId) };
    if (this.access.isAdmin(auth)) return { organisationId: null, orgPath: null };
    const scope = this.access.scopes(auth)[0];
    const grant = scope ? auth.grants.find((g) => g.orgPath === scope) : undefined;
    if (!grant) throw forbidden();
    return { organisationId: grant.orgId, orgPath: grant.orgPath };
  }

  private maxMb(kind: StudyUploadKind): number {
    const c = this.config;
    return { image: c.STUDY_MAX_IMAGE_MB, video: c.STUDY_MAX_VIDEO_MB, audio: c.STUDY_MAX_AUDIO_MB, document: c.STUDY_MAX_DOCUMENT_MB }[kind];
  }

  private uploadError(err: unknown, maxMb: number) {
    const e = err as { statusCode?: number; code?: string };
    if (e?.statusCode === 413 || e?.code === 'FST_REQ_FILE_TOO_LARGE' || e?.code === 'FST_FILES_LIMIT') return StudyErrors.uploadTooLarge(maxMb);
    return StudyErrors.uploadMissing();
  }

  // ---- helpers ----

  private currentFields(l: StudyLessonEntity): Partial<CreateLesson> {
    return {
      bodyHtml: l.bodyHtml ?? undefined,
      fileId: l.fileId ?? undefined,
      durationS: l.durationS ?? undefined,
      watchThreshold: l.watchThreshold ?? undefined,
      minSeconds: l.minSeconds ?? undefined,
    };
  }

  /**
   * The stored fields of a lesson of `kind`, checked: media lessons need a file of their kind and a
   * duration; every file newly referenced (not in `attached`, what the lesson already uses) must be usable by the caller.
   */
  private async lessonFields(auth: AuthContext, kind: LessonKind, dto: Partial<CreateLesson>, attached = new Set<string>()) {
    if (kind === 'article') {
      if (!dto.bodyHtml?.trim()) throw StudyErrors.lessonShape('图文课时需要正文');
      const bodyHtml = sanitizeArticle(dto.bodyHtml);
      for (const id of fileRefs({ bodyHtml })) if (!attached.has(id)) await this.usableFile(auth, id, '图片');
      return { bodyHtml, fileId: null, durationS: null, watchThreshold: null, minSeconds: dto.minSeconds ?? DEFAULT_MIN_SECONDS };
    }
    if (!dto.fileId) throw StudyErrors.lessonShape('请先上传课时文件');
    const file = attached.has(dto.fileId) ? await this.storage.find(dto.fileId) : await this.usableFile(auth, dto.fileId, '文件');
    if (!file) throw notFound('文件');
    const expected = { video: ['video/'], audio: ['audio/'], document: ['application/pdf'] }[kind];
    if (!expected.some((p) => file.contentType.startsWith(p))) throw StudyErrors.fileKind({ video: '视频', audio: '音频', document: 'PDF 文档' }[kind]);
    if (kind === 'document')
      return { bodyHtml: null, fileId: file.id, durationS: null, watchThreshold: null, minSeconds: dto.minSeconds ?? DEFAULT_MIN_SECONDS };
    if (!dto.durationS) throw StudyErrors.lessonShape('请填写音视频时长（秒）');
    return { bodyHtml: null, fileId: file.id, durationS: dto.durationS, watchThreshold: dto.watchThreshold ?? DEFAULT_WATCH_THRESHOLD, minSeconds: null };
  }

  private lessonSummary(l: LessonRow): LessonSummary {
    const rule = { kind: l.kind, durationS: l.duration_s, watchThreshold: l.watch_threshold, minSeconds: l.min_seconds };
    const creditedS = Math.floor(Number(l.credited_ms ?? 0) / 1000);
    const done = l.completed_at !== null;
    return {
      id: l.id,
      position: l.position,
      title: l.title,
      kind: l.kind,
      durationS: l.duration_s,
      watchThreshold: l.watch_threshold,
      minSeconds: l.min_seconds,
      state: progressState({ started: l.credited_ms !== null, done }),
      progress: done ? 1 : lessonProgress(rule, { watchedS: l.watched_s ?? 0, creditedS }),
    };
  }

  private summary(r: CourseRow): CourseSummary {
    const done = r.lesson_count > 0 && r.lessons_done >= r.lesson_count;
    return {
      id: r.id,
      title: r.title,
      summary: r.summary,
      category: r.category_id ? { id: r.category_id, name: r.category_name ?? '' } : null,
      coverUrl: r.cover_file_id ? this.media.url(r.cover_file_id) : null,
      recommended: r.recommended,
      status: r.status,
      org: r.organisation_id ? { id: r.organisation_id, name: r.org_name ?? '' } : null,
      lessonCount: r.lesson_count,
      lessonsDone: r.lessons_done,
      state: progressState({ started: r.lessons_started > 0, done }),
      requiredBy: r.required_by,
      publishedAt: r.published_at?.toISOString() ?? null,
    };
  }

  private withSignedImages(html: string): string {
    return html.replace(/src="study-file:([0-9a-f-]{36})"/g, (_m, id: string) => `src="${this.media.url(id).replace(/&/g, '&amp;')}"`);
  }
}
