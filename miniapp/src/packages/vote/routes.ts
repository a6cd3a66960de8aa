import Taro from '@tarojs/taro';
import type { KeptReceipt } from './ballot-form';

/** Addresses of the vote pages. */
export const VOTE_HOME = '/packages/vote/pages/index/index';
export const BALLOT_PAGE = '/packages/vote/pages/ballot/index';
export const ballotPageUrl = (token: string) => `${BALLOT_PAGE}?b=${encodeURIComponent(token)}`;
export const electionPageUrl = (id: string) => `/packages/vote/pages/election/index?id=${encodeURIComponent(id)}`;
export const motionPageUrl = (id: string) => `/packages/vote/pages/motion/index?id=${encodeURIComponent(id)}`;
export const createPageUrl = (kind: 'election' | 'motion', orgId: string) =>
  `/packages/vote/pages/create/index?kind=${kind}&orgId=${encodeURIComponent(orgId)}`;
export const receiptPageUrl = (boxId?: string, receipt?: string) =>
  `/packages/vote/pages/receipt/index${boxId ? `?box=${encodeURIComponent(boxId)}&r=${encodeURIComponent(receipt ?? '')}` : ''}`;
export const signInUrl = (redirect: string) => `/pages/sign-in/index?redirect=${encodeURIComponent(redirect)}`;

const RECEIPTS_KEY = 'dj.vote.receipts';

/** The member's receipts, newest first (kept on this phone only: the server never links them to the voter). */
export function keptReceipts(): KeptReceipt[] {
  try {
    const v = Taro.getStorageSync<unknown>(RECEIPTS_KEY);
    return Array.isArray(v) ? (v as KeptReceipt[]) : [];
  } catch {
    return [];
  }
}

export function keepReceipt(r: KeptReceipt): void {
  const list = [r, ...keptReceipts().filter((x) => x.boxId !== r.boxId || x.receipt !== r.receipt)].slice(0, 50);
  Taro.setStorageSync(RECEIPTS_KEY, list);
}
