import { chinaDate, chinaDayEnd } from './meeting-rules.js';

/*
 * 志愿服务 (P4): when a volunteer may sign in and out, and how many service seconds an attendance
 * earns. Pure functions shared by the server (which decides) and the mini-program (which explains).
 */

/**
 * P4 **[?]**: the official cap could not be confirmed, so it is a versioned rule-set parameter
 * (default 8 h per activity day). An activity keeps the rule set it was created under, so a later
 * change never alters hours already credited.
 */
export type VolunteerRuleSet = {
  id: VolunteerRuleSetId;
  label: string;
  /** Most hours credited for one China calendar day of an activity. */
  dailyCapHours: number;
  /** Sign-in opens this many minutes before the activity starts. */
  signInOpensMinutes: number;
  /** Sign-out by scan closes this many minutes after the activity ends; later only the organiser confirms. */
  signOutClosesMinutes: number;
};
export const VOLUNTEER_RULE_SET_IDS = ['2026-v1'] as const;
export type VolunteerRuleSetId = (typeof VOLUNTEER_RULE_SET_IDS)[number];
export const VOLUNTEER_RULE_SETS: Record<VolunteerRuleSetId, VolunteerRuleSet> = {
  '2026-v1': { id: '2026-v1', label: '每个活动日最多计 8 小时', dailyCapHours: 8, signInOpensMinutes: 60, signOutClosesMinutes: 120 },
};
export const DEFAULT_VOLUNTEER_RULE_SET: VolunteerRuleSetId = '2026-v1';

export type ActivityWindow = { startsAt: Date; endsAt: Date };

/** Where an attendance stands: what a scan of the activity's QR code does now. */
export type ScanDecision =
  { action: 'sign_in' } | { action: 'sign_out' } | { action: 'refuse'; reason: 'not_open' | 'closed' | 'already_signed_out' | 'sign_out_closed' };

/**
 * P4: the first scan signs in (from `signInOpensMinutes` before the start until the end), the next
 * one signs out (until `signOutClosesMinutes` after the end; later the organiser confirms the time).
 */
export function decideScan(w: ActivityWindow, rules: VolunteerRuleSet, a: { signedInAt: Date | null; signedOutAt: Date | null }, now: Date): ScanDecision {
  const t = now.getTime();
  if (a.signedOutAt) return { action: 'refuse', reason: 'already_signed_out' };
  if (a.signedInAt) {
    return t <= w.endsAt.getTime() + rules.signOutClosesMinutes * 60_000 ? { action: 'sign_out' } : { action: 'refuse', reason: 'sign_out_closed' };
  }
  if (t < w.startsAt.getTime() - rules.signInOpensMinutes * 60_000) return { action: 'refuse', reason: 'not_open' };
  if (t > w.endsAt.getTime()) return { action: 'refuse', reason: 'closed' };
  return { action: 'sign_in' };
}

/**
 * P4: seconds of service from sign-in to sign-out, each China calendar day capped at
 * `dailyCapHours` (an overnight rescue spanning two days is capped per day, not once).
 * Zero when sign-out is not after sign-in.
 */
export function serviceSeconds(signedInAt: Date, signedOutAt: Date, dailyCapHours: number): number {
  const capMs = dailyCapHours * 3600_000;
  let from = signedInAt.getTime();
  const to = signedOutAt.getTime();
  let total = 0;
  while (from < to) {
    const dayEnd = Math.min(chinaDayEnd(chinaDate(new Date(from))).getTime(), to);
    total += Math.min(dayEnd - from, capMs);
    from = dayEnd;
  }
  return Math.floor(total / 1000);
}

/** Hours as people read them: one decimal (1.5 小时). */
export const hoursLabel = (seconds: number) => `${Math.round(seconds / 360) / 10} 小时`;

/**
 * P4: the organiser's confirmed sign-out time for a volunteer who did not scan out: after the
 * sign-in, not in the future, not later than the end of the sign-out window.
 */
export function confirmableSignOut(w: ActivityWindow, rules: VolunteerRuleSet, signedInAt: Date, at: Date, now: Date): boolean {
  const t = at.getTime();
  return t > signedInAt.getTime() && t <= now.getTime() && t <= w.endsAt.getTime() + rules.signOutClosesMinutes * 60_000;
}

/** Whole hours crossed when credited seconds go from `before` to `after` (one points award each). */
export const wholeHoursCrossed = (before: number, after: number): number[] => {
  const out: number[] = [];
  for (let h = Math.floor(before / 3600) + 1; h <= Math.floor(after / 3600); h++) out.push(h);
  return out;
};

/** 志愿者 sign-up: confirmed while places remain, else on the waiting list (the database decides under a row lock). */
export const signUpState = (confirmed: number, capacity: number): 'confirmed' | 'waitlisted' => (confirmed < capacity ? 'confirmed' : 'waitlisted');
