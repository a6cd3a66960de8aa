import { Foundation1763800000000 } from './1763800000000-foundation.js';
import { Organisations1795323612207 } from './1795323612207-organisations.js';
import { Members1795324009333 } from './1795324009333-members.js';
import { OrganisationSubtreeCounts1795324466951 } from './1795324466951-organisation-subtree-counts.js';
import { MemberCountPerStatement1795324719955 } from './1795324719955-member-count-per-statement.js';
import { Meetings1795324859991 } from './1795324859991-meetings.js';
import { MemberListCoveringIndex1795325203380 } from './1795325203380-member-list-covering-index.js';
import { Fees1795325400000 } from './1795325400000-fees.js';
import { FeeBillBulk1795325500000 } from './1795325500000-fee-bill-bulk.js';
import { FeeOrgMonthPath1795325600000 } from './1795325600000-fee-org-month-path.js';
import { Elections1795326000000 } from './1795326000000-elections.js';
import { Transfers1795327000000 } from './1795327000000-transfers.js';
import { TransferOrgMoves1795327100000 } from './1795327100000-transfer-org-moves.js';
import { TransferQueue1795327200000 } from './1795327200000-transfer-queue.js';
import { MemberDeparture1795327300000 } from './1795327300000-member-departure.js';
import { MemberNationalIdOnRoll1795327310000 } from './1795327310000-member-national-id-on-roll.js';
import { Study1795328000000 } from './1795328000000-study.js';
import { StudyClockSession1795328100000 } from './1795328100000-study-clock-session.js';
import { StudyFileOrg1795328200000 } from './1795328200000-study-file-org.js';
import { StudyHeartbeatOpen1795328300000 } from './1795328300000-study-heartbeat-open.js';
import { StudyCourseArchive1795328400000 } from './1795328400000-study-course-archive.js';
import { StudyCheckinPointsFollow1795328500000 } from './1795328500000-study-checkin-points-follow.js';
import { HeartbeatPg151795330001000 } from './1795330001000-heartbeat-pg15.js';
import { RefreshReuse1795330002000 } from './1795330002000-refresh-reuse.js';
import { DumpSafeTriggers1795330003000 } from './1795330003000-dump-safe-triggers.js';
import { Notices1795333001000 } from './1795333001000-notices.js';
import { MeetingReminders1795333002000 } from './1795333002000-meeting-reminders.js';
import { Development1795334001000 } from './1795334001000-development.js';
import { PhonesAtRest1795336000000 } from './1795336000000-phones-at-rest.js';
import { StudyLearnerAccount1795337000000 } from './1795337000000-study-learner-account.js';
import { MemberCorrections1795338001000 } from './1795338001000-member-corrections.js';
import { News1795340001000 } from './1795340001000-news.js';
import { MeetingPlans1795339000000 } from './1795339000000-meeting-plans.js';
import { Knowledge1795341001000 } from './1795341001000-knowledge.js';
import { KnowledgeGramsColumn1795343000000 } from './1795343000000-knowledge-grams-column.js';
import { Ledger1795350000000 } from './1795350000000-ledger.js';
import { NewsComments1795342001000 } from './1795342001000-news-comments.js';
import { Indexes1795351001000 } from './1795351001000-indexes.js';
import { Scale1795357000000 } from './1795357000000-scale.js';
import { VanguardDuty1795370000000 } from './1795370000000-vanguard-duty.js';
import { CardPhoto1795370001000 } from './1795370001000-card-photo.js';
import { Volunteering1795355001000 } from './1795355001000-volunteering.js';
import { LiveClass1795355002000 } from './1795355002000-live-class.js';
import { Points1795354000000 } from './1795354000000-points.js';
import { MemberCard1795354100000 } from './1795354100000-member-card.js';
import { PointsSources1795354200000 } from './1795354200000-points-sources.js';
import { Requests1795356001000 } from './1795356001000-requests.js';
import { Pdca1795352001000 } from './1795352001000-pdca.js';
import { OrgSubtreeTotals1795390000000 } from './1795390000000-org-subtree-totals.js';
import { HeartbeatUnlocked1795400000000 } from './1795400000000-heartbeat-unlocked.js';
import { BallotCastFn1795400001000 } from './1795400001000-ballot-cast-fn.js';
import { CheckinRecordFn1795400002000 } from './1795400002000-checkin-record-fn.js';
import { CheckinRecordBatchFn1795400003000 } from './1795400003000-checkin-record-batch-fn.js';
import { CheckinPointsQueue1795400004000 } from './1795400004000-checkin-points-queue.js';
import { HeartbeatBatch1795400005000 } from './1795400005000-heartbeat-batch.js';
import { BallotCastBatch1795400006000 } from './1795400006000-ballot-cast-batch.js';
import { HeartbeatSetBased1795400007000 } from './1795400007000-heartbeat-set-based.js';
import { StudyChanged1795400008000 } from './1795400008000-study-changed.js';

/** In order. Each module that changes the schema adds its migration class here. */
export const MIGRATIONS = [
  Foundation1763800000000,
  Organisations1795323612207,
  Members1795324009333,
  OrganisationSubtreeCounts1795324466951,
  MemberCountPerStatement1795324719955,
  Meetings1795324859991,
  MemberListCoveringIndex1795325203380,
  Fees1795325400000,
  FeeBillBulk1795325500000,
  FeeOrgMonthPath1795325600000,
  Elections1795326000000,
  Transfers1795327000000,
  TransferOrgMoves1795327100000,
  TransferQueue1795327200000,
  MemberDeparture1795327300000,
  MemberNationalIdOnRoll1795327310000,
  Study1795328000000,
  StudyClockSession1795328100000,
  StudyFileOrg1795328200000,
  StudyHeartbeatOpen1795328300000,
  StudyCourseArchive1795328400000,
  StudyCheckinPointsFollow1795328500000,
  HeartbeatPg151795330001000,
  RefreshReuse1795330002000,
  DumpSafeTriggers1795330003000,
  Notices1795333001000,
  MeetingReminders1795333002000,
  Development1795334001000,
  PhonesAtRest1795336000000,
  StudyLearnerAccount1795337000000,
  MemberCorrections1795338001000,
  MeetingPlans1795339000000,
  News1795340001000,
  Knowledge1795341001000,
  NewsComments1795342001000,
  KnowledgeGramsColumn1795343000000,
  Ledger1795350000000,
  Indexes1795351001000,
  Pdca1795352001000,
  Points1795354000000,
  MemberCard1795354100000,
  PointsSources1795354200000,
  Volunteering1795355001000,
  LiveClass1795355002000,
  Requests1795356001000,
  Scale1795357000000,
  VanguardDuty1795370000000,
  CardPhoto1795370001000,
  OrgSubtreeTotals1795390000000,
  HeartbeatUnlocked1795400000000,
  BallotCastFn1795400001000,
  CheckinRecordFn1795400002000,
  CheckinRecordBatchFn1795400003000,
  CheckinPointsQueue1795400004000,
  HeartbeatBatch1795400005000,
  BallotCastBatch1795400006000,
  HeartbeatSetBased1795400007000,
  StudyChanged1795400008000,
];
