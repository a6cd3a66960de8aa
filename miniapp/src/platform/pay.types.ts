import type { FeePayment } from '@dangjian/shared';

/**
 * What paying an online order came to on the phone:
 * - `paid`: the server confirmed it (the demo path answers the paid payment at once);
 * - `submitted`: WeChat Pay took the money; the bill is paid when the server has WeChat's notification;
 * - `cancelled`: the person closed the payment sheet.
 */
export type PayOutcome = { outcome: 'paid'; payment: FeePayment } | { outcome: 'submitted' } | { outcome: 'cancelled' };

/** Paying is impossible here (Chinese message for the person). */
export class PayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayError';
  }
}
