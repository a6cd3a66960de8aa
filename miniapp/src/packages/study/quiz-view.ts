/*
 * The quiz page's logic without the page (L3): answers being chosen, what is still unanswered, the
 * countdown to the server's deadline (corrected for the difference between the phone's clock and the
 * server's), and how a finished attempt is shown.
 */

export type QuestionKind = 'single' | 'multiple' | 'true_false';

export const QUESTION_KIND_LABEL: Record<QuestionKind, string> = {
  single: '单选题',
  multiple: '多选题',
  true_false: '判断题',
};

/** The chosen option keys of each question. */
export type Answers = Readonly<Record<string, readonly string[]>>;

/** Choosing `key`: single choice and true/false replace the choice; multiple choice toggles it. */
export function choose(answers: Answers, questionId: string, kind: QuestionKind, key: string): Answers {
  const current = answers[questionId] ?? [];
  if (kind !== 'multiple') return { ...answers, [questionId]: [key] };
  const next = current.includes(key) ? current.filter((k) => k !== key) : [...current, key].sort();
  return { ...answers, [questionId]: next };
}

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

/** 05:07 (or 1:02:03 past an hour). */
export function formatCountdown(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** Tone of the countdown: the last minute is a warning. */
export const countdownTone = (ms: number): 'normal' | 'warning' => (ms <= 60_000 ? 'warning' : 'normal');

/** How one option is shown after submission: the right answer, the member's wrong choice, or plain. */
export function optionState(key: string, chosen: readonly string[], correct: readonly string[]): 'correct' | 'wrong' | 'plain' {
  if (correct.includes(key)) return 'correct';
  if (chosen.includes(key)) return 'wrong';
  return 'plain';
}
