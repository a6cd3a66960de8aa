import { Module } from '@nestjs/common';
import { StudyModule } from '../study/study.module.js';
import { LiveClassController } from './live-class.controller.js';
import { LiveClassRepository } from './live-class.repository.js';
import { LiveClassService } from './live-class.service.js';

/** 红色直播间 (issue 17): its course, lessons, heartbeats and points go through the study module's services. */
@Module({
  imports: [StudyModule],
  controllers: [LiveClassController],
  providers: [LiveClassRepository, LiveClassService],
})
export class LiveClassModule {}
