import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req, Res, type RawBodyRequest } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AcknowledgeLargePaymentSchema,
  CreateOnlineOrderSchema,
  FeePaymentListQuerySchema,
  FeePaymentPageSchema,
  FeePaymentSchema,
  LargePaymentListQuerySchema,
  OnlineOrderSchema,
  RecordPaymentSchema,
  UuidSchema,
  type AcknowledgeLargePaymentDto,
  type CreateOnlineOrderDto,
  type FeePayment,
  type FeePaymentListQuery,
  type FeePaymentPage,
  type LargePaymentListQuery,
  type OnlineOrder,
  type RecordPaymentDto,
} from '@dangjian/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthContext } from '../common/auth-context.js';
import { Auth, Public } from '../access/auth.decorators.js';
import { FeePaymentsService } from './fee-payments.service.js';

/** Payments: recorded by the fee worker, online through WeChat Pay (JSAPI), 大额党费 (F5). */
@ApiTags('fees')
@ApiBearerAuth()
@Controller('fees')
export class FeePaymentsController {
  constructor(private readonly payments: FeePaymentsService) {}

  /** Cash or transfer collected by the fee worker; `kind: bills` (F5: ≤6 months back) or `voluntary`. */
  @Post('payments')
  @ApiCreatedResponse({ standardSchema: FeePaymentSchema })
  record(@Auth() auth: AuthContext, @Body({ schema: RecordPaymentSchema }) dto: RecordPaymentDto): Promise<FeePayment> {
    return this.payments.record(auth, dto);
  }

  @Get('payments')
  @ApiOkResponse({ standardSchema: FeePaymentPageSchema })
  list(@Auth() auth: AuthContext, @Query({ schema: FeePaymentListQuerySchema }) q: FeePaymentListQuery): Promise<FeePaymentPage> {
    return this.payments.list(auth, q);
  }

  /** A payment (receipt): its member, its payer, fee readers of its organisation, the committee a 大额党费 went to. */
  @Get('payments/:id')
  @ApiOkResponse({ standardSchema: FeePaymentSchema })
  get(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<FeePayment> {
    return this.payments.get(auth, id);
  }

  /** The member (or an agreed 代缴 payer) orders; answers the signed wx.requestPayment arguments. */
  @Post('online-orders')
  @ApiCreatedResponse({ standardSchema: OnlineOrderSchema })
  order(@Auth() auth: AuthContext, @Body({ schema: CreateOnlineOrderSchema }) dto: CreateOnlineOrderDto): Promise<OnlineOrder> {
    return this.payments.createOnlineOrder(auth, dto);
  }

  /** DEMO_MODE only (labelled, no real money): confirms a pending order through the notification code path. */
  @Post('online-orders/:id/demo-pay')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: FeePaymentSchema })
  demoPay(@Auth() auth: AuthContext, @Param('id', { schema: UuidSchema }) id: string): Promise<FeePayment> {
    return this.payments.demoPay(auth, id);
  }

  /** WeChat Pay's notification (signed, encrypted); answered in WeChat Pay's format. */
  @Public()
  @Post('wechat-pay/notify')
  @ApiExcludeEndpoint()
  async notify(@Req() req: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply): Promise<void> {
    const raw = req.rawBody ? req.rawBody.toString('utf8') : typeof req.body === 'string' ? req.body : '';
    const { status, body } = await this.payments.handleNotification(req.headers, raw);
    await reply.status(status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
  }

  /** F5: 大额党费 forwarded to committees in the organisation's subtree. */
  @Get('large-payments')
  @ApiOkResponse({ standardSchema: FeePaymentPageSchema })
  large(@Auth() auth: AuthContext, @Query({ schema: LargePaymentListQuerySchema }) q: LargePaymentListQuery): Promise<FeePaymentPage> {
    return this.payments.largePayments(auth, q);
  }

  @Post('large-payments/:id/acknowledge')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: FeePaymentSchema })
  acknowledge(
    @Auth() auth: AuthContext,
    @Param('id', { schema: UuidSchema }) id: string,
    @Body({ schema: AcknowledgeLargePaymentSchema }) dto: AcknowledgeLargePaymentDto,
  ): Promise<FeePayment> {
    return this.payments.acknowledgeLarge(auth, id, dto);
  }
}
