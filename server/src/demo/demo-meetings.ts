import { chinaDate, chinaDayEnd, type MeetingType } from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import { MeetingAttendeeEntity, MeetingCheckinEntity, MeetingEntity, MeetingLeaveEntity } from '../meetings/meeting.entities.js';
import type { MemberEntity } from '../members/member.entity.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

type DemoMeeting = {
  type: MeetingType;
  title: string;
  /** Start, relative to the moment the demo is loaded. */
  startsIn: number;
  /** Kept on the China day the demo is loaded (the 党课 of "today", even when loaded at 23:50). */
  today?: boolean;
  hours: number;
  place: string;
  agenda: string;
  /** Share of expected members who checked in (past meetings). */
  present?: number;
  leaves?: string[];
  minutes?: string;
};

/**
 * 三会一课 of the demo branch, relative to the moment the demo is loaded: a 党员大会 last month with a
 * complete record (C2), a 主题党日 whose minutes are still missing, a 党课 whose check-in is open right
 * now (scan it from the projector screen), and an upcoming 组织生活会.
 */
const MEETINGS: DemoMeeting[] = [
  {
    type: 'general_assembly',
    title: '第四季度党员大会',
    // 35 and 10 days back: one of this and the 主题党日 lies in the previous calendar month, whatever
    // today's date (the calendar's previous month is never empty).
    startsIn: -35 * DAY,
    hours: 2,
    place: '星云科技 A 座 12 层大会议室',
    agenda: '一、通报支部近期工作\n二、讨论发展对象人选\n三、学习《中国共产党支部工作条例（试行）》',
    present: 0.85,
    leaves: ['出差在外地客户现场', '家中老人住院陪护', '参加公司年度培训'],
    minutes:
      '会议由支部书记主持，应到 36 人，实到 31 人，请假 3 人。会议通报了支部第三季度工作，讨论了发展对象人选，集体学习了《中国共产党支部工作条例（试行）》。',
  },
  {
    type: 'theme_day',
    title: '主题党日：走进红色展馆',
    startsIn: -10 * DAY,
    hours: 3,
    place: '市革命历史纪念馆',
    agenda: '参观红色展馆，重温入党誓词',
    present: 0.75,
    leaves: ['项目上线值班'],
  },
  {
    type: 'party_lecture',
    title: '党课：新时代党员的初心与使命',
    startsIn: 20 * MINUTE,
    today: true,
    hours: 1.5,
    place: '星云科技 A 座 12 层大会议室',
    agenda: '书记讲党课，交流研讨',
  },
  {
    type: 'life_meeting',
    title: '年度组织生活会',
    startsIn: 21 * DAY,
    hours: 3,
    place: '星云科技 A 座 8 层会议室',
    agenda: '一、支部班子对照检查\n二、党员开展批评与自我批评\n三、民主评议党员',
  },
];

/** When each demo meeting takes place, the demo being loaded at `now`. */
export function demoMeetingTimes(now: number): { spec: DemoMeeting; startsAt: Date; endsAt: Date }[] {
  // A meeting "of today" starts at the latest one minute before China midnight: its check-in is open
  // all the same (it opens 30 minutes before the start and closes at the end).
  const lastMinuteToday = chinaDayEnd(chinaDate(new Date(now))).getTime() - MINUTE;
  return MEETINGS.map((spec) => {
    const startsAt = new Date(spec.today ? Math.min(now + spec.startsIn, lastMinuteToday) : now + spec.startsIn);
    return { spec, startsAt, endsAt: new Date(startsAt.getTime() + spec.hours * 60 * MINUTE) };
  });
}

/** Loads the demo meetings of one branch (its members in `members`, chair and recorder first). */
export async function seedDemoMeetings(m: EntityManager, orgId: string, members: MemberEntity[], createdBy: string | null) {
  const [chair, recorder] = members;
  for (const { spec, startsAt, endsAt } of demoMeetingTimes(Date.now())) {
    const meeting = await m.save(
      m.create(MeetingEntity, {
        organisationId: orgId,
        type: spec.type,
        title: spec.title,
        startsAt,
        endsAt,
        place: spec.place,
        agenda: spec.agenda,
        chairMemberId: chair?.id ?? null,
        recorderMemberId: recorder?.id ?? null,
        checkinOpensAt: new Date(startsAt.getTime() - 30 * MINUTE),
        checkinClosesAt: endsAt,
        qrStepSeconds: 15,
        attendeeScope: 'organisation',
        minutes: spec.minutes ?? null,
        minutesUpdatedAt: spec.minutes ? endsAt : null,
        createdBy,
      }),
    );
    // Expected attendees: the branch's members; only full members may vote there (C4, E1).
    await m.insert(
      MeetingAttendeeEntity,
      members.map((x) => ({ meetingId: meeting.id, memberId: x.id, isGuest: false, canVote: x.status === 'full' })),
    );
    if (spec.present === undefined) continue;
    const leaves = spec.leaves ?? [];
    const onLeave = members.slice(-leaves.length);
    for (const [i, reason] of leaves.entries()) {
      await m.insert(MeetingLeaveEntity, {
        meetingId: meeting.id,
        memberId: onLeave[i]!.id,
        reason,
        status: 'approved',
        decidedBy: createdBy,
        decidedByName: chair?.name ?? null,
        decidedAt: new Date(startsAt.getTime() - DAY),
      });
    }
    const attending = members.slice(0, Math.round(members.length * spec.present));
    await m.insert(
      MeetingCheckinEntity,
      attending.map((x, i) => ({
        meetingId: meeting.id,
        memberId: x.id,
        at: new Date(startsAt.getTime() - 20 * MINUTE + i * 20_000),
        method: 'qr' as const,
        status: 'confirmed' as const,
      })),
    );
    // C2: with minutes, every absentee without approved leave has a recorded reason.
    if (spec.minutes) {
      const absent = members.filter((x) => !attending.includes(x) && !onLeave.includes(x));
      for (const x of absent) {
        await m.update(MeetingAttendeeEntity, { meetingId: meeting.id, memberId: x.id }, { absenceReason: '未请假缺席，会后已由支部书记谈话提醒' });
      }
    }
  }
}
