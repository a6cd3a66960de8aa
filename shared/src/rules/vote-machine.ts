/*
 * Workflows as data: a transition table (state → action → the states it may lead to) run by a small
 * state machine. The E14 meeting order (election-rules.ts) and the motion steps (motion-rules.ts) are
 * such tables; the server checks at start that every state is reachable and refuses to start if not.
 */

/** `to` lists every state an action may lead to; the caller picks one (e.g. `verify_ballots` → verified or void). */
export type TransitionTable<S extends string, A extends string> = Readonly<Record<S, Readonly<Partial<Record<A, ReadonlyArray<S>>>>>>;

/** An action the table does not allow in the current state, or a target it does not list. */
export class StepOutOfOrderError<S extends string = string, A extends string = string> extends Error {
  constructor(
    readonly state: S,
    readonly action: A,
    readonly allowed: A[],
  ) {
    super(`action ${action} is not allowed in state ${state}`);
  }
}

export function allowedActions<S extends string, A extends string>(table: TransitionTable<S, A>, state: S): A[] {
  return Object.keys(table[state] ?? {}) as A[];
}

/**
 * The state after `action` from `state`. When the action may lead to several states, `target` says
 * which (it must be listed); with one, it may be omitted. Anything else is a StepOutOfOrderError.
 */
export function transition<S extends string, A extends string>(table: TransitionTable<S, A>, state: S, action: A, target?: S): S {
  const to = table[state]?.[action];
  if (!to || to.length === 0) throw new StepOutOfOrderError(state, action, allowedActions(table, state));
  if (target === undefined) {
    if (to.length !== 1) throw new Error(`action ${action} from ${state} needs a target: one of ${to.join(', ')}`);
    return to[0]!;
  }
  if (!to.includes(target)) throw new StepOutOfOrderError(state, action, allowedActions(table, state));
  return target;
}

/** States no path from `initial` reaches (a table error: a workflow that can never get there). */
export function unreachableStates<S extends string, A extends string>(table: TransitionTable<S, A>, initial: S, states: ReadonlyArray<S>): S[] {
  const seen = new Set<S>([initial]);
  const queue: S[] = [initial];
  while (queue.length) {
    const s = queue.shift()!;
    for (const targets of Object.values<ReadonlyArray<S> | undefined>(table[s] ?? {})) {
      for (const t of targets ?? []) {
        if (!seen.has(t)) {
          seen.add(t);
          queue.push(t);
        }
      }
    }
  }
  return states.filter((s) => !seen.has(s));
}

/** Throws when a state is unreachable or a target is not a known state: called at server start. */
export function assertTableSound<S extends string, A extends string>(name: string, table: TransitionTable<S, A>, initial: S, states: ReadonlyArray<S>): void {
  const known = new Set(states);
  for (const s of Object.keys(table) as S[]) {
    if (!known.has(s)) throw new Error(`${name}: unknown state ${s} in the transition table`);
    for (const targets of Object.values<ReadonlyArray<S> | undefined>(table[s])) {
      for (const t of targets ?? []) if (!known.has(t)) throw new Error(`${name}: unknown target state ${t} from ${s}`);
    }
  }
  const lost = unreachableStates(table, initial, states);
  if (lost.length) throw new Error(`${name}: unreachable states ${lost.join(', ')}`);
}
