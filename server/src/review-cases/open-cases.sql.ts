/**
 * The one statement a review scan runs (C5, T6, T8): the CTEs given end in `cand` (id,
 * organisation_id, org_path of each member looked at, and what `details` and `where` read); a case
 * of kind `$1` is opened for each candidate that `where` holds for — never twice while one is open
 * (the review_case partial unique index), so scans are idempotent and safe on several instances —
 * and each opened case is written to the audit log by the same statement. Returns one row
 * `{ scanned, opened }`.
 */
export function openReviewCasesSql(ctes: string, p: { openedAt: string; details: string; where: string }): string {
  return `WITH ${ctes},
       opened AS (
         INSERT INTO review_case (kind, member_id, organisation_id, org_path, opened_at, details)
         SELECT $1, id, organisation_id, org_path, ${p.openedAt}, ${p.details}
           FROM cand WHERE ${p.where}
         ON CONFLICT (kind, member_id) WHERE status = 'open' DO NOTHING
         RETURNING id, member_id, org_path),
       audited AS (
         INSERT INTO audit_log (action, object_type, object_id, org_path, details)
         SELECT 'review_case.open', 'review_case', id, org_path, jsonb_build_object('kind', $1::text, 'memberId', member_id)
           FROM opened RETURNING 1)
       SELECT (SELECT count(*) FROM cand)::int AS scanned, (SELECT count(*) FROM audited)::int AS opened`;
}
