import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ballotValid, canonicalRecordChunks, packedValid, type BallotMark, type ElectionBallotContent, type PackedBallot } from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import type { PublishedRecordJson } from './election.entities.js';
import { BallotsRepository, type BoxRow } from './ballots.repository.js';

/** The box's ballots as the tally functions take them. */
export type CountedBallots = { kind: 'election'; ballots: ElectionBallotContent[]; validity: boolean[] } | { kind: 'motion'; ballots: BallotMark[] };

/**
 * The life of a ballot box, shared by election rounds and motions: open with a roll, close (mixing
 * the ballots), compare collected with issued (E9), and publish the record after counting.
 */
@Injectable()
export class BallotBoxService {
  constructor(private readonly repo: BallotsRepository) {}

  async open(tx: EntityManager, box: BoxRow, roll: { requiredIds: string[]; present: number }, now: Date, candidateIds?: string[]) {
    await this.repo.insertRoll(tx, box.id, roll.requiredIds);
    await this.repo.updateBox(tx, box.id, {
      state: 'open',
      required_count: roll.requiredIds.length,
      present_at_open: roll.present,
      opened_at: now,
      ...(candidateIds ? { candidate_ids: candidateIds } : {}),
    });
  }

  /**
   * Closes the box (waiting for casts in flight: they hold a key-share lock on the box row), records
   * presence, issued and collected, and rewrites the ballots in random order. The caller runs
   * `afterClose()` once the transaction has committed.
   */
  async close(tx: EntityManager, boxId: string, now: Date): Promise<{ issued: number; collected: number; present: number }> {
    const box = await this.repo.findBox(boxId, tx, 'FOR UPDATE');
    if (!box) throw new Error(`ballot box ${boxId} vanished`);
    const turnout = await this.repo.turnout(box.id, box.meetingId, tx);
    await this.repo.mixBallots(tx, box.id);
    await this.repo.updateBox(tx, box.id, {
      state: 'closed',
      closed_at: now,
      present_at_close: turnout.present,
      issued: turnout.voted,
      collected: turnout.collected,
    });
    return { issued: turnout.voted, collected: turnout.collected, present: turnout.present };
  }

  async afterClose(): Promise<void> {
    await this.repo.vacuumBallots();
  }

  /** E9: counts again and marks the box void when more ballots were collected than issued. */
  async verify(tx: EntityManager, box: BoxRow): Promise<{ void: boolean; issued: number; collected: number }> {
    const c = await this.repo.counts(box.id, tx);
    const isVoid = c.collected > c.issued;
    await this.repo.updateBox(tx, box.id, { issued: c.issued, collected: c.collected, ...(isVoid ? { state: 'void' } : {}) });
    return { void: isVoid, ...c };
  }

  /**
   * The ballots for counting, with E8 validity for an election round, in their published order: the
   * order of the random ids they were given when the box was closed and mixed (the receipts sorted).
   */
  async load(box: BoxRow, tx?: EntityManager): Promise<{ receipts: string[]; counted: CountedBallots }> {
    const rows = await this.repo.ballots(box.id, tx);
    const receipts = rows.map((r) => r.receipt).sort();
    if (box.electionId) {
      const ballots = rows.map((r) => r.content as ElectionBallotContent);
      return { receipts, counted: { kind: 'election', ballots, validity: ballots.map((b) => ballotValid(b, box.seats)) } };
    }
    return { receipts, counted: { kind: 'motion', ballots: rows.map((r) => (r.content as { choice: BallotMark }).choice) } };
  }

  /**
   * An election round's ballots for counting, packed (issue 12; the same ballots, order and receipts
   * as `load`, read without building each ballot's marks as an object).
   */
  async loadPacked(box: BoxRow, tx: EntityManager): Promise<{ receipts: string[]; ballots: PackedBallot[] }> {
    const rows = await this.repo.packedBallots(box.id, box.candidateIds, tx);
    const receipts = rows.map((r) => r.receipt).sort();
    const ballots = rows.map(({ code, writeIns }) => {
      const w = writeIns ?? [];
      return { code, writeIns: w, valid: packedValid(code, w.length, box.seats) };
    });
    return { receipts, ballots };
  }

  /** The published record of a counted box, read from its ballots (the legacy stored copy when there is one). */
  async record(box: BoxRow): Promise<PublishedRecordJson> {
    if (box.record) return box.record;
    const { receipts, counted } = await this.load(box);
    return { receipts, ballots: [...entriesOf(counted)] };
  }

  /** The canonical record text of a box read by `load`, in pieces (for `publish`). */
  recordChunks(box: BoxRow, receipts: string[], counted: CountedBallots): Iterable<string> {
    return canonicalRecordChunks({ boxId: box.id, receipts, ballots: entriesOf(counted) });
  }

  /**
   * Publishes: every receipt (sorted) and, separately and in their mixed random order, every ballot's
   * content with its validity — `record`, the canonical text in pieces (`recordChunks` or shared
   * canonicalPackedChunks). Only its SHA-256 — what the scrutineers sign — and the tally are stored
   * (issue 12: hashed piece by piece, no multi-megabyte copy of the ballots); the record is read from
   * the ballots, which nothing changes after closing.
   */
  async publish(tx: EntityManager, box: BoxRow, record: Iterable<string>, tally: object, now: Date): Promise<string> {
    const hash = createHash('sha256');
    // Each piece written as UTF-8 into a 64 KB buffer, hashed when full: 10,000 ballots' record
    // (5 MB) took ~4 ms so on a cold path, against 53 ms hashed piece by piece and ~40 ms joined into
    // strings of 64 KB first (flattening the pieces, then encoding them; measured alone, 2026-12-06).
    const buffer = Buffer.allocUnsafe(65_536);
    let used = 0;
    for (const chunk of record) {
      // A UTF-16 unit takes at most 3 bytes in UTF-8.
      if (used + chunk.length * 3 > buffer.length) {
        hash.update(buffer.subarray(0, used));
        used = 0;
      }
      if (chunk.length * 3 > buffer.length) hash.update(chunk, 'utf8');
      else used += buffer.write(chunk, used, 'utf8');
    }
    hash.update(buffer.subarray(0, used));
    const digest = hash.digest('hex');
    await this.repo.updateBox(tx, box.id, { state: 'counted', tally, digest, counted_at: now });
    return digest;
  }
}

function* entriesOf(counted: CountedBallots): Generator<PublishedRecordJson['ballots'][number]> {
  if (counted.kind === 'election') {
    for (const [i, b] of counted.ballots.entries()) yield { election: b, motion: null, valid: counted.validity[i]! };
  } else {
    for (const choice of counted.ballots) yield { election: null, motion: { choice }, valid: true };
  }
}
