import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  BannerSchema,
  CreateBannerSchema,
  HomeSummarySchema,
  UpdateBannerSchema,
  UuidSchema,
  type Banner,
  type CreateBannerDto,
  type HomeSummary,
  type UpdateBannerDto,
} from '@dangjian/shared';
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

  /** Every banner an organisation set, active or not (notice.publish there): the console. */
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

  @Put('banners/:id')
  @ApiOkResponse({ standardSchema: BannerSchema })
  updateBanner(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: UpdateBannerSchema }) dto: UpdateBannerDto,
  ): Promise<Banner> {
    return this.home.updateBanner(auth, id, dto);
  }

  @Delete('banners/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  removeBanner(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<void> {
    return this.home.removeBanner(auth, id);
  }
}
