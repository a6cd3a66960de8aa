import { Injectable } from '@nestjs/common';
import type { Permission } from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { MeetingsRepository, type MeetingRow } from './meetings.repository.js';

export type MeetingReadAccess = {
  meeting: MeetingRow;
  canManage: boolean;
  /** May see everyone's attendance: meeting.manage or org.read on the meeting's organisation. */
  canOversee: boolean;
  attendee: { isGuest: boolean; canVote: boolean; absenceReason: string | null } | null;
};

/**
 * The access check of every meeting endpoint: resolves the meeting to its organisation and asks
 * AccessService. Managing needs meeting.manage on the organisation; reading needs org.read there or
 * being an expected attendee (members see only their own meetings).
 */
@Injectable()
export class MeetingAccess {
  constructor(
    private readonly access: AccessService,
    private readonly meetings: MeetingsRepository,
  ) {}

  async manage(auth: AuthContext, id: string, manager?: EntityManager, lock = false): Promise<MeetingRow> {
    const m = await this.meetings.find(id, manager, lock);
    if (!m) throw this.missing(auth, 'meeting.manage');
    this.access.assert(auth, 'meeting.manage', m.orgPath);
    return m;
  }

  async oversee(auth: AuthContext, id: string): Promise<MeetingReadAccess> {
    const r = await this.read(auth, id);
    if (!r.canOversee) throw forbidden();
    return r;
  }

  async read(auth: AuthContext, id: string): Promise<MeetingReadAccess> {
    const m = await this.meetings.find(id);
    if (!m) throw this.missing(auth, 'org.read', true);
    const canManage = this.access.can(auth, 'meeting.manage', m.orgPath);
    const canOversee = canManage || this.access.can(auth, 'org.read', m.orgPath);
    const attendee = auth.memberId ? await this.meetings.attendee(m.id, auth.memberId) : null;
    if (!canOversee && !attendee) throw forbidden();
    return { meeting: m, canManage, canOversee, attendee };
  }

  canManage(auth: AuthContext, m: MeetingRow) {
    return this.access.can(auth, 'meeting.manage', m.orgPath);
  }

  /** Same answer for a missing meeting as AccessService gives for a missing organisation. */
  private missing(auth: AuthContext, permission: Permission, memberMaySee = false) {
    return this.access.scopes(auth, permission).length > 0 || (memberMaySee && auth.memberId) ? notFound('会议') : forbidden();
  }
}
