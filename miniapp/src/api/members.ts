import type { Member, MemberListQuerySchema, MemberPage } from '@dangjian/shared';
import type { QueryOf } from './query';
import { request } from './client';

/** The server's query (issue 19: from shared), with `subtree` as a boolean here and a string on the wire. */
export type MemberListParams = Omit<QueryOf<typeof MemberListQuerySchema>, 'subtree'> & { subtree?: boolean };

export const listMembers = ({ subtree = true, ...params }: MemberListParams) =>
  request<MemberPage>('/members', { query: { ...params, subtree: subtree ? 'true' : 'false' } });

export const getMyMember = () => request<Member>('/members/me');

/** `unmask` reads the national ID and phone in full; the server checks the permission and audits the read. */
export const getMember = (id: string, opts: { unmask?: boolean } = {}) =>
  request<Member>(`/members/${encodeURIComponent(id)}`, {
    query: { unmask: opts.unmask ? 'true' : undefined },
    toast: !opts.unmask,
  });
