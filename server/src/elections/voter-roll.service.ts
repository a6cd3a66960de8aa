import { Injectable } from '@nestjs/common';
import { electionIneligibility, electionQuorum, motionQuorum, type IneligibleReason, type Quorum, type RollMember, type VoterRoll } from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import { ElectionsRepository, type ElectionRow, type MotionRow } from './elections.repository.js';

export type ComputedRoll = VoterRoll & {
  /** 应到会: eligible and not excluded. */
  requiredIds: string[];
  /** Of those, checked in. */
  presentIds: string[];
};

/**
 * The voter roll, computed from the meeting's attendees and check-ins when it is shown and again when
 * voting opens (E1 eligibility from the members' current status, E2 exclusions), with the quorum of
 * the rule (E3 for elections, V1–V3 for motions).
 */
@Injectable()
export class VoterRollService {
  constructor(private readonly repo: ElectionsRepository) {}

  async forElection(e: ElectionRow, manager?: EntityManager): Promise<ComputedRoll> {
    const electorate = e.electorate === 'committee_election' && e.committeeElectionId ? await this.electedMemberIds(e.committeeElectionId, manager) : null;
    const excluded = new Set((await this.repo.exclusions(e.id, manager)).map((x) => x.memberId));
    return this.build(e.meetingId, electorate, excluded, (required, present) => electionQuorum(required, present), manager);
  }

  async forMotion(m: MotionRow, manager?: EntityManager): Promise<ComputedRoll> {
    const electorate = m.kind === 'committee' ? new Set(await this.repo.committeeMemberIds(m.organisationId, manager)) : null;
    return this.build(m.meetingId, electorate, new Set(), (required, present) => motionQuorum(m.kind, required, present), manager);
  }

  /** The members a committee election elected: the electorate of the secretary election that follows (E14). */
  async electedMemberIds(electionId: string, manager?: EntityManager): Promise<Set<string>> {
    const list = await this.repo.candidates(electionId, manager);
    return new Set(list.filter((c) => c.status === 'elected' && c.memberId).map((c) => c.memberId!));
  }

  private async build(
    meetingId: string,
    electorate: Set<string> | null,
    excluded: Set<string>,
    quorumOf: (required: number, present: number) => Quorum,
    manager?: EntityManager,
  ): Promise<ComputedRoll> {
    const people = await this.repo.meetingPeople(meetingId, manager);
    const members: RollMember[] = people.map((p) => {
      let reason: IneligibleReason | null = electionIneligibility(p);
      if (!reason && electorate && !electorate.has(p.memberId)) reason = 'not_on_committee';
      return {
        memberId: p.memberId,
        name: p.name,
        eligible: !reason,
        ineligibleReason: reason,
        excluded: !reason && excluded.has(p.memberId),
        present: p.present,
      };
    });
    const required = members.filter((m) => m.eligible && !m.excluded);
    const present = required.filter((m) => m.present);
    return {
      eligible: members.filter((m) => m.eligible).length,
      excluded: members.filter((m) => m.excluded).length,
      required: required.length,
      present: present.length,
      quorum: quorumOf(required.length, present.length),
      members,
      requiredIds: required.map((m) => m.memberId),
      presentIds: present.map((m) => m.memberId),
    };
  }
}
