import { Body, Controller, Delete, Get, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  CardPrivacySchema,
  CardQrSchema,
  CardSheetQuerySchema,
  CardVerifyQuerySchema,
  CardVerifyResultSchema,
  CreateCardDistinctionSchema,
  MemberCardSchema,
  MemberDistinctionsQuerySchema,
  MemberDistinctionsSchema,
  RecordVanguardDutySchema,
  UuidSchema,
  type CardPrivacy,
  type CardQr,
  type CardSheetQuery,
  type CardVerifyQuery,
  type CardVerifyResult,
  type CreateCardDistinction,
  type MemberCard,
  type MemberDistinctions,
  type MemberDistinctionsQuery,
  type RecordVanguardDuty,
} from '@dangjian/shared';
import { Auth, Public } from '../access/auth.decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { CardDistinctionsService } from './card-distinctions.service.js';
import { CardService } from './card.service.js';

/** 电子党员名片 (P1, P2): my card and its rotating QR, privacy, the public verify, 先锋岗/honours, the printable sheet. */
@ApiTags('card')
@ApiBearerAuth()
@Controller('card')
export class CardController {
  constructor(
    private readonly cards: CardService,
    private readonly distinctions: CardDistinctionsService,
  ) {}

  /** The caller's own card (everything on it), with a freshly signed QR. */
  @Get('me')
  @ApiOkResponse({ standardSchema: MemberCardSchema })
  mine(@Auth() auth: AuthContext): Promise<MemberCard> {
    return this.cards.mine(auth);
  }

  /** The next on-screen QR (the page rotates it every `refreshInS`). */
  @Get('me/qr')
  @ApiOkResponse({ standardSchema: CardQrSchema })
  qr(@Auth() auth: AuthContext): Promise<CardQr> {
    return this.cards.myQr(auth);
  }

  /** What the public view adds beyond the minimum (P1): the member's own choice. */
  @Put('me/privacy')
  @ApiOkResponse({ standardSchema: CardPrivacySchema })
  privacy(@Auth() auth: AuthContext, @Body({ schema: CardPrivacySchema }) dto: CardPrivacy): Promise<CardPrivacy> {
    return this.cards.setPrivacy(auth, dto);
  }

  /** Public, no sign-in: what the card's QR opens — genuine or not, and the current standing (P1, P2). */
  @Public()
  @Get('verify')
  @ApiOkResponse({ standardSchema: CardVerifyResultSchema })
  verify(@Query({ schema: CardVerifyQuerySchema }) q: CardVerifyQuery): Promise<CardVerifyResult> {
    return this.cards.verify(q);
  }

  /** A member's 先锋岗 and honours with each post's recent duties (member.read over the member). */
  @Get('distinctions')
  @ApiOkResponse({ standardSchema: MemberDistinctionsSchema })
  listDistinctions(@Auth() auth: AuthContext, @Query({ schema: MemberDistinctionsQuerySchema }) q: MemberDistinctionsQuery): Promise<MemberDistinctions> {
    return this.distinctions.list(auth, q.memberId);
  }

  /** Grants a 先锋岗 or an honour (member.manage over the member). */
  @Post('distinctions')
  @ApiCreatedResponse({ standardSchema: MemberDistinctionsSchema })
  addDistinction(@Auth() auth: AuthContext, @Body({ schema: CreateCardDistinctionSchema }) dto: CreateCardDistinction): Promise<MemberDistinctions> {
    return this.distinctions.add(auth, dto);
  }

  /** Revokes it; a post's recorded duties and their points are kept. */
  @Delete('distinctions/:id')
  @ApiOkResponse({ standardSchema: MemberDistinctionsSchema })
  removeDistinction(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<MemberDistinctions> {
    return this.distinctions.remove(auth, id);
  }

  /** 先锋岗履职 (P3 vanguard_duty): points.manage over the holder, not the holder; points through the ledger's caps. */
  @Post('distinctions/:id/duties')
  @ApiCreatedResponse({ standardSchema: MemberDistinctionsSchema })
  recordDuty(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: RecordVanguardDutySchema }) dto: RecordVanguardDuty,
  ): Promise<MemberDistinctions> {
    return this.distinctions.recordDuty(auth, id, dto);
  }

  /** The organisation's cards as an A4 PDF sheet for printing (member.read). */
  @Get('sheet.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: '党员名片打印页 (PDF)' })
  async sheet(@Auth() auth: AuthContext, @Query({ schema: CardSheetQuerySchema }) q: CardSheetQuery): Promise<StreamableFile> {
    const { file, filename } = await this.cards.sheet(auth, q.orgId);
    return new StreamableFile(file, { type: 'application/pdf', disposition: `inline; filename="${filename}"`, length: file.length });
  }
}
