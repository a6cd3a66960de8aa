/*
 * The quiz page's logic without the page (L3): answers being chosen, what is still unanswered, the
 * countdown to the server's deadline (corrected for the difference between the phone's clock and the
 * server's), and how a finished attempt is shown.
 */

import type { QuestionKind } from '@dangjian/shared';
import { formatDuration } from './format';

/** The chosen option indexes of each question (the wire shape of SubmitAttempt.answers). */
export type Answers = Readonly<Record<string, readonly number[]>>;

/** Choosing option `index`: single choice and true/false replace the choice; multiple choice toggles it. */
export function choose(answers: Answers, questionId: string, kind: QuestionKind, index: number): Answers {
  const current = answers[questionId] ?? [];
  if (kind !== 'multiple') return { ...answers, [questionId]: [index] };
  const next = current.includes(index) ? current.filter((k) => k !== index) : [...current, index].sort((a, b) => a - b);
  return { ...answers, [questionId]: next };
}

/** A, B, C … for option indexes. */
export const optionLetter = (index: number): string => String.fromCharCode(65 + index);

/** The 1-based numbers of the questions without an answer, to name them before submitting. */
export function unansweredNumbers(questionIds: readonly string[], answers: Answers): number[] {
  return questionIds.flatMap((id, i) => ((answers[id]?.length ?? 0) === 0 ? [i + 1] : []));
}

/**
 * Milliseconds left until the server's deadline. `skewMs` = server time − phone time, measured when the
 * attempt started (server's `now` against the phone's clock at the answer), so a phone whose clock is
 * wrong still counts down the server's time.
 */
export function remainingMs(deadline: string, skewMs: number, phoneNow: number): number {
  return Math.max(0, Date.parse(deadline) - (phoneNow + skewMs));
}

export const clockSkewMs = (serverNow: string, phoneNow: number): number => Date.parse(serverNow) - phoneNow;

/** 05:07 (or 1:02:03 past an hour); a started second counts as a whole one. */
export const formatCountdown = (ms: number): string => formatDuration(Math.ceil(ms / 1000));

/** Tone of the countdown: the last minute is a warning. */
export const countdownTone = (ms: number): 'normal' | 'warning' => (ms <= 60_000 ? 'warning' : 'normal');

/** How one option is shown after submission: the right answer, the member's wrong choice, or plain. */
export function optionState(index: number, given: readonly number[], answer: readonly number[]): 'correct' | 'wrong' | 'plain' {
  if (answer.includes(index)) return 'correct';
  if (given.includes(index)) return 'wrong';
  return 'plain';
}
