import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateProfileCorrectionSchema,
  ProfileCorrectionListQuerySchema,
  ProfileCorrectionListSchema,
  ProfileCorrectionSchema,
  ReturnProfileCorrectionSchema,
  UuidSchema,
  type CreateProfileCorrectionDto,
  type ProfileCorrection,
  type ProfileCorrectionList,
  type ProfileCorrectionListQuery,
  type ReturnProfileCorrectionDto,
} from '@dangjian/shared';
import { Auth } from '../access/auth.decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { MemberCorrectionsService } from './member-corrections.service.js';

/** 档案更正: a member's request to correct their own profile, decided by their branch. */
@ApiTags('member-corrections')
@ApiBearerAuth()
@Controller('member-corrections')
export class MemberCorrectionsController {
  constructor(private readonly service: MemberCorrectionsService) {}

  /** The caller asks to correct their own record (one open request at a time). */
  @Post()
  @ApiCreatedResponse({ standardSchema: ProfileCorrectionSchema })
  create(@Auth() auth: AuthContext, @Body({ schema: CreateProfileCorrectionSchema }) dto: CreateProfileCorrectionDto): Promise<ProfileCorrection> {
    return this.service.create(auth, dto);
  }

  /** The caller's own requests, newest first. */
  @Get('mine')
  @ApiOkResponse({ standardSchema: ProfileCorrectionListSchema })
  mine(@Auth() auth: AuthContext): Promise<ProfileCorrectionList> {
    return this.service.mine(auth);
  }

  /** Requests of members under `orgId` (member.manage), oldest first. */
  @Get()
  @ApiOkResponse({ standardSchema: ProfileCorrectionListSchema })
  list(@Auth() auth: AuthContext, @Query({ schema: ProfileCorrectionListQuerySchema }) q: ProfileCorrectionListQuery): Promise<ProfileCorrectionList> {
    return this.service.list(auth, q);
  }

  @Get(':id')
  @ApiOkResponse({ standardSchema: ProfileCorrectionSchema })
  get(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<ProfileCorrection> {
    return this.service.get(auth, id);
  }

  /** Applies the change to the member's record in the same transaction. */
  @Post(':id/approve')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: ProfileCorrectionSchema })
  approve(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<ProfileCorrection> {
    return this.service.approve(auth, id);
  }

  @Post(':id/return')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: ProfileCorrectionSchema })
  return(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: ReturnProfileCorrectionSchema }) dto: ReturnProfileCorrectionDto,
  ): Promise<ProfileCorrection> {
    return this.service.return(auth, id, dto);
  }

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: ProfileCorrectionSchema })
  withdraw(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<ProfileCorrection> {
    return this.service.withdraw(auth, id);
  }
}
