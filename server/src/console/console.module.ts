import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller.js';
import { ConsoleRepository } from './console.repository.js';
import { ConsoleService } from './console.service.js';

/**
 * The desktop console's chart series and the committee hall's big screen (issue 15). Coverage (ledger)
 * and index rankings (indexes) join the screen by providing HALL_COVERAGE / HALL_RANKING here.
 */
@Module({
  controllers: [ConsoleController],
  providers: [ConsoleRepository, ConsoleService],
})
export class ConsoleModule {}
