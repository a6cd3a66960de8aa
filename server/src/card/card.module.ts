import { Module } from '@nestjs/common';
import { PointsModule } from '../points/points.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { StudyModule } from '../study/study.module.js';
import { VolunteeringModule } from '../volunteering/volunteering.module.js';
import { CardTokens } from './card-tokens.js';
import { CardDistinctionsService } from './card-distinctions.service.js';
import { CardPhotoService } from './card-photo.service.js';
import { CardController } from './card.controller.js';
import { CardRepository } from './card.repository.js';
import { CardService } from './card.service.js';

/** 电子党员名片 (P1, P2). Study hours from StudyModule, points from PointsModule, volunteer hours from VolunteeringModule. */
@Module({
  imports: [PointsModule, StorageModule, StudyModule, VolunteeringModule],
  controllers: [CardController],
  providers: [CardRepository, CardTokens, CardService, CardDistinctionsService, CardPhotoService],
})
export class CardModule {}
