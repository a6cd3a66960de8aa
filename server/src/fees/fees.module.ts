import { Module } from '@nestjs/common';
import { FeeBillingJob } from './fee-billing.job.js';
import { FeeBillsService } from './fee-bills.service.js';
import { FeeDecisionsService } from './fee-decisions.service.js';
import { FeeOversightController } from './fee-oversight.controller.js';
import { FeePaymentsController } from './fee-payments.controller.js';
import { FeePaymentsRepository } from './fee-payments.repository.js';
import { FeePaymentsService } from './fee-payments.service.js';
import { FeePolicyProvider } from './fee-policy.js';
import { FeeReportsService } from './fee-reports.service.js';
import { FeeSheetsService } from './fee-sheets.service.js';
import { FeeStandardsService } from './fee-standards.service.js';
import { FeesController } from './fees.controller.js';
import { FeesRepository } from './fees.repository.js';
import { WechatPayGateway } from './wechat-pay/wechat-pay.gateway.js';
import { FeeReliefTodos } from './fee-reliefs.todos.js';

/**
 * Party fees (F1–F7). Exports FeeBillsService for the transfer module: `paidUntilFor(memberId, em?)`
 * is "党费已交到 YYYY年MM月" (T3).
 */
@Module({
  controllers: [FeesController, FeePaymentsController, FeeOversightController],
  providers: [
    FeeReliefTodos,
    FeesRepository,
    FeePaymentsRepository,
    FeePolicyProvider,
    WechatPayGateway,
    FeeStandardsService,
    FeeBillsService,
    FeePaymentsService,
    FeeDecisionsService,
    FeeReportsService,
    FeeSheetsService,
    FeeBillingJob,
  ],
  exports: [FeeBillsService],
})
export class FeesModule {}
