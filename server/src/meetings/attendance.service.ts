import { Injectable } from '@nestjs/common';
import {
  ATTENDANCE_STATE_LABEL,
  attendanceState,
  CHECKIN_METHOD_LABEL,
  complianceOf,
  MEETING_TYPE_LABEL,
  meetingRules,
  meetingStatus,
  type AttendanceEntry,
  type AttendanceHistoryQuery,
  type AttendanceRate,
  type AttendanceRateQuery,
  type AttendanceTotals,
  type CompliancePage,
  type ComplianceQuery,
  type MeetingAttendance,
  type MeetingRuleSet,
  type MemberAttendance,
  type OrgCompliance,
} from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { MeetingAccess } from './meeting-access.js';
import { chinaDateTime, chinaTime, iso, isoOrNull, statusOf } from './meeting.mapper.js';
import { MeetingErrors } from './meetings.errors.js';
import { AttendanceRepository, type BranchRow, type TotalsRow } from './attendance.repository.js';
import { MeetingsRepository, type AttendeeRow } from './meetings.repository.js';
import { MeetingPlansRepository, type PlanEntryOfOrg } from './meeting-plans.repository.js';
import { loadExcelJs } from '../common/lazy-modules.js';

const totals = (r: TotalsRow | undefined): AttendanceTotals => {
  const t = r ?? { meetings: 0, expected: 0, present: 0, onLeave: 0 };
  return { ...t, absent: t.expected - t.present - t.onLeave, rate: t.expected > 0 ? Math.round((t.present / t.expected) * 10_000) / 10_000 : null };
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/**
 * Records (C2) and compliance (C1): a meeting's attendance, a member's over a period, rates per
 * organisation subtree, the C1 compliance view, the sign-in sheet (.xlsx) and the printable minutes.
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly repo: AttendanceRepository,
    private readonly access: AccessService,
    private readonly meetings: MeetingsRepository,
    private readonly gate: MeetingAccess,
    private readonly clock: Clock,
    private readonly plans: MeetingPlansRepository,
  ) {}

  /** Present (arrival order), pending, on leave, absent — for those who oversee the meeting. */
  async meeting(auth: AuthContext, meetingId: string): Promise<MeetingAttendance> {
    const { meeting: m } = await this.gate.oversee(auth, meetingId);
    const status = statusOf(m, this.clock.now());
    const rows = await this.meetings.attendees(meetingId);
    const out: MeetingAttendance = { meetingId, expected: rows.length, present: [], pending: [], onLeave: [], absent: [], notYetArrived: [] };
    for (const r of rows) {
      const e = this.entry(r, status);
      if (e.state === 'present') out.present.push(e);
      else if (e.state === 'pending_confirmation') out.pending.push(e);
      else if (e.state === 'on_leave') out.onLeave.push(e);
      else if (status === 'ended') out.absent.push(e);
      else out.notYetArrived.push(e);
    }
    return out;
  }

  async mine(auth: AuthContext, q: AttendanceHistoryQuery): Promise<MemberAttendance> {
    if (!auth.memberId) throw MeetingErrors.notAMember();
    return this.member(auth, auth.memberId, q);
  }

  /** One member's meetings over a period, newest first, with totals over the held ones. */
  async member(auth: AuthContext, memberId: string, q: AttendanceHistoryQuery): Promise<MemberAttendance> {
    await this.access.requireMember(auth, 'member.read', memberId, true);
    const now = this.clock.now();
    const { name, sum, total: n, rows } = await this.repo.ofMember({ memberId, now, from: q.from, to: q.to, page: q.page, pageSize: q.pageSize });
    return {
      member: { id: memberId, name },
      from: q.from ?? null,
      to: q.to ?? null,
      totals: totals(sum),
      items: rows.map((r) => {
        const state = attendanceState({
          checkin: r.checkinStatus,
          leave: r.leaveStatus,
          meeting: meetingStatus({ startsAt: r.startsAt, endsAt: r.endsAt, cancelledAt: null }, now),
        });
        return {
          meetingId: r.id,
          title: r.title,
          type: r.type,
          organisationName: r.orgName,
          startsAt: iso(r.startsAt),
          isGuest: r.isGuest,
          state,
          checkedInAt: r.checkinStatus && r.checkinStatus !== 'rejected' && r.at ? iso(r.at) : null,
          leaveReason: r.leaveReason,
          absenceReason: r.absenceReason,
        };
      }),
      total: n,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Attendance of the meetings held in an organisation's subtree: in total and per direct child's subtree. */
  async rate(auth: AuthContext, q: AttendanceRateQuery): Promise<AttendanceRate> {
    const path = await this.access.requireOrg(auth, 'org.read', q.orgId);
    const { name, sum, children } = await this.repo.rate({ orgId: q.orgId, path, now: this.clock.now(), from: q.from, to: q.to });
    return {
      orgId: q.orgId,
      name,
      from: q.from ?? null,
      to: q.to ?? null,
      total: totals(sum),
      children: children.map((c) => ({ orgId: c.orgId, name: c.name, kind: c.kind, ...totals(c) })),
    };
  }

  /** C1: for the organisation (when a branch) and every branch in its subtree, by name, paged; with each branch's yearly plan. */
  async compliance(auth: AuthContext, q: ComplianceQuery): Promise<CompliancePage> {
    const path = await this.access.requireOrg(auth, 'org.read', q.orgId);
    const rules = meetingRules({ partyLecturePeriod: q.partyLecturePeriod });
    const { total: n, rows: branches } = await this.repo.branches(path, q);
    const items = (await this.branchCompliance(branches, q.year, rules)).map((b) => b.compliance);
    return { items, total: n, page: q.page, pageSize: q.pageSize, year: q.year, rulesVersion: rules.version };
  }

  /**
   * C1 for these branches and a year (the caller has checked access): held, scheduled and planned per
   * bucket (complianceOf), each branch's plan and its entries — shared by the compliance view and the calendar.
   */
  async branchCompliance(
    branches: ReadonlyArray<BranchRow>,
    year: number,
    rules: MeetingRuleSet,
  ): Promise<Array<{ compliance: OrgCompliance; plan: PlanEntryOfOrg[] }>> {
    const ids = branches.map((b) => b.id);
    const groups = await this.plans.groupsOf(ids);
    const orgIds = [...ids, ...groups.map((g) => g.id)];
    const [meetings, planRows] = await Promise.all([this.repo.meetingsOfYear(orgIds, year), this.plans.entriesOf(ids, year)]);
    const now = this.clock.now();
    return branches.map((b) => {
      const own = groups.filter((g) => g.parentId === b.id);
      const scope = new Set([b.id, ...own.map((g) => g.id)]);
      const plan = planRows.filter((r) => r.organisationId === b.id);
      const r = complianceOf({
        org: { id: b.id, kind: b.kind, fullMemberCount: b.fullMemberCount, groups: own },
        meetings: meetings.filter((m) => scope.has(m.organisationId)),
        plan: plan.length ? plan.filter((e) => e.type !== null).map((e) => ({ type: e.type!, month: e.month!, groupId: e.groupId })) : null,
        year,
        now,
        rules,
      });
      return {
        compliance: {
          orgId: b.id,
          name: b.name,
          kind: b.kind,
          plan: plan[0] ? { id: plan[0].planId, state: plan[0].state } : null,
          requirements: r.requirements,
          missing: r.missing,
        },
        plan,
      };
    });
  }

  /** The sign-in sheet (签到表): present, pending, on leave, absent, with a column to sign. */
  async signInSheet(auth: AuthContext, meetingId: string): Promise<{ data: Buffer; fileName: string }> {
    const { meeting: m } = await this.gate.oversee(auth, meetingId);
    const a = await this.meeting(auth, meetingId);
    const wb = new (await loadExcelJs()).Workbook();
    wb.creator = '智慧党建';
    const ws = wb.addWorksheet('签到表', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    ws.columns = [
      { key: 'no', width: 6 },
      { key: 'name', width: 12 },
      { key: 'org', width: 26 },
      { key: 'role', width: 8 },
      { key: 'state', width: 10 },
      { key: 'time', width: 20 },
      { key: 'method', width: 12 },
      { key: 'note', width: 28 },
      { key: 'sign', width: 14 },
    ];
    ws.mergeCells('A1:I1');
    ws.getCell('A1').value = `${m.orgName} ${MEETING_TYPE_LABEL[m.type]}签到表`;
    ws.getCell('A1').font = { size: 16, bold: true };
    ws.getCell('A1').alignment = { horizontal: 'center' };
    ws.mergeCells('A2:I2');
    ws.getCell('A2').value = `会议：${m.title}　时间：${chinaDateTime(m.startsAt)}　地点：${m.place}`;
    ws.mergeCells('A3:I3');
    ws.getCell('A3').value =
      `应到 ${a.expected} 人，实到 ${a.present.length} 人，请假 ${a.onLeave.length} 人，缺席 ${a.absent.length} 人${a.pending.length ? `，待确认 ${a.pending.length} 人` : ''}`;
    const header = ws.addRow(['序号', '姓名', '所在组织', '身份', '状态', '签到时间', '签到方式', '请假/缺席原因', '本人签名']);
    header.font = { bold: true };
    let no = 0;
    for (const e of [...a.present, ...a.pending, ...a.onLeave, ...a.absent, ...a.notYetArrived]) {
      ws.addRow([
        ++no,
        e.member.name,
        e.organisationName,
        e.isGuest ? '列席' : '党员',
        ATTENDANCE_STATE_LABEL[e.state],
        e.checkedInAt ? chinaDateTime(new Date(e.checkedInAt)) : '',
        e.method ? CHECKIN_METHOD_LABEL[e.method] : '',
        e.leaveReason ?? e.absenceReason ?? e.checkinNote ?? '',
        '',
      ]);
    }
    for (let r = 4; r <= ws.rowCount; r++) {
      ws.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
        cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
      });
    }
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    return { data, fileName: `签到表-${m.title}-${iso(m.startsAt).slice(0, 10)}.xlsx` };
  }

  /** A printable page of the record (C2): details, attendance, minutes and photos, with print CSS. */
  async minutesHtml(auth: AuthContext, meetingId: string, accessToken: string | null): Promise<string> {
    const r = await this.gate.read(auth, meetingId);
    const m = r.meeting;
    const names = await this.meetings.memberNames([m.chairMemberId, m.recorderMemberId]);
    const photos = await this.meetings.photos(m.id);
    const rows = r.canOversee ? await this.meetings.attendees(m.id) : [];
    const status = statusOf(m, this.clock.now());
    const entries = rows.map((x) => this.entry(x, status));
    const list = (state: AttendanceEntry['state']) => entries.filter((e) => e.state === state);
    const people = (xs: AttendanceEntry[], reason = false) =>
      xs.length === 0
        ? '无'
        : xs
            .map((e) => escapeHtml(e.member.name + (e.isGuest ? '（列席）' : '') + (reason ? `（${e.leaveReason ?? e.absenceReason ?? '未登记原因'}）` : '')))
            .join('、');
    const q = accessToken ? `?access_token=${encodeURIComponent(accessToken)}` : '';
    const h = escapeHtml;
    return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${h(m.title)} 会议记录</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", serif; color: #111; max-width: 800px; margin: 24px auto; padding: 0 16px; line-height: 1.7; }
  h1 { text-align: center; font-size: 22pt; color: #b00; border-bottom: 2px solid #b00; padding-bottom: 8px; }
  table.meta { width: 100%; border-collapse: collapse; margin: 12px 0; }
  table.meta th, table.meta td { border: 1px solid #333; padding: 6px 8px; text-align: left; vertical-align: top; }
  table.meta th { width: 7em; background: #f6f6f6; white-space: nowrap; }
  .minutes { white-space: pre-wrap; border: 1px solid #333; padding: 12px; min-height: 200px; }
  .photos img { max-width: 48%; margin: 4px; border: 1px solid #ccc; }
  .sign { margin-top: 32px; display: flex; justify-content: space-between; }
  .toolbar { text-align: right; }
  @page { size: A4; margin: 18mm 15mm; }
  @media print { .toolbar { display: none; } body { margin: 0; max-width: none; } h1 { color: #000; border-color: #000; } .photos { break-inside: avoid; } }
</style></head>
<body>
<div class="toolbar"><button onclick="window.print()">打印</button></div>
<h1>${h(m.orgName)}<br>${h(MEETING_TYPE_LABEL[m.type])}记录</h1>
<table class="meta">
<tr><th>会议名称</th><td colspan="3">${h(m.title)}</td></tr>
<tr><th>时间</th><td>${h(chinaDateTime(m.startsAt))} — ${h(chinaTime(m.endsAt))}</td><th>地点</th><td>${h(m.place)}</td></tr>
<tr><th>主持人</th><td>${h(m.chairMemberId ? (names.get(m.chairMemberId) ?? '') : '未指定')}</td><th>记录人</th><td>${h(m.recorderMemberId ? (names.get(m.recorderMemberId) ?? '') : '未指定')}</td></tr>
${
  r.canOversee
    ? `<tr><th>应到人数</th><td>${entries.length}</td><th>实到人数</th><td>${list('present').length}</td></tr>
<tr><th>出席人员</th><td colspan="3">${people(list('present'))}</td></tr>
<tr><th>请假人员</th><td colspan="3">${people(list('on_leave'), true)}</td></tr>
<tr><th>缺席人员</th><td colspan="3">${people([...list('absent'), ...list('leave_pending')], true)}</td></tr>`
    : ''
}
${m.cancelledAt ? `<tr><th>状态</th><td colspan="3">会议已取消：${h(m.cancelReason ?? '')}</td></tr>` : ''}
<tr><th>议程</th><td colspan="3" style="white-space: pre-wrap">${h(m.agenda || '—')}</td></tr>
</table>
<h2>会议记录</h2>
<div class="minutes">${h(m.minutes ?? '（尚未填写会议记录）')}</div>
${photos.length ? `<h2>会议照片</h2><div class="photos">${photos.map((p) => `<img src="/api/v1/meetings/${m.id}/photos/${p.id}${q}" alt="${h(p.caption ?? '会议照片')}">`).join('')}</div>` : ''}
<div class="sign"><span>主持人签字：__________</span><span>记录人签字：__________</span></div>
</body></html>`;
  }

  private entry(r: AttendeeRow, status: ReturnType<typeof statusOf>): AttendanceEntry {
    const state = attendanceState({ checkin: r.checkinStatus, leave: r.leaveStatus, meeting: status });
    const counted = r.checkinStatus && r.checkinStatus !== 'rejected';
    return {
      member: { id: r.memberId, name: r.name },
      organisationName: r.orgName,
      isGuest: r.isGuest,
      canVote: r.canVote,
      state,
      checkinId: r.checkinId,
      checkedInAt: counted ? isoOrNull(r.checkedInAt) : null,
      method: counted ? r.method : null,
      checkinNote: r.checkinNote,
      leaveId: r.leaveId,
      leaveReason: r.leaveReason,
      absenceReason: r.absenceReason,
    };
  }
}
