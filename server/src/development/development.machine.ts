import { DEV_INITIAL_STATE, DEV_STATES, DEV_TRANSITIONS } from '@dangjian/shared';
import type { MachineSpec } from '../common/workflow.js';

/** The 25-step table as the start-up check sees it (every state reachable, every target a state). */
export const DEVELOPMENT_MACHINE: MachineSpec = { name: 'development (D, 25 steps)', table: DEV_TRANSITIONS, initial: DEV_INITIAL_STATE, states: DEV_STATES };
