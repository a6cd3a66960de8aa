import type { FeeBill, FeeComputation, FeePayment, MyFees } from '@dangjian/shared';
import { BRANCH_ID, memberMe } from './fixtures';

export const MEMBER_ID = memberMe.memberId ?? '';
export const PAYMENT_ID = '66666666-6666-4666-8666-666666666666';
let n = 0;
const uuid = () => `77777777-7777-4777-8777-${String(++n).padStart(12, '0')}`;

export const feeBill = (overrides: Partial<FeeBill> = {}): FeeBill => ({
  id: uuid(),
  memberId: MEMBER_ID,
  memberName: '李明',
  orgId: BRANCH_ID,
  orgName: '第一党支部',
  month: '2026-11',
  category: 'salaried',
  rule: 'F1',
  baseFen: 300001,
  standardFen: 4500,
  amountDueFen: 4500,
  status: 'unpaid',
  statusLabel: '未交',
  paidAt: null,
  paymentId: null,
  receiptNo: null,
  reliefId: null,
  payable: 'ok',
  ...overrides,
});

export const computation = (overrides: Partial<FeeComputation> = {}): FeeComputation => ({
  rule: 'F1',
  category: 'salaried',
  baseFen: 300001,
  rateBp: 100,
  computedFen: 3000,
  capFen: 100000,
  capped: false,
  voluntaryMonthlyFen: null,
  monthlyFeeFen: 3000,
  explanation: '在职党员：月工资基数 3000.01 元，超过 3000 元至 5000 元（含）按 1% 交纳，每月 30.00 元。',
  ...overrides,
});

export function myFees(overrides: Partial<MyFees> = {}): MyFees {
  const current = feeBill({ month: '2026-11', amountDueFen: 3000, standardFen: 3000 });
  return {
    member: { id: MEMBER_ID, name: '李明', orgId: BRANCH_ID, orgName: '第一党支部' },
    currentMonth: '2026-11',
    standard: {
      id: uuid(),
      memberId: MEMBER_ID,
      year: 2026,
      effectiveMonth: '2026-01',
      category: 'salaried',
      baseFen: 300001,
      farmerAmountFen: null,
      voluntaryMonthlyFen: null,
      monthlyFeeFen: 3000,
      computation: computation(),
      note: null,
      recordedBy: '王书记',
      updatedAt: '2026-01-05T08:00:00+08:00',
    },
    currentBill: current,
    unpaid: [current],
    paidUntil: {
      memberId: MEMBER_ID,
      memberName: '李明',
      paidUntil: '2026-10',
      text: '党费已交到 2026年10月',
      currentMonth: '2026-11',
      paidThroughCurrentMonth: false,
      unsettled: [{ billId: current.id, month: current.month, amountDueFen: current.amountDueFen, payable: 'ok' }],
    },
    onlinePay: 'demo',
    proxyFor: [],
    ...overrides,
  };
}

export const feePayment = (overrides: Partial<FeePayment> = {}): FeePayment => ({
  id: PAYMENT_ID,
  receiptNo: 'DF2026-000001',
  kind: 'bills',
  member: { id: MEMBER_ID, name: '李明' },
  payer: null,
  proxyAgreementId: null,
  orgId: BRANCH_ID,
  orgName: '第一党支部',
  method: 'demo',
  methodLabel: '演示支付（非真实付款）',
  status: 'paid',
  statusLabel: '已支付',
  amountFen: 3000,
  voluntaryFen: 0,
  large: false,
  forward: null,
  bills: [{ id: '88888888-8888-4888-8888-888888888888', month: '2026-11', amountDueFen: 3000 }],
  paidAt: '2026-11-22T14:00:00+08:00',
  recordedBy: null,
  note: null,
  outTradeNo: 'DJ20261122140000abcdef123456',
  transactionId: null,
  problem: null,
  createdAt: '2026-11-22T14:00:00+08:00',
  ...overrides,
});
