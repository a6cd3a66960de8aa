import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ActivityReportSchema,
  AddTeamVolunteerSchema,
  CreateVolunteerActivitySchema,
  CreateVolunteerTeamSchema,
  MyVolunteerHoursSchema,
  RosterAddSchema,
  RosterSchema,
  RosterTimeSchema,
  UpdateVolunteerTeamSchema,
  UuidSchema,
  VolunteerActivityListQuerySchema,
  VolunteerActivityListSchema,
  VolunteerActivitySchema,
  VolunteerCodeSchema,
  VolunteerScanResultSchema,
  VolunteerScanSchema,
  VolunteerTeamListSchema,
  VolunteerTeamSchema,
  VolunteerYearQuerySchema,
  type ActivityReportDto,
  type AddTeamVolunteerDto,
  type CreateVolunteerActivityDto,
  type CreateVolunteerTeamDto,
  type MyVolunteerHours,
  type Roster,
  type RosterAddDto,
  type RosterTimeDto,
  type UpdateVolunteerTeamDto,
  type VolunteerActivity,
  type VolunteerActivityList,
  type VolunteerActivityListQuery,
  type VolunteerCode,
  type VolunteerScanDto,
  type VolunteerScanResult,
  type VolunteerTeam,
  type VolunteerTeamList,
  type VolunteerYearQuery,
} from '@dangjian/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth } from '../access/auth.decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { VolunteerAttendanceService } from './volunteer-attendance.service.js';
import { VolunteeringService } from './volunteering.service.js';

/** 志愿服务 (P4): teams, activities, places, sign-in/out by QR, hours and the certificate. */
@ApiTags('volunteer')
@ApiBearerAuth()
@Controller('volunteer')
export class VolunteeringController {
  constructor(
    private readonly service: VolunteeringService,
    private readonly attendance: VolunteerAttendanceService,
  ) {}

  @Get('teams')
  @ApiOkResponse({ standardSchema: VolunteerTeamListSchema })
  teams(@Auth() auth: AuthContext): Promise<VolunteerTeamList> {
    return this.service.teams(auth);
  }

  @Post('teams')
  @ApiCreatedResponse({ standardSchema: VolunteerTeamSchema })
  createTeam(@Auth() auth: AuthContext, @Body({ schema: CreateVolunteerTeamSchema }) dto: CreateVolunteerTeamDto): Promise<VolunteerTeam> {
    return this.service.createTeam(auth, dto);
  }

