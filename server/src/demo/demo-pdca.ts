import { averageScore, chinaDate, isBelowThreshold, sheetTotal, type PdcaRubricItem } from '@dangjian/shared';
import type { EntityManager } from 'typeorm';

/*
 * PDCA (K6) in the demo park: last quarter's round reported — every branch scored by the two committee
 * accounts, the weakest below the threshold and waiting for its 约谈 — and this quarter's round
 * published, so the branch secretary finds a task to submit and the worker a talk to record.
 */

const RUBRIC: PdcaRubricItem[] = [
  { key: 'org', title: '组织建设', description: '三会一课、主题党日按时开展，记录完整', maxScore: 40 },
  { key: 'study', title: '学习教育', description: '党员学习时长、测验完成情况', maxScore: 30 },
  { key: 'serve', title: '服务发展', description: '党员示范岗、服务企业发展和员工', maxScore: 30 },
];
const DESCRIPTION =
  '一、按月召开支委会、开展主题党日，每季度召开党员大会并上党课；\n二、组织党员完成本季度学习任务；\n三、每个支部至少设立一个党员示范岗，服务企业发展。';
const THRESHOLD = 60;
/** Sheets of the reported round, per branch in order: the last one lags (约谈). */
const SHEETS: Array<[Record<string, number>, Record<string, number>]> = [
  [
    { org: 36, study: 27, serve: 26 },
    { org: 38, study: 26, serve: 27.5 },
  ],
  [
    { org: 33, study: 24, serve: 22 },
    { org: 35, study: 25, serve: 23 },
  ],
  [
    { org: 30, study: 22, serve: 25 },
    { org: 31.5, study: 20, serve: 24 },
  ],
  [
    { org: 20, study: 15, serve: 16 },
    { org: 22, study: 14, serve: 18 },
  ],
];

const iso = (d: Date) => d.toISOString().slice(0, 10);

export async function seedDemoPdca(m: EntityManager, parkId: string): Promise<void> {
  const users: Array<{ id: string; username: string }> = await m.query(`SELECT id, username FROM user_account WHERE username IN ('demo-worker', 'demo-admin')`);
  const worker = users.find((u) => u.username === 'demo-worker')!.id;
  const scorers = users.map((u) => u.id);
  const branches: Array<{ id: string; name: string }> = await m.query(
    `SELECT o.id, o.name FROM organisation o JOIN organisation p ON o.path <@ p.path WHERE p.id = $1 AND o.kind = 'branch' ORDER BY o.path`,
    [parkId],
  );
  const now = new Date();
  // China's calendar quarter, whatever the server's time zone.
  const today = chinaDate(now);
  const thisYear = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const last = q === 1 ? { year: thisYear - 1, quarter: 4 } : { year: thisYear, quarter: q - 1 };
  const plan = async (year: number, quarter: number, state: string, dueOn: string) => {
    const [r] = await m.query<Array<{ id: string }>>(
      `INSERT INTO pdca_plan (organisation_id, title, year, quarter, description, due_on, threshold, rubric, state, created_by, reported_at)
       VALUES ($1, '党建工作季度考评', $2, $3, $4, $5, $6, $7::jsonb, $8, $9, CASE WHEN $8::varchar = 'reported' THEN now() END) RETURNING id`,
      [parkId, year, quarter, DESCRIPTION, dueOn, THRESHOLD, JSON.stringify(RUBRIC), state, worker],
    );
    await m.query(`INSERT INTO pdca_plan_scorer (plan_id, user_id) SELECT $1, unnest($2::uuid[])`, [r!.id, scorers]);
    return r!.id;
  };

  const reported = await plan(last.year, last.quarter, 'reported', iso(new Date(now.getTime() - 30 * 86_400_000)));
  for (const [i, b] of branches.entries()) {
    // Only the last branch lags, whatever the park's size.
    const own = SHEETS[i === branches.length - 1 ? SHEETS.length - 1 : Math.min(i, SHEETS.length - 2)]!;
    const average = averageScore(own.map(sheetTotal))!;
    const [t] = await m.query<Array<{ id: string }>>(
      `INSERT INTO pdca_assignment (plan_id, organisation_id, state, summary, submitted_at, average)
       VALUES ($1, $2, 'scored', $3, now() - interval '35 days', $4) RETURNING id`,
      [reported, b.id, `${b.name}按月召开支委会和主题党日，组织党员完成学习任务，设立党员示范岗。`, average],
    );
    for (const [j, s] of own.entries()) {
      await m.query(`INSERT INTO pdca_score (assignment_id, scorer_id, scores, total, comment) VALUES ($1, $2, $3::jsonb, $4, $5)`, [
        t!.id,
        scorers[j % scorers.length],
        JSON.stringify(s),
        sheetTotal(s),
        isBelowThreshold(average, THRESHOLD) ? '三会一课记录不全，学习任务完成率低' : '工作扎实，记录完整',
      ]);
    }
    if (isBelowThreshold(average, THRESHOLD)) await m.query(`INSERT INTO pdca_talk (assignment_id, state) VALUES ($1, 'pending')`, [t!.id]);
  }

  const current = await plan(thisYear, q, 'published', iso(new Date(now.getTime() + 20 * 86_400_000)));
  await m.query(`INSERT INTO pdca_assignment (plan_id, organisation_id, state) SELECT $1, unnest($2::uuid[]), 'assigned'`, [
    current,
    branches.map((b) => b.id),
  ]);
}
