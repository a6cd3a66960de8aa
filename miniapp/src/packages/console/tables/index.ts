import Taro from '@tarojs/taro';
import {
  FEE_BILL_STATUS_LABEL,
  FEE_CATEGORY_LABEL,
  FeeBillStatus,
  MEETING_STATUS_LABEL,
  MEETING_TYPE_LABEL,
  MEMBER_STATUS_LABEL,
  MeetingStatus,
  MeetingType,
  MemberStatus,
  chinaMonth,
  chinaYear,
  formatYuan,
  type FeeBill,
  type HoursShortfall,
  type MeetingSummary,
  type Member,
  type NoticeSummary,
  type TransferListItem,
  type TransferQueue,
} from '@dangjian/shared';
import { billsExportUrl, listBills } from '@/api/fees';
import { listMeetings, signInSheetPath } from '@/api/meetings';
import { listMembers } from '@/api/members';
import { listNotices, receiptsXlsxPath, remindNotice } from '@/api/notices';
import { getOversight, oversightExportUrl } from '@/api/study';
import { listTransferQueue } from '@/api/transfers';
import { openExternal } from '@/platform/open';
import { copy, loadAll, openSheet, options, stamp, type TableDef } from './common';
import { enterpriseIndexes, indexes, ledger, pdca } from './oversight';

export { LOAD_CAP, type Loaded, type TableDef } from './common';

/*
 * The console's lists, one definition each: how to load the organisation's rows, the columns (some
 * hidden until chosen), filters, bulk actions on selected rows and the server's .xlsx exports. The
 * committee's oversight lists (ledger, indexes, PDCA) are in oversight.ts.
 */

const members: TableDef<Member> = {
  title: '党员',
  permission: 'member.read',
  rowKey: (m) => m.id,
  columns: [
    { key: 'name', title: '姓名', value: (m) => m.name, width: 110 },
    { key: 'gender', title: '性别', value: (m) => (m.gender === 'male' ? '男' : '女'), width: 70 },
    { key: 'org', title: '所在组织', value: (m) => m.orgName },
    { key: 'status', title: '类别', value: (m) => MEMBER_STATUS_LABEL[m.status], width: 110 },
    { key: 'joinDate', title: '入党日期', value: (m) => m.joinDate, width: 120 },
    { key: 'partyYears', title: '党龄', value: (m) => m.partyYears, numeric: true, width: 80 },
    { key: 'birthDate', title: '出生日期', value: (m) => m.birthDate, hidden: true, width: 120 },
    { key: 'phone', title: '手机', value: (m) => m.phone, hidden: true, width: 130 },
    { key: 'post', title: '工作岗位', value: (m) => m.post, hidden: true },
    { key: 'group', title: '党小组', value: (m) => m.groupName, hidden: true },
    { key: 'enterprise', title: '所在企业', value: (m) => m.enterpriseName, hidden: true },
  ],
  filters: [
    { key: 'status', label: '类别', options: options(MemberStatus.options, MEMBER_STATUS_LABEL), test: (m, v) => m.status === v },
    {
      key: 'gender',
      label: '性别',
      options: [
        { value: 'male', label: '男' },
        { value: 'female', label: '女' },
      ],
      test: (m, v) => m.gender === v,
    },
  ],
  load: (org) => loadAll((page, pageSize) => listMembers({ orgId: org.orgId, subtree: true, page, pageSize })),
  open: (m) => `/packages/admin/pages/member-detail/index?id=${m.id}`,
  bulk: [{ key: 'copy', label: '复制姓名', run: (rows) => copy(rows.map((m) => m.name).join('、'), '姓名') }],
  exports: (org) => [{ key: 'roll', label: '导出名册', run: () => openSheet(`/members/export?orgId=${encodeURIComponent(org.orgId)}&subtree=true`) }],
};

