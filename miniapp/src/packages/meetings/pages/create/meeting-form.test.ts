import { buildMeeting, defaultTimes, initialForm, typesFor } from './meeting-form';

const ORG = '22222222-2222-4222-8222-222222222222';
const at = (iso: string) => new Date(iso);

describe('meeting form', () => {
  it('offers the C1 types the organisation may hold', () => {
    expect(typesFor('group')).toEqual(['group_meeting']);
    expect(typesFor('branch')).not.toContain('group_meeting');
    expect(typesFor('branch')).toContain('committee_meeting');
  });

  it('starts at the next half hour, so the default window is already open', () => {
    expect(defaultTimes(at('2026-11-22T06:20:00.000Z'))).toEqual({ date: '2026-11-22', start: '14:30', end: '16:00' });
    expect(defaultTimes(at('2026-11-22T06:30:00.000Z'))).toEqual({ date: '2026-11-22', start: '14:30', end: '16:00' });
    // Never across midnight: late in the evening it proposes tomorrow morning.
    expect(defaultTimes(at('2026-11-22T14:40:00.000Z'))).toEqual({ date: '2026-11-23', start: '09:00', end: '10:30' });
  });

  it('builds the request in China time with the check-in window and geofence', () => {
    const f = {
      ...initialForm('branch', at('2026-11-22T06:20:00.000Z'), { id: '44444444-4444-4444-8444-444444444444', name: '王书记' }),
      title: ' 11月主题党日 ',
      place: '党员活动室',
    };
    const built = buildMeeting(ORG, { ...f, opensBeforeMin: 60, closesAfterStartMin: 30, fence: { lat: 30.27, lng: 120.15, accuracyM: 12 }, radiusM: 500 });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.dto).toMatchObject({
      organisationId: ORG,
      type: 'general_assembly',
      title: '11月主题党日',
      startsAt: '2026-11-22T14:30:00+08:00',
      endsAt: '2026-11-22T16:00:00+08:00',
      chairMemberId: '44444444-4444-4444-8444-444444444444',
      recorderMemberId: null,
      checkinOpensAt: '2026-11-22T05:30:00.000Z',
      checkinClosesAt: '2026-11-22T07:00:00.000Z',
      geofence: { lat: 30.27, lng: 120.15, radiusM: 500 },
      qrStepSeconds: 15,
    });
  });

  it('says what is missing, in Chinese', () => {
    const f = initialForm('branch', at('2026-11-22T06:20:00.000Z'), null);
    expect(buildMeeting(ORG, f)).toEqual({ ok: false, message: '请填写会议主题' });
    expect(buildMeeting(ORG, { ...f, title: '支委会' })).toEqual({ ok: false, message: '请填写会议地点' });
    expect(buildMeeting(ORG, { ...f, title: '支委会', place: '会议室', end: '14:00' })).toEqual({ ok: false, message: '结束时间必须晚于开始时间' });
  });
});
