import { Injectable, type OnModuleInit } from '@nestjs/common';
import { TRANSFER_INITIAL_STATE, TRANSFER_KIND_STATES, TRANSFER_KINDS, TRANSFER_TRANSITIONS } from '@dangjian/shared';
import { checkMachines } from '../common/workflow.js';

/** Throws when a kind's table has a state no path reaches, or a target that is not one of its states. */
export function checkTransferMachines(tables: typeof TRANSFER_TRANSITIONS = TRANSFER_TRANSITIONS): void {
  checkMachines(
    TRANSFER_KINDS.map((kind) => ({
      name: `transfer ${kind} (T1/T2/T7)`,
      table: tables[kind],
      initial: TRANSFER_INITIAL_STATE,
      states: TRANSFER_KIND_STATES[kind],
    })),
  );
}

/** Runs the check while the application starts: a broken table stops the server before it listens. */
@Injectable()
export class TransferMachinesCheck implements OnModuleInit {
  onModuleInit(): void {
    checkTransferMachines();
  }
}
