import { randomInt } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  BALLOT_PASS_MINUTES,
  BALLOT_PROBLEM_MESSAGE,
  BALLOT_SCAN_PATH,
  BALLOT_TOKEN_PARAM,
  ballotFormProblems,
  electionQuorum,
  ELECTION_STATE_LABEL,
  MOTION_STATE_LABEL,
  motionQuorum,
  normaliseBallot,
  type BallotCode,
  type BallotView,
  type CastBallotDto,
  type CastResult,
  type ElectionTally,
  type MotionTally,
  type OpenBallotDto,
  type PublishedRecord,
  type ReceiptCheck,
  type VoteScreen,
} from '@dangjian/shared';
import QRCode from 'qrcode';
import type { AuthContext } from '../common/auth-context.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CheckinTokens } from '../meetings/checkin-tokens.js';
import { Clock } from '../common/clock.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { BallotBoxService } from './ballot-box.service.js';
import { BallotTokens } from './ballot-tokens.js';
import { Batcher } from '../common/batcher.js';
import { BallotsRepository, type BallotCast, type BoxMeta, type BoxRow, type CastOutcome } from './ballots.repository.js';
import type { BoxState } from '@dangjian/shared';
import type { BallotEntity } from './election.entities.js';
import { iso } from './elections.mapper.js';
import { VoteErrors } from './elections.errors.js';
import { ElectionsRepository, type ElectionRow, type MotionRow } from './elections.repository.js';
import { VoteAccess } from './vote-access.js';

/** Who asks for the screen's data: a signed-in manager or overseer, or a projector with the meeting's screen token. */
export type ScreenCaller = { auth: AuthContext | null; screenToken: string | null };
type BallotSheet = {
  meta: BoxMeta;
  /** The meeting's QR step, fixed while a box is open. */
  qrStepSeconds: number;
  candidates: Array<{ id: string; name: string; introduction: string }>;
  view: Omit<BallotView, 'pass' | 'passExpiresAt'>;
};
/** The unique violation of a receipt drawn twice in one box (cast's statement failed as a whole). */
const isReceiptTaken = (err: unknown) => {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const d = e.driverError ?? e;
  return d.code === '23505' && d.constraint === 'UQ_ballot_receipt';
};
type Owner = { kind: 'election'; row: ElectionRow } | { kind: 'motion'; row: MotionRow };

