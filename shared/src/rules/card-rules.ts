/*
 * 电子党员名片 (P1, P2): the QR token's grammar and the verdict of a scan. The server signs and
 * verifies (server/src/card/card-tokens.ts, keys from DATA_KEY like the other signed tokens); the
 * pages only read. Two kinds share one grammar, told apart by the prefix the signature covers:
 *   c1.<kid>.<member>.<issued, unix s>.<sig>   the rotating on-screen code (also kept for offline use)
 *   p1.<kid>.<member>.<expires, unix s>.<sig>  a printed card (the secretary's PDF sheet)
 */

import type { CardPrivacy, MemberCard, PublicCard } from '../card.js';

const ID_CHARS = '[A-Za-z0-9_-]';
export const CARD_TOKEN = new RegExp(`^(?:[cp]1)\\.(${ID_CHARS}{1,16})\\.(${ID_CHARS}{22})\\.(\\d{1,12})\\.(${ID_CHARS}{22})$`);

/** The H5 route of the public verify page (no sign-in): a phone camera opens the QR's link here. */
export const CARD_VERIFY_PATH = '/card/verify';
export const cardVerifyUrl = (baseUrl: string, token: string) => `${baseUrl}/#${CARD_VERIFY_PATH}?t=${encodeURIComponent(token)}`;

/** The token in a scanned or pasted text: the verify link (possibly URL-encoded, as WeChat passes `q`) or the bare token. */
export function cardTokenFrom(raw: string): string | null {
  let s = raw.trim();
  for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(s); i++) {
    try {
      s = decodeURIComponent(s);
    } catch {
      return null;
    }
  }
  const m = /[?&]t=([^&#\s]+)/.exec(s);
  const token = m ? m[1]! : s;
  return CARD_TOKEN.test(token) ? token : null;
}

export type CardVerdict = 'current' | 'offline' | 'expired' | 'inactive' | 'invalid';

export const CARD_VERDICT_LABEL: Record<CardVerdict, string> = {
  current: '真实有效',
  offline: '真实有效（离线名片）',
  expired: '名片已过期',
  inactive: '名片已失效',
  invalid: '无法核验',
};

/** How long an on-screen code counts as live, and as an offline code; seconds. */
export type CardWindows = { freshS: number; offlineS: number };

/**
 * P2: the verdict of a genuine token (the signature is checked first: a forged one is `invalid`).
 * The member's standing comes first — a departed or suspended member's card never verifies, however
 * new the code; then the age: a live code is `current`, an older one within the offline window is
 * `offline` (shown with the time it was signed), beyond it a replayed screenshot is `expired`. A
 * printed card is current until the date printed on it.
 */
export function cardVerdict(
  t: { kind: 'c1' | 'p1'; time: number },
  member: { onRoll: boolean; suspended: boolean },
  nowS: number,
  w: CardWindows,
): CardVerdict {
  if (!member.onRoll || member.suspended) return 'inactive';
  if (t.kind === 'p1') return nowS <= t.time ? 'current' : 'expired';
  const age = nowS - t.time;
  // A code signed in the future (a clock far ahead) is not trusted either.
  if (age < -60) return 'invalid';
  if (age <= w.freshS) return 'current';
  return age <= w.offlineS ? 'offline' : 'expired';
}

/**
 * P1: the public view of a card — the minimum (name, photo, organisation, status, 党龄, posts) and
 * only the extras the member chose. The member's own card never reaches a public caller whole; the
 * national ID and the phone are not in it at all.
 */
export function publicCardView(c: MemberCard, p: CardPrivacy): PublicCard {
  return {
    name: c.name,
    photoUrl: c.photoUrl,
    orgName: c.orgName,
    statusLabel: c.statusLabel,
    partyYears: c.partyYears,
    posts: c.posts,
    year: c.year,
    ...(p.showStudy ? { studyHours: c.studyHours } : {}),
    ...(p.showPoints ? { yearPoints: c.yearPoints } : {}),
    ...(p.showVolunteer ? { volunteerHours: c.volunteerHours } : {}),
    ...(p.showHonours ? { honours: c.honours } : {}),
  };
}

/**
 * 先锋岗履职 (P3, activity `vanguard_duty`): a duty is recorded by the branch for a member holding a
 * 先锋岗, on a day from the post's grant to today and at most `VANGUARD_DUTY_BACKDATE_DAYS` back
 * (**[?]** 30: a month's duties are recorded at the latest at the next month's branch meeting).
 * The points and their daily/yearly caps are the ledger's (`points_award()`).
 */
export const VANGUARD_DUTY_BACKDATE_DAYS = 30;

export function vanguardDutyProblem(performedOn: string, post: { kind: 'vanguard' | 'honour'; awardedOn: string }, today: string): string | null {
  if (post.kind !== 'vanguard') return '只有先锋岗可以记录履职';
  if (performedOn > today) return '履职日期不能晚于今天';
  if (performedOn < post.awardedOn) return '履职日期早于先锋岗设立日期';
  const back = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${performedOn}T00:00:00Z`)) / 86_400_000;
  if (back > VANGUARD_DUTY_BACKDATE_DAYS) return `只能记录 ${VANGUARD_DUTY_BACKDATE_DAYS} 天内的履职`;
  return null;
}
