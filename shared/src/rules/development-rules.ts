/*
 * Member development (发展党员, DOMAIN D, 发展党员工作细则 2014): five stages and twenty-five steps as a
 * transition table run by vote-machine.ts, and every D time rule as a pure function. The server runs
 * the table and the guards; the mini-program shows the same "what is next" and the same messages.
 * A guard returns null or a violation with the rule id (for logs and tests) and plain Chinese (for people).
 */
import { addDays, addYears, canApproveProbationary } from './org-rules.js';
import { CN_ADJUSTED_WORKDAYS, CN_CALENDAR_YEARS, CN_HOLIDAYS, CN_HOLIDAY_SOURCE } from './cn-holiday-calendar.js';
import { allowedActions, type TransitionTable } from './vote-machine.js';

// ---------------------------------------------------------------------------------------------
// Stages, states, steps

export const DEV_STAGES = ['applicant', 'activist', 'target', 'probationary', 'full'] as const;
export type DevStage = (typeof DEV_STAGES)[number];
export const DEV_STAGE_LABEL: Record<DevStage, string> = {
  applicant: '申请入党',
  activist: '入党积极分子',
  target: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
};

/**
 * A state is "the last step done". `new` is never stored (the state before step 1). `closed` ends a
 * record early (withdrawn, not admitted, qualification cancelled); `archived` is step 25.
 */
export const DEV_STATES = [
  'new',
  'applied',
  'talked',
  'activist',
  'activist_filed',
  'cultivating',
  'target',
  'target_filed',
  'sponsored',
  'vetted',
  'trained',
  'reviewed',
  'pre_reviewed',
  'form_filled',
  'resolved',
  'higher_talked',
  'admitted',
  'admission_filed',
  'placed',
  'sworn',
  'confirmation_applied',
  'confirmation_resolved',
  'full_member',
  'archived',
  'closed',
] as const;
export type DevState = (typeof DEV_STATES)[number];
export type StoredDevState = Exclude<DevState, 'new'>;
export const DEV_INITIAL_STATE: DevState = 'new';

export const DEV_STATE_STAGE: Record<DevState, DevStage> = {
  new: 'applicant',
  applied: 'applicant',
  talked: 'applicant',
  activist: 'activist',
  activist_filed: 'activist',
  cultivating: 'activist',
  target: 'target',
  target_filed: 'target',
  sponsored: 'target',
  vetted: 'target',
  trained: 'target',
  reviewed: 'target',
  pre_reviewed: 'target',
  form_filled: 'target',
  resolved: 'target',
  higher_talked: 'target',
  admitted: 'probationary',
  admission_filed: 'probationary',
  placed: 'probationary',
  sworn: 'probationary',
  confirmation_applied: 'probationary',
  confirmation_resolved: 'probationary',
  full_member: 'full',
  archived: 'full',
  closed: 'applicant',
};
/** The last step number a state stands for (the board's "第 N 步"); `closed` has none. */
export const DEV_STATE_STEP: Record<DevState, number> = {
  new: 0,
  applied: 1,
  talked: 2,
  activist: 3,
  activist_filed: 4,
  cultivating: 5,
  target: 7,
  target_filed: 8,
  sponsored: 9,
  vetted: 10,
  trained: 11,
  reviewed: 12,
  pre_reviewed: 13,
  form_filled: 14,
  resolved: 15,
  higher_talked: 16,
  admitted: 17,
  admission_filed: 18,
  placed: 19,
  sworn: 20,
  confirmation_applied: 22,
  confirmation_resolved: 23,
  full_member: 24,
  archived: 25,
  closed: 0,
};
/** "Never two open records for one person": the database holds at most one record in these states. */
export const DEV_CLOSED_STATES: ReadonlyArray<StoredDevState> = ['archived', 'closed'];
export const isOpenDevState = (s: string): boolean => !(DEV_CLOSED_STATES as ReadonlyArray<string>).includes(s);

