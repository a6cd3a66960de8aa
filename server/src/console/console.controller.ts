import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ConsoleChartsQuerySchema,
  ConsoleChartsSchema,
  HallScreenLinkInputSchema,
  HallSnapshotQuerySchema,
  HallSnapshotSchema,
  ScreenLinkSchema,
  type ConsoleCharts,
  type ConsoleChartsQuery,
  type HallScreenLinkInput,
  type HallSnapshot,
  type HallSnapshotQuery,
  type ScreenLink,
} from '@dangjian/shared';
import { Auth, OptionalAuth, Public } from '../access/auth.decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { ConsoleService } from './console.service.js';

@ApiTags('console')
@ApiBearerAuth()
@Controller('console')
export class ConsoleController {
  constructor(private readonly console: ConsoleService) {}

  /** Monthly series of an organisation's subtree for the console's charts: fee collection, attendance, study hours (org.read). */
  @Get('charts')
  @ApiOkResponse({ standardSchema: ConsoleChartsSchema })
  charts(@Auth() auth: AuthContext, @Query({ schema: ConsoleChartsQuerySchema }) q: ConsoleChartsQuery): Promise<ConsoleCharts> {
    return this.console.charts(auth, q);
  }

  /** A read-only link for the committee hall's big screen (org.manage on the organisation); audited. */
  @Post('hall/link')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: ScreenLinkSchema })
  hallLink(@Auth() auth: AuthContext, @Body({ schema: HallScreenLinkInputSchema }) dto: HallScreenLinkInput): Promise<ScreenLink> {
    return this.console.hallLink(auth, dto.orgId);
  }

  /** What the big screen shows now: a worker's token (org.read) or the screen link's token (`?s=` or `x-screen-token`). The screen polls it. */
  @Public()
  @Get('hall')
  @ApiHeader({ name: 'x-screen-token', required: false })
  @ApiOkResponse({ standardSchema: HallSnapshotSchema })
  hall(
    @OptionalAuth() auth: AuthContext | null,
    @Query({ schema: HallSnapshotQuerySchema }) q: HallSnapshotQuery,
    @Headers('x-screen-token') h?: string,
  ): Promise<HallSnapshot> {
    return this.console.hall({ auth, token: q.s || h || null }, q.orgId);
  }
}
