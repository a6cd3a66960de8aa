import type { MotionAction } from '../elections.js';
import {
  ELECTION_RULE_SETS,
  MOTION_KIND_RULE,
  MotionState,
  type BallotMark,
  type ElectionRuleSetId,
  type MotionKind,
  type MotionTally,
  type Quorum,
} from '../elections.js';
import type { TransitionTable } from './vote-machine.js';

/*
 * Motions and admission votes V1–V3 as pure functions. Integer arithmetic throughout: "at least half"
 * is present × 2 ≥ n, "more than half" is x × 2 > n.
 */

/** Draft (written opinions may be recorded) → open → closed → counted, or void (more ballots than voters) → again. */
export const MOTION_TRANSITIONS: TransitionTable<MotionState, MotionAction> = {
  draft: { open_voting: ['voting_open'], cancel: ['cancelled'] },
  voting_open: { close_voting: ['voting_closed'] },
  voting_closed: { count: ['counted', 'void'] },
  void: { rerun: ['draft'] },
  counted: {},
  cancelled: {},
};
export const MOTION_INITIAL_STATE: MotionState = 'draft';
export const MOTION_STATES = MotionState.options;

/**
 * The quorum of each rule. V1: present ≥ half of the voting members. V2: present voting members >
 * half of 应到会. V3: ≥ half of the committee members present.
 */
export function motionQuorum(kind: MotionKind, required: number, present: number): Quorum {
  const rule = MOTION_KIND_RULE[kind];
  const strict = rule === 'V2';
  const met = required > 0 && (strict ? present * 2 > required : present * 2 >= required);
  const minimum = strict ? Math.floor(required / 2) + 1 : Math.ceil(required / 2);
  const who = rule === 'V3' ? '支部委员' : '有表决权的党员';
  const need = strict ? '超过半数' : '达到半数';
  return {
    rule,
    required,
    present,
    minimum,
    met,
    message: met
      ? `应到会${who} ${required} 人，实到会 ${present} 人，${need}，可以表决`
      : `应到会${who} ${required} 人，实到会 ${present} 人，须${need}（至少 ${minimum} 人）方可表决`,
  };
}

export type MotionTallyInput = {
  kind: MotionKind;
  ruleSet: ElectionRuleSetId;
  /** 应到会: voting members (V1, V2: full members; V3: committee members). */
  required: number;
  /** Present (checked in) on the roll when voting closed. */
  present: number;
  /** Ballots issued: voters marked as having voted. */
  issued: number;
  ballots: ReadonlyArray<BallotMark>;
  /** V2: written opinions of voting members who were absent and did not vote (only these count). */
  written: ReadonlyArray<BallotMark>;
};

/**
 * V1: passes with 赞成 > half of 应到会. V2: 赞成 (ballots plus the counted written opinions) > half
 * of 应到会 full members. V3: 赞成 > half of the committee (or of those present, per rule set). Void
 * (re-vote) when more ballots were collected than issued; never passes without its quorum.
 */
export function tallyMotion(input: MotionTallyInput): MotionTally {
  const rule = MOTION_KIND_RULE[input.kind];
  const count = (list: ReadonlyArray<BallotMark>, m: BallotMark) => list.filter((x) => x === m).length;
  const written = rule === 'V2' ? input.written : [];
  const quorum = motionQuorum(input.kind, input.required, input.present);
  const base = rule === 'V3' && ELECTION_RULE_SETS[input.ruleSet].committeeMajorityBase === 'present' ? input.present : input.required;
  const yes = count(input.ballots, 'for') + count(written, 'for');
  const isVoid = input.ballots.length > input.issued;
  const passed = !isVoid && quorum.met && base > 0 && yes * 2 > base;
  const threshold = Math.floor(base / 2) + 1;
  const message = isVoid
    ? '收回票数多于发出票数，表决无效，应重新表决'
    : !quorum.met
      ? `到会人数不足，表决不成立：${quorum.message}`
      : passed
        ? `赞成 ${yes} 票，超过半数（${base} 的一半），通过`
        : `赞成 ${yes} 票，未超过半数（至少须 ${threshold} 票），未通过`;
  return {
    rule,
    void: isVoid,
    required: input.required,
    present: input.present,
    quorum,
    issued: input.issued,
    collected: input.ballots.length,
    for: count(input.ballots, 'for'),
    against: count(input.ballots, 'against'),
    abstain: count(input.ballots, 'abstain'),
    writtenFor: count(written, 'for'),
    writtenAgainst: count(written, 'against'),
    writtenAbstain: count(written, 'abstain'),
    majorityBase: base,
    threshold,
    passed,
    message,
  };
}