/** Step actions, numbered as the 25 steps of 发展党员工作细则, plus `close` (leave the process). */
export const DEV_ACTIONS = [
  'apply',
  'talk',
  'select_activist',
  'file_activist',
  'assign_contacts',
  'assess',
  'select_target',
  'file_target',
  'assign_sponsors',
  'vet',
  'train',
  'committee_review',
  'pre_review',
  'fill_form',
  'branch_vote',
  'higher_talk',
  'approve',
  'file_admission',
  'place',
  'oath',
  'educate',
  'apply_confirmation',
  'confirmation_vote',
  'approve_confirmation',
  'archive',
  'close',
] as const;
export type DevAction = (typeof DEV_ACTIONS)[number];

export const DEV_STEP_NO: Record<Exclude<DevAction, 'close'>, number> = {
  apply: 1,
  talk: 2,
  select_activist: 3,
  file_activist: 4,
  assign_contacts: 5,
  assess: 6,
  select_target: 7,
  file_target: 8,
  assign_sponsors: 9,
  vet: 10,
  train: 11,
  committee_review: 12,
  pre_review: 13,
  fill_form: 14,
  branch_vote: 15,
  higher_talk: 16,
  approve: 17,
  file_admission: 18,
  place: 19,
  oath: 20,
  educate: 21,
  apply_confirmation: 22,
  confirmation_vote: 23,
  approve_confirmation: 24,
  archive: 25,
};
export const DEV_ACTION_LABEL: Record<DevAction, string> = {
  apply: '递交入党申请书',
  talk: '党组织派人谈话',
  select_activist: '确定入党积极分子',
  file_activist: '报上级党委备案（积极分子）',
  assign_contacts: '指定培养联系人',
  assess: '培养教育考察',
  select_target: '确定发展对象',
  file_target: '报上级党委备案（发展对象）',
  assign_sponsors: '确定入党介绍人',
  vet: '政治审查',
  train: '集中培训',
  committee_review: '支部委员会审查（含公示）',
  pre_review: '上级党委预审',
  fill_form: '填写入党志愿书',
  branch_vote: '支部大会讨论表决',
  higher_talk: '上级党委派人谈话',
  approve: '上级党委审批',
  file_admission: '再上一级党委组织部门备案',
  place: '编入党支部和党小组',
  oath: '入党宣誓',
  educate: '继续教育考察',
  apply_confirmation: '提出转正申请',
  confirmation_vote: '支部大会讨论转正',
  approve_confirmation: '上级党委审批转正',
  archive: '材料归档',
  close: '终止发展程序',
};

/** Who takes a step: the applicant, the branch (支部), or the higher committee (上级党委). */
export const DEV_ACTORS = ['applicant', 'branch', 'committee'] as const;
export type DevActor = (typeof DEV_ACTORS)[number];
export const DEV_ACTION_ACTOR: Record<DevAction, DevActor> = {
  apply: 'applicant',
  talk: 'branch',
  select_activist: 'branch',
  file_activist: 'branch',
  assign_contacts: 'branch',
  assess: 'branch',
  select_target: 'branch',
  file_target: 'branch',
  assign_sponsors: 'branch',
  vet: 'branch',
  train: 'committee',
  committee_review: 'branch',
  pre_review: 'committee',
  fill_form: 'applicant',
  branch_vote: 'branch',
  higher_talk: 'committee',
  approve: 'committee',
  file_admission: 'committee',
  place: 'branch',
  oath: 'branch',
  educate: 'branch',
  apply_confirmation: 'applicant',
  confirmation_vote: 'branch',
  approve_confirmation: 'committee',
  archive: 'branch',
  close: 'branch',
};

const closeable = { close: ['closed'] } as const;
/**
 * The 25 steps in order. Step 6 (assessment every 6 months) and step 21 (education) repeat in place;
 * step 15 and 23 lead to several states (not admitted → closed; confirmation extended → back to
 * `sworn` for the extension; cancelled → closed). Every open state may be closed with a reason.
 */
