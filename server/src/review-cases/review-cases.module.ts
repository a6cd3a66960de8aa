import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { ReviewCasesController } from './review-cases.controller.js';
import { ReviewCasesRepository } from './review-cases.repository.js';
import { ReviewCasesService } from './review-cases.service.js';
import { ReviewScanJob } from './review-scan.job.js';
import { ReviewCaseTodos } from './review-cases.todos.js';

/** Review cases (C5 now; fees and transfers add kinds): scans, the hourly job, list and close. */
@Module({
  imports: [MeetingsModule],
  controllers: [ReviewCasesController],
  providers: [ReviewCaseTodos, ReviewCasesRepository, ReviewCasesService, ReviewScanJob],
  exports: [ReviewCasesService],
})
export class ReviewCasesModule {}
