import { Module } from '@nestjs/common';
import { CoverageService } from './coverage.service.js';
import { LedgerSheetService } from './ledger-sheet.service.js';
import { LedgerController } from './ledger.controller.js';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerService } from './ledger.service.js';
import { LedgerVisitTodos } from './ledger.todos.js';
import { OfficersService } from './officers.service.js';

/**
 * The committee's enterprise ledger and coverage (issue 15: K1–K4) and the instructors and liaison
 * officers with their visits (issue 18: S1). CoverageService is exported for the big screen.
 */
@Module({
  controllers: [LedgerController],
  providers: [LedgerRepository, LedgerService, LedgerSheetService, CoverageService, OfficersService, LedgerVisitTodos],
  exports: [CoverageService],
})
export class LedgerModule {}
