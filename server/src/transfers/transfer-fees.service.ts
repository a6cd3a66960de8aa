import { Injectable } from '@nestjs/common';
import { chinaMonth, FEES_PAY_PAGE, monthsOwedForTransfer, type TransferFees } from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { FeeBillsService } from '../fees/fee-bills.service.js';

/** T3: what the member still owes before a transfer-out, from the fees module. */
@Injectable()
export class TransferFeesService {
  constructor(
    private readonly fees: FeeBillsService,
    private readonly clock: Clock,
  ) {}

  /** Paid-until from the fees module, what is owed through this month, and where to pay. */
  async of(memberId: string, em?: EntityManager): Promise<TransferFees> {
    const { paidUntil: p, settledMonths } = await this.fees.feeStateFor(memberId, em);
    const month = chinaMonth(this.clock.now());
    const owedMonths = monthsOwedForTransfer(p.paidUntil, month, p.unsettled[0]?.month, settledMonths);
    const owed = new Set(owedMonths);
    return {
      paidUntil: p.paidUntil,
      text: p.text,
      transferMonth: month,
      paidThroughTransferMonth: owedMonths.length === 0,
      owedMonths,
      owedFen: p.unsettled.filter((b) => owed.has(b.month)).reduce((s, b) => s + b.amountDueFen, 0),
      payPage: FEES_PAY_PAGE,
    };
  }
}
