import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BoxState, ElectionTally, MotionTally, ScrutineerRole, WriteIn } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { BallotEntity, PublishedRecordJson } from './election.entities.js';

export type BoxRow = {
  id: string;
  meetingId: string;
  electionId: string | null;
  motionId: string | null;
  roundNo: number;
  roundKind: 'regular' | 'rerun' | 'runoff' | 'additional' | 'motion';
  seats: number;
  candidateIds: string[];
  state: BoxState;
  requiredCount: number | null;
  presentAtOpen: number | null;
  presentAtClose: number | null;
  issued: number | null;
  collected: number | null;
  tally: ElectionTally | MotionTally | null;
  record: PublishedRecordJson | null;
  digest: string | null;
  openedAt: Date | null;
  closedAt: Date | null;
  countedAt: Date | null;
};

/** What does not change once a box is open. */
export type BoxMeta = Pick<BoxRow, 'id' | 'meetingId' | 'electionId' | 'motionId' | 'roundNo' | 'roundKind' | 'seats' | 'candidateIds'>;

/** A voter's ballot to store (E6: with the "has voted" mark, both or neither). */
export type BallotCast = { boxId: string; memberId: string; receipt: string; content: BallotEntity['content'] };
/** What casting found: the box's state, whether the voter is on its roll and checked in, and whether the ballot was stored. */
export type CastOutcome = { state: BoxState; onRoll: boolean; present: boolean; marked: boolean };

export type SignatureRow = { memberId: string; name: string; role: ScrutineerRole; digest: string; signedAt: Date };

const META_COLS = `b.id, b.meeting_id AS "meetingId", b.election_id AS "electionId", b.motion_id AS "motionId", b.round_no AS "roundNo",
  b.round_kind AS "roundKind", b.seats, b.candidate_ids AS "candidateIds"`;

const BOX_COLS = `b.id, b.meeting_id AS "meetingId", b.election_id AS "electionId", b.motion_id AS "motionId", b.round_no AS "roundNo",
  b.round_kind AS "roundKind", b.seats, b.candidate_ids AS "candidateIds", b.state, b.required_count AS "requiredCount",
  b.present_at_open AS "presentAtOpen", b.present_at_close AS "presentAtClose", b.issued, b.collected, b.tally,
  b.digest, b.opened_at AS "openedAt", b.closed_at AS "closedAt", b.counted_at AS "countedAt"`;

/**
 * Ballot boxes, their rolls, the "has voted" marks, the ballots and the scrutineers' signatures.
 * The secrecy of the vote (E6) rests on what is *not* here: no query joins ballots to voters, reads
 * ballots in storage order, or exposes system columns (ctid, xmin).
 */
