import { seedDemo } from '../src/demo/demo-seed.js';
import { seedDemoStudy } from '../src/demo/demo-study.js';
import { SessionService } from '../src/auth/session.service.js';
import { createTestApp, type TestApp } from './utils/app.js';

/** The demo park's learning data: courses, a real video served by range, a quiz, hours and leaderboards. */
describe('study: demo data', () => {
  let t: TestApp;
  const token = async (username: string) => {
    const [u] = await t.ds.query(`SELECT id FROM user_account WHERE username = $1`, [username]);
    return (await t.app.get(SessionService).open(u.id, 'test')).accessToken;
  };
  beforeAll(async () => {
    t = await createTestApp({ DEMO_MODE: 'true' });
    await seedDemo(t.url, t.config);
    await seedDemoStudy(t.app);
    await seedDemoStudy(t.app); // runs once
  }, 60_000);
  afterAll(() => t.close());

  it('gives the demo member a recommended and a required course, a playable video, a quiz and a non-empty leaderboard', async () => {
    const member = await token('demo-member');
    const list = await t.call('GET', '/study/courses', { token: member });
    expect(list.body.total).toBe(2);
    const required = list.body.items.find((c: { requiredBy: string | null }) => c.requiredBy);
    const recommended = list.body.items.find((c: { recommended: boolean }) => c.recommended);
    expect(required).toBeDefined();
    expect(recommended).toBeDefined();
    const detail = await t.call('GET', `/study/courses/${required.id}`, { token: member });
    expect(detail.body.lessons.map((l: { kind: string }) => l.kind)).toEqual(['video', 'article']);
    expect(detail.body.quizzes).toHaveLength(1);
    const video = await t.call('GET', `/study/lessons/${detail.body.lessons[0].id}`, { token: member });
    const bytes = await t.call('GET', video.body.mediaUrl, { headers: { range: 'bytes=0-3' } });
    expect([bytes.status, bytes.headers['content-type'], bytes.raw.toString('hex')]).toEqual([206, 'video/webm', '1a45dfa3']);
    const rec = await t.call('GET', `/study/courses/${recommended.id}`, { token: member });
    const pdf = await t.call('GET', `/study/lessons/${rec.body.lessons[1].id}`, { token: member });
    expect(pdf.body.mediaContentType).toBe('application/pdf');
    const board = await t.call('GET', '/study/leaderboard', { token: member });
    expect(board.body.rows.length).toBeGreaterThan(3);
    expect(board.body.rows[0].points).toBeGreaterThan(0);
    const secretary = await token('demo-secretary');
    const [{ organisation_id: branchId }] = await t.ds.query(
      `SELECT m.organisation_id FROM member m JOIN user_account u ON u.member_id = m.id WHERE u.username = 'demo-secretary'`,
    );
    const over = await t.call('GET', `/study/oversight?orgId=${branchId}`, { token: secretary });
    expect(over.body.assignments[0].counts.done).toBeGreaterThan(0);
  });
});
