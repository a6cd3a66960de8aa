import { Module } from '@nestjs/common';
import { KnowledgeController } from './knowledge.controller.js';
import { KnowledgeRepository } from './knowledge.repository.js';
import { KnowledgeService } from './knowledge.service.js';

/** 党建知识 (issue 14): regulations by chapter and article, phrase search, committee-written Q&A. */
@Module({
  controllers: [KnowledgeController],
  providers: [KnowledgeRepository, KnowledgeService],
})
export class KnowledgeModule {}
