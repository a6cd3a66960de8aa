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
  UuidSchema,
  type CardPrivacy,
  type CardQr,
  type CardSheetQuery,
  type CardVerifyQuery,
  type CardVerifyResult,
  type CreateCardDistinction,
  type MemberCard,
} from '@dangjian/shared';
import { Auth, Public } from '../access/auth.decorators.js';
import type { AuthContext } from '../common/auth-context.js';
import { CardService } from './card.service.js';

/** 电子党员名片 (P1, P2): my card and its rotating QR, privacy, the public verify, 先锋岗/honours, the printable sheet. */
@ApiTags('card')
@ApiBearerAuth()
@Controller('card')
export class CardController {
  constructor(private readonly cards: CardService) {}

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

  /** A 先锋岗 or an honour (member.manage over the member). */
  @Post('distinctions')
  @ApiCreatedResponse({ standardSchema: MemberCardSchema })
  addDistinction(@Auth() auth: AuthContext, @Body({ schema: CreateCardDistinctionSchema }) dto: CreateCardDistinction): Promise<MemberCard> {
    return this.cards.addDistinction(auth, dto);
  }

  @Delete('distinctions/:id')
  @ApiOkResponse({ standardSchema: MemberCardSchema })
  removeDistinction(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<MemberCard> {
    return this.cards.removeDistinction(auth, id);
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
