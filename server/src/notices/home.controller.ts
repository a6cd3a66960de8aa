import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BannerSchema, CreateBannerSchema, HomeSummarySchema, UuidSchema, type Banner, type CreateBannerDto, type HomeSummary } from '@dangjian/shared';
import { z } from 'zod';
import type { AuthContext } from '../common/auth-context.js';
import { Auth } from '../access/auth.decorators.js';
import { HomeService } from './home.service.js';

const BannerQuerySchema = z.object({ orgId: UuidSchema }).meta({ id: 'BannerQuery' });

@ApiTags('home')
@ApiBearerAuth()
@Controller('home')
export class HomeController {
  constructor(private readonly home: HomeService) {}

  /** Everything 首页 shows, in one request. */
  @Get()
  @ApiOkResponse({ standardSchema: HomeSummarySchema })
  summary(@Auth() auth: AuthContext): Promise<HomeSummary> {
    return this.home.summary(auth);
  }

  /** The banners an organisation set (notice.publish there). */
  @Get('banners')
  @ApiOkResponse({ standardSchema: z.array(BannerSchema) })
  banners(@Auth() auth: AuthContext, @Query({ schema: BannerQuerySchema }) q: { orgId: string }): Promise<Banner[]> {
    return this.home.listBanners(auth, q.orgId);
  }

  @Post('banners')
  @ApiCreatedResponse({ standardSchema: BannerSchema })
  createBanner(@Auth() auth: AuthContext, @Body({ schema: CreateBannerSchema }) dto: CreateBannerDto): Promise<Banner> {
    return this.home.createBanner(auth, dto);
  }

  @Delete('banners/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  removeBanner(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<void> {
    return this.home.removeBanner(auth, id);
  }
}
