import type {
  ArrearsPage,
  CollectionReport,
  CreateOnlineOrderDto,
  FeeBillPage,
  FeeBillStatus,
  FeePayment,
  FeePaymentPage,
  FeeStandard,
  FeeStandardPage,
  GenerateBillsResult,
  MemberFeeStandards,
  SetFeeStandardDto,
  MyFees,
  OnlineOrder,
  RecordPaymentDto,
  YearlyFeeReport,
} from '@dangjian/shared';
import { request } from './client';
import { authedUrl } from './links';

/*
 * 党费 (issue 5): typed calls over /api/v1/fees/*. Money is integer fen on the wire; pages show it
 * with shared's formatYuan only.
 */

const enc = encodeURIComponent;
type PageParams = { page?: number; pageSize?: number };

// ---- the member ----

/** This month's fee with how it was computed, unpaid bills, "paid until", how online payment works here. */
export const getMyFees = () => request<MyFees>('/fees/me');

export const listMemberBills = (memberId: string, params: PageParams & { year?: number; status?: FeeBillStatus } = {}) =>
  request<FeeBillPage>(`/fees/members/${enc(memberId)}/bills`, { query: params });

/** Payments and their receipts (also those the member paid for others, 代缴). */
export const listMemberPayments = (memberId: string, params: PageParams = {}) =>
  request<FeePaymentPage>(`/fees/members/${enc(memberId)}/payments`, { query: params });

export const getPayment = (id: string, opts: { toast?: boolean } = {}) => request<FeePayment>(`/fees/payments/${enc(id)}`, opts);

/** The pay page shows failures in place. */
export const createOnlineOrder = (body: CreateOnlineOrderDto) => request<OnlineOrder>('/fees/online-orders', { method: 'POST', body, toast: false });

/** DEMO_MODE only: confirms a pending order (no real money moves). */
export const demoPay = (paymentId: string) => request<FeePayment>(`/fees/online-orders/${enc(paymentId)}/demo-pay`, { method: 'POST', toast: false });

// ---- the fee worker ----

export type BillListParams = PageParams & { orgId: string; month?: string; status?: FeeBillStatus };
export const listBills = (params: BillListParams) => request<FeeBillPage>('/fees/bills', { query: params });

/** Cash or transfer collected by the fee worker; the form shows failures in place. */
export const recordPayment = (body: RecordPaymentDto) => request<FeePayment>('/fees/payments', { method: 'POST', body, toast: false });

export const listArrears = (params: PageParams & { orgId: string; minMonths?: number }) => request<ArrearsPage>('/fees/arrears', { query: params });

export const getCollectionReport = (orgId: string, month: string) => request<CollectionReport>('/fees/reports/collection', { query: { orgId, month } });

export const getYearlyReport = (orgId: string, year: number) => request<YearlyFeeReport>('/fees/reports/yearly', { query: { orgId, year } });

// ---- standards (F1–F4) and bill generation ----

/** The members of the subtree with their standard for the year (null when none is recorded yet). */
export const listStandards = (params: PageParams & { orgId: string; year: number; missing?: boolean }) =>
  request<FeeStandardPage>('/fees/standards', { query: params });

export const getMemberStandards = (memberId: string, year?: number) => request<MemberFeeStandards>(`/fees/standards/${enc(memberId)}`, { query: { year } });

/** The form shows failures in place. */
export const setStandard = (memberId: string, body: SetFeeStandardDto) =>
  request<FeeStandard>(`/fees/standards/${enc(memberId)}`, { method: 'PUT', body, toast: false });

/** Idempotent: a second run for the same month creates nothing. */
export const generateBills = (orgId: string, month: string) =>
  request<GenerateBillsResult>('/fees/bills/generate', { method: 'POST', body: { orgId, month }, toast: false });

/** POST target of the .xlsx import (multipart field `file`); 422 carries the row report. */
export const standardsImportPath = (orgId: string, year: number, dryRun = false) =>
  `/fees/standards/import?orgId=${enc(orgId)}&year=${year}${dryRun ? '&dryRun=true' : ''}`;

// ---- .xlsx exports (links carrying the token, opened outside the app) ----

const q = (params: Record<string, string | number | undefined>) =>
  Object.entries(params)
    .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${enc(k)}=${enc(String(v))}`)
    .join('&');

export const billsExportUrl = (orgId: string, month: string, status?: FeeBillStatus) =>
  authedUrl(`/fees/bills/export?${q({ orgId, month, status })}`, { fresh: true });
export const arrearsExportUrl = (orgId: string, minMonths = 1) => authedUrl(`/fees/arrears/export?${q({ orgId, minMonths })}`, { fresh: true });
export const collectionExportUrl = (orgId: string, month: string) => authedUrl(`/fees/reports/collection/export?${q({ orgId, month })}`, { fresh: true });
export const standardsTemplateUrl = (orgId: string, year: number) => authedUrl(`/fees/standards/import-template?${q({ orgId, year })}`, { fresh: true });
export const yearlyExportUrl = (orgId: string, year: number) => authedUrl(`/fees/reports/yearly/export?${q({ orgId, year })}`, { fresh: true });
