import type { NotificationPage } from '@dangjian/shared';
import { request } from './client';

/* In-app notifications (issue 6): the people who must act next on a transfer hear of it here. */

export const listNotifications = (params: { page?: number; pageSize?: number; unread?: boolean } = {}) =>
  request<NotificationPage>('/notifications', { query: { ...params, unread: params.unread ? 'true' : undefined } });

/** The badge on 首页: never toasts (an older server without the inbox simply shows none). */
export const getUnreadCount = () => request<{ unread: number }>('/notifications/unread-count', { toast: false });

export const markRead = (body: { ids: string[] } | { all: true }) => request<{ unread: number }>('/notifications/read', { method: 'POST', body });
