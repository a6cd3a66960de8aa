import { Module } from '@nestjs/common';
import { PointsModule } from '../points/points.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { HeartbeatCache } from './heartbeat-cache.js';
import { StudyAccess } from './study-access.js';
import { StudyAssignmentsRepository } from './study-assignments.repository.js';
import { StudyAssignmentsService } from './study-assignments.service.js';
import { StudyContentService } from './study-content.service.js';
import { StudyMediaController } from './study-media.controller.js';
import { StudyMedia } from './study-media.js';
import { StudyPointsService } from './study-points.service.js';
import { StudyProgressRepository } from './study-progress.repository.js';
import { StudyProgressService } from './study-progress.service.js';
import { StudyQuizService } from './study-quiz.service.js';
import { StudyController } from './study.controller.js';
import { StudyRepository } from './study.repository.js';
import { CourseTodos } from './study.todos.js';

/** Learning (DOMAIN L1–L5): courses, heartbeat progress, hours, quizzes, points, assignments, oversight. */
@Module({
  imports: [StorageModule, PointsModule],
  controllers: [StudyController, StudyMediaController],
  providers: [
    CourseTodos,
    HeartbeatCache,
    StudyAccess,
    StudyMedia,
    StudyContentService,
    StudyProgressService,
    StudyQuizService,
    StudyPointsService,
    StudyAssignmentsService,
    StudyProgressRepository,
    StudyAssignmentsRepository,
    StudyRepository,
  ],
  // Development reads a candidate's online study hours (D11); volunteering and the live class award
  // points, credit heartbeats and keep lessons through these services.
  exports: [StudyProgressService, StudyPointsService, StudyContentService],
})
export class StudyModule {}
