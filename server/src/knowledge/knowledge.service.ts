import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  highlightParts,
  KNOWLEDGE_LIMITS,
  snippetParts,
  type CreateKnowledgeQaDto,
  type KnowledgeArticle,
  type KnowledgeCollection,
  type KnowledgeCollectionDetail,
  type KnowledgeQa,
  type KnowledgeQaListQuery,
  type KnowledgeQaPage,
  type KnowledgeSearchPage,
  type KnowledgeSearchQuery,
  type UpdateKnowledgeQaDto,
} from '@dangjian/shared';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { KnowledgeQaEntity } from './knowledge.entities.js';
import { KnowledgeErrors } from './knowledge.errors.js';
import { KnowledgeRepository, type ArticleRow, type CollectionRow, type QaRow, type Reach } from './knowledge.repository.js';

const label = (shortName: string, number: string) => `《${shortName}》${number}`;

const toCollection = (r: CollectionRow): KnowledgeCollection => ({
  id: r.id,
  name: r.name,
  shortName: r.short_name,
  issuedBy: r.issued_by,
  source: r.source,
  articleCount: r.article_count,
});

const toArticle = (r: ArticleRow): KnowledgeArticle => ({
  id: r.id,
  collectionId: r.collection_id,
  collectionName: r.collection_name,
  collectionShortName: r.short_name,
  chapterNumber: r.chapter_number,
  chapterTitle: r.chapter_title,
  number: r.number,
  text: r.text,
});

/**
 * 党建知识: the regulations (public texts: every signed-in user reads them; they change only through
 * the import command), phrase search, and the Q&A committee workers write for their subtree.
 */
