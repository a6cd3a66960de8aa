import type {
  AppointContactDto,
  Catalogue,
  CatalogueItem,
  CreateBookingDto,
  CreateRequestSchema,
  CreateTemporaryBranchSchema,
  SaveDepartmentSchema,
  EnterpriseContact,
  EnterpriseContactList,
  EnterpriseRequest,
  RequestAction,
  RequestContext,
  RequestList,
  RequestListQuerySchema,
  RequestStats,
  RequestStepDto,
  RoomBooking,
  RoomBookingList,
  SaveCatalogueItemSchema,
  SaveDepartmentDto,
  SaveRoomSchema,
  ServiceDepartment,
  ServiceDepartmentList,
  ServiceRoom,
  AccountList,
  TemporaryBranch,
  TemporaryBranchList,
} from '@dangjian/shared';
import type { z } from 'zod';
import { request } from './client';
import { authedUrl } from './links';
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
/** The committee's list as .xlsx (every state, withdrawn and rejected ones included). */
export const requestExportUrl = (committeeId: string) =>
  authedUrl(`/requests/export.xlsx?scope=committee&committeeId=${encodeURIComponent(committeeId)}`, { fresh: true });
export const listContacts = (committeeId: string) => request<EnterpriseContactList>('/requests/contacts', { query: { committeeId } });
export const appointContact = (body: AppointContactDto) => request<EnterpriseContact>('/requests/contacts', { method: 'POST', body, toast: false });
export const revokeContact = (id: string) =>
  request<EnterpriseContact>(`/requests/contacts/${encodeURIComponent(id)}/revoke`, { method: 'POST', body: {}, toast: false });
export const searchAccounts = (committeeId: string, q: string) => request<AccountList>('/requests/accounts', { query: { committeeId, q } });

/** Service catalogue and room bookings. */
export const getCatalogue = (committeeId: string) => request<Catalogue>('/services', { query: { committeeId } });
export const saveCatalogueItem = (id: string | null, body: z.input<typeof SaveCatalogueItemSchema>) =>
  id
    ? request<CatalogueItem>(`/services/items/${encodeURIComponent(id)}`, { method: 'PUT', body, toast: false })
    : request<CatalogueItem>('/services/items', { method: 'POST', body, toast: false });
export const saveRoom = (id: string | null, body: z.input<typeof SaveRoomSchema>) =>
  id
    ? request<ServiceRoom>(`/services/rooms/${encodeURIComponent(id)}`, { method: 'PUT', body, toast: false })
    : request<ServiceRoom>('/services/rooms', { method: 'POST', body, toast: false });
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
export const endSecondment = (id: string) =>
  request<TemporaryBranch>(`/temporary-branches/secondments/${encodeURIComponent(id)}/end`, { method: 'POST', body: {}, toast: false });
