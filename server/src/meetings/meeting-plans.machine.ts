import { MEETING_PLAN_INITIAL, MEETING_PLAN_STATES, MEETING_PLAN_TRANSITIONS } from '@dangjian/shared';
import type { MachineSpec } from '../common/workflow.js';

/** The yearly plan's table as the start-up check sees it (every state reachable, every target a state). */
export const MEETING_PLAN_MACHINE: MachineSpec = {
  name: 'meeting plan (年度计划)',
  table: MEETING_PLAN_TRANSITIONS,
  initial: MEETING_PLAN_INITIAL,
  states: MEETING_PLAN_STATES,
};
