import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
import { CardPhotoService, type PhotoStream } from './card-photo.service.js';
import { CardService } from './card.service.js';

/** 电子党员名片 (P1, P2): my card and its rotating QR, privacy, the public verify, 先锋岗/honours, the printable sheet. */
@ApiTags('card')
@ApiBearerAuth()
@Controller('card')
export class CardController {
  constructor(
    private readonly cards: CardService,
    private readonly distinctions: CardDistinctionsService,
    private readonly photos: CardPhotoService,
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

  /** The member's own photo (P1): multipart/form-data with one image (JPEG, PNG, WebP, ≤ 2 MB); replaces the last. */
  @Post('me/photo')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ description: '照片地址' })
  setPhoto(@Auth() auth: AuthContext, @Req() req: FastifyRequest): Promise<{ photoUrl: string }> {
    return this.photos.upload(auth, req);
  }

  @Delete('me/photo')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: '已删除照片' })
  removePhoto(@Auth() auth: AuthContext): Promise<void> {
    return this.photos.remove(auth);
  }

  /** The photo's bytes (bearer header, or `?access_token=` in an <img>). */
  @Get('me/photo')
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  async myPhoto(@Auth() auth: AuthContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    return photoFile(await this.photos.mine(auth), reply);
  }

  /** A member's photo for those who read members of the member's subtree (member.read). */
  @Get('members/:memberId/photo')
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  async memberPhoto(
    @Auth() auth: AuthContext,
    @Param('memberId', { schema: UuidSchema }) memberId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return photoFile(await this.photos.ofMember(auth, memberId), reply);
  }

  /** Public: the photo of the scanned card, only while its code verifies. */
  @Public()
  @Get('verify/photo')
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  async verifiedPhoto(@Query({ schema: CardVerifyQuerySchema }) q: CardVerifyQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    return photoFile(await this.photos.verified(q.t), reply);
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

/** A photo answered privately (never kept by shared caches: it is personal data, M4). */
function photoFile(p: PhotoStream, reply: FastifyReply): StreamableFile {
  void reply.header('cache-control', 'private, max-age=300');
  return new StreamableFile(p.stream, { type: p.contentType, length: p.sizeBytes });
}
