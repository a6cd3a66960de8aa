import { Module } from '@nestjs/common';
import { IndexesModule } from '../indexes/indexes.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { ConsoleController } from './console.controller.js';
import { ConsoleRepository } from './console.repository.js';
import { ConsoleService } from './console.service.js';
import { IndexesHallRanking, LedgerHallCoverage } from './hall-sources.js';
import { HALL_COVERAGE, HALL_RANKING } from './hall-summaries.js';

/**
 * The desktop console's chart series and the committee hall's big screen (issue 15). Coverage (ledger)
 * and index rankings (indexes) reach the screen through HALL_COVERAGE / HALL_RANKING.
 */
@Module({
  imports: [LedgerModule, IndexesModule],
  controllers: [ConsoleController],
  providers: [
    ConsoleRepository,
    ConsoleService,
    { provide: HALL_COVERAGE, useClass: LedgerHallCoverage },
    { provide: HALL_RANKING, useClass: IndexesHallRanking },
  ],
})
export class ConsoleModule {}
