import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { BaseEntity } from '../common/base.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';

/** One regulation (党章, 支部工作条例 …), loaded only by the import command with its source. */
@Entity('knowledge_collection')
@Unique('UQ_knowledge_collection_name', ['name'])
export class KnowledgeCollectionEntity extends BaseEntity {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 30, name: 'short_name' })
  shortName: string;

  @Column({ type: 'varchar', length: 200, name: 'issued_by', default: '' })
  issuedBy: string;

  @Column({ type: 'varchar', length: 300 })
  source: string;

  /** Order in the library (the order of first import). */
  @Column({ type: 'integer' })
  position: number;
}

/** A chapter (第一章 总纲); a collection without chapters has one with an empty number and title. */
@Entity('knowledge_chapter')
@Index('IDX_knowledge_chapter_collection', ['collectionId', 'position'])
export class KnowledgeChapterEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'collection_id' })
  collectionId: string;

  @ManyToOne(() => KnowledgeCollectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'collection_id' })
  collection?: KnowledgeCollectionEntity;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 20 })
  number: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;
}

/**
 * An article (第X条) in its official wording. Searched through the GIN index on `grams`, the
 * trigger-kept `knowledge_grams(text)` (the migrations; docs/modules/knowledge.md says why not pg_trgm).
 */
@Entity('knowledge_article')
@Unique('UQ_knowledge_article_number', ['collectionId', 'number'])
@Index('IDX_knowledge_article_chapter', ['chapterId', 'position'])
@Index('IDX_knowledge_article_grams', { synchronize: false })
export class KnowledgeArticleEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'collection_id' })
  collectionId: string;

  @ManyToOne(() => KnowledgeCollectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'collection_id' })
  collection?: KnowledgeCollectionEntity;

  @Column({ type: 'uuid', name: 'chapter_id' })
  chapterId: string;

  @ManyToOne(() => KnowledgeChapterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'chapter_id' })
  chapter?: KnowledgeChapterEntity;

  /** Order within the collection. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 20 })
  number: string;

  @Column({ type: 'text' })
  text: string;

  /** The text's distinct lower-cased character pairs, kept by a trigger (never written here). */
  @Column({ type: 'text', array: true, insert: false, update: false, select: false })
  grams?: string[];
}

/** A question members ask, answered by a committee worker; its organisation's subtree sees it once published. */
@Entity('knowledge_qa')
@Index('IDX_knowledge_qa_org', ['organisationId'])
export class KnowledgeQaEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 200 })
  question: string;

  @Column({ type: 'text' })
  answer: string;

  @Column({ type: 'boolean', default: false })
  published: boolean;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column({ type: 'varchar', length: 50, name: 'author_name' })
  authorName: string;
}

/** The articles a Q&A cites, in the order given. */
@Entity('knowledge_qa_article')
@Index('IDX_knowledge_qa_article_article', ['articleId'])
export class KnowledgeQaArticleEntity {
  @PrimaryColumn({ type: 'uuid', name: 'qa_id' })
  qaId: string;

  @PrimaryColumn({ type: 'uuid', name: 'article_id' })
  articleId: string;

  @Column({ type: 'integer' })
  position: number;

  @ManyToOne(() => KnowledgeQaEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'qa_id' })
  qa?: KnowledgeQaEntity;

  @ManyToOne(() => KnowledgeArticleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id' })
  article?: KnowledgeArticleEntity;
}

export const KNOWLEDGE_ENTITIES = [KnowledgeCollectionEntity, KnowledgeChapterEntity, KnowledgeArticleEntity, KnowledgeQaEntity, KnowledgeQaArticleEntity];
