import fc from 'fast-check';
import { MeetingType, tokenFromScan } from '../meetings.js';
import { OrgKind } from '../org.js';
import { hexToBytes, hotp, memberCheckinCode, memberCodeContent, parseMemberCode, totp } from '../checkin-code.js';
import {
  attendanceState,
  canVoteAt,
  checkinWindowState,
  chinaDate,
  chinaDayEnd,
  chinaDayStart,
  complianceOf,
  defaultCheckinWindow,
  distanceMeters,
  insideGeofence,
  lacksOrgLife,
  meetingCompleteness,
  meetingRules,
  meetingStatus,
  meetingTypeAllowed,
  monthsBefore,
  orgLifeCutoff,
  periodBuckets,
  requirementLabel,
  type ComplianceMeeting,
} from './meeting-rules.js';

const at = (iso: string) => new Date(iso);

describe('China calendar helpers', () => {
  it('dates an instant in China (UTC+8)', () => {
    expect(chinaDate(at('2025-03-31T15:59:59Z'))).toBe('2025-03-31');
    expect(chinaDate(at('2025-03-31T16:00:00Z'))).toBe('2025-04-01');
    expect(chinaDayStart('2025-04-01').toISOString()).toBe('2025-03-31T16:00:00.000Z');
    expect(chinaDayEnd('2025-04-01').toISOString()).toBe('2025-04-01T16:00:00.000Z');
  });

  it('answers the day of each instant, in any order, although it keeps the last day asked for', () => {
    const direct = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
    const around = fc.oneof(
      fc.integer({ min: -2e12, max: 4e12 }),
      fc.integer({ min: -3, max: 3 }).map((d) => Date.UTC(2026, 11, 6, 16) + d),
    );
    fc.assert(fc.property(fc.array(around, { minLength: 1, maxLength: 20 }), (instants) => instants.every((ms) => chinaDate(new Date(ms)) === direct(ms))));
  });
});

describe('meeting types by organisation kind (C1, O8)', () => {
  it('allows a 党小组会 only in a group and every other type only outside groups', () => {
    for (const type of MeetingType.options) {
      for (const kind of OrgKind.options) {
        expect(meetingTypeAllowed(type, kind)).toBe(type === 'group_meeting' ? kind === 'group' : kind !== 'group');
      }
    }
  });
});

describe('check-in window (C4)', () => {
  const start = at('2025-05-10T02:00:00Z');
  const end = at('2025-05-10T04:00:00Z');

  it('defaults to 30 minutes before the start until the end', () => {
    const w = defaultCheckinWindow(start, end);
    expect(w.opensAt.toISOString()).toBe('2025-05-10T01:30:00.000Z');
    expect(w.closesAt.toISOString()).toBe('2025-05-10T04:00:00.000Z');
  });

  it('is open exactly on its bounds and closed outside them', () => {
    const { opensAt, closesAt } = defaultCheckinWindow(start, end);
    expect(checkinWindowState(opensAt, closesAt, new Date(opensAt.getTime() - 1))).toBe('not_open');
    expect(checkinWindowState(opensAt, closesAt, opensAt)).toBe('open');
    expect(checkinWindowState(opensAt, closesAt, closesAt)).toBe('open');
    expect(checkinWindowState(opensAt, closesAt, new Date(closesAt.getTime() + 1))).toBe('closed');
  });

  it('derives the meeting status from the clock', () => {
    const m = { startsAt: start, endsAt: end, cancelledAt: null };
    expect(meetingStatus(m, at('2025-05-10T01:59:59Z'))).toBe('scheduled');
    expect(meetingStatus(m, start)).toBe('in_progress');
    expect(meetingStatus(m, end)).toBe('ended');
    expect(meetingStatus({ ...m, cancelledAt: start }, at('2025-05-09T00:00:00Z'))).toBe('cancelled');
  });
});

