import fc from 'fast-check';
import {
  addCalendarMonths,
  addWorkingDays,
  assessmentOverdue,
  checkActivistYear,
  checkApplicantAge,
  checkApprovalTime,
  checkApprover,
  checkContacts,
  checkExtension,
  checkPreReview,
  checkProbationOver,
  checkPublicNotice,
  checkSponsors,
  checkStepDate,
  checkTalk,
  checkTraining,
  trainingProgress,
  checkVetting,
  daysBetween,
  DEV_ACTIONS,
  DEV_INITIAL_STATE,
  DEV_STATES,
  DEV_STEP_NO,
  DEV_TRANSITIONS,
  devDeadlines,
  fullMemberDate,
  isWorkingDay,
  nextAssessmentDue,
  nextDevActions,
  overdueDeadlines,
  probationEnd,
  workingDaysBetween,
  type DevAction,
  type DevState,
} from './development-rules.js';
import { assertTableSound, StepOutOfOrderError, transition } from './vote-machine.js';

describe('development workflow table (D, 25 steps)', () => {
  it('is sound: every state reachable from new, every target a state', () => {
    expect(() => assertTableSound('development', DEV_TRANSITIONS, DEV_INITIAL_STATE, DEV_STATES)).not.toThrow();
  });

  it('the main path takes the 25 steps in order', () => {
    const path: Array<[DevAction, DevState?]> = [
      ['apply'],
      ['talk'],
      ['select_activist'],
      ['file_activist'],
      ['assign_contacts'],
      ['assess'],
      ['select_target'],
      ['file_target'],
      ['assign_sponsors'],
      ['vet'],
      ['train'],
      ['committee_review'],
      ['pre_review'],
      ['fill_form'],
      ['branch_vote', 'resolved'],
      ['higher_talk'],
      ['approve', 'admitted'],
      ['file_admission'],
      ['place'],
      ['oath'],
      ['educate'],
      ['apply_confirmation'],
      ['confirmation_vote', 'confirmation_resolved'],
      ['approve_confirmation', 'full_member'],
      ['archive'],
    ];
    let s: DevState = DEV_INITIAL_STATE;
    const steps: number[] = [];
    for (const [a, to] of path) {
      s = transition(DEV_TRANSITIONS, s, a, to);
      if (a !== 'close') steps.push(DEV_STEP_NO[a]);
    }
    expect(s).toBe('archived');
    expect(steps).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('a skipped step is refused (e.g. selecting a target before the contacts)', () => {
    expect(() => transition(DEV_TRANSITIONS, 'activist', 'select_target')).toThrow(StepOutOfOrderError);
    expect(() => transition(DEV_TRANSITIONS, 'new', 'talk')).toThrow(StepOutOfOrderError);
    expect(nextDevActions('cultivating')).toEqual(['assess', 'assign_contacts', 'select_target']);
  });

  it('property: over random action sequences, a step is never skipped and closed records take no step', () => {
    const stepOf = (s: DevState): number => {
      // The highest step number done to reach s on the main path.
      const order: DevState[] = [
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
      ];
      const i = order.indexOf(s);
      return i <= 5 ? i : i + 1; // step 6 (assess) keeps the state `cultivating`
    };
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...DEV_ACTIONS), fc.nat(2)), { maxLength: 80 }), (seq) => {
        let s: DevState = DEV_INITIAL_STATE;
        for (const [action, pick] of seq) {
          const targets = DEV_TRANSITIONS[s][action];
          if (!targets) {
            expect(() => transition(DEV_TRANSITIONS, s, action, targets?.[0])).toThrow();
            continue;
          }
          const to = targets[pick % targets.length]!;
          const next = transition(DEV_TRANSITIONS, s, action, to);
          if (next !== 'closed' && !(s === 'confirmation_applied' && next === 'sworn') && next !== s) {
            // Forward by exactly one step (step 6 and 21 repeat in place; an extension goes back to sworn).
            const gap = stepOf(next) - stepOf(s);
            expect(gap === 1 || (s === 'cultivating' && next === 'target' && gap === 2)).toBe(true);
          }
          expect(s === 'closed' || s === 'archived').toBe(false);
          s = next;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('D time rules at their boundaries', () => {
  it('step 1: 18 on the day of the application, not the day before', () => {
    expect(checkApplicantAge('2008-06-15', '2026-06-15')).toBeNull();
    expect(checkApplicantAge('2008-06-15', '2026-06-14')).toMatchObject({ rule: 'D1-age', message: expect.stringContaining('年满 18 周岁') });
    // Born on 29 February: 18 on 28 February of a common year.
    expect(checkApplicantAge('2008-02-29', '2026-02-28')).toBeNull();
    expect(checkApplicantAge('2008-02-29', '2026-02-27')?.rule).toBe('D1-age');
  });

  it('step 2: the talk within one calendar month (31 January → 28 February)', () => {
    expect(checkTalk('2026-03-10', '2026-04-10')).toBeNull();
    expect(checkTalk('2026-03-10', '2026-04-11')).toMatchObject({ rule: 'D2-talk-within-1-month', details: { due: '2026-04-10' } });
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(checkTalk('2026-01-31', '2026-03-01')?.rule).toBe('D2-talk-within-1-month');
  });

  it('step 7: one year as activist — 365 days (common year) vs 366 days (across 29 February)', () => {
    expect(daysBetween('2025-03-01', '2026-03-01')).toBe(365);
    expect(checkActivistYear('2025-03-01', '2026-03-01', ['2025-08-20', '2026-02-10'])).toBeNull();
    expect(checkActivistYear('2025-03-01', '2026-02-28', ['2025-08-20', '2026-02-10'])).toMatchObject({ rule: 'D7-activist-1-year' });
    // Across a leap day a year is 366 days: 365 days is one day short.
    expect(daysBetween('2027-06-01', '2028-05-31')).toBe(365);
    expect(checkActivistYear('2027-06-01', '2028-05-31', ['2027-11-30', '2028-05-01'])?.rule).toBe('D7-activist-1-year');
    expect(checkActivistYear('2027-06-01', '2028-06-01', ['2027-11-30', '2028-05-01'])).toBeNull();
  });

  it('step 6: an assessment every six months; a gap refuses the selection and raises an overdue alert', () => {
    expect(nextAssessmentDue('2025-03-01', [])).toBe('2025-09-01');
    expect(assessmentOverdue('2025-03-01', [], '2025-09-01')).toBe(false);
    expect(assessmentOverdue('2025-03-01', [], '2025-09-02')).toBe(true);
    expect(assessmentOverdue('2025-03-01', ['2025-08-30'], '2025-09-02')).toBe(false);
    expect(checkActivistYear('2025-03-01', '2026-03-01', ['2025-09-02'])).toMatchObject({ rule: 'D6-assessment-6-months' });
    // Exactly six months apart each time (03-01 → 09-01 → 03-01) is on time.
    expect(checkActivistYear('2025-03-01', '2026-03-01', ['2025-09-01'])).toBeNull();
  });

  it('step 5 and 9: 1–2 contacts; exactly 2 different full-member sponsors', () => {
    const full = { status: 'full' };
    expect(checkContacts([])?.rule).toBe('D5-contacts-1-2');
    expect(checkContacts([full])).toBeNull();
    expect(checkContacts([full, full])).toBeNull();
    expect(checkContacts([full, full, full])?.rule).toBe('D5-contacts-1-2');
    expect(
      checkSponsors([
        { id: 'a', status: 'full' },
        { id: 'b', status: 'full' },
      ]),
    ).toBeNull();
    expect(checkSponsors([{ id: 'a', status: 'full' }])?.rule).toBe('D9-two-full-member-sponsors');
    expect(
      checkSponsors([
        { id: 'a', status: 'full' },
        { id: 'a', status: 'full' },
      ])?.rule,
    ).toBe('D9-two-full-member-sponsors');
    expect(
      checkSponsors([
        { id: 'a', status: 'full' },
        { id: 'b', status: 'probationary' },
      ])?.message,
    ).toContain('预备党员不能作入党介绍人');
  });

  it('step 10, 11, 13: vetting recorded, training ≥ 3 days or ≥ 24 学时, pre-review', () => {
    expect(checkVetting('', true)?.rule).toBe('D10-vetting');
    expect(checkVetting('政治合格', true)).toBeNull();
    expect(checkVetting('有问题', false)?.rule).toBe('D10-vetting');
    expect(checkTraining({ days: 3, hours: 0, studyS: 0 })).toBeNull();
    expect(checkTraining({ days: 2.5, hours: 23.5, studyS: 0 })).toMatchObject({ rule: 'D11-training-3-days-or-24-hours' });
    expect(checkTraining({ days: 2, hours: 24, studyS: 0 })).toBeNull();
    expect(checkPreReview(true, false)).toBeNull();
    expect(checkPreReview(true, true)?.rule).toBe('D13-pre-review');
  });

  it('D11: online study hours of the account count with the recorded training; days are the alternative', () => {
    // 18 学时 studied online, nothing recorded: refused with the progress in plain Chinese.
    const short = checkTraining({ days: 0, hours: 0, studyS: 18 * 3600 });
    expect(short).toMatchObject({ rule: 'D11-training-3-days-or-24-hours', details: { studyS: 18 * 3600 } });
    expect(short?.message).toContain('仅完成 18/24 学时（线上学习 18 学时）');
    // Online 18 h + 6 h recorded offline = 24: met exactly at the boundary.
    expect(checkTraining({ days: 0, hours: 6, studyS: 18 * 3600 })).toBeNull();
    // One second short of 24 h is short, and shown rounded down (never "24/24" while refused).
    const almost = trainingProgress({ days: 0, hours: 0, studyS: 24 * 3600 - 1 });
    expect(almost).toMatchObject({ met: false, text: '已完成 23.9/24 学时' });
    expect(trainingProgress({ days: 0, hours: 0, studyS: 24 * 3600 })).toMatchObject({ met: true, text: '已完成 24/24 学时', totalS: 86400 });
    // Days are the alternative: 3 days with no hours at all pass; 2 days and 23.5 h do not.
    expect(checkTraining({ days: 3, hours: 0, studyS: 0 })).toBeNull();
    expect(trainingProgress({ days: 2, hours: 0, studyS: 0 }).text).toBe('已完成 0/24 学时，培训 2/3 天');
    expect(checkTraining({ days: 2, hours: 23.5, studyS: 0 })?.message).toContain('线下培训记录 23.5 学时、培训 2 天');
    // Fractions of a recorded hour are exact in seconds: 0.1 h × 3 + 23.7 h = 24 h.
    expect(trainingProgress({ days: 0, hours: 23.7, studyS: 3 * 360 }).met).toBe(true);
  });

  it('公示: working days on the official calendar; a notice ending on a holiday counts only working days', () => {
    // 2026-09-28 (Mon) … 2026-10-02 (Fri): Mon, Tue, Wed are working days; 1–2 October are 国庆 holidays.
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-10-10')).toBe(true); // 调休 Saturday
    expect(isWorkingDay('2026-10-11')).toBe(false);
    expect(workingDaysBetween('2026-09-28', '2026-10-02')).toBe(3);
    expect(checkPublicNotice('2026-09-28', '2026-10-02', '2026-10-12')).toMatchObject({
      rule: 'D12-public-notice-working-days',
      details: { workingDays: 3, earliestEnd: '2026-10-09' },
    });
    expect(addWorkingDays('2026-09-28', 5)).toBe('2026-10-09');
    expect(checkPublicNotice('2026-09-28', '2026-10-09', '2026-10-12')).toBeNull();
    // An ordinary week: Monday to Friday is exactly five.
    expect(checkPublicNotice('2026-06-01', '2026-06-05', '2026-06-08')).toBeNull();
    expect(checkPublicNotice('2026-06-01', '2026-06-04', '2026-06-08')?.rule).toBe('D12-public-notice-working-days');
    // The meeting comes after the notice ends, not on its last day.
    expect(checkPublicNotice('2026-06-01', '2026-06-05', '2026-06-05')?.message).toContain('公示期满');
    // A year the calendar does not cover is refused, never guessed.
    expect(checkPublicNotice('2030-06-03', '2030-06-07', '2030-06-10')).toMatchObject({
      rule: 'D12-holiday-calendar-missing',
      message: expect.stringContaining('节假日日历尚未包含'),
    });
  });

  it('step 17 and 24: approval within 3 months of the resolution; up to 6 with a reason; never beyond', () => {
    expect(checkApprovalTime('2026-01-15', '2026-04-15', null)).toBeNull();
    expect(checkApprovalTime('2026-01-15', '2026-04-16', null)).toMatchObject({
      rule: 'D17-approval-3-months',
      message: expect.stringContaining('须写明特殊原因'),
    });
    expect(checkApprovalTime('2026-01-15', '2026-04-16', '上级党委换届')).toBeNull();
    expect(checkApprovalTime('2026-01-15', '2026-07-15', '上级党委换届')).toBeNull();
    expect(checkApprovalTime('2026-01-15', '2026-07-16', '上级党委换届')?.message).toContain('已超期');
  });

  it('O7: a 党总支 or a temporary organisation cannot approve', () => {
    expect(checkApprover({ kind: 'committee', isTemporary: false })).toBeNull();
    expect(checkApprover({ kind: 'general_branch', isTemporary: false })).toMatchObject({ rule: 'O7-approver', message: expect.stringContaining('党总支') });
    expect(checkApprover({ kind: 'committee', isTemporary: true })?.message).toContain('临时党组织');
  });

  it('step 19/22/23: probation one year from the resolution; an extension once by 6–12 months', () => {
    expect(probationEnd('2026-03-20')).toBe('2027-03-20');
    expect(checkProbationOver('2026-03-20', 0, '2027-03-19')?.rule).toBe('D19-probation-1-year');
    expect(checkProbationOver('2026-03-20', 0, '2027-03-20')).toBeNull();
    expect(checkExtension(0, 5)?.rule).toBe('D23-extend-once-6-12-months');
    expect(checkExtension(0, 6)).toBeNull();
    expect(checkExtension(0, 12)).toBeNull();
    expect(checkExtension(0, 13)?.rule).toBe('D23-extend-once-6-12-months');
    expect(checkExtension(6, 6)?.message).toContain('只能延长一次');
    expect(checkProbationOver('2026-03-20', 6, '2027-09-19')?.rule).toBe('D19-probation-1-year');
    // M3: 党龄 from the end of probation.
    expect(fullMemberDate('2026-03-20', 6)).toBe('2027-09-20');
  });

  it('step dates: not in the future, not before the previous step', () => {
    expect(checkStepDate('2026-05-02', '2026-05-01', '2026-05-02')).toBeNull();
    expect(checkStepDate('2026-05-03', '2026-05-01', '2026-05-02')?.rule).toBe('D-date-order');
    expect(checkStepDate('2026-04-30', '2026-05-01', '2026-05-02')?.rule).toBe('D-date-order');
  });

  it('deadlines: what is due next, and what is overdue', () => {
    const f = {
      state: 'applied' as const,
      appliedOn: '2026-03-10',
      activistOn: null,
      assessedOn: [],
      resolvedOn: null,
      extendMonths: 0,
      confirmationResolvedOn: null,
    };
    expect(devDeadlines(f)).toEqual([{ label: '派人谈话', due: '2026-04-10', kind: 'before', rule: 'D2-talk-within-1-month' }]);
    expect(overdueDeadlines(f, '2026-04-10')).toEqual([]);
    expect(overdueDeadlines(f, '2026-04-11')).toHaveLength(1);
    const a = { ...f, state: 'cultivating' as const, activistOn: '2026-01-05' };
    expect(devDeadlines(a).map((d) => [d.label, d.due])).toEqual([
      ['下次培养考察', '2026-07-05'],
      ['可列为发展对象', '2027-01-05'],
    ]);
    expect(overdueDeadlines(a, '2026-07-06').map((d) => d.rule)).toEqual(['D6-assessment-6-months']);
  });
});
