import Taro from '@tarojs/taro';
import type { OnlineOrder } from '@dangjian/shared';
import { demoPay } from '@/api/fees';
import { PayError, type PayOutcome } from './pay.types';

const errMsgOf = (e: unknown) => (typeof e === 'object' && e !== null && 'errMsg' in e && typeof e.errMsg === 'string' ? e.errMsg : '');

export async function payOrder(order: OnlineOrder): Promise<PayOutcome> {
  // Demo mode: no merchant account behind the order; the server confirms it through its demo path.
  if (order.demo) return { outcome: 'paid', payment: await demoPay(order.payment.id) };
  const p = order.requestPayment;
  try {
    await Taro.requestPayment({ timeStamp: p.timeStamp, nonceStr: p.nonceStr, package: p.package, signType: p.signType, paySign: p.paySign });
    return { outcome: 'submitted' };
  } catch (e) {
    const msg = errMsgOf(e);
    if (/cancel/i.test(msg)) return { outcome: 'cancelled' };
    throw new PayError(`微信支付未完成${msg ? `（${msg.replace(/^requestPayment:fail\s*/, '')}）` : ''}`);
  }
}
