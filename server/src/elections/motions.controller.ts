import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  BallotCodeSchema,
  CancelVoteSchema,
  CreateMotionSchema,
  MotionDetailSchema,
  MotionListQuerySchema,
  MotionPageSchema,
  MotionRollSchema,
  UuidSchema,
  VoteScreenSchema,
  WrittenOpinionInputSchema,
  type BallotCode,
  type CancelVoteDto,
  type CreateMotionDto,
  type MotionDetail,
  type MotionListQuery,
  type MotionPage,
  type MotionRoll,
  type VoteScreen,
  type WrittenOpinionInputDto,
} from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import { Auth, OptionalAuth, Public } from '../access/auth.decorators.js';
import { BallotsService } from './ballots.service.js';
import { MotionsService } from './motions.service.js';

const ScreenTokenQuery = () => ApiQuery({ name: 's', required: false, description: '会议大屏链接的令牌 (screen token)，代替登录' });
const ScreenTokenHeader = () => ApiHeader({ name: 'x-screen-token', required: false });
const Step = () => HttpCode(HttpStatus.OK);
const Detail = () => ApiOkResponse({ standardSchema: MotionDetailSchema });
const Id = () => Param('id', { schema: UuidSchema });

@ApiTags('motions')
@ApiBearerAuth()
@Controller('motions')
export class MotionsController {
  constructor(
    private readonly motions: MotionsService,
    private readonly ballots: BallotsService,
  ) {}

  /** A motion (V1), an admission or confirmation vote for one applicant (V2), or a 支委会 decision (V3). */
  @Post()
  @ApiCreatedResponse({ standardSchema: MotionDetailSchema })
  create(@Auth() auth: AuthContext, @Body({ schema: CreateMotionSchema }) dto: CreateMotionDto): Promise<MotionDetail> {
    return this.motions.create(auth, dto);
  }

  @Get()
  @ApiOkResponse({ standardSchema: MotionPageSchema })
  list(@Auth() auth: AuthContext, @Query({ schema: MotionListQuerySchema }) q: MotionListQuery): Promise<MotionPage> {
    return this.motions.list(auth, q);
  }

  @Get(':id')
  @Detail()
  detail(@Auth() auth: AuthContext, @Id() id: string): Promise<MotionDetail> {
    return this.motions.detail(auth, id);
  }

  /** The roll and the quorum of the motion's rule (V1–V3), before voting opens. */
  @Get(':id/roll')
  @ApiOkResponse({ standardSchema: MotionRollSchema })
  roll(@Auth() auth: AuthContext, @Id() id: string): Promise<MotionRoll> {
    return this.motions.roll(auth, id);
  }

  /** V2: record an absent voting member's written opinion (before voting opens). */
  @Post(':id/opinions')
  @HttpCode(HttpStatus.OK)
  @Detail()
  addOpinion(@Auth() auth: AuthContext, @Id() id: string, @Body({ schema: WrittenOpinionInputSchema }) dto: WrittenOpinionInputDto): Promise<MotionDetail> {
    return this.motions.addOpinion(auth, id, dto);
  }

  @Delete(':id/opinions/:memberId')
  @Detail()
  removeOpinion(@Auth() auth: AuthContext, @Id() id: string, @Param('memberId', { schema: UuidSchema }) memberId: string): Promise<MotionDetail> {
    return this.motions.removeOpinion(auth, id, memberId);
  }

  /** Open voting: the roll is fixed, the rule's quorum checked; the ballot QR goes live. */
  @Post(':id/steps/open-voting')
  @Step()
  @Detail()
  openVoting(@Auth() auth: AuthContext, @Id() id: string): Promise<MotionDetail> {
    return this.motions.openVoting(auth, id);
  }

  @Post(':id/steps/close-voting')
  @Step()
  @Detail()
  closeVoting(@Auth() auth: AuthContext, @Id() id: string): Promise<MotionDetail> {
    return this.motions.closeVoting(auth, id);
  }

  /** Compare collected with issued (void → vote again), count under the rule, publish the record. */
  @Post(':id/steps/count')
  @Step()
  @Detail()
  count(@Auth() auth: AuthContext, @Id() id: string): Promise<MotionDetail> {
    return this.motions.count(auth, id);
  }

  /** After a void count: back to draft, to vote again. */
  @Post(':id/steps/rerun')
  @Step()
  @Detail()
  rerun(@Auth() auth: AuthContext, @Id() id: string): Promise<MotionDetail> {
    return this.motions.rerun(auth, id);
  }

  @Post(':id/steps/cancel')
  @Step()
  @Detail()
  cancel(@Auth() auth: AuthContext, @Id() id: string, @Body({ schema: CancelVoteSchema }) dto: CancelVoteDto): Promise<MotionDetail> {
    return this.motions.cancel(auth, id, dto);
  }

  @Public()
  @Get(':id/ballot-code')
  @ScreenTokenQuery()
  @ScreenTokenHeader()
  @ApiOkResponse({ standardSchema: BallotCodeSchema })
  ballotCode(@OptionalAuth() auth: AuthContext | null, @Id() id: string, @Query('s') s?: string, @Headers('x-screen-token') h?: string): Promise<BallotCode> {
    return this.ballots.code({ auth, screenToken: s || h || null }, { motionId: id });
  }

  @Public()
  @Get(':id/screen')
  @ScreenTokenQuery()
  @ScreenTokenHeader()
  @ApiOkResponse({ standardSchema: VoteScreenSchema })
  screen(@OptionalAuth() auth: AuthContext | null, @Id() id: string, @Query('s') s?: string, @Headers('x-screen-token') h?: string): Promise<VoteScreen> {
    return this.ballots.screen({ auth, screenToken: s || h || null }, { motionId: id });
  }
}
