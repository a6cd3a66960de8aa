import type { FeeBill, FeePayment, MyFees } from '@dangjian/shared';
import { sumFen } from '@dangjian/shared';
import { createOnlineOrder, getPayment } from '@/api/fees';
import { payOrder } from '@/platform/pay';

/** Unpaid bills the member may pay online now (F5: this month and up to 6 months back), oldest first. */
export function payableBills(unpaid: readonly FeeBill[]): FeeBill[] {
  return unpaid.filter((b) => b.status === 'unpaid' && b.payable === 'ok' && b.amountDueFen > 0).sort((a, b) => a.month.localeCompare(b.month));
}

/** What the pay button offers: the bills and their total in fen (integer sum, never floating point). */
export function payPlan(my: Pick<MyFees, 'unpaid' | 'onlinePay'>): { bills: FeeBill[]; totalFen: number; canPay: boolean } {
  const bills = payableBills(my.unpaid);
  const totalFen = sumFen(bills.map((b) => b.amountDueFen));
  return { bills, totalFen, canPay: my.onlinePay !== 'unavailable' && bills.length > 0 && totalFen > 0 };
}

export type PayResult = { status: 'paid'; payment: FeePayment } | { status: 'pending'; paymentId: string } | { status: 'cancelled' };

export type PayDeps = {
  createOnlineOrder: typeof createOnlineOrder;
  payOrder: typeof payOrder;
  getPayment: typeof getPayment;
  sleep: (ms: number) => Promise<void>;
};

const defaultDeps: PayDeps = { createOnlineOrder, payOrder, getPayment, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/**
 * Pays bills online: the server places the order (the amount is fixed there), the platform pays it
 * (wx.requestPayment, or the labelled demo path), then the bills count as paid only once the server
 * says so — after WeChat Pay's verified notification, which may take a moment: poll the payment.
 */
export async function payBills(
  input: { billIds: string[]; memberId?: string },
  deps: PayDeps = defaultDeps,
  poll: { attempts: number; intervalMs: number } = { attempts: 10, intervalMs: 1500 },
): Promise<PayResult> {
  const order = await deps.createOnlineOrder({ kind: 'bills', billIds: input.billIds, ...(input.memberId ? { memberId: input.memberId } : {}) });
  const outcome = await deps.payOrder(order);
  if (outcome.outcome === 'cancelled') return { status: 'cancelled' };
  if (outcome.outcome === 'paid') return { status: 'paid', payment: outcome.payment };
  const id = order.payment.id;
  for (let i = 0; i < poll.attempts; i++) {
    await deps.sleep(poll.intervalMs);
    const payment = await deps.getPayment(id, { toast: false }).catch(() => null);
    if (payment?.status === 'paid') return { status: 'paid', payment };
  }
  return { status: 'pending', paymentId: id };
}
