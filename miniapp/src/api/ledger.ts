import type {
  AppointOfficerSchema,
  CoverageSummary,
  CoverageTarget,
  CoverageTrend,
  CreateLedgerEntrySchema,
  CreateVisitSchema,
  LedgerDetail,
  LedgerEntry,
  LedgerQuerySchema,
  OfficerAppointment,
  OfficerCandidate,
  Page,
  SetCoverageTargetDto,
  UpdateLedgerEntryDto,
  Visit,
  VisitPlan,
} from '@dangjian/shared';
import type { z } from 'zod';
import { request } from './client';
import { authedUrl } from './links';
import type { QueryOf } from './query';

/* The committee's enterprise ledger, coverage, officers and visits (server/src/ledger; issues 15, 18). */

const enc = encodeURIComponent;

export const listLedger = (q: QueryOf<typeof LedgerQuerySchema>) => request<Page<LedgerEntry>>('/ledger/enterprises', { query: q });
export const getLedgerEntry = (id: string) => request<LedgerDetail>(`/ledger/enterprises/${enc(id)}`);
export const createLedgerEntry = (body: z.input<typeof CreateLedgerEntrySchema>) =>
  request<LedgerDetail>('/ledger/enterprises', { method: 'POST', body, toast: false });
export const updateLedgerEntry = (id: string, body: UpdateLedgerEntryDto) =>
  request<LedgerDetail>(`/ledger/enterprises/${enc(id)}`, { method: 'PATCH', body, toast: false });

export const ledgerTemplateUrl = () => authedUrl('/ledger/import-template', { fresh: true });
export const ledgerExportUrl = (committeeId: string) => authedUrl(`/ledger/export?committeeId=${enc(committeeId)}`, { fresh: true });
/** POST target of the import (multipart field `file`); 422 carries the row report, nothing changed. */
export const ledgerImportPath = (committeeId: string, dryRun: boolean) => `/ledger/import?committeeId=${enc(committeeId)}${dryRun ? '&dryRun=true' : ''}`;

export const getCoverage = (committeeId: string) => request<CoverageSummary>('/ledger/coverage', { query: { committeeId } });
export const getCoverageTrend = (committeeId: string) => request<CoverageTrend>('/ledger/coverage/trend', { query: { committeeId } });
export const setCoverageTarget = (committeeId: string, body: SetCoverageTargetDto) =>
  request<CoverageTarget>(`/ledger/coverage/target?committeeId=${enc(committeeId)}`, { method: 'PUT', body, toast: false });

export const searchOfficers = (committeeId: string, q: string) =>
  request<{ items: OfficerCandidate[] }>('/ledger/officer-candidates', { query: { committeeId, q }, toast: false });
export const appointOfficer = (enterpriseId: string, body: z.input<typeof AppointOfficerSchema>) =>
  request<OfficerAppointment>(`/ledger/enterprises/${enc(enterpriseId)}/officers`, { method: 'POST', body, toast: false });
export const endAppointment = (id: string, endsOn: string) =>
  request<OfficerAppointment>(`/ledger/officers/${enc(id)}/end`, { method: 'POST', body: { endsOn }, toast: false });

export const recordVisit = (enterpriseId: string, body: z.input<typeof CreateVisitSchema>) =>
  request<Visit>(`/ledger/enterprises/${enc(enterpriseId)}/visits`, { method: 'POST', body, toast: false });
export type MyVisitPlan = VisitPlan & { visits: Visit[]; appointments: OfficerAppointment[] };
/** The caller's plan, or (`userId`) an officer's for a committee worker. */
export const getVisitPlan = (year?: number, userId?: string) => request<MyVisitPlan>('/ledger/visit-plan', { query: { year, userId } });
