import { Injectable } from '@nestjs/common';
import {
  chinaToday,
  DEFAULT_VISITS_PER_YEAR,
  termCovers,
  visitSlots,
  type AppointOfficerDto,
  type CreateVisitDto,
  type EndAppointmentDto,
  type OfficerAppointment,
  type OfficerCandidate,
  type Visit,
  type VisitPlan,
} from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { likePattern } from '../common/sql.js';
import { CoverageService } from './coverage.service.js';
import { LedgerErrors } from './ledger.errors.js';
import { LedgerRepository, type AppointmentRow, type VisitRow } from './ledger.repository.js';

const UNIQUE_VIOLATION = '23505';
const toAppointment = ({ committeePath: _, ...a }: AppointmentRow): OfficerAppointment => a;
const toVisit = ({ userId, visitorName, ...v }: VisitRow): Visit => ({ ...v, visitor: { userId, name: visitorName } });

/**
 * 党建指导员 and 驻企联络员 (issue 18, S1): committees appoint them to the enterprises of their
 * ledger for a term; officers log their visits (走访记录) and follow a yearly plan of one visit per
 * S1 period, with overdue periods in their to-dos.
 */
@Injectable()
export class OfficersService {
  constructor(
    private readonly repo: LedgerRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly coverage: CoverageService,
  ) {}

  async appoint(auth: AuthContext, enterpriseId: string, dto: AppointOfficerDto): Promise<OfficerAppointment> {
    const entry = await this.repo.find(enterpriseId);
    if (!entry?.committeePath) throw notFound('台账企业');
    this.access.assert(auth, 'ledger.manage', entry.committeePath);
    if (!(await this.repo.userExists(dto.userId))) throw LedgerErrors.officerUnknown();
    try {
      const id = await this.repo.transaction(async (tx) => {
        const newId = await this.repo.insertAppointment(tx, { enterpriseId, ...dto, appointedBy: auth.userId });
        await this.audit.record(
          auth,
          { action: 'ledger.appoint', objectType: 'enterprise', objectId: enterpriseId, orgPath: entry.committeePath!, details: { ...dto } },
          tx,
        );
        return newId;
      });
      return toAppointment((await this.repo.appointment(id))!);
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw LedgerErrors.officerAlready();
      throw err;
    }
  }

  /** Ends a term on a day (not before it began); an ended term is history and stays as it is. */
  async end(auth: AuthContext, appointmentId: string, dto: EndAppointmentDto): Promise<OfficerAppointment> {
    await this.repo.transaction(async (tx) => {
      const a = await this.repo.appointment(appointmentId, tx);
      if (!a) throw notFound('任命');
      this.access.assert(auth, 'ledger.manage', a.committeePath);
      if (a.endsOn !== null && a.endsOn < chinaToday()) throw LedgerErrors.termInvalid();
      if (dto.endsOn < a.startsOn) throw LedgerErrors.termInvalid();
      await this.repo.endAppointment(tx, appointmentId, dto.endsOn);
      await this.audit.record(
        auth,
        { action: 'ledger.end-term', objectType: 'enterprise', objectId: a.enterpriseId, orgPath: a.committeePath, details: dto },
        tx,
      );
    });
    return toAppointment((await this.repo.appointment(appointmentId))!);
  }

  async candidates(auth: AuthContext, committeeId: string, q: string): Promise<{ items: OfficerCandidate[] }> {
    const path = await this.access.requireOrg(auth, 'ledger.manage', committeeId);
    return { items: await this.repo.candidates(path, q, likePattern(q)) };
  }

  /**
   * 走访记录: by an officer serving there on the visit's day (any role — a liaison's visit is logged,
   * only an instructor's counts for K3), or by a committee worker keeping the ledger.
   */
  async recordVisit(auth: AuthContext, enterpriseId: string, dto: CreateVisitDto): Promise<Visit> {
    const entry = await this.repo.find(enterpriseId);
    if (!entry?.committeePath) throw notFound('台账企业');
    const serving = (await this.repo.appointmentsOf(enterpriseId)).some((a) => a.userId === auth.userId && termCovers(a, dto.visitedOn));
    if (!serving && !this.access.can(auth, 'ledger.manage', entry.committeePath)) throw LedgerErrors.visitNotOfficer();
    if (dto.visitedOn > chinaToday()) throw LedgerErrors.visitInFuture();
    const id = await this.repo.transaction(async (tx) => {
      const newId = await this.repo.insertVisit(tx, { enterpriseId, userId: auth.userId, ...dto });
      await this.audit.record(
        auth,
        {
          action: 'ledger.visit',
          objectType: 'enterprise',
          objectId: enterpriseId,
          orgPath: entry.committeePath!,
          details: { visitId: newId, visitedOn: dto.visitedOn },
        },
        tx,
      );
      return newId;
    });
    return toVisit((await this.repo.visit(id))!);
  }

