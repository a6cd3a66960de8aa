import type { z } from 'zod';
import type {
  CreatePdcaPlanSchema,
  HoldPdcaTalkSchema,
  PdcaAssignment,
  PdcaCandidates,
  PdcaMyAssignmentList,
  PdcaPlanDetail,
  PdcaPlanList,
  PdcaResults,
  PdcaScoreInputSchema,
  PdcaTalk,
  SubmitPdcaEvidenceSchema,
  UpdatePdcaPlanSchema,
} from '@dangjian/shared';
import { request } from './client';
import { authedUrl } from './links';

/* PDCA evaluation (K6, issue 15): typed calls over /api/v1/pdca/*. Refusals carry plain Chinese; the pages show them in place. */

const enc = encodeURIComponent;

export const getPdcaCandidates = (orgId: string) => request<PdcaCandidates>('/pdca/candidates', { query: { orgId } });
export const listPdcaPlans = (orgId?: string) => request<PdcaPlanList>('/pdca/plans', { query: { orgId } });
export const getPdcaPlan = (id: string) => request<PdcaPlanDetail>(`/pdca/plans/${enc(id)}`);
export const createPdcaPlan = (body: z.input<typeof CreatePdcaPlanSchema>) => request<PdcaPlanDetail>('/pdca/plans', { method: 'POST', body, toast: false });
export const updatePdcaPlan = (id: string, body: z.input<typeof UpdatePdcaPlanSchema>) =>
  request<PdcaPlanDetail>(`/pdca/plans/${enc(id)}`, { method: 'PUT', body, toast: false });
export type PlanStep = 'publish' | 'start-scoring' | 'report' | 'close';
export const pdcaPlanStep = (id: string, step: PlanStep) =>
  request<PdcaPlanDetail>(`/pdca/plans/${enc(id)}/${step}`, { method: 'POST', body: {}, toast: false });
export const getPdcaResults = (id: string) => request<PdcaResults>(`/pdca/plans/${enc(id)}/results`);
/** The sheet and the PDF as links carrying the token (a browser tab, or the document viewer on the phone). */
export const pdcaResultsUrl = (id: string, format: 'xlsx' | 'pdf') => authedUrl(`/pdca/plans/${enc(id)}/results.${format}`, { fresh: true });

export const listMyPdcaTasks = (as: 'branch' | 'scorer') => request<PdcaMyAssignmentList>('/pdca/assignments', { query: { as } });
export const getPdcaTask = (id: string) => request<PdcaAssignment>(`/pdca/assignments/${enc(id)}`);
export const pdcaUploadPath = (id: string) => `/pdca/assignments/${enc(id)}/files`;
export const removePdcaFile = (id: string, fileId: string) =>
  request<void>(`/pdca/assignments/${enc(id)}/files/${enc(fileId)}`, { method: 'DELETE', toast: false });
export const submitPdcaTask = (id: string, body: z.input<typeof SubmitPdcaEvidenceSchema>) =>
  request<PdcaAssignment>(`/pdca/assignments/${enc(id)}/submit`, { method: 'POST', body, toast: false });
export const returnPdcaTask = (id: string, reason: string) =>
  request<PdcaAssignment>(`/pdca/assignments/${enc(id)}/return`, { method: 'POST', body: { reason }, toast: false });
export const pdcaTaskStep = (id: string, step: 'accept' | 'finalise') =>
  request<PdcaAssignment>(`/pdca/assignments/${enc(id)}/${step}`, { method: 'POST', body: {}, toast: false });
export const savePdcaScore = (id: string, body: z.input<typeof PdcaScoreInputSchema>) =>
  request<PdcaAssignment>(`/pdca/assignments/${enc(id)}/my-score`, { method: 'PUT', body, toast: false });

export const getPdcaTalk = (id: string) => request<PdcaTalk>(`/pdca/talks/${enc(id)}`);
export const holdPdcaTalk = (id: string, body: z.input<typeof HoldPdcaTalkSchema>) =>
  request<PdcaTalk>(`/pdca/talks/${enc(id)}/hold`, { method: 'POST', body, toast: false });
