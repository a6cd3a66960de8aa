import type {
  Catalogue,
  CreateBookingDto,
  CreateRequestSchema,
  CreateTemporaryBranchSchema,
  SaveDepartmentSchema,
  EnterpriseRequest,
  RequestAction,
  RequestContext,
  RequestList,
  RequestListQuerySchema,
  RequestStats,
  RequestStepDto,
  RoomBooking,
  RoomBookingList,
  SaveDepartmentDto,
  ServiceDepartment,
  ServiceDepartmentList,
  AccountList,
  TemporaryBranch,
  TemporaryBranchList,
} from '@dangjian/shared';
import type { z } from 'zod';
import { request } from './client';
import type { QueryOf } from './query';

/** 诉求 (issue 18): server/src/requests. */
export const requestContext = () => request<RequestContext>('/requests/context');
export const fileRequest = (body: z.input<typeof CreateRequestSchema>) => request<EnterpriseRequest>('/requests', { method: 'POST', body, toast: false });
export const listRequests = (query: QueryOf<typeof RequestListQuerySchema>) => request<RequestList>('/requests', { query: { ...query } });
export const getRequest = (id: string) => request<EnterpriseRequest>(`/requests/${encodeURIComponent(id)}`);
export const stepRequest = (id: string, action: RequestAction, body: Partial<RequestStepDto>) =>
  request<EnterpriseRequest>(`/requests/${encodeURIComponent(id)}/${action}`, { method: 'POST', body, toast: false });
export const requestStats = (committeeId: string) => request<RequestStats>('/requests/stats', { query: { committeeId } });
export const listDepartments = (committeeId: string) => request<ServiceDepartmentList>('/requests/departments', { query: { committeeId } });
export const createDepartment = (body: z.input<typeof SaveDepartmentSchema>) =>
  request<ServiceDepartment>('/requests/departments', { method: 'POST', body, toast: false });
export const updateDepartment = (id: string, body: SaveDepartmentDto) =>
  request<ServiceDepartment>(`/requests/departments/${encodeURIComponent(id)}`, { method: 'PUT', body, toast: false });
export const searchAccounts = (committeeId: string, q: string) => request<AccountList>('/requests/accounts', { query: { committeeId, q } });

/** Service catalogue and room bookings. */
export const getCatalogue = (committeeId: string) => request<Catalogue>('/services', { query: { committeeId } });
export const listBookings = (roomId: string, day: string) => request<RoomBookingList>('/services/bookings', { query: { roomId, day } });
export const bookRoom = (body: CreateBookingDto) => request<RoomBooking>('/services/bookings', { method: 'POST', body, toast: false });
export const cancelBooking = (id: string) =>
  request<RoomBooking>(`/services/bookings/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: {}, toast: false });

/** 临时党支部 (S4). */
export const listTemporaryBranches = (orgId: string) => request<TemporaryBranchList>('/temporary-branches', { query: { orgId } });
export const createTemporaryBranch = (body: z.input<typeof CreateTemporaryBranchSchema>) =>
  request<TemporaryBranch>('/temporary-branches', { method: 'POST', body, toast: false });
export const secondMembers = (orgId: string, memberIds: string[]) =>
  request<TemporaryBranch>(`/temporary-branches/${encodeURIComponent(orgId)}/secondments`, { method: 'POST', body: { memberIds }, toast: false });