  @Get('teams/:id')
  @ApiOkResponse({ standardSchema: VolunteerTeamSchema })
  team(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<VolunteerTeam> {
    return this.service.team(auth, id);
  }

  /** Name and description (team leader or volunteer.manage). */
  @Patch('teams/:id')
  @ApiOkResponse({ standardSchema: VolunteerTeamSchema })
  updateTeam(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: UpdateVolunteerTeamSchema }) dto: UpdateVolunteerTeamDto,
  ): Promise<VolunteerTeam> {
    return this.service.updateTeam(auth, id, dto);
  }

  /** A member by id, or a 群众 with name, phone and recorded consent (the phone is stored encrypted). */
  @Post('teams/:id/volunteers')
  @ApiCreatedResponse({ standardSchema: VolunteerTeamSchema })
  addVolunteer(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: AddTeamVolunteerSchema }) dto: AddTeamVolunteerDto,
  ): Promise<VolunteerTeam> {
    return this.service.addVolunteer(auth, id, dto);
  }

  @Delete('teams/:id/volunteers/:volunteerId')
  @ApiOkResponse({ standardSchema: VolunteerTeamSchema })
  removeVolunteer(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('volunteerId', { schema: UuidSchema }) volunteerId: string,
  ): Promise<VolunteerTeam> {
    return this.service.removeVolunteer(auth, id, volunteerId);
  }

  @Get('activities')
  @ApiOkResponse({ standardSchema: VolunteerActivityListSchema })
  activities(@Auth() auth: AuthContext, @Query({ schema: VolunteerActivityListQuerySchema }) q: VolunteerActivityListQuery): Promise<VolunteerActivityList> {
    return this.service.activities(auth, q);
  }

  @Post('activities')
  @ApiCreatedResponse({ standardSchema: VolunteerActivitySchema })
  createActivity(@Auth() auth: AuthContext, @Body({ schema: CreateVolunteerActivitySchema }) dto: CreateVolunteerActivityDto): Promise<VolunteerActivity> {
    return this.service.createActivity(auth, dto);
  }

  @Get('activities/:id')
  @ApiOkResponse({ standardSchema: VolunteerActivitySchema })
  activity(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<VolunteerActivity> {
    return this.service.activity(auth, id);
  }

  @Post('activities/:id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: VolunteerActivitySchema })
  cancelActivity(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<VolunteerActivity> {
    return this.service.cancelActivity(auth, id);
  }

  /** The caller signs up: a place while any remain, else the waiting list. */
  @Post('activities/:id/signup')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: VolunteerActivitySchema })
  signUp(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<VolunteerActivity> {
    return this.service.signUp(auth, id);
  }

  /** Gives up the place; the first on the waiting list takes it. */
  @Delete('activities/:id/signup')
  @ApiOkResponse({ standardSchema: VolunteerActivitySchema })
  cancelSignUp(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<VolunteerActivity> {
    return this.service.cancelSignUp(auth, id);
  }

  @Put('activities/:id/report')
  @ApiOkResponse({ standardSchema: VolunteerActivitySchema })
  report(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: ActivityReportSchema }) dto: ActivityReportDto,
  ): Promise<VolunteerActivity> {
    return this.service.setReport(auth, id, dto);
  }

  /** The organiser's rotating QR code (the check-in token, under the volunteer key). */
  @Get('activities/:id/code')
  @ApiOkResponse({ standardSchema: VolunteerCodeSchema })
  code(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<VolunteerCode> {
    return this.attendance.code(auth, id);
  }

  @Post('scan')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: VolunteerScanResultSchema })
  scan(@Auth() auth: AuthContext, @Body({ schema: VolunteerScanSchema }) dto: VolunteerScanDto): Promise<VolunteerScanResult> {
    return this.attendance.scan(auth, dto);
  }

  @Get('activities/:id/roster')
  @ApiOkResponse({ standardSchema: RosterSchema })
  roster(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<Roster> {
    return this.attendance.roster(auth, id);
  }

  @Post('activities/:id/roster')
  @ApiCreatedResponse({ standardSchema: VolunteerActivitySchema })
  addToRoster(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: RosterAddSchema }) dto: RosterAddDto,
  ): Promise<VolunteerActivity> {
    return this.service.addToRoster(auth, id, dto);
  }

  @Post('activities/:id/roster/:signupId/sign-in')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: RosterSchema })
  manualSignIn(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('signupId', { schema: UuidSchema }) signupId: string,
    @Body({ schema: RosterTimeSchema }) dto: RosterTimeDto,
  ): Promise<Roster> {
    return this.attendance.manualSignIn(auth, id, signupId, dto);
  }

  /** P4: the organiser confirms a missing sign-out with the time the volunteer left. */
  @Post('activities/:id/roster/:signupId/sign-out')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: RosterSchema })
  confirmSignOut(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('signupId', { schema: UuidSchema }) signupId: string,
    @Body({ schema: RosterTimeSchema }) dto: RosterTimeDto,
  ): Promise<Roster> {
    return this.attendance.confirmSignOut(auth, id, signupId, dto);
  }

  /** A photo of the activity: multipart/form-data with one image (JPEG, PNG, WebP). */
  @Post('activities/:id/photos')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ description: '照片 id 与地址' })
  addPhoto(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string, @Req() req: FastifyRequest): Promise<{ id: string; url: string }> {
    return this.attendance.addPhoto(auth, id, req);
  }

  /** The photo's bytes (bearer header, or `?access_token=` in an <img>). */
  @Get('activities/:id/photos/:photoId')
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  async photo(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Param('photoId', { schema: UuidSchema }) photoId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const p = await this.attendance.photo(auth, id, photoId);
    void reply.header('cache-control', 'private, max-age=3600');
    return new StreamableFile(p.stream, { type: p.contentType, length: p.sizeBytes });
  }

  @Get('me')
  @ApiOkResponse({ standardSchema: MyVolunteerHoursSchema })
  mine(@Auth() auth: AuthContext, @Query({ schema: VolunteerYearQuerySchema }) q: VolunteerYearQuery): Promise<MyVolunteerHours> {
    return this.attendance.mine(auth, q.year);
  }

  @Get('me/certificate.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: '志愿服务证明 (PDF)' })
  async certificate(@Auth() auth: AuthContext, @Query({ schema: VolunteerYearQuerySchema }) q: VolunteerYearQuery): Promise<StreamableFile> {
    const { pdf, fileName } = await this.attendance.certificate(auth, q.year);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="${fileName}"`, length: pdf.length });
  }
}
