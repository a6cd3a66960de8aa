import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateKnowledgeQaSchema,
  KnowledgeArticleSchema,
  KnowledgeCollectionDetailSchema,
  KnowledgeCollectionSchema,
  KnowledgeQaListQuerySchema,
  KnowledgeQaPageSchema,
  KnowledgeQaSchema,
  KnowledgeSearchPageSchema,
  KnowledgeSearchQuerySchema,
  UpdateKnowledgeQaSchema,
  UuidSchema,
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
import { z } from 'zod';
import { Auth } from '../access/auth.decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { KnowledgeService } from './knowledge.service.js';

@ApiTags('knowledge')
@ApiBearerAuth()
@Controller('knowledge')
export class KnowledgeController {
  constructor(private readonly knowledge: KnowledgeService) {}

  /** The library: 党章 and the regulations, as imported. */
  @Get('collections')
  @ApiOkResponse({ standardSchema: z.array(KnowledgeCollectionSchema) })
  collections(): Promise<KnowledgeCollection[]> {
    return this.knowledge.collections();
  }

  /** One regulation by chapter, with its articles. */
  @Get('collections/:id')
  @ApiOkResponse({ standardSchema: KnowledgeCollectionDetailSchema })
  collection(@Param('id', { schema: UuidSchema }) id: string): Promise<KnowledgeCollectionDetail> {
    return this.knowledge.collection(id);
  }

  @Get('articles/:id')
  @ApiOkResponse({ standardSchema: KnowledgeArticleSchema })
  article(@Param('id', { schema: UuidSchema }) id: string): Promise<KnowledgeArticle> {
    return this.knowledge.article(id);
  }

  /** Articles and Q&A containing the phrase, ranked, with the phrase marked for highlighting. */
  @Get('search')
  @ApiOkResponse({ standardSchema: KnowledgeSearchPageSchema })
  search(@Auth() auth: AuthContext, @Query({ schema: KnowledgeSearchQuerySchema }) q: KnowledgeSearchQuery): Promise<KnowledgeSearchPage> {
    return this.knowledge.search(auth, q);
  }

  /** Published Q&A that reach me; manage=true: all Q&A of the organisations where I hold knowledge.manage. */
  @Get('qa')
  @ApiOkResponse({ standardSchema: KnowledgeQaPageSchema })
  listQa(@Auth() auth: AuthContext, @Query({ schema: KnowledgeQaListQuerySchema }) q: KnowledgeQaListQuery): Promise<KnowledgeQaPage> {
    return this.knowledge.listQa(auth, q);
  }

  @Get('qa/:id')
  @ApiOkResponse({ standardSchema: KnowledgeQaSchema })
  getQa(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<KnowledgeQa> {
    return this.knowledge.getQa(auth, id);
  }

  /** Write a Q&A (knowledge.manage on the organisation). */
  @Post('qa')
  @ApiCreatedResponse({ standardSchema: KnowledgeQaSchema })
  createQa(@Auth() auth: AuthContext, @Body({ schema: CreateKnowledgeQaSchema }) dto: CreateKnowledgeQaDto): Promise<KnowledgeQa> {
    return this.knowledge.createQa(auth, dto);
  }

  /** Edit, publish or withdraw (published: false). */
  @Patch('qa/:id')
  @ApiOkResponse({ standardSchema: KnowledgeQaSchema })
  updateQa(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: UpdateKnowledgeQaSchema }) dto: UpdateKnowledgeQaDto,
  ): Promise<KnowledgeQa> {
    return this.knowledge.updateQa(auth, id, dto);
  }

  @Delete('qa/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  deleteQa(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<void> {
    return this.knowledge.deleteQa(auth, id);
  }
}
