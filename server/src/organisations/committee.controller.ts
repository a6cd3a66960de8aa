import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CommitteePositionHolderSchema,
  CommitteeSchema,
  CommitteeTermSchema,
  CreatePositionSchema,
  CreateTermSchema,
  TermReminderQuerySchema,
  TermReminderSchema,
  UuidSchema,
  type Committee,
  type CommitteePositionHolder,
  type CommitteeTerm,
  type CreatePositionDto,
  type CreateTermDto,
  type TermReminder,
  type TermReminderQuery,
} from '@dangjian/shared';
import { z } from 'zod';
import type { AuthContext } from '../common/auth-context.js';
import { Auth } from '../access/auth.decorators.js';
import { CommitteeService } from './committee.service.js';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations/:id')
export class CommitteeController {
  constructor(private readonly service: CommitteeService) {}

  /** Current positions with member names, the current term and the O4 state. */
  @Get('committee')
  @ApiOkResponse({ standardSchema: CommitteeSchema })
  get(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<Committee> {
    return this.service.get(auth, id);
  }

  @Post('committee/positions')
  @ApiCreatedResponse({ standardSchema: CommitteePositionHolderSchema })
  addPosition(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: CreatePositionSchema }) dto: CreatePositionDto,
  ): Promise<CommitteePositionHolder> {
    return this.service.addPosition(auth, id, dto);
  }

  /** Ends the position today; the record stays as history. */
  @Delete('committee/positions/:positionId')
  @ApiOkResponse({ standardSchema: CommitteePositionHolderSchema })
  endPosition(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('positionId', { schema: UuidSchema }) positionId: string,
  ): Promise<CommitteePositionHolder> {
    return this.service.endPosition(auth, id, positionId);
  }

  @Get('terms')
  @ApiOkResponse({ standardSchema: z.array(CommitteeTermSchema) })
  terms(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<CommitteeTerm[]> {
    return this.service.terms(auth, id);
  }

  @Post('terms')
  @ApiCreatedResponse({ standardSchema: CommitteeTermSchema })
  addTerm(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: CreateTermSchema }) dto: CreateTermDto,
  ): Promise<CommitteeTerm> {
    return this.service.addTerm(auth, id, dto);
  }

  /** O6: terms in the subtree ending within `withinDays` days or overdue with no newer term. */
  @Get('term-reminders')
  @ApiOkResponse({ standardSchema: z.array(TermReminderSchema) })
  reminders(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Query({ schema: TermReminderQuerySchema }) query: TermReminderQuery,
  ): Promise<TermReminder[]> {
    return this.service.reminders(auth, id, query.withinDays);
  }
}
