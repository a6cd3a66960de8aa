import { chinaMonth, combine, monthsEnding, normalise, type IndexKey } from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import type { StoredIndexTerm } from '../indexes/index.entities.js';

/** Months of history the demo shows (the trend table and "why changed" need a month before). */
const DEMO_MONTHS = 6;

/**
 * K5 demo: six months of index snapshots for the park's branches, computed with the platform default
 * definitions (shared normalise/combine) from metric values drawn per branch around a level of its
 * own that improves a little each month, so rankings differ and "why changed" has reasons. The
 * hourly job later recomputes the current and previous month from the demo's real records.
 */
export async function seedDemoIndexes(m: EntityManager, parkPath: string, rand: () => number) {
  const defs: Array<{ id: string; indexKey: IndexKey; terms: StoredIndexTerm[] }> = await m.query(
    `SELECT id, index_key AS "indexKey", terms FROM index_definition WHERE committee_id IS NULL AND version = 1`,
  );
  const branches: Array<{ id: string }> = await m.query(`SELECT id FROM organisation WHERE kind = 'branch' AND path <@ $1::ltree ORDER BY name`, [parkPath]);
  const months = monthsEnding(chinaMonth(), DEMO_MONTHS);
  for (const b of branches) {
    const level = 0.45 + rand() * 0.5;
    for (const [t, month] of months.entries()) {
      const q = Math.min(1, level + t * 0.03 + (rand() - 0.5) * 0.12);
      const values: Record<string, number> = {
        c1_monthly: q > 0.55 ? 2 : 1,
        attendance_rate: Math.round(55 + 42 * q),
        study_hours_pm: Math.round((0.8 + 2.2 * q) * 10) / 10,
        quiz_pass_rate: Math.round(55 + 45 * q),
        fee_on_time: Math.round(70 + 30 * q),
        developed: rand() < 0.15 ? 1 : 0,
        points_pm: Math.round(8 + 24 * q),
        notice_read_pm: Math.round((0.8 + 2.4 * q) * 10) / 10,
        news_published: rand() < q ? (rand() < 0.4 ? 2 : 1) : 0,
      };
      for (const d of defs) {
        const parts = d.terms.map((term) => {
          const value = values[term.metric] ?? 0;
          return { ...term, value, normalised: Math.round(normalise(value, term.low, term.high) * 10_000) / 10_000 };
        });
        await m.query(
          `INSERT INTO index_snapshot (organisation_id, month, index_key, definition_id, score, parts) VALUES ($1, $2::date, $3, $4, $5, $6::jsonb)`,
          [b.id, `${month}-01`, d.indexKey, d.id, combine(parts), JSON.stringify(parts)],
        );
      }
    }
  }
}
