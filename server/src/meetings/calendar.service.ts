import { Injectable } from '@nestjs/common';
import {
  CALENDAR_MAX_MEETINGS,
  chinaDate,
  chinaDayStart,
  meetingRules,
  meetingStatus,
  monthGaps,
  type Calendar,
  type CalendarGap,
  type CalendarQuery,
} from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { AttendanceService } from './attendance.service.js';
import { iso } from './meeting.mapper.js';
import { MeetingPlansRepository, type BranchRow } from './meeting-plans.repository.js';

/** The first day of the month after 'YYYY-MM'. */
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/**
 * The 三会一课 month calendar: the meetings the caller is expected at, the meetings of the organisations
 * they run (meeting.manage) or of a chosen subtree (org.read), and the C1 gaps of the branches they run
 * (or of the chosen branch): requirements of the month's periods with too few held or scheduled meetings.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly access: AccessService,
    private readonly plans: MeetingPlansRepository,
    private readonly attendance: AttendanceService,
    private readonly clock: Clock,
  ) {}

  async month(auth: AuthContext, q: CalendarQuery): Promise<Calendar> {
    let roots: string[];
    let branches: BranchRow[];
    if (q.orgId) {
      roots = [await this.access.requireOrg(auth, 'org.read', q.orgId)];
      const org = (await this.plans.org(q.orgId))!;
      branches = org.kind === 'branch' ? [org] : [];
    } else {
      // Only where the caller runs meetings: a committee reading a whole park picks a subtree with orgId.
      roots = this.access.scopes(auth, 'meeting.manage');
      branches = await this.plans.branchesAt(roots);
    }
    const now = this.clock.now();
    const rows = await this.plans.calendarMeetings({
      from: chinaDayStart(`${q.month}-01`),
      to: chinaDayStart(nextMonth(q.month)),
      memberId: auth.memberId ?? null,
      roots,
      limit: CALENDAR_MAX_MEETINGS + 1,
    });
    const meetings = rows.slice(0, CALENDAR_MAX_MEETINGS).map((m) => ({
      id: m.id,
      organisationId: m.organisationId,
      organisationName: m.orgName,
      type: m.type,
      title: m.title,
      startsAt: iso(m.startsAt),
      endsAt: iso(m.endsAt),
      place: m.place,
      status: meetingStatus(m, now),
      date: chinaDate(m.startsAt),
      mine: m.mine,
    }));
    const gaps: CalendarGap[] = [];
    const compliance = await this.attendance.branchCompliance(branches, Number(q.month.slice(0, 4)), meetingRules());
    for (const { compliance: c, plan } of compliance) {
      const entries = plan.filter((e) => e.type !== null).map((e) => ({ month: e.month!, type: e.type!, groupId: e.groupId, topic: e.topic ?? '' }));
      for (const g of monthGaps({ requirements: c.requirements, month: q.month, today: chinaDate(now), plan: entries }))
        gaps.push({ organisationId: c.orgId, organisationName: c.name, ...g });
    }
    return { month: q.month, meetings, truncated: rows.length > CALENDAR_MAX_MEETINGS, gaps };
  }
}