export const DEV_TRANSITIONS: TransitionTable<DevState, DevAction> = {
  new: { apply: ['applied'] },
  applied: { talk: ['talked'], ...closeable },
  talked: { select_activist: ['activist'], ...closeable },
  activist: { file_activist: ['activist_filed'], ...closeable },
  activist_filed: { assign_contacts: ['cultivating'], ...closeable },
  cultivating: { assess: ['cultivating'], assign_contacts: ['cultivating'], select_target: ['target'], ...closeable },
  target: { file_target: ['target_filed'], ...closeable },
  target_filed: { assign_sponsors: ['sponsored'], ...closeable },
  sponsored: { vet: ['vetted'], ...closeable },
  vetted: { train: ['trained'], ...closeable },
  trained: { committee_review: ['reviewed'], ...closeable },
  reviewed: { pre_review: ['pre_reviewed'], ...closeable },
  pre_reviewed: { fill_form: ['form_filled'], ...closeable },
  form_filled: { branch_vote: ['resolved', 'closed'], ...closeable },
  resolved: { higher_talk: ['higher_talked'], ...closeable },
  higher_talked: { approve: ['admitted', 'closed'], ...closeable },
  admitted: { file_admission: ['admission_filed'] },
  admission_filed: { place: ['placed'] },
  placed: { oath: ['sworn'] },
  sworn: { educate: ['sworn'], apply_confirmation: ['confirmation_applied'] },
  confirmation_applied: { confirmation_vote: ['confirmation_resolved', 'sworn', 'closed'] },
  confirmation_resolved: { approve_confirmation: ['full_member', 'closed'] },
  full_member: { archive: ['archived'] },
  archived: {},
  closed: {},
};

/** The next step(s) from a state, without `close` (what the applicant and branch see as "next"). */
export const nextDevActions = (s: DevState): DevAction[] => allowedActions(DEV_TRANSITIONS, s).filter((a) => a !== 'close');

// ---------------------------------------------------------------------------------------------
// Dates (YYYY-MM-DD, China's calendar; no time zones)

const parse = (d: string): [number, number, number] => d.split('-').map(Number) as [number, number, number];
const fmt = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const dayMs = 86_400_000;
const toUtc = (d: string) => {
  const [y, m, dd] = parse(d);
  return Date.UTC(y, m - 1, dd);
};
export const daysBetween = (from: string, to: string): number => Math.round((toUtc(to) - toUtc(from)) / dayMs);
/** Calendar months later, clamped to the month's last day (01-31 + 1 month → 02-28/29). */
export function addCalendarMonths(d: string, n: number): string {
  const [y, m, dd] = parse(d);
  const idx = y * 12 + (m - 1) + n;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  return fmt(ny, nm, Math.min(dd, daysInMonth(ny, nm)));
}

// ---------------------------------------------------------------------------------------------
// The official working-day calendar

