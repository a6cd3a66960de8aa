import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  AbsenceReasonSchema,
  AddGuestsSchema,
  ApproveLeaveSchema,
  AttendanceRateQuerySchema,
  AttendanceRateSchema,
  AttendeesChangeSchema,
  CancelMeetingSchema,
  CompliancePageSchema,
  ComplianceQuerySchema,
  CreateLeaveSchema,
  CreateMeetingSchema,
  LeaveRequestSchema,
  MeetingAttendanceSchema,
  MeetingDetailSchema,
  MeetingListQuerySchema,
  MeetingPageSchema,
  MeetingPhotoSchema,
  MinutesSchema,
  MyMeetingsQuerySchema,
  RefuseLeaveSchema,
  UpdateMeetingSchema,
  UuidSchema,
  type AbsenceReasonDto,
  type AddGuestsDto,
  type ApproveLeaveDto,
  type AttendanceRate,
  type AttendanceRateQuery,
  type AttendeesChange,
  type CancelMeetingDto,
  type CompliancePage,
  type ComplianceQuery,
  type CreateLeaveDto,
  type CreateMeetingDto,
  type LeaveRequest,
  type MeetingAttendance,
  type MeetingDetail,
  type MeetingListQuery,
  type MeetingPage,
  type MeetingPhoto,
  type MinutesDto,
  type MyMeetingsQuery,
  type RefuseLeaveDto,
  type UpdateMeetingDto,
} from '@dangjian/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuthContext } from '../common/auth-context.js';
import { Auth } from '../access/auth.decorators.js';
import { AttendanceService } from './attendance.service.js';
import { MeetingRecordsService } from './meeting-records.service.js';
import { MeetingsService } from './meetings.service.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CaptionQuerySchema = z.object({ caption: z.string().max(200).optional() });

/** RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name. */
const attachment = (fileName: string, fallback: string) =>
  `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('meetings')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly records: MeetingRecordsService,
    private readonly attendance: AttendanceService,
  ) {}

  /** Schedule a meeting (meeting.manage on the organisation; a group leader for the group's 党小组会). */
  @Post()
  @ApiCreatedResponse({ standardSchema: MeetingDetailSchema })
  create(@Auth() auth: AuthContext, @Body({ schema: CreateMeetingSchema }) dto: CreateMeetingDto): Promise<MeetingDetail> {
    return this.meetings.create(auth, dto);
  }

  /** Meetings of the caller's subtrees (org.read), newest first. */
  @Get()
  @ApiOkResponse({ standardSchema: MeetingPageSchema })
  list(@Auth() auth: AuthContext, @Query({ schema: MeetingListQuerySchema }) q: MeetingListQuery): Promise<MeetingPage> {
    return this.meetings.list(auth, q);
  }

  /** The caller's own meetings (expected as member or guest). */
  @Get('mine')
  @ApiOkResponse({ standardSchema: MeetingPageSchema })
  mine(@Auth() auth: AuthContext, @Query({ schema: MyMeetingsQuerySchema }) q: MyMeetingsQuery): Promise<MeetingPage> {
    return this.meetings.mine(auth, q);
  }

  /** C1 compliance per branch of the subtree for a year. */
  @Get('compliance')
  @ApiOkResponse({ standardSchema: CompliancePageSchema })
  compliance(@Auth() auth: AuthContext, @Query({ schema: ComplianceQuerySchema }) q: ComplianceQuery): Promise<CompliancePage> {
    return this.attendance.compliance(auth, q);
  }

  /** Attendance rate of the meetings held in an organisation's subtree, and per direct child. */
  @Get('attendance-rate')
  @ApiOkResponse({ standardSchema: AttendanceRateSchema })
  rate(@Auth() auth: AuthContext, @Query({ schema: AttendanceRateQuerySchema }) q: AttendanceRateQuery): Promise<AttendanceRate> {
    return this.attendance.rate(auth, q);
  }

  @Get(':id')
  @ApiOkResponse({ standardSchema: MeetingDetailSchema })
  detail(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<MeetingDetail> {
    return this.meetings.detail(auth, id);
  }

  @Patch(':id')
  @ApiOkResponse({ standardSchema: MeetingDetailSchema })
  update(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: UpdateMeetingSchema }) dto: UpdateMeetingDto,
  ): Promise<MeetingDetail> {
    return this.meetings.update(auth, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: MeetingDetailSchema })
  cancel(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: CancelMeetingSchema }) dto: CancelMeetingDto,
  ): Promise<MeetingDetail> {
    return this.meetings.cancel(auth, id, dto);
  }

  /** C4: invite guests (流动党员 from elsewhere); never voters here. */
  @Post(':id/guests')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: AttendeesChangeSchema })
  addGuests(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: AddGuestsSchema }) dto: AddGuestsDto,
  ): Promise<AttendeesChange> {
    return this.meetings.addGuests(auth, id, dto.memberIds);
  }

  @Delete(':id/guests/:memberId')
  @ApiOkResponse({ standardSchema: AttendeesChangeSchema })
  removeGuest(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('memberId', { schema: UuidSchema }) memberId: string,
  ): Promise<AttendeesChange> {
    return this.meetings.removeGuest(auth, id, memberId);
  }

  /** Adds members who joined the organisation since the meeting was scheduled. */
  @Post(':id/attendees/refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: AttendeesChangeSchema })
  refresh(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<AttendeesChange> {
    return this.meetings.refreshAttendees(auth, id);
  }

  /** The caller asks for leave (请假) before the meeting starts. */
  @Post(':id/leave')
  @ApiCreatedResponse({ standardSchema: LeaveRequestSchema })
  requestLeave(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: CreateLeaveSchema }) dto: CreateLeaveDto,
  ): Promise<LeaveRequest> {
    return this.records.requestLeave(auth, id, dto.reason);
  }

  @Get(':id/leave-requests')
  @ApiOkResponse({ standardSchema: z.array(LeaveRequestSchema) })
  leaves(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<LeaveRequest[]> {
    return this.records.leaves(auth, id);
  }

  @Post(':id/leave-requests/:leaveId/approve')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: LeaveRequestSchema })
  approveLeave(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('leaveId', { schema: UuidSchema }) leaveId: string,
    @Body({ schema: ApproveLeaveSchema }) dto: ApproveLeaveDto,
  ): Promise<LeaveRequest> {
    return this.records.approveLeave(auth, id, leaveId, dto);
  }

  @Post(':id/leave-requests/:leaveId/refuse')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: LeaveRequestSchema })
  refuseLeave(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('leaveId', { schema: UuidSchema }) leaveId: string,
    @Body({ schema: RefuseLeaveSchema }) dto: RefuseLeaveDto,
  ): Promise<LeaveRequest> {
    return this.records.refuseLeave(auth, id, leaveId, dto);
  }

  /** The member withdraws their own request before the meeting starts. */
  @Post(':id/leave-requests/:leaveId/withdraw')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: LeaveRequestSchema })
  withdrawLeave(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('leaveId', { schema: UuidSchema }) leaveId: string,
  ): Promise<LeaveRequest> {
    return this.records.withdrawLeave(auth, id, leaveId);
  }

  /** C2: the minutes (once the meeting has started). */
  @Put(':id/minutes')
  @ApiOkResponse({ standardSchema: z.object({ minutes: z.string(), minutesUpdatedAt: z.string() }) })
  minutes(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: MinutesSchema }) dto: MinutesDto,
  ): Promise<{ minutes: string; minutesUpdatedAt: string }> {
    return this.records.setMinutes(auth, id, dto.text);
  }

  /** C2: why an absentee (no approved leave) was absent. */
  @Put(':id/absences/:memberId')
  @ApiOkResponse({ standardSchema: z.object({ memberId: UuidSchema, absenceReason: z.string() }) })
  absence(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('memberId', { schema: UuidSchema }) memberId: string,
    @Body({ schema: AbsenceReasonSchema }) dto: AbsenceReasonDto,
  ): Promise<{ memberId: string; absenceReason: string }> {
    return this.records.setAbsenceReason(auth, id, memberId, dto.reason);
  }

  /** A photo: multipart/form-data with one image (JPEG, PNG, WebP; ≤ 8 MB) and optional `caption`. */
  @Post(':id/photos')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, caption: { type: 'string' } } } })
  @ApiQuery({ name: 'caption', required: false })
  @ApiCreatedResponse({ standardSchema: MeetingPhotoSchema })
  addPhoto(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Query({ schema: CaptionQuerySchema }) q: { caption?: string },
    @Req() req: FastifyRequest,
  ): Promise<MeetingPhoto> {
    return this.records.addPhoto(auth, id, req, q.caption);
  }

  /** The photo's bytes (bearer header, or `?access_token=` in an <img>). */
  @Get(':id/photos/:photoId')
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  async photo(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('photoId', { schema: UuidSchema }) photoId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const p = await this.records.photo(auth, id, photoId);
    void reply.header('cache-control', 'private, max-age=3600');
    return new StreamableFile(p.stream, { type: p.contentType, length: p.sizeBytes });
  }

  @Delete(':id/photos/:photoId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  removePhoto(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('photoId', { schema: UuidSchema }) photoId: string,
  ): Promise<void> {
    return this.records.removePhoto(auth, id, photoId);
  }

  /** Present (arrival order), pending, on leave, absent: for polling (the mini-program) and the record. */
  @Get(':id/attendance')
  @ApiOkResponse({ standardSchema: MeetingAttendanceSchema })
  attendanceOf(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<MeetingAttendance> {
    return this.attendance.meeting(auth, id);
  }

  /** 签到表 as .xlsx. */
  @Get(':id/sign-in-sheet.xlsx')
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '签到表 (.xlsx)' })
  async sheet(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<StreamableFile> {
    const { data, fileName } = await this.attendance.signInSheet(auth, id);
    return new StreamableFile(data, { type: XLSX_MIME, disposition: attachment(fileName, 'sign-in-sheet.xlsx'), length: data.length });
  }

  /** The printable record (HTML with print CSS); open with `?access_token=` in a browser tab. */
  @Get(':id/minutes.html')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: '会议记录打印页 (HTML)' })
  async minutesHtml(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query('access_token') token?: string,
  ): Promise<string> {
    const html = await this.attendance.minutesHtml(auth, id, token ?? null);
    void reply.header('content-type', 'text/html; charset=utf-8');
    return html;
  }
}
