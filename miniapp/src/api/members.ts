import type { Member, MemberFlag, MemberPage, MemberStatus } from '@dangjian/shared';
import { request } from './client';

export type MemberListParams = {
  orgId: string;
  /** Part of a name, or an exact mobile number or national ID. */
  q?: string;
  status?: MemberStatus;
  flag?: MemberFlag;
  page?: number;
  pageSize?: number;
  subtree?: boolean;
};

export const listMembers = ({ subtree = true, ...params }: MemberListParams) =>
  request<MemberPage>('/members', { query: { ...params, subtree: subtree ? 'true' : 'false' } });

export const getMyMember = () => request<Member>('/members/me');

/** `unmask` reads the national ID and phone in full; the server checks the permission and audits the read. */
export const getMember = (id: string, opts: { unmask?: boolean } = {}) =>
  request<Member>(`/members/${encodeURIComponent(id)}`, {
    query: { unmask: opts.unmask ? 'true' : undefined },
    toast: !opts.unmask,
  });
