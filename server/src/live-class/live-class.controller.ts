import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CloseLiveClassSchema,
  CreateLiveClassSchema,
  CreateNewsCommentSchema,
  HeartbeatResultSchema,
  LiveClassListSchema,
  LiveClassSchema,
  LiveCommentsSchema,
  LiveHeartbeatSchema,
  LiveOrgQuerySchema,
  LiveRotaSchema,
  SetLiveRotaSchema,
  UuidSchema,
  type CloseLiveClassDto,
  type CreateLiveClassDto,
  type CreateNewsCommentDto,
  type HeartbeatResult,
  type LiveClass,
  type LiveClassList,
  type LiveComments,
  type LiveHeartbeatDto,
  type LiveOrgQuery,
  type LiveRota,
  type SetLiveRotaDto,
} from '@dangjian/shared';
import { Auth } from '../access/auth.decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { LiveClassService } from './live-class.service.js';

/** 红色直播间: classes, the host rota, heartbeats from the room (L2), moderated comments. */
@ApiTags('live-classes')
@ApiBearerAuth()
@Controller('live-classes')
export class LiveClassController {
  constructor(private readonly service: LiveClassService) {}

  @Get()
  @ApiOkResponse({ standardSchema: LiveClassListSchema })
  list(@Auth() auth: AuthContext): Promise<LiveClassList> {
    return this.service.list(auth);
  }

  @Post()
  @ApiCreatedResponse({ standardSchema: LiveClassSchema })
  create(@Auth() auth: AuthContext, @Body({ schema: CreateLiveClassSchema }) dto: CreateLiveClassDto): Promise<LiveClass> {
    return this.service.create(auth, dto);
  }

  /** The organisation's 红色主播 rota (default: the caller's own organisation). */
  @Get('rota')
  @ApiOkResponse({ standardSchema: LiveRotaSchema })
  rota(@Auth() auth: AuthContext, @Query({ schema: LiveOrgQuerySchema }) q: LiveOrgQuery): Promise<LiveRota> {
    return this.service.rota(auth, q.orgId);
  }

  @Put('rota/:orgId')
  @ApiOkResponse({ standardSchema: LiveRotaSchema })
  setRota(
    @Auth() auth: AuthContext,
    @Param('orgId', { schema: UuidSchema }) orgId: string,
    @Body({ schema: SetLiveRotaSchema }) dto: SetLiveRotaDto,
  ): Promise<LiveRota> {
    return this.service.setRota(auth, orgId, dto);
  }

  @Get(':id')
  @ApiOkResponse({ standardSchema: LiveClassSchema })
  get(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<LiveClass> {
    return this.service.get(auth, id);
  }

  /** A heartbeat from the room: credited by the study clock while the class is live (L2). */
  @Post(':id/heartbeat')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: HeartbeatResultSchema })
  heartbeat(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: LiveHeartbeatSchema }) dto: LiveHeartbeatDto,
  ): Promise<HeartbeatResult> {
    return this.service.heartbeat(auth, id, dto);
  }

  @Post(':id/close')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: LiveClassSchema })
  close(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: CloseLiveClassSchema }) dto: CloseLiveClassDto,
  ): Promise<LiveClass> {
    return this.service.close(auth, id, dto);
  }

  @Get(':id/comments')
  @ApiOkResponse({ standardSchema: LiveCommentsSchema })
  comments(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<LiveComments> {
    return this.service.comments(auth, id);
  }

  @Post(':id/comments')
  @ApiCreatedResponse({ standardSchema: LiveCommentsSchema })
  addComment(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: CreateNewsCommentSchema }) dto: CreateNewsCommentDto,
  ): Promise<LiveComments> {
    return this.service.addComment(auth, id, dto);
  }

  @Post(':id/comments/:commentId/approve')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: LiveCommentsSchema })
  approveComment(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('commentId', { schema: UuidSchema }) commentId: string,
  ): Promise<LiveComments> {
    return this.service.approveComment(auth, id, commentId);
  }

  @Delete(':id/comments/:commentId')
  @ApiOkResponse({ standardSchema: LiveCommentsSchema })
  deleteComment(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('commentId', { schema: UuidSchema }) commentId: string,
  ): Promise<LiveComments> {
    return this.service.deleteComment(auth, id, commentId);
  }
}
