import { Module } from '@nestjs/common';
import { WorkflowModule } from '../common/workflow.module.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { BallotBoxService } from './ballot-box.service.js';
import { BallotTokens } from './ballot-tokens.js';
import { BallotsController } from './ballots.controller.js';
import { BallotsRepository } from './ballots.repository.js';
import { BallotsService } from './ballots.service.js';
import { ElectionSheetService } from './election-sheet.service.js';
import { ElectionStepsService } from './election-steps.service.js';
import { ElectionsController } from './elections.controller.js';
import { ElectionsRepository } from './elections.repository.js';
import { ElectionsService } from './elections.service.js';
import { MotionsController } from './motions.controller.js';
import { MotionsService } from './motions.service.js';
import { VoteAccess } from './vote-access.js';
import { VOTE_MACHINE_SPECS, VOTE_MACHINES, VoteMachinesCheck } from './vote-machines.js';
import { VoterRollService } from './voter-roll.service.js';

/** Elections (E1–E14), motions and admission votes (V1–V3) by secret QR ballot, on top of meetings and check-in. */
@Module({
  imports: [MeetingsModule, WorkflowModule],
  controllers: [ElectionsController, MotionsController, BallotsController],
  providers: [
    { provide: VOTE_MACHINE_SPECS, useValue: VOTE_MACHINES },
    VoteMachinesCheck,
    BallotTokens,
    ElectionsRepository,
    BallotsRepository,
    VoteAccess,
    VoterRollService,
    BallotBoxService,
    ElectionsService,
    ElectionStepsService,
    MotionsService,
    BallotsService,
    ElectionSheetService,
  ],
})
export class ElectionsModule {}