/** Crockford base32 without I, L, O, U: easy to read back from a phone. */
const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const newReceipt = () => {
  let s = '';
  for (let i = 0; i < 10; i++) s += RECEIPT_ALPHABET[randomInt(32)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
};

/**
 * The secret ballot (E6): the rotating ballot QR on the meeting screen, opening a ballot (checked in,
 * on the roll, not voted yet) and casting it in one transaction (mark "has voted" + store the ballot
 * with a random receipt), the live turnout without partial results, and the published record.
 */
@Injectable()
export class BallotsService {
  /** Box id → its ballot (fixed once the box opens). */
  private readonly sheets = new Map<string, BallotSheet>();

  /** Group commit (issue 12): casts arriving together go in one statement, at most one per voter and box. */
  private readonly casts = new Batcher<BallotCast, CastOutcome | null>({
    many: (items) => this.repo.castMany(items),
    one: (item) => this.repo.cast(item),
    key: (c) => `${c.boxId}:${c.memberId}`,
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: BallotsRepository,
    private readonly box: BallotBoxService,
    private readonly elections: ElectionsRepository,
    private readonly meetings: MeetingsService,
    private readonly gate: VoteAccess,
    private readonly tokens: BallotTokens,
    private readonly screenTokens: CheckinTokens,
    private readonly clock: Clock,
  ) {}

  /** The rotating ballot QR of the open round, for the screen (a manager, or the meeting's screen token). */
  async code(caller: ScreenCaller, owner: { electionId?: string; motionId?: string }): Promise<BallotCode> {
    const o = await this.screenOwner(caller, owner, true);
    const box = await this.currentBox(o);
    if (!box || box.state !== 'open') throw VoteErrors.votingClosed();
    const meeting = await this.meetings.row(box.meetingId);
    const stepMs = (meeting?.qrStepSeconds ?? 15) * 1000;
    const nowMs = this.clock.nowMs();
    const step = Math.floor(nowMs / stepMs);
    const token = this.tokens.signQr(box.id, step);
    const url = `${this.config.PUBLIC_BASE_URL}/#${BALLOT_SCAN_PATH}?${BALLOT_TOKEN_PARAM}=${token}`;
    return {
      boxId: box.id,
      title: o.row.title,
      token,
      url,
      step,
      stepSeconds: stepMs / 1000,
      expiresInMs: (step + 1) * stepMs - nowMs,
      svg: await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      serverTime: new Date(nowMs).toISOString(),
    };
  }

  /** The screen: state and turnout (voted / present) live; results only once counted. */
  async screen(caller: ScreenCaller, owner: { electionId?: string; motionId?: string }): Promise<VoteScreen> {
    const o = await this.screenOwner(caller, owner, false);
    const box = await this.currentBox(o);
    const t = box?.state === 'ready' || !box ? null : await this.repo.turnout(box.id, box.meetingId);
    const required = t?.required ?? 0;
    const present = t?.present ?? 0;
    const counted = box?.state === 'counted';
    return {
      title: o.row.title,
      kind: o.kind,
      state: o.row.state,
      stateLabel: o.kind === 'election' ? ELECTION_STATE_LABEL[o.row.state] : MOTION_STATE_LABEL[o.row.state],
      round: box?.roundNo ?? null,
      boxState: box?.state ?? null,
      required,
      present,
      voted: t?.voted ?? 0,
      quorum: o.kind === 'election' ? electionQuorum(required, present) : motionQuorum(o.row.kind, required, present),
      electionTally: counted && o.kind === 'election' ? (box.tally as ElectionTally) : null,
      motionTally: counted && o.kind === 'motion' ? (box.tally as MotionTally) : null,
      serverTime: this.clock.now().toISOString(),
    };
  }

  /**
   * A member scanned the ballot QR: the token must be of the current or the previous step, the box
   * open, the member on its roll (E1, E2), checked in (E6) and not have voted. Answers the ballot and a
   * pass bound to this member and box.
   */
  async open(auth: AuthContext, dto: OpenBallotDto): Promise<BallotView> {
    if (!auth.memberId) throw VoteErrors.notAMember();
    const t = this.tokens.verifyQr(dto.token);
    const s = await this.repo.openState(t.boxId, auth.memberId);
    if (!s) throw notFound('投票');
    this.requireFreshStep(t.step, s.qrStepSeconds);
    if (s.state !== 'open') throw (await this.laterRoundExists(s)) ? VoteErrors.newRoundStarted() : VoteErrors.votingClosed();
    if (!s.onRoll) throw VoteErrors.notEligible();
    if (s.voted) throw VoteErrors.alreadyVoted();
    if (!s.present) throw VoteErrors.notCheckedIn();
    const expires = new Date(this.clock.nowMs() + BALLOT_PASS_MINUTES * 60_000);
    const sheet = await this.sheetOf(s);
    return { ...sheet.view, pass: this.tokens.signPass(s.id, auth.memberId, expires), passExpiresAt: expires.toISOString() };
  }

  /** The screen's QR is valid in its step and the next (as for check-in, C3). */
  private requireFreshStep(step: number, qrStepSeconds: number) {
    const current = Math.floor(this.clock.nowMs() / (qrStepSeconds * 1000));
    if (step > current || step < current - 1) throw VoteErrors.tokenExpired();
  }

  /** Cast with the screen's QR instead of a pass (one request): the box it names, if the code is current. */
  private async freshQrBox(token: string): Promise<string> {
    const t = this.tokens.verifyQr(token);
    const sheet = await this.sheetOf(t.boxId);
    this.requireFreshStep(t.step, sheet.qrStepSeconds);
    return t.boxId;
  }

  /** Whether the election or motion of a closed box has gone on to another round (run-off, 另行选举, re-vote). */
  private async laterRoundExists(s: BoxMeta): Promise<boolean> {
    const owner = s.electionId ? { electionId: s.electionId } : { motionId: s.motionId ?? '' };
    return (await this.repo.boxesOf(owner)).some((b) => b.roundNo > s.roundNo);
  }

  /**
   * E6, E7: casts the ballot. The form is checked first (E7: refused, nothing stored); then one
   * transaction marks the voter and stores the ballot — both or neither. A second attempt (or 49
   * concurrent ones) finds the "has voted" row and is refused. An E8-invalid ballot is accepted: it
   * is a valid act of voting and is counted as invalid.
   */
  async cast(auth: AuthContext, dto: CastBallotDto): Promise<CastResult> {
    if (!auth.memberId) throw VoteErrors.notAMember();
    const memberId = auth.memberId;
    const boxId = dto.pass !== undefined ? this.tokens.verifyPass(dto.pass, memberId, this.clock.now()) : await this.freshQrBox(dto.token!);
    const sheet = await this.sheetOf(boxId);
    const box = sheet.meta;
    let content: BallotEntity['content'];
    if (box.electionId) {
      if (dto.choice !== undefined) throw VoteErrors.ballotFormInvalid([{ code: 'choice_on_election', message: '选举票请对候选人逐一标记', candidateId: '' }]);
      const ballot = { marks: dto.marks ?? [], writeIns: dto.writeIns ?? [] };
      const problems = ballotFormProblems(ballot, sheet.candidates, box.roundKind !== 'runoff');
      if (problems.length) throw VoteErrors.ballotFormInvalid(problems.map((p) => ({ ...p, message: BALLOT_PROBLEM_MESSAGE[p.code] })));
      content = normaliseBallot(ballot, box.candidateIds);
    } else {
      if (!dto.choice || dto.marks?.length || dto.writeIns?.length)
        throw VoteErrors.ballotFormInvalid([{ code: 'choice_required', message: '请选择赞成、不赞成或弃权', candidateId: '' }]);
      content = { choice: dto.choice };
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const receipt = newReceipt();
      let r: CastOutcome | null;
      try {
        // Casts arriving together share one statement (group commit, issue 12).
        r = await this.casts.submit({ boxId: box.id, memberId, receipt, content });
      } catch (err) {
        // A receipt collision rolled the mark back with the statement: draw another code.
        if (isReceiptTaken(err)) continue;
        throw err;
      }
      if (!r) throw notFound('投票');
      if (r.state !== 'open') throw VoteErrors.votingClosed();
      if (!r.onRoll) throw VoteErrors.notEligible();
      if (!r.present) throw VoteErrors.notCheckedIn();
      if (!r.marked) throw VoteErrors.alreadyVoted();
      return { boxId: box.id, receipt, message: '投票成功。请保存回执码，计票后可在公布的记录中核对。' };
    }
    throw new DomainError('INTERNAL', HttpStatus.INTERNAL_SERVER_ERROR, '生成回执失败，请重试');
  }

  /** After counting: the receipts and, separately and in random order, the ballots, with the digest and signatures. */
  async record(auth: AuthContext, boxId: string): Promise<PublishedRecord> {
    const { box, title } = await this.readBox(auth, boxId);
    if (box.state !== 'counted' || !box.digest) throw VoteErrors.recordNotPublished();
    const [record, signatures] = await Promise.all([this.box.record(box), this.repo.signatures(box.id)]);
    const valid = record.ballots.filter((b) => b.valid).length;
    return {
      boxId: box.id,
      title,
      kind: box.electionId ? 'election' : 'motion',
      round: box.electionId ? box.roundNo : null,
      issued: box.issued ?? 0,
      collected: box.collected ?? 0,
      valid,
      invalid: record.ballots.length - valid,
      receipts: record.receipts,
      // Names in ballot order, so the published ballots read like the ballot itself.
      candidates: box.electionId ? (await this.sheetOf(box)).candidates.map(({ id, name }) => ({ id, name })) : [],
      ballots: record.ballots,
      digest: box.digest,
      signatures: signatures.map((s) => ({ memberId: s.memberId, name: s.name, role: s.role, digest: s.digest, signedAt: iso(s.signedAt) })),
    };
  }

  /** Whether a receipt code is in the published record. */
  async checkReceipt(auth: AuthContext, boxId: string, receipt: string): Promise<ReceiptCheck> {
    const { box } = await this.readBox(auth, boxId);
    if (box.state !== 'counted' || !box.digest) throw VoteErrors.recordNotPublished();
    const code = receipt.trim().toUpperCase();
    const included = box.record ? box.record.receipts.includes(code) : await this.repo.receiptExists(box.id, code);
    return { boxId: box.id, receipt: code, included, counted: true };
  }

  // ----

  private async readBox(auth: AuthContext, boxId: string): Promise<{ box: BoxRow; title: string }> {
    const box = await this.repo.findBox(boxId, undefined, '', true);
    if (!box) throw notFound('投票');
    const { row } = box.electionId ? await this.gate.readElection(auth, box.electionId) : await this.gate.readMotion(auth, box.motionId!);
    return { box, title: row.title };
  }

  private async screenOwner(caller: ScreenCaller, owner: { electionId?: string; motionId?: string }, manageOnly: boolean): Promise<Owner> {
    const o: Owner | null = owner.electionId
      ? await this.elections.findElection(owner.electionId).then((row) => (row ? { kind: 'election' as const, row } : null))
      : await this.elections.findMotion(owner.motionId!).then((row) => (row ? { kind: 'motion' as const, row } : null));
    if (caller.screenToken) {
      if (!o) throw notFound('投票');
      this.screenTokens.verifyScreen(caller.screenToken, o.row.meetingId, this.clock.now());
      return o;
    }
    if (!caller.auth) throw new DomainError('UNAUTHENTICATED', HttpStatus.UNAUTHORIZED, '请先登录');
    if (owner.electionId) {
      // Only managers see the code (whoever holds it could open a ballot from afar); overseers may watch.
      if (manageOnly) return { kind: 'election', row: await this.gate.manageElection(caller.auth, owner.electionId) };
      const r = await this.gate.readElection(caller.auth, owner.electionId);
      if (!r.canOversee) throw new DomainError('FORBIDDEN', HttpStatus.FORBIDDEN, '无权访问该对象');
      return { kind: 'election', row: r.row };
    }
    if (manageOnly) return { kind: 'motion', row: await this.gate.manageMotion(caller.auth, owner.motionId!) };
    const r = await this.gate.readMotion(caller.auth, owner.motionId!);
    if (!r.canOversee) throw new DomainError('FORBIDDEN', HttpStatus.FORBIDDEN, '无权访问该对象');
    return { kind: 'motion', row: r.row };
  }

  private async currentBox(o: Owner): Promise<BoxRow | null> {
    const boxes = await this.repo.boxesOf(o.kind === 'election' ? { electionId: o.row.id } : { motionId: o.row.id });
    return boxes[boxes.length - 1] ?? null;
  }

  /**
   * What a box's ballot shows and what casting checks against — fixed once the box is open (its
   * candidates, seats, titles), so kept in memory per box; never the box's state.
   */
  private async sheetOf(box: string | BoxMeta): Promise<BallotSheet> {
    const id = typeof box === 'string' ? box : box.id;
    const cached = this.sheets.get(id);
    if (cached) return cached;
    const meta = typeof box === 'string' ? await this.repo.boxMeta(box) : box;
    if (!meta) throw notFound('投票');
    const meeting = await this.meetings.row(meta.meetingId);
    let sheet: BallotSheet;
    if (!meeting) throw notFound('会议');
    const base = { boxId: meta.id, meetingTitle: meeting.title };
    const qrStepSeconds = meeting.qrStepSeconds;
    if (meta.electionId) {
      const e = (await this.elections.findElection(meta.electionId))!;
      const all = new Map((await this.elections.candidates(meta.electionId)).map((c) => [c.id, c]));
      const candidates = meta.candidateIds.map((cid) => all.get(cid)!).map((c) => ({ id: c.id, name: c.name, introduction: c.introduction }));
      sheet = {
        meta,
        qrStepSeconds,
        candidates,
        view: {
          ...base,
          kind: 'election',
          title: e.title,
          organisationName: e.orgName,
          election: {
            electionId: e.id,
            kind: e.kind,
            round: meta.roundNo,
            roundKind: meta.roundKind === 'motion' ? 'regular' : meta.roundKind,
            seats: meta.seats,
            candidates: candidates.map((c, i) => ({ ...c, order: i + 1 })),
            writeInsAllowed: meta.roundKind !== 'runoff',
          },
          motion: null,
        },
      };
    } else {
      const m = (await this.elections.findMotion(meta.motionId!))!;
      sheet = {
        meta,
        qrStepSeconds,
        candidates: [],
        view: {
          ...base,
          kind: 'motion',
          title: m.title,
          organisationName: m.orgName,
          election: null,
          motion: {
            motionId: m.id,
            kind: m.kind,
            description: m.description,
            applicant: m.applicantName ? { memberId: m.applicantMemberId, name: m.applicantName } : null,
          },
        },
      };
    }
    // Only boxes that are open (or past): a ready box's candidates are set when it opens.
    const state = typeof box === 'string' ? (meta as BoxMeta & { state: BoxState }).state : 'open';
    if (state !== 'ready') {
      if (this.sheets.size > 500) this.sheets.clear();
      this.sheets.set(id, sheet);
    }
    return sheet;
  }
}
