import type { OnlineOrder } from '@dangjian/shared';
import type { PayOutcome } from './pay.types';

/**
 * Pays an order the server placed (POST /fees/online-orders).
 * weapp: `wx.requestPayment` with the server's signed parameters; H5 (no WeChat Pay in a browser) and
 * any demo order: the server's demo path (`POST /fees/online-orders/{id}/demo-pay`, no real money).
 * Rejects with a `PayError` or the API's error.
 */
export declare function payOrder(order: OnlineOrder): Promise<PayOutcome>;