  /** The caller's own plan, or (`userId`) an officer's plan for a committee worker over all their enterprises. */
  async plan(auth: AuthContext, year: number | undefined, userId?: string): Promise<VisitPlan & { visits: Visit[]; appointments: OfficerAppointment[] }> {
    const who = userId ?? auth.userId;
    const all = await this.repo.appointmentsOfUser(who);
    const appointments = who === auth.userId ? all : all.filter((a) => this.access.can(auth, 'ledger.read', a.committeePath));
    if (who !== auth.userId && appointments.length === 0 && this.access.scopes(auth, 'ledger.read').length === 0) throw forbidden();
    const today = chinaToday();
    const y = year ?? Number(today.slice(0, 4));
    // Someone else's plan: only the visits at enterprises whose appointments the caller may read.
    const visits = (await this.repo.visitsOfUser(who, `${y}-01-01`, `${y}-12-31`)).filter(
      (v) => who === auth.userId || appointments.some((a) => a.enterpriseId === v.enterpriseId),
    );
    return { ...(await this.planOf(appointments, visits, y, today)), visits: visits.map(toVisit), appointments: appointments.map(toAppointment) };
  }

  private async planOf(appointments: AppointmentRow[], visits: VisitRow[], year: number, today: string): Promise<VisitPlan> {
    // One plan per enterprise and role, over all the terms there; the committee's S1 frequency of that year.
    const groups = new Map<string, AppointmentRow[]>();
    for (const a of appointments) {
      const key = `${a.enterpriseId}:${a.role}`;
      groups.set(key, [...(groups.get(key) ?? []), a]);
    }
    const perYearOf = new Map<string, number>();
    for (const a of appointments) {
      if (!perYearOf.has(a.committeePath)) perYearOf.set(a.committeePath, (await this.coverage.target(a.committeePath, year)).visitsPerYear);
    }
    const enterprises = [...groups.values()].map((terms) => {
      const first = terms[0]!;
      const perYear = perYearOf.get(first.committeePath)!;
      const days = visits.filter((v) => v.enterpriseId === first.enterpriseId).map((v) => v.visitedOn);
      return { enterpriseId: first.enterpriseId, name: first.enterpriseName, role: first.role, perYear, slots: visitSlots(terms, days, year, perYear, today) };
    });
    const slots = enterprises.flatMap((e) => e.slots);
    return {
      year,
      visitsPerYear: enterprises[0]?.perYear ?? DEFAULT_VISITS_PER_YEAR,
      planned: slots.length,
      done: slots.filter((s) => s.state === 'done').length,
      overdue: slots.filter((s) => s.state === 'overdue').length,
      enterprises: enterprises.filter((e) => e.slots.length > 0).map(({ perYear: _, ...e }) => e),
    };
  }

  /** The caller's overdue and due visits (to-dos). */
  async pendingVisits(auth: AuthContext): Promise<Array<{ enterpriseId: string; name: string; state: 'overdue' | 'due'; to: string }>> {
    const today = chinaToday();
    const year = Number(today.slice(0, 4));
    const appointments = (await this.repo.appointmentsOfUser(auth.userId)).filter((a) => a.endsOn === null || a.endsOn >= `${year}-01-01`);
    if (appointments.length === 0) return [];
    const plan = await this.planOf(appointments, await this.repo.visitsOfUser(auth.userId, `${year}-01-01`, `${year}-12-31`), year, today);
    return plan.enterprises.flatMap((e) =>
      e.slots
        .filter((s) => s.state === 'overdue' || s.state === 'due')
        .map((s) => ({ enterpriseId: e.enterpriseId, name: e.name, state: s.state as 'overdue' | 'due', to: s.to })),
    );
  }
}
