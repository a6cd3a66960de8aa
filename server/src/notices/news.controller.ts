import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateNewsSchema,
  NewsContentSchema,
  NewsDetailSchema,
  NewsListQuerySchema,
  NewsPageSchema,
  NewsStepSchema,
  UuidSchema,
  type CreateNewsDto,
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
}
