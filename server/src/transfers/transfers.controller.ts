import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  CreateTransferSchema,
  LetterVerifyQuerySchema,
  LetterVerifyResultSchema,
  MobileHostQuerySchema,
  PageQuerySchema,
  TransferDestinationPageSchema,
  TransferDestinationQuerySchema,
  TransferFeesQuerySchema,
  TransferFeesSchema,
  TransferListPageSchema,
  TransferQueuePageSchema,
  TransferQueueQuerySchema,
  TransferScanResultSchema,
  TransferScanSchema,
  TransferSchema,
  TransferStepSchema,
  UuidSchema,
  type CreateTransferDto,
  type LetterVerifyQuery,
  type LetterVerifyResult,
  type MobileHostQuery,
  type PageQuery,
  type Transfer,
  type TransferDestinationPage,
  type TransferDestinationQuery,
  type TransferFees,
  type TransferListPage,
  type TransferQueuePage,
  type TransferQueueQuery,
  type TransferScanDto,
  type TransferScanResult,
  type TransferStepDto,
} from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import { AccessService } from '../access/access.service.js';
import { Auth, Public } from '../access/auth.decorators.js';
import { forbidden } from '../common/domain-error.js';
import { TransferLettersService } from './transfer-letters.service.js';
import { TransferScanService } from './transfer-scan.service.js';
import { TransfersService } from './transfers.service.js';

/** Relationship transfers (T1–T8): start, steps, queues, letters and their verification, the overdue scan. */
@ApiTags('transfers')
@ApiBearerAuth()
@Controller('transfers')
export class TransfersController {
  constructor(
    private readonly transfers: TransfersService,
    private readonly letters: TransferLettersService,
    private readonly scans: TransferScanService,
    private readonly access: AccessService,
  ) {}

  /** Starts a transfer: the member applies, the sending branch initiates, or the receiving committee registers an inbound one. */
  @Post()
  @ApiOkResponse({ standardSchema: TransferSchema })
  create(@Auth() auth: AuthContext, @Body({ schema: CreateTransferSchema }) dto: CreateTransferDto): Promise<Transfer> {
    return this.transfers.create(auth, dto);
  }

  /** Organisations a member may name as destination (branches and 基层党委 on the platform). */
  @Get('destinations')
  @ApiOkResponse({ standardSchema: TransferDestinationPageSchema })
  destinations(@Auth() auth: AuthContext, @Query({ schema: TransferDestinationQuerySchema }) q: TransferDestinationQuery): Promise<TransferDestinationPage> {
    return this.transfers.destinations(auth, q);
  }

  /** T3 before applying: paid-until, what is owed through this month, and the page to pay it. */
  @Get('fees-check')
  @ApiOkResponse({ standardSchema: TransferFeesSchema })
  feesCheck(@Auth() auth: AuthContext, @Query({ schema: TransferFeesQuerySchema }) q: { memberId?: string }): Promise<TransferFees> {
    return this.transfers.feesCheck(auth, q.memberId);
  }

  /** The signed-in member's transfers (and those the caller applied for), newest first. */
  @Get('mine')
  @ApiOkResponse({ standardSchema: TransferListPageSchema })
  mine(@Auth() auth: AuthContext, @Query({ schema: PageQuerySchema }) q: PageQuery): Promise<TransferListPage> {
    return this.transfers.mine(auth, q);
  }

  /** 待办 / 待对方办理 / 逾期 over the caller's subtrees (or one organisation's), with the three counts. */
  @Get('queue')
  @ApiOkResponse({ standardSchema: TransferQueuePageSchema })
  queue(@Auth() auth: AuthContext, @Query({ schema: TransferQueueQuerySchema }) q: TransferQueueQuery): Promise<TransferQueuePage> {
    return this.transfers.queue(auth, q);
  }

  /** M2: 流动党员 registered at hosts in an organisation's subtree. */
  @Get('mobile')
  @ApiOkResponse({ standardSchema: TransferListPageSchema })
  mobile(@Auth() auth: AuthContext, @Query({ schema: MobileHostQuerySchema }) q: MobileHostQuery): Promise<TransferListPage> {
    return this.transfers.mobileHosted(auth, q);
  }

  /** Public: what the QR code on a letter opens — genuine, still valid, used or revoked (T4). */
  @Public()
  @Get('letters/verify')
  @ApiOkResponse({ standardSchema: LetterVerifyResultSchema })
  verify(@Query({ schema: LetterVerifyQuerySchema }) q: LetterVerifyQuery): Promise<LetterVerifyResult> {
    return this.letters.verify(q);
  }

  /** T6/T8 now, in one subtree or all of the caller's (transfer.manage); idempotent. */
  @Post('scan')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: TransferScanResultSchema })
  async scan(@Auth() auth: AuthContext, @Body({ schema: TransferScanSchema }) dto: TransferScanDto): Promise<TransferScanResult> {
    const roots = dto.orgId ? [await this.access.requireOrg(auth, 'transfer.manage', dto.orgId)] : this.access.scopes(auth, 'transfer.manage');
    if (roots.length === 0) throw forbidden();
    return this.scans.scan(roots);
  }

  @Get(':id')
  @ApiOkResponse({ standardSchema: TransferSchema })
  get(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<Transfer> {
    return this.transfers.get(auth, id);
  }

  /** One step of the workflow (the transition table decides; T2, T3, T5, T7). */
  @Post(':id/steps')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: TransferSchema })
  step(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: TransferStepSchema }) dto: TransferStepDto,
  ): Promise<Transfer> {
    return this.transfers.step(auth, id, dto);
  }

  /** The letter as a PDF: stub, letter with its QR code, receipt (T4). */
  @Get(':id/letter.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: '组织关系介绍信 (PDF)：存根、介绍信、回执' })
  async letter(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<StreamableFile> {
    const t = await this.transfers.visible(auth, id);
    const { file, filename } = await this.letters.pdf(auth, t);
    return new StreamableFile(file, { type: 'application/pdf', disposition: `inline; filename="${filename}"`, length: file.length });
  }
}