const meetings: TableDef<MeetingSummary> = {
  title: '会议',
  permission: 'org.read',
  rowKey: (m) => m.id,
  columns: [
    { key: 'title', title: '会议名称', value: (m) => m.title },
    { key: 'type', title: '类型', value: (m) => MEETING_TYPE_LABEL[m.type], width: 110 },
    { key: 'org', title: '组织', value: (m) => m.organisationName },
    { key: 'startsAt', title: '时间', value: (m) => stamp(m.startsAt), width: 150 },
    { key: 'status', title: '状态', value: (m) => MEETING_STATUS_LABEL[m.status], width: 90 },
    { key: 'expected', title: '应到', value: (m) => m.expectedCount, numeric: true, width: 70 },
    { key: 'present', title: '实到', value: (m) => m.presentCount, numeric: true, width: 70 },
    { key: 'place', title: '地点', value: (m) => m.place, hidden: true },
    { key: 'onLeave', title: '请假', value: (m) => m.onLeaveCount, numeric: true, hidden: true, width: 70 },
    { key: 'complete', title: '记录完整', value: (m) => (m.complete ? '是' : '否'), hidden: true, width: 90 },
  ],
  filters: [
    { key: 'type', label: '类型', options: options(MeetingType.options, MEETING_TYPE_LABEL), test: (m, v) => m.type === v },
    { key: 'status', label: '状态', options: options(MeetingStatus.options, MEETING_STATUS_LABEL), test: (m, v) => m.status === v },
  ],
  load: (org) => loadAll((page, pageSize) => listMeetings({ orgId: org.orgId, page, pageSize })),
  open: (m) => `/packages/meetings/pages/detail/index?id=${m.id}`,
  bulk: [
    {
      key: 'sheets',
      label: '导出签到表',
      run: async (rows) => {
        for (const m of rows) await openSheet(signInSheetPath(m.id));
      },
    },
  ],
};

const fees: TableDef<FeeBill> = {
  title: '党费（本月账单）',
  permission: 'fee.read',
  rowKey: (b) => b.id,
  columns: [
    { key: 'member', title: '姓名', value: (b) => b.memberName, width: 110 },
    { key: 'org', title: '组织', value: (b) => b.orgName },
    { key: 'month', title: '月份', value: (b) => b.month, width: 90 },
    { key: 'category', title: '类别', value: (b) => FEE_CATEGORY_LABEL[b.category], width: 110 },
    { key: 'due', title: '应交（元）', value: (b) => b.amountDueFen, display: (b) => formatYuan(b.amountDueFen), numeric: true, width: 110 },
    { key: 'status', title: '状态', value: (b) => b.statusLabel, width: 80 },
    { key: 'paidAt', title: '交费时间', value: (b) => stamp(b.paidAt), width: 150 },
    { key: 'receipt', title: '收据号', value: (b) => b.receiptNo, hidden: true },
  ],
  filters: [{ key: 'status', label: '状态', options: options(FeeBillStatus.options, FEE_BILL_STATUS_LABEL), test: (b, v) => b.status === v }],
  load: (org) => loadAll((page, pageSize) => listBills({ orgId: org.orgId, month: chinaMonth(), page, pageSize })),
  bulk: [
    {
      key: 'copy',
      label: '复制姓名与金额',
      run: (rows) => copy(rows.map((b) => `${b.memberName} ${formatYuan(b.amountDueFen)}元`).join('\n'), '名单'),
    },
  ],
  exports: (org) => [{ key: 'bills', label: '导出本月账单', run: async () => openExternal(await billsExportUrl(org.orgId, chinaMonth()), 'spreadsheet') }],
};

type QueuedTransfer = TransferListItem & { queue: TransferQueue };
const QUEUE_LABEL: Record<TransferQueue, string> = { todo: '待我办理', waiting: '等待对方', overdue: '已超期' };
const transfers: TableDef<QueuedTransfer> = {
  title: '组织关系转接',
  permission: 'transfer.read',
  rowKey: (t) => t.id,
  columns: [
    { key: 'member', title: '党员', value: (t) => t.member.name, width: 110 },
    { key: 'kind', title: '类型', value: (t) => t.kindLabel, width: 130 },
    { key: 'state', title: '状态', value: (t) => t.stateLabel, width: 120 },
    { key: 'from', title: '转出组织', value: (t) => t.fromOrg?.name ?? t.fromOrgName },
    { key: 'to', title: '转入组织', value: (t) => t.toOrg?.name ?? t.toOrgName },
    { key: 'queue', title: '队列', value: (t) => QUEUE_LABEL[t.queue], width: 100 },
    { key: 'dueOn', title: '办理期限', value: (t) => t.dueOn, width: 110 },
    { key: 'awaiting', title: '等待', value: (t) => t.awaitingLabel, hidden: true },
    { key: 'updatedAt', title: '更新时间', value: (t) => stamp(t.updatedAt), hidden: true, width: 150 },
  ],
  filters: [
    { key: 'queue', label: '队列', options: options(['todo', 'waiting'] as const, QUEUE_LABEL), test: (t, v) => t.queue === v },
    {
      key: 'overdue',
      label: '超期',
      options: [
        { value: 'yes', label: '已超期' },
        { value: 'no', label: '未超期' },
      ],
      test: (t, v) => t.overdue === (v === 'yes'),
    },
  ],
  load: async (org) => {
    const queue = (q: TransferQueue) => loadAll((page, pageSize) => listTransferQueue({ queue: q, orgId: org.orgId, page, pageSize }));
    const [todo, waiting] = await Promise.all([queue('todo'), queue('waiting')]);
    return {
      rows: [...todo.rows.map((t) => ({ ...t, queue: 'todo' as const })), ...waiting.rows.map((t) => ({ ...t, queue: 'waiting' as const }))],
      truncated: todo.truncated || waiting.truncated,
    };
  },
  open: (t) => `/packages/transfer/pages/detail/index?id=${t.id}`,
};

