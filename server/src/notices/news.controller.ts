import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateNewsCommentSchema,
  CreateNewsSchema,
  NewsCommentSchema,
  NewsCommentsSchema,
  NewsContentSchema,
  NewsDetailSchema,
  NewsListQuerySchema,
  NewsPageSchema,
  NewsStepSchema,
  UuidSchema,
  type CreateNewsCommentDto,
  type CreateNewsDto,
  type NewsComment,
  type NewsComments,
  type NewsContentDto,
  type NewsDetail,
  type NewsListQuery,
  type NewsPage,
  type NewsStepDto,
} from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import { Auth } from '../access/auth.decorators.js';
import { NewsService } from './news.service.js';

@ApiTags('news')
@ApiBearerAuth()
@Controller('news')
export class NewsController {
  constructor(private readonly news: NewsService) {}

  /** A draft for the branch (notice.publish there); images through POST /notices/files. */
  @Post()
  @ApiCreatedResponse({ standardSchema: NewsDetailSchema })
  create(@Auth() auth: AuthContext, @Body({ schema: CreateNewsSchema }) dto: CreateNewsDto): Promise<NewsDetail> {
    return this.news.create(auth, dto);
  }

  /** feed: published news I may see; mine: what my organisations wrote; review: waiting for my committee. */
  @Get()
  @ApiOkResponse({ standardSchema: NewsPageSchema })
  list(@Auth() auth: AuthContext, @Query({ schema: NewsListQuerySchema }) q: NewsListQuery): Promise<NewsPage> {
    return this.news.list(auth, q);
  }

  @Get(':id')
  @ApiOkResponse({ standardSchema: NewsDetailSchema })
  detail(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<NewsDetail> {
    return this.news.detail(auth, id);
  }

  /** Edit while a draft or returned. */
  @Put(':id')
  @ApiOkResponse({ standardSchema: NewsDetailSchema })
  update(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: NewsContentSchema }) dto: NewsContentDto,
  ): Promise<NewsDetail> {
    return this.news.update(auth, id, dto);
  }

  /** submit (the branch), publish or return with a reason (a committee above the branch). */
  @Post(':id/steps')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: NewsDetailSchema })
  step(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string, @Body({ schema: NewsStepSchema }) dto: NewsStepDto): Promise<NewsDetail> {
    return this.news.step(auth, id, dto);
  }

  @Post(':id/like')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: NewsDetailSchema })
  like(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<NewsDetail> {
    return this.news.like(auth, id, true);
  }

  @Delete(':id/like')
  @ApiOkResponse({ standardSchema: NewsDetailSchema })
  unlike(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<NewsDetail> {
    return this.news.like(auth, id, false);
  }

  /** Approved comments, my own pending ones, and every pending one for a moderator. */
  @Get(':id/comments')
  @ApiOkResponse({ standardSchema: NewsCommentsSchema })
  comments(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<NewsComments> {
    return this.news.comments(auth, id);
  }

  /** A member's comment on published news; pending until a moderator approves it. */
  @Post(':id/comments')
  @ApiCreatedResponse({ standardSchema: NewsCommentSchema })
  addComment(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: CreateNewsCommentSchema }) dto: CreateNewsCommentDto,
  ): Promise<NewsComment> {
    return this.news.addComment(auth, id, dto);
  }

  /** The branch's secretary or the committee above approves a pending comment. */
  @Post(':id/comments/:commentId/approve')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: NewsCommentsSchema })
  approveComment(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('commentId', { schema: UuidSchema }) commentId: string,
  ): Promise<NewsComments> {
    return this.news.approveComment(auth, id, commentId);
  }

  /** The author withdraws it, or a moderator refuses / removes it. */
  @Delete(':id/comments/:commentId')
  @ApiOkResponse({ standardSchema: NewsCommentsSchema })
  deleteComment(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('commentId', { schema: UuidSchema }) commentId: string,
  ): Promise<NewsComments> {
    return this.news.deleteComment(auth, id, commentId);
  }
}
