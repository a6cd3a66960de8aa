import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CloseReviewCaseSchema,
  ReviewCaseListQuerySchema,
  ReviewCasePageSchema,
  ReviewCaseSchema,
  ReviewScanResultSchema,
  ReviewScanSchema,
  UuidSchema,
  type CloseReviewCaseDto,
  type ReviewCase,
  type ReviewCaseListQuery,
  type ReviewCasePage,
  type ReviewScanDto,
  type ReviewScanResult,
} from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import { Auth } from '../access/auth.decorators.js';
import { ReviewCasesService } from './review-cases.service.js';

@ApiTags('review-cases')
@ApiBearerAuth()
@Controller('review-cases')
export class ReviewCasesController {
  constructor(private readonly cases: ReviewCasesService) {}

  /** Cases in the caller's subtrees (member.read), newest first. */
  @Get()
  @ApiOkResponse({ standardSchema: ReviewCasePageSchema })
  list(@Auth() auth: AuthContext, @Query({ schema: ReviewCaseListQuerySchema }) q: ReviewCaseListQuery): Promise<ReviewCasePage> {
    return this.cases.list(auth, q);
  }

  /** Runs the C5 scan now in one subtree or all of the caller's (member.manage); idempotent. */
  @Post('scan')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: ReviewScanResultSchema })
  scan(@Auth() auth: AuthContext, @Body({ schema: ReviewScanSchema }) dto: ReviewScanDto): Promise<ReviewScanResult> {
    return this.cases.scan(auth, dto);
  }

  /** Closes a case with the outcome (member.manage). */
  @Post(':id/close')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: ReviewCaseSchema })
  close(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: CloseReviewCaseSchema }) dto: CloseReviewCaseDto,
  ): Promise<ReviewCase> {
    return this.cases.close(auth, id, dto);
  }
}
