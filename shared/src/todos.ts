import { z } from 'zod';

/*
 * The to-do centre (待办, issue 14): one list of what waits for me across every module. Each module
 * contributes through a provider (server/src/todos/todo-provider.ts); the centre never knows a module's
 * tables. The item shape is the agreed seam (/work/wt/seams/todo-provider.md).
 */
export const TodoItemSchema = z
  .object({
    /** Provider id, e.g. 'transfers', 'notices'. */
    source: z.string(),
    /** Stable within its source. */
    id: z.string(),
    /** Plain Chinese: '审批 张三 的组织关系转出'. */
    title: z.string(),
    /** Second line: organisation, who asked … */
    detail: z.string().nullable(),
    orgId: z.uuid().nullable(),
    dueAt: z.iso.datetime({ offset: true }).nullable(),
    overdue: z.boolean(),
    /** Mini-program route with query: where the thing is done. */
    page: z.string(),
  })
  .meta({ id: 'TodoItem' });
export type TodoItem = z.infer<typeof TodoItemSchema>;

export const TODO_SOURCE_LABEL: Record<string, string> = {
  leave: '请假审批',
  transfers: '组织关系转接',
  'fee-reliefs': '党费减免',
  'review-cases': '待处理提醒',
  minutes: '会议记录',
  'meeting-plans': '年度计划',
  scrutineer: '监票签字',
  notices: '通知回执',
  courses: '必学课程',
  news: '动态审核',
  development: '发展党员',
  'profile-corrections': '档案更正',
  'enterprise-visits': '企业走访',
  'enterprise-requests': '企业诉求',
};
export const todoSourceLabel = (source: string) => TODO_SOURCE_LABEL[source] ?? '待办';

export const TodoListSchema = z
  .object({
    items: z.array(TodoItemSchema),
    total: z.number().int(),
    /** Counts per source, for the centre's filter chips. */
    bySource: z.record(z.string(), z.number().int()),
    /** Providers that failed this time: the list is shown without them, never as an error. */
    unavailable: z.array(z.string()),
  })
  .meta({ id: 'TodoList' });
export type TodoList = z.infer<typeof TodoListSchema>;

export const TodoCountSchema = z.object({ total: z.number().int(), overdue: z.number().int() }).meta({ id: 'TodoCount' });
export type TodoCount = z.infer<typeof TodoCountSchema>;
