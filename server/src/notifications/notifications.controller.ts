import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  MarkReadSchema,
  NotificationPageSchema,
  NotificationQuerySchema,
  UnreadCountSchema,
  type MarkReadDto,
  type NotificationPage,
  type NotificationQuery,
} from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import { Auth } from '../access/auth.decorators.js';
import { NotificationsService } from './notifications.service.js';

/** The signed-in user's own inbox: nobody reads another's. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ standardSchema: NotificationPageSchema })
  list(@Auth() auth: AuthContext, @Query({ schema: NotificationQuerySchema }) q: NotificationQuery): Promise<NotificationPage> {
    return this.notifications.list(auth, q);
  }

  @Get('unread-count')
  @ApiOkResponse({ standardSchema: UnreadCountSchema })
  async unread(@Auth() auth: AuthContext): Promise<{ unread: number }> {
    return { unread: await this.notifications.unread(auth) };
  }

  @Post('read')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: UnreadCountSchema })
  async markRead(@Auth() auth: AuthContext, @Body({ schema: MarkReadSchema }) dto: MarkReadDto): Promise<{ unread: number }> {
    return { unread: await this.notifications.markRead(auth, dto) };
  }
}
