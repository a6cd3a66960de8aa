import type { ChildCount, Organisation, OrganisationDetail } from '@dangjian/shared';
import { request } from './client';

const enc = encodeURIComponent;

/** `toast: false` where a refusal is expected and handled (a plain member reading their own branch). */
export const getOrganisation = (id: string, opts: { toast?: boolean } = {}) =>
  request<OrganisationDetail>(`/organisations/${enc(id)}`, opts);

/** The roots of the caller's scope (and their own organisation): where the tree starts. */
export const listScopeRoots = () => request<Organisation[]>('/organisations');

export const listChildOrganisations = (id: string) => request<Organisation[]>(`/organisations/${enc(id)}/children`);

export const getChildCounts = (id: string) => request<ChildCount[]>(`/organisations/${enc(id)}/child-counts`);
