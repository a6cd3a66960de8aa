import type { ChildCount, Organisation, OrganisationDetail, Page } from '@dangjian/shared';
import { request } from './client';

const enc = encodeURIComponent;

/** `toast: false` where a refusal is expected and handled (a plain member reading their own branch). */
export const getOrganisation = (id: string, opts: { toast?: boolean } = {}) =>
  request<OrganisationDetail>(`/organisations/${enc(id)}`, opts);

/** The roots of the caller's scope (and their own organisation): where the tree starts. */
export const listScopeRoots = () => request<Organisation[]>('/organisations');

export const listChildOrganisations = (id: string) => request<Organisation[]>(`/organisations/${enc(id)}/children`);

/**
 * The 党支部 anywhere in an organisation's subtree, by part of the name (first 50): a 基层党委's
 * branches include those under its 党总支, which its direct children alone would miss.
 */
export const listSubtreeBranches = async (id: string, q = '') =>
  (await request<Page<Organisation>>(`/organisations/${enc(id)}/subtree`, { query: { kind: 'branch', q, pageSize: 50 } })).items;

export const getChildCounts = (id: string) => request<ChildCount[]>(`/organisations/${enc(id)}/child-counts`);

/** The organisations of a subtree in path order, at most 200 (the tree view; `total` says when there are more). */
export const listSubtree = (id: string) => request<Page<Organisation>>(`/organisations/${enc(id)}/subtree`, { query: { pageSize: 200 }, toast: false });
