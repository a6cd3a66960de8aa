import type { Transfer, TransferFees, TransferListItem } from '@dangjian/shared';
import { BRANCH_ID, memberMe } from './fixtures';

export const TRANSFER_ID = '55555555-5555-4555-8555-555555555555';
export const TO_COMMITTEE_ID = '66666666-6666-4666-8666-666666666666';
export const TO_BRANCH_ID = '77777777-7777-4777-8777-777777777777';
export const STEP_ID = '88888888-8888-4888-8888-888888888888';

export const transferFees = (over: Partial<TransferFees> = {}): TransferFees => ({
  paidUntil: '2026-10',
  text: '党费已交到 2026年10月',
  transferMonth: '2026-11',
  paidThroughTransferMonth: false,
  owedMonths: ['2026-11'],
  owedFen: 3000,
  payPage: '/packages/fees/pages/index/index',
  ...over,
});

export const transferItem = (over: Partial<TransferListItem> = {}): TransferListItem => ({
  id: TRANSFER_ID,
  kind: 'internal',
  kindLabel: '系统内转接',
  state: 'pending_branch',
  stateLabel: '待党支部同意',
  member: { id: memberMe.memberId ?? '', name: '李明' },
  fromOrg: { id: BRANCH_ID, name: '第一党支部' },
  toOrg: { id: TO_COMMITTEE_ID, name: '数字经济产业园联合党委' },
  toOrgName: '数字经济产业园联合党委',
  fromOrgName: null,
  awaiting: 'sending_branch',
  awaitingLabel: '转出党支部',
  dueOn: null,
  overdue: false,
  createdAt: '2026-11-20T02:00:00.000Z',
  updatedAt: '2026-11-20T02:00:00.000Z',
  ...over,
});

export const transfer = (over: Partial<Transfer> = {}): Transfer => ({
  ...transferItem(),
  startedBy: 'member',
  reason: '工作调动',
  validityDays: 30,
  fromCommittee: { id: '99999999-9999-4999-8999-999999999999', name: '园区联合党委' },
  toCommittee: { id: TO_COMMITTEE_ID, name: '数字经济产业园联合党委' },
  memberPhone: '13800000000',
  acceptedAt: null,
  receiptAt: null,
  reportedAt: null,
  paperLetterNumber: null,
  letter: null,
  fees: transferFees({ paidThroughTransferMonth: true, owedMonths: [], owedFen: 0, text: '党费已交到 2026年11月' }),
  myActors: ['sending_branch'],
  availableActions: ['branch_agree', 'refuse', 'return'],
  steps: [
    {
      id: STEP_ID,
      action: 'apply',
      actionLabel: '申请转接',
      fromState: 'new',
      toState: 'pending_branch',
      actor: 'member',
      actorName: '李明',
      reason: '工作调动',
      at: '2026-11-20T02:00:00.000Z',
    },
  ],
  ...over,
});
