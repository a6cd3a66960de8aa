import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ReminderResultSchema, SendRemindersSchema, type ReminderResult, type SendRemindersDto } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import { Auth } from '../access/auth.decorators.js';
import { RemindersService } from './reminders.service.js';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('reminders')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  /** 催缴 (fee arrears) or 学习提醒 to chosen members of an organisation the caller manages. */
  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: ReminderResultSchema })
  send(@Auth() auth: AuthContext, @Body({ schema: SendRemindersSchema }) dto: SendRemindersDto): Promise<ReminderResult> {
    return this.reminders.send(auth, dto);
  }
}
