import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CalendarQuerySchema,
  CalendarSchema,
  CreateMeetingPlanSchema,
  MeetingPlanListQuerySchema,
  MeetingPlanPageSchema,
  MeetingPlanSchema,
  ReturnMeetingPlanSchema,
  UpdateMeetingPlanSchema,
  UuidSchema,
  type Calendar,
  type CalendarQuery,
  type CreateMeetingPlanDto,
  type MeetingPlan,
  type MeetingPlanListQuery,
  type MeetingPlanPage,
  type ReturnMeetingPlanDto,
  type UpdateMeetingPlanDto,
} from '@dangjian/shared';
import { Auth } from '../access/auth.decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { CalendarService } from './calendar.service.js';
import { MeetingPlansService } from './meeting-plans.service.js';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('meetings')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** The month calendar: my meetings, my organisations' meetings and the C1 gaps of the branches I run. */
  @Get('calendar')
  @ApiOkResponse({ standardSchema: CalendarSchema })
  month(@Auth() auth: AuthContext, @Query({ schema: CalendarQuerySchema }) q: CalendarQuery): Promise<Calendar> {
    return this.calendar.month(auth, q);
  }
}

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('meeting-plans')
export class MeetingPlansController {
  constructor(private readonly plans: MeetingPlansService) {}

  /** Drafts a branch's yearly plan from C1 (meeting.manage on the branch). */
  @Post()
  @ApiCreatedResponse({ standardSchema: MeetingPlanSchema })
  create(@Auth() auth: AuthContext, @Body({ schema: CreateMeetingPlanSchema }) dto: CreateMeetingPlanDto): Promise<MeetingPlan> {
    return this.plans.create(auth, dto);
  }

  @Get()
  @ApiOkResponse({ standardSchema: MeetingPlanPageSchema })
  list(@Auth() auth: AuthContext, @Query({ schema: MeetingPlanListQuerySchema }) q: MeetingPlanListQuery): Promise<MeetingPlanPage> {
    return this.plans.list(auth, q);
  }

  @Get(':id')
  @ApiOkResponse({ standardSchema: MeetingPlanSchema })
  get(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<MeetingPlan> {
    return this.plans.get(auth, id);
  }

  /** Replaces the entries (draft or returned plans only). */
  @Put(':id/entries')
  @ApiOkResponse({ standardSchema: MeetingPlanSchema })
  entries(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: UpdateMeetingPlanSchema }) dto: UpdateMeetingPlanDto,
  ): Promise<MeetingPlan> {
    return this.plans.updateEntries(auth, id, dto);
  }

  /** 报上级党组织. */
  @Post(':id/submit')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: MeetingPlanSchema })
  submit(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<MeetingPlan> {
    return this.plans.submit(auth, id);
  }

  @Post(':id/acknowledge')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: MeetingPlanSchema })
  acknowledge(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<MeetingPlan> {
    return this.plans.acknowledge(auth, id);
  }

  @Post(':id/return')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: MeetingPlanSchema })
  return(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: ReturnMeetingPlanSchema }) dto: ReturnMeetingPlanDto,
  ): Promise<MeetingPlan> {
    return this.plans.return(auth, id, dto);
  }

  @Post(':id/reopen')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: MeetingPlanSchema })
  reopen(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<MeetingPlan> {
    return this.plans.reopen(auth, id);
  }
}
