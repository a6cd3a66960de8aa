import type { HomeSummary, TodoCount, TodoList } from '@dangjian/shared';
import { request } from './client';

/* 待办 and 首页 (issue 14). */

export const listTodos = (source?: string) => request<TodoList>('/todos', { query: { source } });
/** The tab bar badge: never toasts (an older server without the centre shows none). */
export const getTodoCount = () => request<TodoCount>('/todos/count', { toast: false });
/** Everything 首页 shows; a failure leaves the module entries. */
export const getHome = () => request<HomeSummary>('/home', { toast: false });
