import type { MemberCard } from '../card.js';
import { CARD_TOKEN, cardTokenFrom, cardVerdict, cardVerifyUrl, publicCardView, vanguardDutyProblem } from './card-rules.js';

const TOKEN = 'c1.k1.AAAAAAAAAAAAAAAAAAAAAA.1777600800.BBBBBBBBBBBBBBBBBBBBBB';

describe('card token grammar', () => {
  it('reads c1 and p1 tokens, nothing else', () => {
    expect(CARD_TOKEN.test(TOKEN)).toBe(true);
    expect(CARD_TOKEN.test(TOKEN.replace('c1.', 'p1.'))).toBe(true);
    expect(CARD_TOKEN.test(TOKEN.replace('c1.', 'v1.'))).toBe(false);
    expect(CARD_TOKEN.test(`${TOKEN}B`)).toBe(false);
  });
  it('finds the token in the verify link, encoded or not, or bare', () => {
    const url = cardVerifyUrl('https://dj.example.cn', TOKEN);
    expect(url).toBe(`https://dj.example.cn/#/card/verify?t=${TOKEN}`);
    expect(cardTokenFrom(url)).toBe(TOKEN);
    expect(cardTokenFrom(encodeURIComponent(encodeURIComponent(url)))).toBe(TOKEN);
    expect(cardTokenFrom(` ${TOKEN} `)).toBe(TOKEN);
    expect(cardTokenFrom('https://dj.example.cn/#/card/verify?t=nope')).toBeNull();
  });
});

describe('P2 card verdict', () => {
  const w = { freshS: 180, offlineS: 3600 };
  const on = { onRoll: true, suspended: false };
  const c1 = (age: number) => cardVerdict({ kind: 'c1', time: 1000 }, on, 1000 + age, w);
  it('fresh → current; after the fresh window → offline; after the offline window → expired (boundaries inclusive)', () => {
    expect(c1(0)).toBe('current');
    expect(c1(180)).toBe('current');
    expect(c1(181)).toBe('offline');
    expect(c1(3600)).toBe('offline');
    expect(c1(3601)).toBe('expired');
  });
  it('a code from the future beyond a minute of clock skew is not trusted', () => {
    expect(c1(-60)).toBe('current');
    expect(c1(-61)).toBe('invalid');
  });
  it('off the roll or suspended: inactive whatever the age', () => {
    expect(cardVerdict({ kind: 'c1', time: 1000 }, { onRoll: false, suspended: false }, 1000, w)).toBe('inactive');
    expect(cardVerdict({ kind: 'c1', time: 1000 }, { onRoll: true, suspended: true }, 1000, w)).toBe('inactive');
    expect(cardVerdict({ kind: 'p1', time: 5000 }, { onRoll: false, suspended: false }, 1000, w)).toBe('inactive');
  });
  it('a printed card runs until its date', () => {
    expect(cardVerdict({ kind: 'p1', time: 5000 }, on, 5000, w)).toBe('current');
    expect(cardVerdict({ kind: 'p1', time: 5000 }, on, 5001, w)).toBe('expired');
  });
});

describe('P1 public view', () => {
  const card = {
    memberId: '00000000-0000-4000-8000-000000000001',
    name: '林名片',
    photoUrl: null,
    orgName: '甲公司党支部',
    status: 'full',
    statusLabel: '正式党员',
    fullMemberDate: '2019-07-01',
    partyYears: 6,
    posts: [{ kind: 'vanguard', title: '党员先锋岗' }],
    year: 2026,
    studyHours: 12.5,
    yearPoints: 88,
    volunteerHours: 6,
    honours: [{ id: '00000000-0000-4000-8000-000000000002', title: '优秀共产党员', awardedOn: '2025-07-01' }],
    privacy: { showStudy: false, showPoints: false, showVolunteer: false, showHonours: false },
    qr: { token: TOKEN, url: '', svg: '', issuedAt: '', freshUntil: '', offlineUntil: '', refreshInS: 60 },
  } satisfies MemberCard;
  it('shows only the minimum by default', () => {
    expect(Object.keys(publicCardView(card, card.privacy)).sort()).toEqual(['name', 'orgName', 'partyYears', 'photoUrl', 'posts', 'statusLabel', 'year']);
  });
  it('adds exactly what the member chose', () => {
    const v = publicCardView(card, { showStudy: true, showPoints: false, showVolunteer: true, showHonours: false });
    expect(v).toMatchObject({ studyHours: 12.5, volunteerHours: 6 });
    expect(v.yearPoints).toBeUndefined();
    expect(v.honours).toBeUndefined();
  });
});

describe('vanguardDutyProblem (P3 先锋岗履职)', () => {
  const post = { kind: 'vanguard' as const, awardedOn: '2026-03-01' };
  it('accepts a day from the grant to today, within 30 days back', () => {
    expect(vanguardDutyProblem('2026-05-01', post, '2026-05-01')).toBeNull();
    expect(vanguardDutyProblem('2026-04-01', post, '2026-05-01')).toBeNull();
    expect(vanguardDutyProblem('2026-03-01', post, '2026-03-20')).toBeNull();
  });
  it('refuses the future, before the grant, older than 30 days, and honours', () => {
    expect(vanguardDutyProblem('2026-05-02', post, '2026-05-01')).toBe('履职日期不能晚于今天');
    expect(vanguardDutyProblem('2026-02-28', post, '2026-03-10')).toBe('履职日期早于先锋岗设立日期');
    expect(vanguardDutyProblem('2026-03-31', post, '2026-05-01')).toBe('只能记录 30 天内的履职');
    expect(vanguardDutyProblem('2026-05-01', { kind: 'honour', awardedOn: '2026-01-01' }, '2026-05-01')).toBe('只有先锋岗可以记录履职');
  });
});
