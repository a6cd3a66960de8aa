import type {
  CreateTransferDto,
  LetterVerifyResult,
  Transfer,
  TransferDestinationPage,
  TransferFees,
  TransferListPage,
  TransferQueue,
  TransferQueuePage,
  TransferStepDto,
} from '@dangjian/shared';
import { request } from './client';
import { authedUrl } from './links';

/*
 * 组织关系转接 (issue 6): typed calls over /api/v1/transfers/*. The workflow lives in shared's
 * transition tables; the server answers each transfer with the caller's `availableActions`, which the
 * pages turn into buttons.
 */

const enc = encodeURIComponent;
type PageParams = { page?: number; pageSize?: number };

/** The forms show failures in place. */
export const createTransfer = (body: CreateTransferDto) => request<Transfer>('/transfers', { method: 'POST', body, toast: false });

/** T3: what the member owes through the month of transfer-out (default: the caller). */
export const getTransferFees = (memberId?: string) => request<TransferFees>('/transfers/fees-check', { query: { memberId }, toast: false });

export const listMyTransfers = (params: PageParams = {}) => request<TransferListPage>('/transfers/mine', { query: params });

export const listTransferQueue = (params: PageParams & { queue: TransferQueue; orgId?: string }) =>
  request<TransferQueuePage>('/transfers/queue', { query: params });

/** 流动党员 hosted by the organisation's subtree (M2). */
export const listMobileMembers = (orgId: string, params: PageParams = {}) => request<TransferListPage>('/transfers/mobile', { query: { orgId, ...params } });

export const getTransfer = (id: string) => request<Transfer>(`/transfers/${enc(id)}`);

/** Every step of the workflow (agree, approve, accept, refuse …); the dialogs show refusals in place. */
export const takeTransferStep = (id: string, body: TransferStepDto) => request<Transfer>(`/transfers/${enc(id)}/steps`, { method: 'POST', body, toast: false });

/** Platform organisations a transfer may go to (branches and committees), by part of the name. */
export const searchDestinations = (q: string, params: PageParams = {}) =>
  request<TransferDestinationPage>('/transfers/destinations', { query: { q, ...params }, toast: false });

/** Public: is a letter genuine and still valid (what its QR code says). */
export const verifyLetter = (id: string, sig: string) =>
  request<LetterVerifyResult>('/transfers/letters/verify', { query: { id, sig }, auth: false, toast: false });

/** The letter PDF (stub, letter, receipt) as a link carrying the token, for a browser tab or downloadFile. */
export const letterPdfUrl = (pdfPath: string) => authedUrl(pdfPath.replace(/^\/api\/v1/, ''), { fresh: true });
