import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ElectionsModule } from './elections/elections.module.js';
import { FeesModule } from './fees/fees.module.js';
import { MeetingsModule } from './meetings/meetings.module.js';
import { MembersModule } from './members/members.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { OrganisationsModule } from './organisations/organisations.module.js';
import { ReviewCasesModule } from './review-cases/review-cases.module.js';
import { TransfersModule } from './transfers/transfers.module.js';
import { StudyModule } from './study/study.module.js';
import { DevelopmentModule } from './development/development.module.js';
import { NoticesModule } from './notices/notices.module.js';
import { TodosModule } from './todos/todos.module.js';
import { MemberCorrectionsModule } from './member-corrections/member-corrections.module.js';
import { KnowledgeModule } from './knowledge/knowledge.module.js';
import { IndexesModule } from './indexes/indexes.module.js';
import { VolunteeringModule } from './volunteering/volunteering.module.js';
import { LiveClassModule } from './live-class/live-class.module.js';
import { PointsModule } from './points/points.module.js';
import { CardModule } from './card/card.module.js';
import { ConsoleModule } from './console/console.module.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { RequestsModule } from './requests/requests.module.js';
import { TemporaryBranchesModule } from './temporary-branches/temporary-branches.module.js';
import { PdcaModule } from './pdca/pdca.module.js';

/** Feature modules, one per domain. Each new module is added here. */
export const FEATURE_MODULES = [
  AuthModule,
  OrganisationsModule,
  MembersModule,
  AuditModule,
  MeetingsModule,
  ReviewCasesModule,
  FeesModule,
  ElectionsModule,
  NotificationsModule,
  RemindersModule,
  TransfersModule,
  StudyModule,
  TodosModule,
  NoticesModule,
  DevelopmentModule,
  MemberCorrectionsModule,
  KnowledgeModule,
  IndexesModule,
  VolunteeringModule,
  LiveClassModule,
  PointsModule,
  CardModule,
  ConsoleModule,
  LedgerModule,
  RequestsModule,
  TemporaryBranchesModule,
  PdcaModule,
];
