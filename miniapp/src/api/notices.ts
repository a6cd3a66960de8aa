import type {
  Banner,
  CreateBannerInput,
  CreateNoticeInput,
  NoticeDetail,
  NoticePage,
  NoticeReceiptPage,
  NoticeRemindResult,
  ReceiptState,
  UpdateBannerInput,
} from '@dangjian/shared';
import { request } from './client';

/* 通知公告 (issue 14): the member's notices, reading and acknowledging; publishers' receipts and reminders. */

export const listNotices = (params: { page?: number; pageSize?: number; box?: 'mine' | 'published'; unread?: boolean }) =>
  request<NoticePage>('/notices', { query: { ...params, unread: params.unread ? 'true' : undefined } });

/** Reading marks the notice read (first time only). */
export const readNotice = (id: string) => request<NoticeDetail>(`/notices/${id}`);
export const acknowledgeNotice = (id: string) => request<NoticeDetail>(`/notices/${id}/ack`, { method: 'POST' });
export const withdrawNotice = (id: string) => request<NoticeDetail>(`/notices/${id}/withdraw`, { method: 'POST' });
export const publishNotice = (body: CreateNoticeInput) => request<NoticeDetail>('/notices', { method: 'POST', body, toast: false });

export const listReceipts = (id: string, params: { state: ReceiptState; after?: string; limit?: number }) =>
  request<NoticeReceiptPage>(`/notices/${id}/receipts`, { query: params });
export const remindNotice = (id: string) => request<NoticeRemindResult>(`/notices/${id}/remind`, { method: 'POST' });

export const receiptsXlsxPath = (id: string) => `/notices/${id}/receipts.xlsx`;
export const noticeUploadPath = (orgId: string) => `/notices/files?orgId=${encodeURIComponent(orgId)}`;

// ---- 首页 banners, set by a committee (or branch) for its subtree ----
export const listBanners = (orgId: string) => request<Banner[]>('/home/banners', { query: { orgId } });
export const createBanner = (body: CreateBannerInput) => request<Banner>('/home/banners', { method: 'POST', body, toast: false });
export const updateBanner = (id: string, body: UpdateBannerInput) => request<Banner>(`/home/banners/${id}`, { method: 'PUT', body, toast: false });
export const removeBanner = (id: string) => request<void>(`/home/banners/${id}`, { method: 'DELETE' });
