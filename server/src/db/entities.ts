import { DEVELOPMENT_ENTITIES } from '../development/development.entities.js';
import { AuditLogEntity } from '../audit/audit-log.entity.js';
import { MeetingAttendeeEntity, MeetingCheckinEntity, MeetingEntity, MeetingLeaveEntity, MeetingPhotoEntity } from '../meetings/meeting.entities.js';
import { MEETING_PLAN_ENTITIES } from '../meetings/meeting-plan.entities.js';
import { ReviewCaseEntity } from '../review-cases/review-case.entity.js';
import { FEE_ENTITIES } from '../fees/fee.entities.js';
import { ELECTION_ENTITIES } from '../elections/election.entities.js';
import { NOTIFICATION_ENTITIES } from '../notifications/notification.entities.js';
import { TRANSFER_ENTITIES } from '../transfers/transfer.entities.js';
import { STUDY_ENTITIES } from '../study/study.entities.js';
import { NOTICE_ENTITIES } from '../notices/notice.entities.js';
import { NEWS_ENTITIES } from '../notices/news.entities.js';
import { KNOWLEDGE_ENTITIES } from '../knowledge/knowledge.entities.js';
import { INDEX_ENTITIES } from '../indexes/index.entities.js';
import { POINTS_ENTITIES } from '../points/points.entities.js';
import { CARD_ENTITIES } from '../card/card.entities.js';
import { LEDGER_ENTITIES } from '../ledger/ledger.entities.js';
import { StoredFileEntity } from '../storage/stored-file.entity.js';
import { RateLimitHitEntity } from '../auth/rate-limit-hit.entity.js';
import { JobRunEntity } from '../common/job-run.entity.js';
import { AuthRefreshRotatedEntity, AuthSessionEntity, BindingCodeEntity, RoleAssignmentEntity, UserAccountEntity } from '../auth/auth.entities.js';
import { MemberEntity, MemberStatusChangeEntity } from '../members/member.entity.js';
import { MemberProfileCorrectionEntity } from '../member-corrections/member-correction.entity.js';
import { CommitteePositionEntity } from '../organisations/committee-position.entity.js';
import { CommitteeTermEntity, EnterpriseEntity, OrganisationEntity } from '../organisations/organisation.entity.js';
import { VOLUNTEER_ENTITIES } from '../volunteering/volunteering.entities.js';
import { LIVE_CLASS_ENTITIES } from '../live-class/live-class.entities.js';
import { REQUEST_ENTITIES } from '../requests/requests.entities.js';
import { TEMPORARY_BRANCH_ENTITIES } from '../temporary-branches/temporary-branch.entities.js';
import { PDCA_ENTITIES } from '../pdca/pdca.entities.js';

/** Listed as classes, not globs, so src/ under jest and dist/ in production load alike. */
export const ENTITIES = [
  EnterpriseEntity,
  OrganisationEntity,
  CommitteeTermEntity,
  CommitteePositionEntity,
  MemberEntity,
  MemberStatusChangeEntity,
  UserAccountEntity,
  RoleAssignmentEntity,
  AuthSessionEntity,
  AuthRefreshRotatedEntity,
  BindingCodeEntity,
  AuditLogEntity,
  StoredFileEntity,
  MeetingEntity,
  MeetingAttendeeEntity,
  MeetingCheckinEntity,
  MeetingLeaveEntity,
  MeetingPhotoEntity,
  ReviewCaseEntity,
  ...FEE_ENTITIES,
  ...ELECTION_ENTITIES,
  ...TRANSFER_ENTITIES,
  ...NOTIFICATION_ENTITIES,
  ...STUDY_ENTITIES,
  ...DEVELOPMENT_ENTITIES,
  ...NOTICE_ENTITIES,
  ...NEWS_ENTITIES,
  MemberProfileCorrectionEntity,
  ...KNOWLEDGE_ENTITIES,
  ...MEETING_PLAN_ENTITIES,
  ...INDEX_ENTITIES,
  JobRunEntity,
  RateLimitHitEntity,
  ...VOLUNTEER_ENTITIES,
  ...LIVE_CLASS_ENTITIES,
  ...POINTS_ENTITIES,
  ...CARD_ENTITIES,
  ...LEDGER_ENTITIES,
  ...REQUEST_ENTITIES,
  ...TEMPORARY_BRANCH_ENTITIES,
  ...PDCA_ENTITIES,
];
