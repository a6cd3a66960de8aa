import type { ChildCount, Organisation, OrganisationDetail } from '@dangjian/shared';
import { request } from './client';

const enc = encodeURIComponent;

export const getOrganisation = (id: string) => request<OrganisationDetail>(`/organisations/${enc(id)}`);

export const listChildOrganisations = (id: string) => request<Organisation[]>(`/organisations/${enc(id)}/children`);

export const getChildCounts = (id: string) => request<ChildCount[]>(`/organisations/${enc(id)}/child-counts`);