describe('geofence (C4)', () => {
  const fence = { lat: 31.2304, lng: 121.4737, radiusM: 100 };

  it('measures distances on the sphere', () => {
    // One degree of latitude is about 111.2 km.
    expect(distanceMeters({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeGreaterThan(111_000);
    expect(distanceMeters({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeLessThan(111_400);
    expect(distanceMeters(fence, fence)).toBe(0);
  });

  it('accepts a position inside the radius and refuses one outside, whatever the accuracy claims', () => {
    // ~55 m north
    expect(insideGeofence(fence, { lat: 31.2309, lng: 121.4737 })).toBe(true);
    // ~222 m north
    expect(insideGeofence(fence, { lat: 31.2324, lng: 121.4737 })).toBe(false);
    expect(insideGeofence(fence, { lat: 31.2324, lng: 121.4737, accuracyM: 500 })).toBe(false);
  });

  it('is symmetric and never negative (property)', () => {
    const point = fc.record({ lat: fc.double({ min: -89, max: 89, noNaN: true }), lng: fc.double({ min: -179, max: 179, noNaN: true }) });
    fc.assert(
      fc.property(point, point, (a, b) => {
        const d = distanceMeters(a, b);
        return d >= 0 && Math.abs(d - distanceMeters(b, a)) < 1e-6;
      }),
    );
  });
});

describe('voting rights of expected attendees (C4, E1)', () => {
  it('gives the vote only to full members of the organisation without restrictions', () => {
    expect(canVoteAt({ isGuest: false, status: 'full', flags: [] })).toBe(true);
    expect(canVoteAt({ isGuest: false, status: 'full', flags: ['mobile'] })).toBe(true);
    expect(canVoteAt({ isGuest: false, status: 'probationary', flags: [] })).toBe(false);
    expect(canVoteAt({ isGuest: false, status: 'full', flags: ['disciplinary_probation'] })).toBe(false);
    expect(canVoteAt({ isGuest: false, status: 'full', flags: ['rights_suspended'] })).toBe(false);
  });

  it('never gives a guest the vote (C4: 流动党员 attending as guests)', () => {
    expect(canVoteAt({ isGuest: true, status: 'full', flags: [] })).toBe(false);
    expect(canVoteAt({ isGuest: true, status: 'full', flags: ['mobile'] })).toBe(false);
  });
});

describe('attendance state (C3)', () => {
  it('counts only a confirmed check-in as present', () => {
    expect(attendanceState({ checkin: 'confirmed', leave: 'approved', meeting: 'ended' })).toBe('present');
    expect(attendanceState({ checkin: 'pending_confirmation', leave: null, meeting: 'ended' })).toBe('pending_confirmation');
    expect(attendanceState({ checkin: 'rejected', leave: null, meeting: 'ended' })).toBe('absent');
    expect(attendanceState({ checkin: null, leave: 'approved', meeting: 'ended' })).toBe('on_leave');
    expect(attendanceState({ checkin: null, leave: 'pending', meeting: 'scheduled' })).toBe('leave_pending');
    expect(attendanceState({ checkin: null, leave: 'refused', meeting: 'ended' })).toBe('absent');
    expect(attendanceState({ checkin: null, leave: null, meeting: 'in_progress' })).toBe('upcoming');
  });
});

describe('completeness of the record (C2)', () => {
  const base = {
    status: 'ended' as const,
    minutes: '会议记录',
    chairId: 'c',
    recorderId: 'r',
    absentees: [],
    pendingCheckins: 0,
  };

  it('is complete with minutes, chair, recorder and a reason for every absentee', () => {
    expect(meetingCompleteness(base)).toEqual({ complete: true, missing: [] });
    expect(meetingCompleteness({ ...base, absentees: [{ member: { id: 'a', name: '张三' }, reason: '出差' }] }).complete).toBe(true);
  });

  it('lists each missing part', () => {
    const r = meetingCompleteness({
      ...base,
      minutes: '  ',
      chairId: null,
      recorderId: null,
      pendingCheckins: 2,
      absentees: [
        { member: { id: 'a', name: '张三' }, reason: null },
        { member: { id: 'b', name: '李四' }, reason: '病假' },
      ],
    });
    expect(r.complete).toBe(false);
    expect(r.missing.map((m) => m.item)).toEqual(['minutes', 'chair', 'recorder', 'pending_checkins', 'absence_reason']);
    expect(r.missing.at(-1)!.member).toEqual({ id: 'a', name: '张三' });
  });

  it('is never complete before the meeting has ended, nor when cancelled', () => {
    expect(meetingCompleteness({ ...base, status: 'in_progress' }).missing.map((m) => m.item)).toEqual(['not_held']);
    expect(meetingCompleteness({ ...base, status: 'cancelled' }).complete).toBe(false);
  });
});

describe('compliance (C1)', () => {
  const org = {
    id: 'branch',
    kind: 'branch' as const,
    fullMemberCount: 9,
    groups: [
      { id: 'g1', name: '第一党小组' },
      { id: 'g2', name: '第二党小组' },
    ],
  };
  const m = (type: ComplianceMeeting['type'], startsAt: string, organisationId = 'branch', cancelled = false): ComplianceMeeting => ({
    type,
    organisationId,
    startsAt: at(startsAt),
    cancelled,
  });
  const req = (r: ReturnType<typeof complianceOf>, type: string, groupId?: string) =>
    r.requirements.find((x) => x.type === type && (groupId ? x.group?.id === groupId : true))!;

  it('splits a year into months, quarters, halves and the year', () => {
    expect(periodBuckets(2024, 'month')).toHaveLength(12);
    expect(periodBuckets(2024, 'month')[1]).toEqual({ label: '2024-02', from: '2024-02-01', to: '2024-02-29' });
    expect(periodBuckets(2025, 'quarter').map((b) => `${b.from}..${b.to}`)).toEqual([
      '2025-01-01..2025-03-31',
      '2025-04-01..2025-06-30',
      '2025-07-01..2025-09-30',
      '2025-10-01..2025-12-31',
    ]);
    expect(periodBuckets(2025, 'half_year').map((b) => b.label)).toEqual(['2025-H1', '2025-H2']);
    expect(periodBuckets(2025, 'year')).toEqual([{ label: '2025', from: '2025-01-01', to: '2025-12-31' }]);
  });

  it('C1: 党员大会 at least once per quarter', () => {
    const r = complianceOf({ org, year: 2025, now: at('2025-08-15T00:00:00Z'), meetings: [m('general_assembly', '2025-02-10T02:00:00Z')] });
    expect(req(r, 'general_assembly').buckets.map((b) => b.state)).toEqual(['met', 'missing', 'due', 'upcoming']);
  });

  it('C1: 支委会 and 主题党日 at least once per month; cancelled and future meetings do not count', () => {
    const now = at('2025-03-20T00:00:00Z');
    const r = complianceOf({
      org,
      year: 2025,
      now,
      meetings: [
        m('committee_meeting', '2025-01-05T02:00:00Z'),
        m('committee_meeting', '2025-02-05T02:00:00Z', 'branch', true),
        m('committee_meeting', '2025-03-25T02:00:00Z'),
        m('theme_day', '2025-03-01T02:00:00Z'),
      ],
    });
    expect(
      req(r, 'committee_meeting')
        .buckets.slice(0, 4)
        .map((b) => b.state),
    ).toEqual(['met', 'missing', 'due', 'upcoming']);
    expect(
      req(r, 'theme_day')
        .buckets.slice(0, 3)
        .map((b) => b.state),
    ).toEqual(['missing', 'missing', 'met']);
  });

  it('counts a meeting in the month of its China date (a meeting at 00:30 on 1 April Beijing time is April)', () => {
    const r = complianceOf({ org, year: 2025, now: at('2025-06-01T00:00:00Z'), meetings: [m('theme_day', '2025-03-31T16:30:00Z')] });
    expect(req(r, 'theme_day').buckets[2]!.held).toBe(0);
    expect(req(r, 'theme_day').buckets[3]!.held).toBe(1);
  });

  it('C1: 党小组会 at least once per month for each group, counted in that group', () => {
    const r = complianceOf({
      org,
      year: 2025,
      now: at('2025-02-15T00:00:00Z'),
      meetings: [m('group_meeting', '2025-01-10T02:00:00Z', 'g1'), m('group_meeting', '2025-01-11T02:00:00Z', 'branch')],
    });
    const groups = r.requirements.filter((x) => x.type === 'group_meeting');
    expect(groups.map((g) => g.group!.name)).toEqual(['第一党小组', '第二党小组']);
    expect(req(r, 'group_meeting', 'g1').buckets[0]!.state).toBe('met');
    expect(req(r, 'group_meeting', 'g2').buckets[0]!.state).toBe('missing');
  });

  it('C1: 党课 defaults to quarterly and takes every configured period', () => {
    const meetings = [m('party_lecture', '2025-01-10T02:00:00Z')];
    const now = at('2025-12-31T00:00:00Z');
    expect(req(complianceOf({ org, year: 2025, now, meetings }), 'party_lecture').period).toBe('quarter');
    const expected = { month: [12, 1, 11], quarter: [4, 1, 3], half_year: [2, 1, 1], year: [1, 1, 0] } as const;
    for (const [period, [buckets, met, missing]] of Object.entries(expected)) {
      const rules = meetingRules({ partyLecturePeriod: period as keyof typeof expected });
      const r = req(complianceOf({ org, year: 2025, now: at('2026-01-02T00:00:00Z'), meetings, rules }), 'party_lecture');
      expect([r.period, r.buckets.length, r.met, r.missing]).toEqual([period, buckets, met, missing]);
    }
  });

  it('C1: 组织生活会 and 民主评议 at least once per year', () => {
    const r = complianceOf({
      org,
      year: 2025,
      now: at('2026-01-05T00:00:00Z'),
      meetings: [m('life_meeting', '2025-12-20T02:00:00Z')],
    });
    expect(req(r, 'life_meeting').buckets[0]!.state).toBe('met');
    expect(req(r, 'democratic_review').buckets[0]!.state).toBe('missing');
  });

  it('O4: a branch with fewer than 7 full members is not held to monthly 支委会', () => {
    const r = complianceOf({ org: { ...org, fullMemberCount: 6 }, year: 2025, now: at('2025-12-31T00:00:00Z'), meetings: [] });
    const cm = req(r, 'committee_meeting');
    expect(cm.applicable).toBe(false);
    expect(cm.missing).toBe(0);
    expect(cm.note).toMatch(/不设支部委员会/);
  });

  it('sums the missed buckets of applicable requirements', () => {
    const r = complianceOf({ org: { ...org, groups: [] }, year: 2024, now: at('2025-01-01T00:00:00Z'), meetings: [] });
    // 党员大会 4 + 支委会 12 + 主题党日 12 + 党课 4 + 组织生活会 1 + 民主评议 1
    expect(r.missing).toBe(34);
    expect(requirementLabel({ type: 'general_assembly', period: 'quarter', min: 1 })).toBe('党员大会 每季度至少 1 次');
  });
});

describe('six months without organisational life (C5)', () => {
  it('goes back six calendar months, clamping the day', () => {
    expect(monthsBefore(at('2025-08-31T04:00:00Z'), 6).toISOString()).toBe('2025-02-28T04:00:00.000Z');
    expect(orgLifeCutoff(at('2025-07-15T00:00:00Z')).toISOString()).toBe('2025-01-15T00:00:00.000Z');
    expect(monthsBefore(at('2025-03-15T00:00:00Z'), 6).toISOString()).toBe('2024-09-15T00:00:00.000Z');
  });

  it('raises after six months without an attended meeting, not before', () => {
    const now = at('2025-07-15T00:00:00Z');
    const trackedSince = at('2024-01-01T00:00:00Z');
    expect(lacksOrgLife({ lastAttendedAt: at('2025-01-14T23:59:59Z'), trackedSince }, now)).toBe(true);
    expect(lacksOrgLife({ lastAttendedAt: at('2025-01-15T00:00:00Z'), trackedSince }, now)).toBe(false);
    expect(lacksOrgLife({ lastAttendedAt: null, trackedSince }, now)).toBe(true);
  });

  it('counts from when the member came under the record if they never attended', () => {
    const now = at('2025-07-15T00:00:00Z');
    expect(lacksOrgLife({ lastAttendedAt: null, trackedSince: at('2025-03-01T00:00:00Z') }, now)).toBe(false);
    expect(lacksOrgLife({ lastAttendedAt: at('2020-01-01T00:00:00Z'), trackedSince: at('2025-03-01T00:00:00Z') }, now)).toBe(false);
  });
});

describe('personal rotating code (reverse mode): RFC 6238 TOTP, HMAC-SHA-256, 8 digits', () => {
  // RFC 6238 appendix B, SHA-256 column: the 32-byte ASCII seed "1234567890" repeated.
  const seed = new TextEncoder().encode('12345678901234567890123456789012');
  it.each([
    [59, '46119246'],
    [1111111109, '68084774'],
    [1111111111, '67062674'],
    [1234567890, '91819424'],
    [2000000000, '90698825'],
    [20000000000, '77737706'],
  ])('T=%i → %s', (t, code) => {
    expect(totp(seed, t * 1000)).toBe(code);
  });

  it('keeps the code within a step and pads short codes', () => {
    expect(totp(seed, 60_000)).toBe(totp(seed, 89_999));
    expect(hotp(seed, 0, 8)).toMatch(/^\d{8}$/);
  });

  it('encodes and parses the QR content and bare codes', () => {
    const id = '0b0c6a3e-8f61-4a52-9d3e-2f1a4b5c6d7e';
    const content = memberCodeContent(id, '12345678');
    expect(content).toBe('DJM1.0b0c6a3e8f614a529d3e2f1a4b5c6d7e.12345678');
    expect(parseMemberCode(content)).toEqual({ memberId: id, code: '12345678' });
    expect(parseMemberCode(' 87654321 ')).toEqual({ memberId: null, code: '87654321' });
    expect(parseMemberCode('DJM1.zz.12345678')).toBeNull();
    expect(parseMemberCode('1234567')).toBeNull();
  });

  it('computes the same code on the phone from the hex secret', () => {
    const hex = Array.from(seed, (b) => b.toString(16).padStart(2, '0')).join('');
    expect(hexToBytes(hex)).toEqual(seed);
    const r = memberCheckinCode('0b0c6a3e-8f61-4a52-9d3e-2f1a4b5c6d7e', hex, 59_000);
    expect(r.code).toBe('46119246');
    expect(r.expiresInMs).toBe(1000);
    expect(() => hexToBytes('abc')).toThrow();
  });
});

describe('reading a scanned check-in QR', () => {
  const token = 'v1.k1.AAAAAAAAAAAAAAAAAAAAAA.123456.abcdefghijklmnopqrstuv';
  it('takes the token from the URL (H5 hash route or WeChat q parameter decoded) or as it is', () => {
    expect(tokenFromScan(`https://dj.example.cn/#/checkin/scan?t=${token}`)).toBe(token);
    expect(tokenFromScan(`http://127.0.0.1:3000/#/checkin/scan?x=1&t=${encodeURIComponent(token)}`)).toBe(token);
    expect(tokenFromScan(token)).toBe(token);
    expect(tokenFromScan('https://example.com/other')).toBeNull();
  });
});
