import type { ChildCount, Organisation, OrganisationDetail } from '@dangjian/shared';
import { request } from './client';

const enc = encodeURIComponent;

/** `toast: false` where a refusal is expected and handled (a plain member reading their own branch). */
export const getOrganisation = (id: string, opts: { toast?: boolean } = {}) =>
  request<OrganisationDetail>(`/organisations/${enc(id)}`, opts);

export const listChildOrganisations = (id: string) => request<Organisation[]>(`/organisations/${enc(id)}/children`);

export const getChildCounts = (id: string) => request<ChildCount[]>(`/organisations/${enc(id)}/child-counts`);
