import type { ElectionAction, MotionAction } from '@dangjian/shared';

/**
 * What each step that cannot be undone will do, said before it runs. Steps that only record what the
 * meeting decided (reporting attendance, adopting the rules) run on one tap.
 */
export const ELECTION_STEP_CONFIRM: Partial<Record<ElectionAction, string>> = {
  open_voting: '发放选票后，到会党员即可扫码投票，选举办法、候选人和监票人不能再改。',
  close_voting: '结束投票后，未投票的党员不能再投票。',
  verify_ballots: '清点后将核对收回票数与发出票数，结果记入选举记录。',
  count: '计票结果将记入选举记录，不能更改。',
  sign: '签字即确认本轮计票结果无误。',
  announce: '宣布后选举结果将公布给全体党员。',
  rerun: '本轮选票作废，重新发放选票投票。',
  start_runoff: '将对票数相等的被选举人再次投票。',
};

export const MOTION_STEP_CONFIRM: Partial<Record<MotionAction, string>> = {
  open_voting: '开始后，到会党员即可扫码表决，表决事项不能再改。',
  close_voting: '结束后，未表决的党员不能再表决。',
  count: '计票结果将记入表决记录，不能更改。',
  rerun: '本轮表决作废，重新表决。',
};