@Injectable()
export class BallotsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** `record` (the published record, large) only when asked for; elsewhere it is null. */
  async findBox(id: string, manager: EntityManager = this.db.manager, lock: '' | 'FOR UPDATE' = '', withRecord = false): Promise<BoxRow | null> {
    const rows: BoxRow[] = await manager.query(
      `SELECT ${BOX_COLS}, ${withRecord ? 'b.record' : 'NULL::jsonb AS record'} FROM ballot_box b WHERE b.id = $1 ${lock}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async boxesOf(owner: { electionId?: string; motionId?: string }, manager: EntityManager = this.db.manager): Promise<BoxRow[]> {
    const [col, id] = owner.electionId ? ['election_id', owner.electionId] : ['motion_id', owner.motionId];
    return manager.query(`SELECT ${BOX_COLS}, NULL::jsonb AS record FROM ballot_box b WHERE b.${col} = $1 ORDER BY b.round_no`, [id]);
  }

  async insertBox(
    tx: EntityManager,
    b: {
      meetingId: string;
      electionId: string | null;
      motionId: string | null;
      roundNo: number;
      roundKind: BoxRow['roundKind'];
      seats: number;
      candidateIds: string[];
    },
  ): Promise<string> {
    const rows: Array<{ id: string }> = await tx.query(
      `INSERT INTO ballot_box (meeting_id, election_id, motion_id, round_no, round_kind, seats, candidate_ids) VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[]) RETURNING id`,
      [b.meetingId, b.electionId, b.motionId, b.roundNo, b.roundKind, b.seats, b.candidateIds],
    );
    return rows[0]!.id;
  }

  async updateBox(tx: EntityManager, id: string, set: Record<string, unknown>) {
    const cols = Object.keys(set);
    const value = (v: unknown) => (v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v) ? JSON.stringify(v) : v);
    await tx.query(`UPDATE ballot_box SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...cols.map((c) => value(set[c]))]);
  }

  async insertRoll(tx: EntityManager, boxId: string, memberIds: string[]) {
    if (memberIds.length === 0) return;
    await tx.query(`INSERT INTO ballot_box_roll (box_id, member_id) SELECT $1, unnest($2::uuid[])`, [boxId, memberIds]);
  }

  /** 应到会, present (on the roll and checked in) and voted, for the screen and the tallies. */
  async turnout(
    boxId: string,
    meetingId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<{ required: number; present: number; voted: number; collected: number }> {
    const [r] = await manager.query(
      `SELECT (SELECT count(*) FROM ballot_box_roll WHERE box_id = $1)::int AS required,
              (SELECT count(*) FROM ballot_box_roll r JOIN meeting_checkin c ON c.meeting_id = $2 AND c.member_id = r.member_id AND c.status = 'confirmed'
                WHERE r.box_id = $1)::int AS present,
              (SELECT count(*) FROM ballot_box_voter WHERE box_id = $1)::int AS voted,
              (SELECT count(*) FROM ballot WHERE box_id = $1)::int AS collected`,
      [boxId, meetingId],
    );
    return r;
  }

  async boxMeta(id: string): Promise<(BoxMeta & { state: BoxState }) | null> {
    const rows = await this.db.query(`SELECT ${META_COLS}, b.state FROM ballot_box b WHERE b.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Everything opening a ballot needs, in one round trip: the box, the meeting's QR step, and the member's standing. */
  async openState(
    boxId: string,
    memberId: string,
  ): Promise<(BoxMeta & { state: BoxState; qrStepSeconds: number; onRoll: boolean; voted: boolean; present: boolean }) | null> {
    const rows = await this.db.query(
      `SELECT ${META_COLS}, b.state, m.qr_step_seconds AS "qrStepSeconds",
              EXISTS (SELECT 1 FROM ballot_box_roll r WHERE r.box_id = b.id AND r.member_id = $2) AS "onRoll",
              EXISTS (SELECT 1 FROM ballot_box_voter v WHERE v.box_id = b.id AND v.member_id = $2) AS voted,
              EXISTS (SELECT 1 FROM meeting_checkin c WHERE c.meeting_id = b.meeting_id AND c.member_id = $2 AND c.status = 'confirmed') AS present
         FROM ballot_box b JOIN meeting m ON m.id = b.meeting_id WHERE b.id = $1`,
      [boxId, memberId],
    );
    return rows[0] ?? null;
  }

  /**
   * E6: one call, so one atomic round trip (issue 12's hot path; `ballot_cast`, migration
   * 1795400001000): a key-share lock on the box row (closing waits for casts in flight, and no cast
   * slips in after), the roll and presence checks, the "has voted" mark (its primary key refuses a
   * second one) and the ballot, stored only if the mark was. A receipt already drawn in this box fails
   * the whole call with a unique violation on UQ_ballot_receipt (the mark goes with it); the caller
   * draws another.
   */
  async cast(p: BallotCast): Promise<CastOutcome | null> {
    const rows = await this.db.query(`SELECT * FROM ballot_cast($1, $2, $3, $4::jsonb)`, [p.boxId, p.memberId, p.receipt, JSON.stringify(p.content)]);
    return rows[0] ?? null;
  }

  /** Many casts in one statement (`ballot_cast_batch`), each answered as `cast`; at most one per voter and box. */
  async castMany(items: BallotCast[]): Promise<Array<CastOutcome | null>> {
    const rows: Array<CastOutcome & { ord: number }> = await this.db.query(`SELECT * FROM ballot_cast_batch($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[])`, [
      items.map((i) => i.boxId),
      items.map((i) => i.memberId),
      items.map((i) => i.receipt),
      items.map((i) => JSON.stringify(i.content)),
    ]);
    const out = items.map((): CastOutcome | null => null);
    for (const { ord, ...r } of rows) out[ord - 1] = r;
    return out;
  }

  /**
   * Rewrites the box's ballots in random order with fresh random ids, in the closing transaction: the
   * ballots then share one transaction id and their physical order no longer follows the order of
   * casting (which the "has voted" rows keep). VACUUM afterwards removes the old row versions.
   */
  async mixBallots(tx: EntityManager, boxId: string): Promise<number> {
    await tx.query(`CREATE TEMP TABLE ballot_mix ON COMMIT DROP AS SELECT receipt, content FROM ballot WHERE box_id = $1`, [boxId]);
    await tx.query(`DELETE FROM ballot WHERE box_id = $1`, [boxId]);
    const r = await tx.query(`INSERT INTO ballot (box_id, receipt, content) SELECT $1, receipt, content FROM ballot_mix ORDER BY random() RETURNING 1`, [
      boxId,
    ]);
    return (Array.isArray(r[0]) ? r[0] : r).length;
  }

  /** Outside any transaction, after the mixing commits. */
  async vacuumBallots(): Promise<void> {
    await this.db.query(`VACUUM ballot`);
  }

  /** Counts for E9. */
  async counts(boxId: string, manager: EntityManager = this.db.manager): Promise<{ issued: number; collected: number }> {
    const [r] = await manager.query(
      `SELECT (SELECT count(*) FROM ballot_box_voter WHERE box_id = $1)::int AS issued, (SELECT count(*) FROM ballot WHERE box_id = $1)::int AS collected`,
      [boxId],
    );
    return r;
  }

  /** Receipts and contents for counting, sorted by receipt (random codes): never in storage order. */
  async ballots(boxId: string, manager: EntityManager = this.db.manager): Promise<Array<{ receipt: string; content: BallotEntity['content'] }>> {
    // The random ids given when the box was mixed at closing: the published order.
    return manager.query(`SELECT receipt, content FROM ballot WHERE box_id = $1 ORDER BY id`, [boxId]);
  }

  /**
   * The ballots for counting an election round, packed (`PackedBallot` in shared, without validity):
   * each ballot's marks read in SQL into one letter per candidate in `candidateIds`' order, its
   * write-ins only when it has any — 10,000 ballots arrive as short strings, not 90,000 parsed JSON
   * properties (issue 12). Sorted by the random ids given at mixing (the published order). One row
   * per ballot: aggregated into one row (three sorts of the ballots) it took twice as long. `OFFSET 0`
   * keeps the inner query from being flattened into the outer, which would extract `content->'marks'`
   * once per candidate instead of once per ballot (47 → 23–30 ms for 10,000 × 9).
   */
  async packedBallots(
    boxId: string,
    candidateIds: ReadonlyArray<string>,
    manager: EntityManager = this.db.manager,
  ): Promise<Array<{ receipt: string; code: string; writeIns: WriteIn[] | null }>> {
    const letter = (i: number) => `CASE m->>$${i + 2} WHEN 'for' THEN 'F' WHEN 'against' THEN 'A' WHEN 'abstain' THEN 'S' ELSE '-' END`;
    const code = candidateIds.length ? candidateIds.map((_, i) => letter(i)).join(' || ') : `''`;
    return manager.query(
      `SELECT receipt, ${code} AS code, NULLIF(w, '[]'::jsonb) AS "writeIns"
         FROM (SELECT id, receipt, content->'marks' AS m, content->'writeIns' AS w FROM ballot WHERE box_id = $1 OFFSET 0) b ORDER BY id`,
      [boxId, ...candidateIds],
    );
  }

  async receiptExists(boxId: string, receipt: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM ballot WHERE box_id = $1 AND receipt = $2`, [boxId, receipt]);
    return rows.length > 0;
  }

  async votedMemberIds(boxId: string, manager: EntityManager = this.db.manager): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(`SELECT member_id AS id FROM ballot_box_voter WHERE box_id = $1`, [boxId]);
    return rows.map((r) => r.id);
  }

  async signatures(boxId: string, manager: EntityManager = this.db.manager): Promise<SignatureRow[]> {
    return manager.query(
      `SELECT s.member_id AS "memberId", m.name, s.role, s.digest, s.signed_at AS "signedAt"
         FROM ballot_box_signature s JOIN member m ON m.id = s.member_id WHERE s.box_id = $1
        ORDER BY CASE s.role WHEN 'chief' THEN 0 ELSE 1 END, m.name, m.id`,
      [boxId],
    );
  }

  async insertSignature(
    tx: EntityManager,
    s: { boxId: string; memberId: string; userId: string; role: ScrutineerRole; digest: string; at: Date },
  ): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO ballot_box_signature (box_id, member_id, user_id, role, digest, signed_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING 1 AS ok`,
      [s.boxId, s.memberId, s.userId, s.role, s.digest, s.at],
    );
    return rows.length > 0;
  }

  /** Whether the member is on the box's voter roll. */
  async onRoll(tx: EntityManager, boxId: string, memberId: string): Promise<boolean> {
    const rows: Array<{ ok: boolean }> = await tx.query(`SELECT true AS ok FROM ballot_box_roll WHERE box_id = $1 AND member_id = $2`, [boxId, memberId]);
    return rows.length > 0;
  }
}
