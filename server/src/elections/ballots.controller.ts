import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  BallotViewSchema,
  CastBallotSchema,
  CastResultSchema,
  OpenBallotSchema,
  PublishedRecordSchema,
  ReceiptCheckSchema,
  UuidSchema,
  type BallotView,
  type CastBallotDto,
  type CastResult,
  type OpenBallotDto,
  type PublishedRecord,
  type ReceiptCheck,
} from '@dangjian/shared';
import { z } from 'zod';
import type { AuthContext } from '../common/auth-context.js';
import { Auth, HotRoute } from '../access/auth.decorators.js';
import { BallotsService } from './ballots.service.js';

const ReceiptParam = z.string().trim().min(5).max(16);

@ApiTags('ballots')
@ApiBearerAuth()
@Controller('ballots')
export class BallotsController {
  constructor(private readonly ballots: BallotsService) {}

  /** A member scanned the ballot QR: the ballot (candidates with introductions, or the motion) and a pass to cast it. */
  @Post('open')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: BallotViewSchema })
  open(@Auth() auth: AuthContext, @Body({ schema: OpenBallotSchema }) dto: OpenBallotDto): Promise<BallotView> {
    return this.ballots.open(auth, dto);
  }

  /** Cast (E6, E7): one transaction marks "has voted" and stores the ballot; answers the receipt code. */
  @Post('cast')
  // Who may vote is the box's roll and check-in, read by the cast statement, not a grant (issue 12).
  @HotRoute()
  @ApiOkResponse({ standardSchema: CastResultSchema })
  cast(@Auth() auth: AuthContext, @Body({ schema: CastBallotSchema }) dto: CastBallotDto): Promise<CastResult> {
    return this.ballots.cast(auth, dto);
  }

  /** The published record of a counted round: receipts, and separately the ballots in random order, the digest, the signatures. */
  @Get('boxes/:boxId/record')
  @ApiOkResponse({ standardSchema: PublishedRecordSchema })
  record(@Auth() auth: AuthContext, @Param('boxId', { schema: UuidSchema }) boxId: string): Promise<PublishedRecord> {
    return this.ballots.record(auth, boxId);
  }

  /** Is my receipt in the published record? */
  @Get('boxes/:boxId/receipts/:receipt')
  @ApiOkResponse({ standardSchema: ReceiptCheckSchema })
  receipt(
    @Auth() auth: AuthContext,
    @Param('boxId', { schema: UuidSchema }) boxId: string,
    @Param('receipt', { schema: ReceiptParam }) receipt: string,
  ): Promise<ReceiptCheck> {
    return this.ballots.checkReceipt(auth, boxId, receipt);
  }
}
