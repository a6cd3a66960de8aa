import type { ChildCount, Organisation, OrganisationDetail, Page } from '@dangjian/shared';
import { request } from './client';
import { authedUrl } from './links';

const enc = encodeURIComponent;

/** `toast: false` where a refusal is expected and handled (a plain member reading their own branch). */
export const getOrganisation = (id: string, opts: { toast?: boolean } = {}) => request<OrganisationDetail>(`/organisations/${enc(id)}`, opts);

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

// ---- Organisation tree as .xlsx (issue 11): template, all-or-nothing import, export ----

/** Link (carrying a fresh token) to the import template. */
export const orgImportTemplateUrl = () => authedUrl('/organisations/import-template', { fresh: true });
/** Link to the export of the tree under `orgId` (default: every subtree the caller may read). */
export const orgExportUrl = (orgId?: string) => authedUrl(`/organisations/export${orgId ? `?orgId=${encodeURIComponent(orgId)}` : ''}`, { fresh: true });
/** POST target of the import (multipart field `file`); 422 carries the row report, nothing changed. */
export const orgImportPath = (dryRun = false) => `/organisations/import${dryRun ? '?dryRun=true' : ''}`;
/** The organisations of a subtree in path order, at most 200 (the tree view; `total` says when there are more). */
export const listSubtree = (id: string) => request<Page<Organisation>>(`/organisations/${enc(id)}/subtree`, { query: { pageSize: 200 }, toast: false });
