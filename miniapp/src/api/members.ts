import type { CreateMemberDto, Member, MemberListQuerySchema, MemberPage, UpdateMemberDto } from '@dangjian/shared';
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

/** Secretaries add a member to their branch (the form validates with CreateMemberSchema first). */
export const createMember = (body: CreateMemberDto) => request<Member>('/members', { method: 'POST', body, toast: false });

/** Profile fields only (UpdateMemberSchema): status, flags and group have their own steps. */
export const updateMember = (id: string, body: UpdateMemberDto) =>
  request<Member>(`/members/${encodeURIComponent(id)}`, { method: 'PATCH', body, toast: false });