@Injectable()
export class KnowledgeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly repo: KnowledgeRepository,
  ) {}

  async collections(): Promise<KnowledgeCollection[]> {
    return (await this.repo.collections()).map(toCollection);
  }

  async collection(id: string): Promise<KnowledgeCollectionDetail> {
    const [row] = await this.repo.collections(id);
    if (!row) throw notFound('法规');
    const [chapters, articles] = await Promise.all([this.repo.chapters(id), this.repo.articlesOf(id)]);
    return {
      ...toCollection(row),
      chapters: chapters.map((c) => ({
        ...c,
        articles: articles.filter((a) => a.chapter_id === c.id).map((a) => ({ id: a.id, number: a.number, text: a.text })),
      })),
    };
  }

  async article(id: string): Promise<KnowledgeArticle> {
    const row = await this.repo.article(id);
    if (!row) throw notFound('条文');
    return toArticle(row);
  }

  async search(auth: AuthContext, q: KnowledgeSearchQuery): Promise<KnowledgeSearchPage> {
    const cap = KNOWLEDGE_LIMITS.searchCandidatesMax;
    const rows = await this.repo.search(q.q, this.reach(auth), q.pageSize, (q.page - 1) * q.pageSize, cap + 1);
    const first = rows[0];
    return {
      items: rows.map((r) => {
        const title = r.kind === 'article' ? label(r.short_name, r.number) : r.question;
        const titleParts = r.kind === 'article' ? [{ text: title, hit: false }] : highlightParts(title, q.q);
        return { kind: r.kind, id: r.id, title, titleParts, snippet: snippetParts(r.body, q.q) };
      }),
      total: first ? first.total - Math.max(0, first.articles - cap) : 0,
      totalCapped: (first?.articles ?? 0) > cap,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async listQa(auth: AuthContext, q: KnowledgeQaListQuery): Promise<KnowledgeQaPage> {
    const offset = (q.page - 1) * q.pageSize;
    const { rows, total } = q.manage
      ? await this.repo.managedQa(this.access.scopes(auth, 'knowledge.manage'), q.pageSize, offset)
      : await this.repo.reachableQa(this.reach(auth), q.pageSize, offset);
    return { items: await this.toQa(auth, rows), total, page: q.page, pageSize: q.pageSize };
  }

  async getQa(auth: AuthContext, id: string): Promise<KnowledgeQa> {
    const row = await this.repo.qa(id);
    // Unpublished Q&A exist only for those who manage them; a published one outside the reader's reach looks absent.
    if (!row || !(this.access.can(auth, 'knowledge.manage', row.org_path) || (row.published && this.reaches(auth, row.org_path)))) {
      throw notFound('问答');
    }
    return (await this.toQa(auth, [row]))[0]!;
  }

  async createQa(auth: AuthContext, dto: CreateKnowledgeQaDto): Promise<KnowledgeQa> {
    const orgPath = await this.access.requireOrg(auth, 'knowledge.manage', dto.organisationId);
    const related = await this.checkArticles(dto.relatedArticleIds);
    const id = await this.db.transaction(async (tx) => {
      const row = await tx.save(
        tx.create(KnowledgeQaEntity, {
          organisationId: dto.organisationId,
          question: dto.question,
          answer: dto.answer,
          published: dto.published,
          createdBy: auth.userId,
          authorName: auth.displayName.slice(0, 50),
        }),
      );
      await this.repo.setRefs(tx, row.id, related);
      await this.audit.record(
        auth,
        { action: 'knowledge.qa.create', objectType: 'knowledge_qa', objectId: row.id, orgPath, details: { published: dto.published } },
        tx,
      );
      return row.id;
    });
    return this.getQa(auth, id);
  }

  async updateQa(auth: AuthContext, id: string, dto: UpdateKnowledgeQaDto): Promise<KnowledgeQa> {
    const row = await this.managedQa(auth, id);
    const related = dto.relatedArticleIds && (await this.checkArticles(dto.relatedArticleIds));
    await this.db.transaction(async (tx) => {
      const changes = { question: dto.question, answer: dto.answer, published: dto.published };
      await tx.update(KnowledgeQaEntity, { id }, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)));
      if (related) await this.repo.setRefs(tx, id, related);
      await this.audit.record(
        auth,
        { action: 'knowledge.qa.update', objectType: 'knowledge_qa', objectId: id, orgPath: row.org_path, details: { fields: Object.keys(dto) } },
        tx,
      );
    });
    return this.getQa(auth, id);
  }

  async deleteQa(auth: AuthContext, id: string): Promise<void> {
    const row = await this.managedQa(auth, id);
    await this.db.transaction(async (tx) => {
      await tx.delete(KnowledgeQaEntity, { id });
      await this.audit.record(
        auth,
        { action: 'knowledge.qa.delete', objectType: 'knowledge_qa', objectId: id, orgPath: row.org_path, details: { question: row.question } },
        tx,
      );
    });
  }

  /** A Q&A the caller may change: knowledge.manage on its organisation. */
  private async managedQa(auth: AuthContext, id: string): Promise<QaRow> {
    const row = await this.repo.qa(id);
    if (!row) throw notFound('问答');
    if (!this.access.can(auth, 'knowledge.manage', row.org_path)) {
      // A reader who can see the published Q&A learns only that they may not change it.
      if (row.published && this.reaches(auth, row.org_path)) throw forbidden('只有党委工作人员可以编辑问答');
      throw notFound('问答');
    }
    return row;
  }

  private async checkArticles(ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const found = await this.repo.existingArticles(unique);
    const missing = unique.filter((id) => !found.has(id));
    if (missing.length) throw KnowledgeErrors.articleUnknown(missing);
    return unique;
  }

  private reach(auth: AuthContext): Reach {
    const grants = [...new Set(auth.grants.map((g) => g.orgPath))];
    return { below: [...(auth.memberOrg ? [auth.memberOrg.path] : []), ...grants], within: grants };
  }

  /** Same rule as the SQL of Reach: the Q&A's organisation is above (or is) one of mine, or inside a subtree I hold a role on. */
  private reaches(auth: AuthContext, orgPath: string): boolean {
    const { below, within } = this.reach(auth);
    return below.some((p) => isWithin(p, orgPath)) || within.some((p) => isWithin(orgPath, p));
  }

  private async toQa(auth: AuthContext, rows: QaRow[]): Promise<KnowledgeQa[]> {
    const refs = rows.length ? await this.repo.refs(rows.map((r) => r.id)) : [];
    return rows.map((r) => ({
      id: r.id,
      organisationId: r.organisation_id,
      orgName: r.org_name,
      question: r.question,
      answer: r.answer,
      related: refs.filter((x) => x.qa_id === r.id).map((x) => ({ id: x.id, label: label(x.short_name, x.number) })),
      published: r.published,
      authorName: r.author_name,
      updatedAt: r.updated_at.toISOString(),
      canManage: this.access.can(auth, 'knowledge.manage', r.org_path),
    }));
  }
}
