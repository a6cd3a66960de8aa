import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  AttendanceHistoryQuerySchema,
  CheckinCodeSchema,
  CheckinRequestSchema,
  CheckinResultSchema,
  ConfirmCheckinSchema,
  LiveSnapshotSchema,
  ManualCheckinSchema,
  MemberAttendanceSchema,
  MemberCheckinCodeSchema,
  MemberCodeCheckinSchema,
  RejectCheckinSchema,
  ScreenLinkSchema,
  UuidSchema,
  type AttendanceHistoryQuery,
  type CheckinCode,
  type CheckinRequest,
  type CheckinResult,
  type ConfirmCheckinDto,
  type LiveSnapshot,
  type ManualCheckinDto,
  type MemberAttendance,
  type MemberCheckinCode,
  type MemberCodeCheckinDto,
  type RejectCheckinDto,
  type ScreenLink,
} from '@dangjian/shared';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth-context.js';
import { Auth, HotRoute, OptionalAuth, Public } from '../access/auth.decorators.js';
import { notFound } from '../common/domain-error.js';
import { AttendanceService } from './attendance.service.js';
import { CheckinService } from './checkin.service.js';
import { LiveService } from './live.service.js';

const ScreenTokenQuery = () => ApiQuery({ name: 's', required: false, description: '大屏链接的令牌 (screen token)，代替登录' });
const ScreenTokenHeader = () => ApiHeader({ name: 'x-screen-token', required: false });

@ApiTags('check-in')
@ApiBearerAuth()
@Controller('meetings')
export class CheckinController {
  constructor(
    private readonly checkins: CheckinService,
    private readonly live: LiveService,
  ) {}

  /**
   * A member's scan of the screen's QR code (C3, C4); offline scans become pending confirmation.
   * The cached caller suffices (issue 12's hot path: one statement): who may check in is the roll's
   * foreign key, not a grant, and a member moved or signed out is dropped from the cache by NOTIFY.
   */
  @Post('checkin')
  @HotRoute()
  @ApiOkResponse({ standardSchema: CheckinResultSchema })
  checkin(@Auth() auth: AuthContext, @Body({ schema: CheckinRequestSchema }) dto: CheckinRequest): Promise<CheckinResult> {
    return this.checkins.checkin(auth, dto);
  }

  /** The rotating QR code for the screen: a manager's token or a screen token (`?s=`). */
  @Public()
  @Get(':id/checkin-code')
  @ScreenTokenQuery()
  @ScreenTokenHeader()
  @ApiOkResponse({ standardSchema: CheckinCodeSchema })
  code(
    @OptionalAuth() auth: AuthContext | null,
    @Param('id', { schema: UuidSchema }) id: string,
    @Query('s') s?: string,
    @Headers('x-screen-token') h?: string,
  ): Promise<CheckinCode> {
    return this.checkins.code({ auth, screenToken: s || h || null }, id);
  }

  /** A short-lived, read-only link for the projector (code and live view of this meeting only). */
  @Post(':id/screen-link')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: ScreenLinkSchema })
  screenLink(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<ScreenLink> {
    return this.checkins.screenLink(auth, id);
  }

  /**
   * Server-Sent Events: `event: snapshot` with a LiveSnapshot at once and within 2 s of every
   * check-in. EventSource cannot send headers: use `?s=<screen token>` or `?access_token=`.
   */
  @Public()
  @Get(':id/live')
  @ScreenTokenQuery()
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream of `snapshot` events (LiveSnapshot)' })
  async stream(
    @OptionalAuth() auth: AuthContext | null,
    @Param('id', { schema: UuidSchema }) id: string,
    @Res() reply: FastifyReply,
    @Query('s') s?: string,
    @Headers('x-screen-token') h?: string,
  ): Promise<void> {
    await this.checkins.screenMeeting({ auth, screenToken: s || h || null }, id, true);
    reply.hijack();
    await this.live.open(reply.raw, id, reply.getHeaders() as Record<string, string>);
  }

  /** The same data once, for polling where SSE is not available (the mini-program). */
  @Public()
  @Get(':id/live/snapshot')
  @ScreenTokenQuery()
  @ScreenTokenHeader()
  @ApiOkResponse({ standardSchema: LiveSnapshotSchema })
  async snapshot(
    @OptionalAuth() auth: AuthContext | null,
    @Param('id', { schema: UuidSchema }) id: string,
    @Query('s') s?: string,
    @Headers('x-screen-token') h?: string,
  ): Promise<LiveSnapshot> {
    await this.checkins.screenMeeting({ auth, screenToken: s || h || null }, id, true);
    const snap = await this.checkins.snapshot(id);
    if (!snap) throw notFound('会议');
    return snap;
  }

  /** Reverse mode: the secretary scans (or types) a member's personal rotating code. */
  @Post(':id/checkin/member-code')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: CheckinResultSchema })
  memberCode(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: MemberCodeCheckinSchema }) dto: MemberCodeCheckinDto,
  ): Promise<CheckinResult> {
    return this.checkins.checkinByMemberCode(auth, id, dto.code);
  }

  /** 补签 with a reason (audited). */
  @Post(':id/checkins/manual')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: CheckinResultSchema })
  manual(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: ManualCheckinSchema }) dto: ManualCheckinDto,
  ): Promise<CheckinResult> {
    return this.checkins.manual(auth, id, dto);
  }

  /** Confirms a pending offline check-in. */
  @Post(':id/checkins/:checkinId/confirm')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: CheckinResultSchema })
  confirm(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('checkinId', { schema: UuidSchema }) checkinId: string,
    @Body({ schema: ConfirmCheckinSchema }) dto: ConfirmCheckinDto,
  ): Promise<CheckinResult> {
    return this.checkins.confirm(auth, id, checkinId, dto);
  }

  /** Rejects a pending offline check-in, with a note. */
  @Post(':id/checkins/:checkinId/reject')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: CheckinResultSchema })
  reject(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('checkinId', { schema: UuidSchema }) checkinId: string,
    @Body({ schema: RejectCheckinSchema }) dto: RejectCheckinDto,
  ): Promise<CheckinResult> {
    return this.checkins.reject(auth, id, checkinId, dto);
  }
}

@ApiTags('check-in')
@ApiBearerAuth()
@Controller('members')
export class MemberCheckinController {
  constructor(
    private readonly checkins: CheckinService,
    private readonly attendance: AttendanceService,
  ) {}

  /** The caller's personal rotating code (reverse mode) and the secret to compute it offline. */
  @Get('me/checkin-code')
  @ApiOkResponse({ standardSchema: MemberCheckinCodeSchema })
  myCode(@Auth() auth: AuthContext): Promise<MemberCheckinCode> {
    return this.checkins.memberCode(auth);
  }

  /** The caller's attendance history. */
  @Get('me/attendance')
  @ApiOkResponse({ standardSchema: MemberAttendanceSchema })
  myAttendance(@Auth() auth: AuthContext, @Query({ schema: AttendanceHistoryQuerySchema }) q: AttendanceHistoryQuery): Promise<MemberAttendance> {
    return this.attendance.mine(auth, q);
  }

  /** A member's attendance over a period (member.read on the member, or the member themself). */
  @Get(':id/attendance')
  @ApiOkResponse({ standardSchema: MemberAttendanceSchema })
  attendanceOf(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Query({ schema: AttendanceHistoryQuerySchema }) q: AttendanceHistoryQuery,
  ): Promise<MemberAttendance> {
    return this.attendance.member(auth, id, q);
  }
}
