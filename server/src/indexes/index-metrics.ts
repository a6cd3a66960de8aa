/**
 * K5 metric registry: everything an index can weigh, in one place. A module that measures something
 * new (volunteer hours, enterprise requests resolved — added when those modules land) adds one entry
 * here: its key, the words people read, and one set-based SELECT over all organisations of the month.
 *
 * Each `sql` returns `(org_id uuid, value float8)` for the branches in the temporary table
 * `index_scope(org_id, member_count)` and may use $1 = the month's first instant, $2 = the next
 * month's first instant (China time, timestamptz) and $3 = the month's first day (date). A branch
 * without a row scores the value 0 (no activity). Per-member values divide by the branch's current
 * member count (organisation.member_count, kept by trigger).
 */
export type IndexMetricDef = { key: string; label: string; unit: string; description: string; sql: string };

const IN_MONTH = (col: string) => `${col} >= $1 AND ${col} < $2`;
const DAY_IN_MONTH = (col: string) => `${col} >= $3 AND ${col} < ($3::date + interval '1 month')`;
const PER_MEMBER = (expr: string) => `${expr}::float8 / NULLIF(max(s.member_count), 0)`;

export const INDEX_METRICS: ReadonlyArray<IndexMetricDef> = [
  {
    key: 'c1_monthly',
    label: '三会一课月度达标',
    unit: '项',
    description: '本月召开了几项每月必开的组织生活（支委会、主题党日）',
    sql: `SELECT m.organisation_id AS org_id, count(DISTINCT m.type)::float8 AS value
            FROM meeting m JOIN index_scope s ON s.org_id = m.organisation_id
           WHERE m.cancelled_at IS NULL AND m.type IN ('committee_meeting','theme_day') AND ${IN_MONTH('m.starts_at')}
           GROUP BY m.organisation_id`,
  },
  {
    key: 'attendance_rate',
    label: '会议出勤率',
    unit: '%',
    description: '本月会议应到党员中已签到的比例（不含列席）',
    sql: `SELECT m.organisation_id AS org_id,
                 100.0 * count(*) FILTER (WHERE EXISTS (SELECT 1 FROM meeting_checkin c WHERE c.meeting_id = m.id AND c.member_id = a.member_id AND c.status = 'confirmed'))
                       / count(*) AS value
            FROM meeting m JOIN index_scope s ON s.org_id = m.organisation_id
            JOIN meeting_attendee a ON a.meeting_id = m.id AND NOT a.is_guest
           WHERE m.cancelled_at IS NULL AND ${IN_MONTH('m.starts_at')}
           GROUP BY m.organisation_id`,
  },
  {
    key: 'study_hours_pm',
    label: '人均学习时长',
    unit: '小时',
    description: '本月党员在线学习的学时合计 ÷ 党员人数（每年至少 32 学时，约每月 2.7 学时）',
    sql: `SELECT mb.organisation_id AS org_id, ${PER_MEMBER('sum(d.credited_ms) / 3600000.0')} AS value
            FROM study_day d JOIN member mb ON mb.id = d.member_id JOIN index_scope s ON s.org_id = mb.organisation_id
           WHERE ${DAY_IN_MONTH('d.day')}
           GROUP BY mb.organisation_id`,
  },
  {
    key: 'quiz_pass_rate',
    label: '测验通过率',
    unit: '%',
    description: '本月提交的测验中及格的比例',
    sql: `SELECT mb.organisation_id AS org_id, 100.0 * count(*) FILTER (WHERE a.passed) / count(*) AS value
            FROM study_attempt a JOIN member mb ON mb.id = a.member_id JOIN index_scope s ON s.org_id = mb.organisation_id
           WHERE ${IN_MONTH('a.submitted_at')}
           GROUP BY mb.organisation_id`,
  },
  {
    key: 'fee_on_time',
    label: '党费按时交纳率',
    unit: '%',
    description: '本月党费账单在当月内交清（或免交）的比例',
    sql: `SELECT b.organisation_id AS org_id,
                 100.0 * count(*) FILTER (WHERE b.status = 'exempt' OR (b.paid_at IS NOT NULL AND b.paid_at < $2)) / count(*) AS value
            FROM fee_bill b JOIN index_scope s ON s.org_id = b.organisation_id
           WHERE b.month = $3
           GROUP BY b.organisation_id`,
  },
  {
    key: 'developed',
    label: '发展党员',
    unit: '名',
    description: '本月经支部大会接收的预备党员人数（发展党员工作细则）',
    sql: `SELECT r.organisation_id AS org_id, count(*)::float8 AS value
            FROM development_record r JOIN index_scope s ON s.org_id = r.organisation_id
           WHERE ${DAY_IN_MONTH('r.admitted_on')}
           GROUP BY r.organisation_id`,
  },
  {
    key: 'points_pm',
    label: '人均积分',
    unit: '分',
    description: '本月党员获得的积分合计（扣分已减去）÷ 党员人数',
    sql: `SELECT mb.organisation_id AS org_id, ${PER_MEMBER('sum(p.points)')} AS value
            FROM points_entry p JOIN member mb ON mb.id = p.member_id JOIN index_scope s ON s.org_id = mb.organisation_id
           WHERE ${DAY_IN_MONTH('p.day')}
           GROUP BY mb.organisation_id`,
  },
  {
    key: 'notice_read_pm',
    label: '人均阅读通知',
    unit: '条',
    description: '本月党员阅读（含确认）的通知公告条数 ÷ 党员人数',
    sql: `SELECT mb.organisation_id AS org_id, ${PER_MEMBER('count(*)')} AS value
            FROM notice_receipt r JOIN member mb ON mb.id = r.member_id JOIN index_scope s ON s.org_id = mb.organisation_id
           WHERE ${IN_MONTH('r.read_at')}
           GROUP BY mb.organisation_id`,
  },
  {
    key: 'news_published',
    label: '发布党建动态',
    unit: '篇',
    description: '本月支部发布（审核通过）的党建动态篇数',
    sql: `SELECT n.organisation_id AS org_id, count(*)::float8 AS value
            FROM news n JOIN index_scope s ON s.org_id = n.organisation_id
           WHERE n.state = 'published' AND ${IN_MONTH('n.published_at')}
           GROUP BY n.organisation_id`,
  },
];

export const INDEX_METRIC_BY_KEY: ReadonlyMap<string, IndexMetricDef> = new Map(INDEX_METRICS.map((m) => [m.key, m]));
