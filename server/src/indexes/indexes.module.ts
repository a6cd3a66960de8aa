import { Module } from '@nestjs/common';
import { IndexRecomputeJob } from './index-recompute.job.js';
import { IndexesController } from './indexes.controller.js';
import { IndexesRepository } from './indexes.repository.js';
import { IndexesService } from './indexes.service.js';

/** K5 five indexes (issue 15): versioned definitions, monthly snapshots, rankings; IndexesService.topRanking feeds the big screen. */
@Module({
  controllers: [IndexesController],
  providers: [IndexesRepository, IndexesService, IndexRecomputeJob],
  exports: [IndexesService],
})
export class IndexesModule {}
