import { Inject, Injectable } from '@nestjs/common';
import { chinaToday, dueEscalations, ESCALATION_LABEL, type RequestEscalationResult } from '@dangjian/shared';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { IntervalJob } from '../common/interval-job.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { requestPage } from './request.workflow.js';
import { RequestsRepository } from './requests.repository.js';

const BATCH = 200;

/**
 * S2 escalation: a request past its first-response day while nobody took it up, or past its
 * resolution day while unresolved, is escalated to the committee once per kind — a timeline step
 * ('escalate'), an audit entry, a notice to the committee's request managers and the department's
 * handlers. The state does not change: the committee acts (routes again, presses the department).
 * Idempotent (the *_escalated_at columns), so several instances do no harm.
 */
@Injectable()
export class RequestEscalationService {
  constructor(
    private readonly repo: RequestsRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<RequestEscalationResult> {
    const now = this.clock.now();
    const today = chinaToday(now);
    const out: RequestEscalationResult = { firstResponse: 0, resolution: 0 };
    for (;;) {
      const n = await this.repo.transaction(async (tx) => {
        const rows = await this.repo.escalationCandidates(tx, today, BATCH);
        for (const r of rows) {
          const due = dueEscalations({ ...r, responseEscalated: r.responseEscalatedAt !== null, resolutionEscalated: r.resolutionEscalatedAt !== null }, today);
          for (const kind of due) {
            await this.repo.save(tx, r.id, r.state, kind === 'first_response' ? { responseEscalatedAt: now } : { resolutionEscalatedAt: now });
            await this.repo.insertStep(tx, {
              requestId: r.id,
              action: 'escalate',
              from: r.state,
              to: r.state,
              actorId: null,
              text: kind,
              departmentId: null,
              rating: null,
              at: now,
            });
            await this.audit.record(
              null,
              {
                action: 'enterprise_request.escalate',
                objectType: 'enterprise_request',
                objectId: r.id,
                orgPath: r.committeePath,
                details: { kind, number: r.number },
              },
              tx,
            );
            const users = new Set(await this.repo.managersOf(tx, r.committeePath));
            if (r.departmentId) for (const u of await this.repo.handlersOf(tx, r.departmentId)) users.add(u);
            await this.notifications.notify(tx, [...users], {
              kind: 'enterprise_request.escalate',
              title: `企业诉求${ESCALATION_LABEL[kind]}`,
              body: `${r.number}「${r.title}」${kind === 'first_response' ? `应于 ${r.firstResponseDueOn} 前响应` : `应于 ${r.resolveDueOn} 前办结`}，已升级至党委督办`,
              link: requestPage(r.id),
            });
            if (kind === 'first_response') out.firstResponse++;
            else out.resolution++;
          }
        }
        return rows.length;
      });
      if (n < BATCH) break;
    }
    return out;
  }
}

/** Runs the escalation every REQUEST_SCAN_INTERVAL_S under its advisory lock. */
@Injectable()
export class RequestEscalationJob extends IntervalJob {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly escalation: RequestEscalationService,
  ) {
    super('RequestEscalation');
  }

  protected get intervalS() {
    return this.config.REQUEST_SCAN_INTERVAL_S;
  }

  protected run() {
    return this.escalation.run();
  }
}