const holidaySet = new Set(CN_HOLIDAYS);
const workdaySet = new Set(CN_ADJUSTED_WORKDAYS);
export { CN_HOLIDAY_SOURCE, CN_CALENDAR_YEARS };
export const calendarCovers = (d: string): boolean => CN_CALENDAR_YEARS.includes(parse(d)[0]);
/** A working day by the official calendar: Mon–Fri unless a holiday, or a 调休 weekend day. Undefined outside the calendar. */
export function isWorkingDay(d: string): boolean | undefined {
  if (!calendarCovers(d)) return undefined;
  if (workdaySet.has(d)) return true;
  if (holidaySet.has(d)) return false;
  const wd = new Date(toUtc(d)).getUTCDay();
  return wd !== 0 && wd !== 6;
}
/** Working days in [from, to] (both included), or undefined when a day lies outside the calendar. */
export function workingDaysBetween(from: string, to: string): number | undefined {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const w = isWorkingDay(d);
    if (w === undefined) return undefined;
    if (w) n += 1;
  }
  return n;
}
/** The day the notice ends when it starts on `from` and lasts `days` working days (undefined outside the calendar). */
export function addWorkingDays(from: string, days: number): string | undefined {
  let d = from;
  let n = 0;
  for (let i = 0; i < 400; i += 1) {
    const w = isWorkingDay(d);
    if (w === undefined) return undefined;
    if (w) n += 1;
    if (n >= days) return d;
    d = addDays(d, 1);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The rule set (DOMAIN D time parameters, versioned)

export type DevRuleSet = {
  id: string;
  minAge: number;
  talkWithinMonths: number;
  assessEveryMonths: number;
  activistYears: number;
  contactsMin: number;
  contactsMax: number;
  sponsors: number;
  trainingMinDays: number;
  trainingMinHours: number;
  /** [?] default 5 working days (official holiday calendar). */
  noticeWorkingDays: number;
  approvalMonths: number;
  approvalMaxMonths: number;
  probationYears: number;
  extendMinMonths: number;
  extendMaxMonths: number;
  confirmationApprovalMonths: number;
};
export const DEV_RULE_SET: DevRuleSet = {
  id: '2014-v1',
  minAge: 18,
  talkWithinMonths: 1,
  assessEveryMonths: 6,
  activistYears: 1,
  contactsMin: 1,
  contactsMax: 2,
  sponsors: 2,
  trainingMinDays: 3,
  trainingMinHours: 24,
  noticeWorkingDays: 5,
  approvalMonths: 3,
  approvalMaxMonths: 6,
  probationYears: 1,
  extendMinMonths: 6,
  extendMaxMonths: 12,
  confirmationApprovalMonths: 3,
};

/** Rule ids as the errors carry them (DOMAIN D, step numbers; O7). */
export const DEV_RULES = {
  age: 'D1-age',
  talk: 'D2-talk-within-1-month',
  activistYear: 'D7-activist-1-year',
  assessment: 'D6-assessment-6-months',
  contacts: 'D5-contacts-1-2',
  sponsors: 'D9-two-full-member-sponsors',
  vetting: 'D10-vetting',
  training: 'D11-training-3-days-or-24-hours',
  notice: 'D12-public-notice-working-days',
  calendar: 'D12-holiday-calendar-missing',
  preReview: 'D13-pre-review',
  vote: 'D15-V2-admission-vote',
  approvalTime: 'D17-approval-3-months',
  approver: 'O7-approver',
  probation: 'D19-probation-1-year',
  extension: 'D23-extend-once-6-12-months',
  confirmationApproval: 'D24-confirmation-approval-3-months',
  dateOrder: 'D-date-order',
} as const;
export type DevRuleId = (typeof DEV_RULES)[keyof typeof DEV_RULES];
export type DevViolation = { rule: DevRuleId; message: string; details?: Record<string, unknown> };
const v = (rule: DevRuleId, message: string, details?: Record<string, unknown>): DevViolation => ({ rule, message, details });

/** Step dates may not go back before the previous step, nor lie in the future. */
export function checkStepDate(on: string, previous: string | null, today: string): DevViolation | null {
  if (on > today) return v(DEV_RULES.dateOrder, '日期不能晚于今天', { on, today });
  if (previous && on < previous) return v(DEV_RULES.dateOrder, `日期不能早于上一步骤的日期（${previous}）`, { on, previous });
  return null;
}

/** Step 1: the applicant is 18 or older on the day of the application (党章第一条). */
export function checkApplicantAge(birthDate: string, appliedOn: string, rs: DevRuleSet = DEV_RULE_SET): DevViolation | null {
  const adult = addYears(birthDate, rs.minAge);
  return appliedOn < adult ? v(DEV_RULES.age, `申请入党时须年满 ${rs.minAge} 周岁（${adult} 起方可申请）`, { birthDate, appliedOn, from: adult }) : null;
}

/** Step 2: the talk within one month of receiving the application. */
export const talkDeadline = (appliedOn: string, rs: DevRuleSet = DEV_RULE_SET) => addCalendarMonths(appliedOn, rs.talkWithinMonths);
export function checkTalk(appliedOn: string, talkedOn: string, rs: DevRuleSet = DEV_RULE_SET): DevViolation | null {
  const due = talkDeadline(appliedOn, rs);
  return talkedOn > due ? v(DEV_RULES.talk, `应在收到入党申请书后一个月内（${due} 前）派人谈话`, { appliedOn, talkedOn, due }) : null;
}

/** Step 6: the next assessment is due six months after the last one (or after becoming an activist). */
export const nextAssessmentDue = (activistOn: string, assessedOn: ReadonlyArray<string>, rs: DevRuleSet = DEV_RULE_SET) =>
  addCalendarMonths([activistOn, ...assessedOn].sort().at(-1)!, rs.assessEveryMonths);
export const assessmentOverdue = (activistOn: string, assessedOn: ReadonlyArray<string>, today: string, rs: DevRuleSet = DEV_RULE_SET) =>
  today > nextAssessmentDue(activistOn, assessedOn, rs);

/** Step 7: at least one year as activist, and no half-year without an assessment in between. */
export const earliestTargetDate = (activistOn: string, rs: DevRuleSet = DEV_RULE_SET) => addYears(activistOn, rs.activistYears);
export function checkActivistYear(
  activistOn: string,
  selectedOn: string,
  assessedOn: ReadonlyArray<string>,
  rs: DevRuleSet = DEV_RULE_SET,
): DevViolation | null {
  const earliest = earliestTargetDate(activistOn, rs);
  if (selectedOn < earliest) {
    return v(DEV_RULES.activistYear, `确定为入党积极分子满一年后方可列为发展对象（${earliest} 起，目前 ${daysBetween(activistOn, selectedOn)} 天）`, {
      activistOn,
      selectedOn,
      earliest,
    });
  }
  const points = [activistOn, ...assessedOn.filter((d) => d <= selectedOn).sort(), selectedOn];
  for (let i = 1; i < points.length; i += 1) {
    const due = addCalendarMonths(points[i - 1]!, rs.assessEveryMonths);
    if (points[i]! > due) return v(DEV_RULES.assessment, `每半年应考察一次：${points[i - 1]} 之后的考察应在 ${due} 前完成`, { after: points[i - 1], due });
  }
  return null;
}

/** Step 5: one or two contacts (培养联系人), full members. */
export function checkContacts(contacts: ReadonlyArray<{ status: string }>, rs: DevRuleSet = DEV_RULE_SET): DevViolation | null {
  if (contacts.length < rs.contactsMin || contacts.length > rs.contactsMax)
    return v(DEV_RULES.contacts, `应指定 ${rs.contactsMin}–${rs.contactsMax} 名培养联系人`, { count: contacts.length });
  if (contacts.some((c) => c.status !== 'full')) return v(DEV_RULES.contacts, '培养联系人应为正式党员', {});
  return null;
}

/** Step 9: two sponsors (入党介绍人), full members, two different people. */
export function checkSponsors(sponsors: ReadonlyArray<{ id: string; status: string }>, rs: DevRuleSet = DEV_RULE_SET): DevViolation | null {
  if (sponsors.length !== rs.sponsors || new Set(sponsors.map((s) => s.id)).size !== sponsors.length) {
    return v(DEV_RULES.sponsors, `应有 ${rs.sponsors} 名不同的正式党员作入党介绍人`, { count: sponsors.length });
  }
  if (sponsors.some((s) => s.status !== 'full')) return v(DEV_RULES.sponsors, '入党介绍人应为正式党员，预备党员不能作入党介绍人', {});
  return null;
}

/** Step 10: the vetting concluded and recorded (with its written conclusion). */
export function checkVetting(conclusion: string | undefined | null, passed: boolean): DevViolation | null {
  if (!conclusion || conclusion.trim().length < 2) return v(DEV_RULES.vetting, '请填写政治审查结论');
  return passed ? null : v(DEV_RULES.vetting, '政治审查未通过，不能继续发展');
}

/**
 * Step 11 (D11): what counts toward the concentrated training. `days` and `hours` are what the branch
 * records from the training itself (certificate, sign-in sheet); `studyS` is online study credited to the
 * candidate's own account by the learning module during the development-target stage.
 */
export type TrainingCount = { days: number; hours: number; studyS: number };
export type TrainingProgress = {
  days: number;
  /** Recorded hours plus online study, in whole seconds. */
  totalS: number;
  studyS: number;
  requiredDays: number;
  requiredHours: number;
  met: boolean;
  /** Plain Chinese, e.g. "已完成 18/24 学时". */
  text: string;
};

/** One decimal, rounded down: 23.96 学时 is still short of 24. */
const hoursText = (seconds: number) => String(Math.floor(seconds / 360) / 10);

/** D11: ≥ 3 days or ≥ 24 学时, the 学时 being recorded hours plus online study (compared in seconds, no float drift). */
export function trainingProgress(t: TrainingCount, rs: DevRuleSet = DEV_RULE_SET): TrainingProgress {
  const totalS = Math.round(t.hours * 3600) + Math.floor(t.studyS);
  const met = t.days >= rs.trainingMinDays || totalS >= rs.trainingMinHours * 3600;
  const daysText = t.days > 0 ? `，培训 ${t.days}/${rs.trainingMinDays} 天` : '';
  return {
    days: t.days,
    totalS,
    studyS: Math.floor(t.studyS),
    requiredDays: rs.trainingMinDays,
    requiredHours: rs.trainingMinHours,
    met,
    text: `已完成 ${hoursText(totalS)}/${rs.trainingMinHours} 学时${daysText}`,
  };
}

/** Step 11: concentrated training of at least 3 days or at least 24 学时 (online study hours count). */
export function checkTraining(t: TrainingCount, rs: DevRuleSet = DEV_RULE_SET): DevViolation | null {
  const p = trainingProgress(t, rs);
  if (p.met) return null;
  const parts = [
    `线上学习 ${hoursText(p.studyS)} 学时`,
    ...(t.hours > 0 ? [`线下培训记录 ${t.hours} 学时`] : []),
    ...(t.days > 0 ? [`培训 ${t.days} 天`] : []),
  ];
  return v(
    DEV_RULES.training,
    `集中培训时间一般不少于 ${rs.trainingMinDays} 天或 ${rs.trainingMinHours} 个学时，现仅完成 ${hoursText(p.totalS)}/${rs.trainingMinHours} 学时（${parts.join('、')}），尚不能记录培训`,
    { days: t.days, hours: t.hours, studyS: p.studyS },
  );
}

/** Step 13: the pre-review is blocked for a target who leaves within three months (the receiving side develops them). */
export function checkPreReview(passed: boolean, leavingWithinThreeMonths: boolean): DevViolation | null {
  if (leavingWithinThreeMonths) return v(DEV_RULES.preReview, '发展对象近三个月内将离开工作单位或居住地，暂不办理预审');
  return passed ? null : v(DEV_RULES.preReview, '上级党委预审未通过');
}

/**
 * Step 12 → 15: the public notice (公示) lasts the configured working days on the official calendar,
 * and ends before the branch meeting. Dates outside the calendar are refused, not guessed.
 */
export function checkPublicNotice(from: string, to: string, meetingOn: string | null, rs: DevRuleSet = DEV_RULE_SET): DevViolation | null {
  if (to < from) return v(DEV_RULES.notice, '公示结束日期不能早于开始日期', { from, to });
  const n = workingDaysBetween(from, to);
  if (n === undefined)
    return v(DEV_RULES.calendar, `节假日日历尚未包含 ${from.slice(0, 4)}–${to.slice(0, 4)} 年，请管理员更新日历后再办理`, {
      from,
      to,
      years: CN_CALENDAR_YEARS,
    });
  if (n < rs.noticeWorkingDays) {
    return v(DEV_RULES.notice, `公示应不少于 ${rs.noticeWorkingDays} 个工作日（${from} 至 ${to} 只有 ${n} 个工作日，节假日不计）`, {
      from,
      to,
      workingDays: n,
      required: rs.noticeWorkingDays,
      earliestEnd: addWorkingDays(from, rs.noticeWorkingDays),
    });
  }
  if (meetingOn !== null && meetingOn <= to) return v(DEV_RULES.notice, `支部大会应在公示期满（${to}）之后召开`, { to, meetingOn });
  return null;
}

/** Step 15 (V2): the admission vote passed, about this applicant, in this branch. */
export function checkAdmissionVote(
  m: { kind: string; state: string; passed: boolean | null; applicantName: string | null; organisationId: string },
  applicant: { name: string; branchId: string },
  kind: 'admission' | 'confirmation' = 'admission',
): DevViolation | null {
  if (m.kind !== kind) return v(DEV_RULES.vote, kind === 'admission' ? '应关联"接收预备党员"表决' : '应关联"预备党员转正"表决');
  if (m.organisationId !== applicant.branchId) return v(DEV_RULES.vote, '表决须由申请人所在党支部的党员大会进行');
  if (m.applicantName !== applicant.name) return v(DEV_RULES.vote, '该表决的对象不是本申请人（一次表决只讨论一名申请人）');
  if (m.state !== 'counted') return v(DEV_RULES.vote, '该表决尚未计票完成');
  return null;
}

/** Step 17 / 24: approval within 3 months of the branch resolution, up to 6 with a recorded reason. */
export function checkApprovalTime(
  resolvedOn: string,
  approvedOn: string,
  reason: string | null | undefined,
  rs: DevRuleSet = DEV_RULE_SET,
  months = rs.approvalMonths,
): DevViolation | null {
  const due = addCalendarMonths(resolvedOn, months);
  const hardDue = addCalendarMonths(resolvedOn, rs.approvalMaxMonths);
  if (approvedOn <= due) return null;
  if (approvedOn > hardDue)
    return v(DEV_RULES.approvalTime, `上级党委应在支部大会决议后 ${rs.approvalMaxMonths} 个月内（${hardDue} 前）审批，已超期`, {
      resolvedOn,
      approvedOn,
      hardDue,
    });
  if (!reason || reason.trim().length < 2)
    return v(DEV_RULES.approvalTime, `超过 ${months} 个月（${due}）审批，须写明特殊原因（最长 ${rs.approvalMaxMonths} 个月）`, { resolvedOn, approvedOn, due });
  return null;
}

/** O7 (as org-rules.ts encodes it): a 党总支, a temporary branch or a group cannot approve. The server also requires a higher organisation than the branch. */
export function checkApprover(org: { kind: 'committee' | 'general_branch' | 'branch' | 'group'; isTemporary: boolean }): DevViolation | null {
  if (canApproveProbationary(org)) return null;
  const what = org.isTemporary ? '临时党组织' : org.kind === 'general_branch' ? '党总支' : '党小组';
  return v(DEV_RULES.approver, `${what}没有审批预备党员的权限，应由基层党委审批`, { kind: org.kind, isTemporary: org.isTemporary });
}

/** Step 19: probation is one year from the branch resolution (plus an extension, if any). */
export const probationEnd = (resolvedOn: string, extendMonths = 0, rs: DevRuleSet = DEV_RULE_SET) =>
  addCalendarMonths(addYears(resolvedOn, rs.probationYears), extendMonths);

/** Step 22/23: the confirmation meeting is held when probation has ended. */
export function checkProbationOver(resolvedOn: string, extendMonths: number, meetingOn: string, rs: DevRuleSet = DEV_RULE_SET): DevViolation | null {
  const end = probationEnd(resolvedOn, extendMonths, rs);
  return meetingOn < end ? v(DEV_RULES.probation, `预备期到 ${end} 期满，期满后方可讨论转正`, { end, meetingOn }) : null;
}

/** Step 23: an extension once, by 6–12 months (党章: never beyond one year in total). */
export function checkExtension(alreadyExtendedMonths: number, months: number, rs: DevRuleSet = DEV_RULE_SET): DevViolation | null {
  if (alreadyExtendedMonths > 0) return v(DEV_RULES.extension, '预备期只能延长一次', { alreadyExtendedMonths });
  if (!Number.isInteger(months) || months < rs.extendMinMonths || months > rs.extendMaxMonths) {
    return v(DEV_RULES.extension, `延长预备期为 ${rs.extendMinMonths}–${rs.extendMaxMonths} 个月`, { months });
  }
  return null;
}

/** M3 + step 24: a confirmed member's 党龄 counts from the day probation ended (转正日期). */
export const fullMemberDate = (resolvedOn: string, extendMonths: number, rs: DevRuleSet = DEV_RULE_SET) => probationEnd(resolvedOn, extendMonths, rs);

// ---------------------------------------------------------------------------------------------
// Deadlines: what the applicant and the branch see next

export type DevFacts = {
  state: DevState;
  appliedOn: string | null;
  activistOn: string | null;
  assessedOn: ReadonlyArray<string>;
  resolvedOn: string | null;
  extendMonths: number;
  confirmationResolvedOn: string | null;
};
export type DevDeadline = { label: string; due: string; kind: 'before' | 'after'; rule: DevRuleId };

/** The dates that bind the next step (`before`: do it by then; `after`: not before then). */
export function devDeadlines(f: DevFacts, rs: DevRuleSet = DEV_RULE_SET): DevDeadline[] {
  const out: DevDeadline[] = [];
  if (f.state === 'applied' && f.appliedOn) out.push({ label: '派人谈话', due: talkDeadline(f.appliedOn, rs), kind: 'before', rule: DEV_RULES.talk });
  if (f.activistOn && ['activist', 'activist_filed', 'cultivating'].includes(f.state)) {
    out.push({ label: '下次培养考察', due: nextAssessmentDue(f.activistOn, f.assessedOn, rs), kind: 'before', rule: DEV_RULES.assessment });
    out.push({ label: '可列为发展对象', due: earliestTargetDate(f.activistOn, rs), kind: 'after', rule: DEV_RULES.activistYear });
  }
  if (f.resolvedOn && (f.state === 'resolved' || f.state === 'higher_talked')) {
    out.push({ label: '上级党委审批', due: addCalendarMonths(f.resolvedOn, rs.approvalMonths), kind: 'before', rule: DEV_RULES.approvalTime });
  }
  if (f.resolvedOn && ['admitted', 'admission_filed', 'placed', 'sworn'].includes(f.state)) {
    out.push({ label: '预备期满，可讨论转正', due: probationEnd(f.resolvedOn, f.extendMonths, rs), kind: 'after', rule: DEV_RULES.probation });
  }
  if (f.state === 'confirmation_resolved' && f.confirmationResolvedOn) {
    out.push({
      label: '上级党委审批转正',
      due: addCalendarMonths(f.confirmationResolvedOn, rs.confirmationApprovalMonths),
      kind: 'before',
      rule: DEV_RULES.confirmationApproval,
    });
  }
  return out;
}
/** A `before` deadline already passed. */
export const overdueDeadlines = (f: DevFacts, today: string, rs: DevRuleSet = DEV_RULE_SET) =>
  devDeadlines(f, rs).filter((d) => d.kind === 'before' && today > d.due);
