import type { OnlineOrder } from '@dangjian/shared';
import { demoPay } from '@/api/fees';
import { PayError, type PayOutcome } from './pay.types';

/** A browser has no WeChat Pay: only the server's labelled demo path (DEMO_MODE) pays here. */
export async function payOrder(order: OnlineOrder): Promise<PayOutcome> {
  if (!order.demo) throw new PayError('网页版不能使用微信支付，请在微信小程序中缴纳');
  return { outcome: 'paid', payment: await demoPay(order.payment.id) };
}