const study: TableDef<HoursShortfall> = {
  title: '学习（学时未达标）',
  permission: 'study.manage',
  rowKey: (r) => r.member.id,
  columns: [
    { key: 'member', title: '党员', value: (r) => r.member.name, width: 120 },
    { key: 'org', title: '组织', value: (r) => r.org.name },
    { key: 'hours', title: '已学学时', value: (r) => Math.round(r.totalS / 360) / 10, numeric: true, width: 110 },
    { key: 'required', title: '要求学时', value: (r) => r.requiredHours, numeric: true, width: 110 },
    { key: 'missing', title: '尚差学时', value: (r) => Math.round(r.missingS / 360) / 10, numeric: true, width: 110 },
  ],
  load: async (org) => ({ rows: (await getOversight(org.orgId)).belowHours, truncated: false }),
  bulk: [{ key: 'copy', label: '复制姓名', run: (rows) => copy(rows.map((r) => r.member.name).join('、'), '姓名') }],
  exports: (org) => [
    { key: 'oversight', label: '导出学习情况', run: async () => openExternal(await oversightExportUrl(org.orgId, chinaYear(new Date())), 'spreadsheet') },
  ],
};

const notices: TableDef<NoticeSummary> = {
  title: '通知公告（我发布的）',
  permission: 'notice.publish',
  rowKey: (n) => n.id,
  columns: [
    { key: 'title', title: '标题', value: (n) => n.title },
    { key: 'org', title: '发布组织', value: (n) => n.orgName },
    { key: 'publisher', title: '发布人', value: (n) => n.publisherName, width: 100 },
    { key: 'publishedAt', title: '发布时间', value: (n) => stamp(n.publishedAt), width: 150 },
    { key: 'ack', title: '需回执', value: (n) => (n.requiresAck ? '是' : '否'), width: 80 },
    { key: 'state', title: '状态', value: (n) => (n.withdrawn ? '已撤回' : '有效'), width: 80 },
    { key: 'pinned', title: '置顶', value: (n) => (n.pinned ? '是' : '否'), hidden: true, width: 70 },
    { key: 'expiresAt', title: '有效期至', value: (n) => stamp(n.expiresAt), hidden: true, width: 150 },
  ],
  filters: [
    {
      key: 'state',
      label: '状态',
      options: [
        { value: 'live', label: '有效' },
        { value: 'withdrawn', label: '已撤回' },
      ],
      test: (n, v) => n.withdrawn === (v === 'withdrawn'),
    },
  ],
  load: () => loadAll((page, pageSize) => listNotices({ box: 'published', page, pageSize })),
  open: (n) => `/packages/notices/pages/receipts/index?id=${n.id}`,
  bulk: [
    {
      key: 'remind',
      label: '提醒未读',
      run: async (rows) => {
        const live = rows.filter((n) => !n.withdrawn);
        for (const n of live) await remindNotice(n.id);
        void Taro.showToast({ title: `已提醒 ${live.length} 条通知的未读人员`, icon: 'none' });
      },
    },
    {
      key: 'receipts',
      label: '导出回执',
      run: async (rows) => {
        for (const n of rows) await openSheet(receiptsXlsxPath(n.id));
      },
    },
  ],
};

export const TABLES = { members, meetings, fees, transfers, study, notices, ledger, indexes, enterprises: enterpriseIndexes, pdca } as const;
export type TableKind = keyof typeof TABLES;
export const isTableKind = (k: string | undefined): k is TableKind => !!k && k in TABLES;
