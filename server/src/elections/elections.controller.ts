import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, Patch, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  AdoptRulesSchema,
  AssistedVotingSchema,
  ApproveScrutineersSchema,
  BallotCodeSchema,
  CancelVoteSchema,
  CreateElectionSchema,
  ElectionDetailSchema,
  ElectionListQuerySchema,
  ElectionPageSchema,
  ExclusionInputSchema,
  RecordApprovalSchema,
  ReduceSeatsSchema,
  SignResultSchema,
  StartAdditionalSchema,
  UpdateElectionSchema,
  UuidSchema,
  VoterRollSchema,
  VoteScreenSchema,
  type AdoptRulesDto,
  type AssistedVotingDto,
  type ApproveScrutineersDto,
  type BallotCode,
  type CancelVoteDto,
  type CreateElectionDto,
  type ElectionDetail,
  type ElectionListQuery,
  type ElectionPage,
  type ExclusionInputDto,
  type RecordApprovalDto,
  type ReduceSeatsDto,
  type SignResultDto,
  type StartAdditionalDto,
  type UpdateElectionDto,
  type VoterRoll,
  type VoteScreen,
} from '@dangjian/shared';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth-context.js';
import { Auth, OptionalAuth, Public } from '../access/auth.decorators.js';
import { BallotsService } from './ballots.service.js';
import { ElectionSheetService } from './election-sheet.service.js';
import { ElectionStepsService } from './election-steps.service.js';
import { ElectionsService } from './elections.service.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name. */
const attachment = (fileName: string, fallback: string) =>
  `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
const ScreenTokenQuery = () => ApiQuery({ name: 's', required: false, description: '会议大屏链接的令牌 (screen token)，代替登录' });
const ScreenTokenHeader = () => ApiHeader({ name: 'x-screen-token', required: false });
const Step = () => HttpCode(HttpStatus.OK);
const Detail = () => ApiOkResponse({ standardSchema: ElectionDetailSchema });
const Id = () => Param('id', { schema: UuidSchema });

@ApiTags('elections')
@ApiBearerAuth()
@Controller('elections')
export class ElectionsController {
  constructor(
    private readonly elections: ElectionsService,
    private readonly steps: ElectionStepsService,
    private readonly ballots: BallotsService,
    private readonly sheets: ElectionSheetService,
  ) {}

  /** Set up an election at a meeting: kind, seats, candidates (E1, E4, E5), rule set (E10). election.manage on the organisation. */
  @Post()
  @ApiCreatedResponse({ standardSchema: ElectionDetailSchema })
  create(@Auth() auth: AuthContext, @Body({ schema: CreateElectionSchema }) dto: CreateElectionDto): Promise<ElectionDetail> {
    return this.elections.create(auth, dto);
  }

  /** Elections in the caller's subtrees, or of one meeting (members see those of their meetings). */
  @Get()
  @ApiOkResponse({ standardSchema: ElectionPageSchema })
  list(@Auth() auth: AuthContext, @Query({ schema: ElectionListQuerySchema }) q: ElectionListQuery): Promise<ElectionPage> {
    return this.elections.list(auth, q);
  }

  @Get(':id')
  @Detail()
  detail(@Auth() auth: AuthContext, @Id() id: string): Promise<ElectionDetail> {
    return this.elections.detail(auth, id);
  }

  /** Draft only: title, seats, mode, 选举办法 text, candidates (replaced). */
  @Patch(':id')
  @Detail()
  update(@Auth() auth: AuthContext, @Id() id: string, @Body({ schema: UpdateElectionSchema }) dto: UpdateElectionDto): Promise<ElectionDetail> {
    return this.elections.update(auth, id, dto);
  }

  /** E1, E2, E3: the roll, who is present, and the quorum — shown before voting opens. */
  @Get(':id/roll')
  @ApiOkResponse({ standardSchema: VoterRollSchema })
  roll(@Auth() auth: AuthContext, @Id() id: string): Promise<VoterRoll> {
    return this.elections.roll(auth, id);
  }

  /** E2: leave a member out of 应到会 (listed reason, higher approval, branch-meeting vote). Draft only. */
  @Post(':id/exclusions')
  @Step()
  @Detail()
  addExclusion(@Auth() auth: AuthContext, @Id() id: string, @Body({ schema: ExclusionInputSchema }) dto: ExclusionInputDto): Promise<ElectionDetail> {
    return this.elections.addExclusion(auth, id, dto);
  }

  @Delete(':id/exclusions/:memberId')
  @Detail()
  removeExclusion(@Auth() auth: AuthContext, @Id() id: string, @Param('memberId', { schema: UuidSchema }) memberId: string): Promise<ElectionDetail> {
    return this.elections.removeExclusion(auth, id, memberId);
  }

  /** E6: log that a voter who cannot write is assisted by a non-candidate (never the choices); while voting is open. */
  @Post(':id/assisted-voting')
  @Step()
  @Detail()
  assistedVoting(@Auth() auth: AuthContext, @Id() id: string, @Body({ schema: AssistedVotingSchema }) dto: AssistedVotingDto): Promise<ElectionDetail> {
    return this.elections.recordAssistance(auth, id, dto);
  }

  // ---- E14 steps, in the meeting's order ----

  /** ① Report attendance; refused without the E3 quorum (more than 4/5 of 应到会). */
  @Post(':id/steps/report-attendance')
  @Step()
  @Detail()
  reportAttendance(@Auth() auth: AuthContext, @Id() id: string): Promise<ElectionDetail> {
    return this.steps.reportAttendance(auth, id);
  }

  /** ② Adopt the 选举办法 by a recorded vote (赞成 > half of those present). */
  @Post(':id/steps/adopt-rules')
  @Step()
  @Detail()
  adoptRules(@Auth() auth: AuthContext, @Id() id: string, @Body({ schema: AdoptRulesSchema }) dto: AdoptRulesDto): Promise<ElectionDetail> {
    return this.steps.adoptRules(auth, id, dto);
  }

  /** ③ Announce the candidates (E1, E4, E5 checked again). */
  @Post(':id/steps/announce-candidates')
  @Step()
  @Detail()
  announceCandidates(@Auth() auth: AuthContext, @Id() id: string): Promise<ElectionDetail> {
    return this.steps.announceCandidates(auth, id);
  }

  /** ④ E13: approve scrutineers (not candidates) and counters by a recorded vote. */
  @Post(':id/steps/approve-scrutineers')
  @Step()
  @Detail()
  approveScrutineers(
    @Auth() auth: AuthContext,
    @Id() id: string,
    @Body({ schema: ApproveScrutineersSchema }) dto: ApproveScrutineersDto,
  ): Promise<ElectionDetail> {
    return this.steps.approveScrutineers(auth, id, dto);
  }

  /** ⑤ Issue ballots: the roll is fixed (E1, E2), the quorum checked (E3), the ballot QR goes live. */
  @Post(':id/steps/open-voting')
  @Step()
  @Detail()
  openVoting(@Auth() auth: AuthContext, @Id() id: string): Promise<ElectionDetail> {
    return this.steps.openVoting(auth, id);
  }

  /** ⑥ Close voting. */
  @Post(':id/steps/close-voting')
  @Step()
  @Detail()
  closeVoting(@Auth() auth: AuthContext, @Id() id: string): Promise<ElectionDetail> {
    return this.steps.closeVoting(auth, id);
  }

  /** ⑦ E9: compare ballots collected with ballots issued (more collected → void). */
  @Post(':id/steps/verify-ballots')
  @Step()
  @Detail()
  verifyBallots(@Auth() auth: AuthContext, @Id() id: string): Promise<ElectionDetail> {
    return this.steps.verifyBallots(auth, id);
  }

  /** ⑧ Count (E8, E10–E12); publishes the record and its digest. */
  @Post(':id/steps/count')
  @Step()
  @Detail()
  count(@Auth() auth: AuthContext, @Id() id: string): Promise<ElectionDetail> {
    return this.steps.count(auth, id);
  }

  /** ⑨ E13: a scrutineer signs the digest of the published record (the caller must be one). */
  @Post(':id/steps/sign')
  @Step()
  @Detail()
  sign(@Auth() auth: AuthContext, @Id() id: string, @Body({ schema: SignResultSchema }) dto: SignResultDto): Promise<ElectionDetail> {
    return this.steps.sign(auth, id, dto);
  }

  /** ⑩ Announce: elected, or a run-off (E11), or a shortfall (E12); 书记/副书记 → pending approval. */
  @Post(':id/steps/announce')
  @Step()
  @Detail()
  announce(@Auth() auth: AuthContext, @Id() id: string): Promise<ElectionDetail> {
    return this.steps.announce(auth, id);
  }

  /** E9: vote again after a void round. */
  @Post(':id/steps/rerun')
  @Step()
  @Detail()
  rerun(@Auth() auth: AuthContext, @Id() id: string): Promise<ElectionDetail> {
    return this.steps.rerun(auth, id);
  }

  /** E11: a run-off among the tied candidates only. */
  @Post(':id/steps/start-runoff')
  @Step()
  @Detail()
  startRunoff(@Auth() auth: AuthContext, @Id() id: string): Promise<ElectionDetail> {
    return this.steps.startRunoff(auth, id);
  }

  /** E12: 另行选举 for the shortfall with a new list of candidates. */
  @Post(':id/steps/start-additional')
  @Step()
  @Detail()
  startAdditional(@Auth() auth: AuthContext, @Id() id: string, @Body({ schema: StartAdditionalSchema }) dto: StartAdditionalDto): Promise<ElectionDetail> {
    return this.steps.startAdditional(auth, id, dto);
  }

  /** E12: end with the seats filled, with the recorded consent of more than half of the voters. */
  @Post(':id/steps/reduce-seats')
  @Step()
  @Detail()
  reduceSeats(@Auth() auth: AuthContext, @Id() id: string, @Body({ schema: ReduceSeatsSchema }) dto: ReduceSeatsDto): Promise<ElectionDetail> {
    return this.steps.reduceSeats(auth, id, dto);
  }

  /** E14: the higher organisation's answer on a 书记/副书记 result (election.manage on the parent organisation). */
  @Post(':id/steps/record-approval')
  @Step()
  @Detail()
  recordApproval(@Auth() auth: AuthContext, @Id() id: string, @Body({ schema: RecordApprovalSchema }) dto: RecordApprovalDto): Promise<ElectionDetail> {
    return this.steps.recordApproval(auth, id, dto);
  }

  /** Cancel before voting opens. */
  @Post(':id/steps/cancel')
  @Step()
  @Detail()
  cancel(@Auth() auth: AuthContext, @Id() id: string, @Body({ schema: CancelVoteSchema }) dto: CancelVoteDto): Promise<ElectionDetail> {
    return this.steps.cancel(auth, id, dto);
  }

  // ---- screen and results ----

  /** The rotating ballot QR for the meeting screen, while voting is open: a manager, or the meeting's screen token (`?s=`). */
  @Public()
  @Get(':id/ballot-code')
  @ScreenTokenQuery()
  @ScreenTokenHeader()
  @ApiOkResponse({ standardSchema: BallotCodeSchema })
  ballotCode(@OptionalAuth() auth: AuthContext | null, @Id() id: string, @Query('s') s?: string, @Headers('x-screen-token') h?: string): Promise<BallotCode> {
    return this.ballots.code({ auth, screenToken: s || h || null }, { electionId: id });
  }

  /** The screen: turnout (voted / present) live; results only once counted. Poll it. */
  @Public()
  @Get(':id/screen')
  @ScreenTokenQuery()
  @ScreenTokenHeader()
  @ApiOkResponse({ standardSchema: VoteScreenSchema })
  screen(@OptionalAuth() auth: AuthContext | null, @Id() id: string, @Query('s') s?: string, @Headers('x-screen-token') h?: string): Promise<VoteScreen> {
    return this.ballots.screen({ auth, screenToken: s || h || null }, { electionId: id });
  }

  /** 计票结果报告单 as .xlsx. */
  @Get(':id/result.xlsx')
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '计票结果报告单 (.xlsx)' })
  async resultXlsx(@Auth() auth: AuthContext, @Id() id: string): Promise<StreamableFile> {
    const { data, fileName } = await this.sheets.xlsx(auth, id);
    return new StreamableFile(data, { type: XLSX_MIME, disposition: attachment(fileName, 'election-result.xlsx'), length: data.length });
  }

  /** The printable result page (HTML with print CSS); open with `?access_token=` in a browser tab. */
  @Get(':id/result.html')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: '计票结果报告单打印页 (HTML)' })
  async resultHtml(@Auth() auth: AuthContext, @Id() id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const html = await this.sheets.html(auth, id);
    void reply.header('content-type', 'text/html; charset=utf-8');
    return html;
  }
}
