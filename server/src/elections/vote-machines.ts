import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ELECTION_INITIAL_STATE, ELECTION_STATES, ELECTION_TRANSITIONS, MOTION_INITIAL_STATE, MOTION_STATES, MOTION_TRANSITIONS } from '@dangjian/shared';
import { checkMachines, type MachineSpec } from '../common/workflow.js';

export type { MachineSpec };

/** The workflows the server runs: the E14 election order and the motion steps. */
export const VOTE_MACHINES: MachineSpec[] = [
  { name: 'election (E14)', table: ELECTION_TRANSITIONS, initial: ELECTION_INITIAL_STATE, states: ELECTION_STATES },
  { name: 'motion (V1–V3)', table: MOTION_TRANSITIONS, initial: MOTION_INITIAL_STATE, states: MOTION_STATES },
];
export const VOTE_MACHINE_SPECS = Symbol('VOTE_MACHINE_SPECS');

/** Throws when a table has a state no path reaches, or a target that is not a state. */
export const checkVoteMachines = (specs: ReadonlyArray<MachineSpec>): void => checkMachines(specs);

/** Runs the check while the application starts: a broken table stops the server before it listens. */
@Injectable()
export class VoteMachinesCheck implements OnModuleInit {
  constructor(@Inject(VOTE_MACHINE_SPECS) private readonly specs: MachineSpec[]) {}

  onModuleInit(): void {
    checkVoteMachines(this.specs);
  }
}
