import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import {
  checkApplicantAge,
  checkStepDate,
  chinaToday,
  DEV_ACTION_ACTOR,
  DEV_ACTION_LABEL,
  DEV_ACTOR_LABEL,
  DEV_RULE_SET,
  DEV_STAGE_LABEL,
  DEV_STATE_LABEL,
  DEV_STATE_STAGE,
  DEV_STATE_STEP,
  DEV_STEP_NO,
  trainingProgress,
  nationalIdBirthDate,
  nationalIdGender,
  nextDevActions,
  overdueDeadlines,
  devDeadlines,
  probationEnd,
  type CreateDevApplicationDto,
  type DevAction,
  type DevFile,
  type DevRecord,
  type DevStepParsed,
} from '@dangjian/shared';
import type { FastifyRequest } from 'fastify';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { WorkflowEngine } from '../common/workflow.js';
import { MotionsService } from '../elections/motions.service.js';
import { FeeBillsService } from '../fees/fee-bills.service.js';
import { MembersService } from '../members/members.service.js';
import { SensitiveCipher } from '../common/sensitive-cipher.js';
import { StorageService } from '../storage/storage.service.js';
import { StudyProgressService } from '../study/study-progress.service.js';
import { DevErrors } from './development.errors.js';
import { DevelopmentRepository, type DevRecordRow } from './development.repository.js';
import { actsForHigher, developmentWorkflow, mayAct, targetStageStudySeconds } from './development.workflow.js';

/** Documents accepted: scans and photos of signed paper, and PDFs (type from the bytes, not the name). */
const FILE_TYPES: Array<[string, (b: Buffer) => boolean]> = [
  ['application/pdf', (b) => b.subarray(0, 5).toString('latin1') === '%PDF-'],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/png', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
];
const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const DEV_FORMS = { record: '发展党员全程纪实表', assessment: '入党积极分子培养考察登记表' } as const;
export type DevFormKey = keyof typeof DEV_FORMS;

/**
 * Member development (DOMAIN D): the application (step 1), the other 24 steps on the workflow engine,
 * the record as the applicant and the branch see it, and its documents through the storage module.
 */
@Injectable()
export class DevelopmentService {
  private readonly wf;

  constructor(
    private readonly repo: DevelopmentRepository,
    private readonly access: AccessService,
    private readonly engine: WorkflowEngine,
    private readonly members: MembersService,
    private readonly motions: MotionsService,
    private readonly fees: FeeBillsService,
    private readonly cipher: SensitiveCipher,
    private readonly storage: StorageService,
    private readonly study: StudyProgressService,
    private readonly clock: Clock,
  ) {
    this.wf = developmentWorkflow({ repo, access, members, motions, fees, cipher, study });
  }

  /** Step 1: the applicant applies to a branch, or the branch registers a paper application. */
  async apply(auth: AuthContext, dto: CreateDevApplicationDto): Promise<DevRecord> {
    const branch = await this.repo.org(dto.branchId);
    if (!branch) throw notFound('党支部');
    if (branch.kind !== 'branch') throw DevErrors.notABranch();
    if (branch.isTemporary) throw DevErrors.temporaryBranch();
    const byBranch = this.access.can(auth, 'member.manage', branch.path);
    // Anyone signed in may apply for themself; members are already in the Party.
    if (!byBranch && auth.memberId) throw forbidden('您已是党员，无需递交入党申请');
    if (dto.enterpriseId && !(await this.repo.enterpriseLinked(branch.id, dto.enterpriseId))) throw DevErrors.invalid('所选企业未与该党支部关联');
    const today = chinaToday(this.clock.now());
    const dateIssue = checkStepDate(dto.appliedOn, null, today);
    if (dateIssue) throw DevErrors.rule(dateIssue);
    if (nationalIdBirthDate(dto.nationalId) !== dto.birthDate || nationalIdGender(dto.nationalId) !== dto.gender)
      throw DevErrors.invalid('身份证号码中的出生日期或性别与填写的不一致');
    const age = checkApplicantAge(dto.birthDate, dto.appliedOn);
    if (age) throw DevErrors.rule(age);
    if (dto.applicationFileId) await this.usableFiles(auth, [dto.applicationFileId]);
    const id = await this.repo.transaction(async (tx) => {
      let recordId: string;
      try {
        recordId = await this.repo.insertRecord(tx, {
          organisationId: branch.id,
          enterpriseId: dto.enterpriseId ?? null,
          userId: byBranch ? null : auth.userId,
          name: dto.name,
          gender: dto.gender,
          birthDate: dto.birthDate,
          ethnicity: dto.ethnicity,
          nationalIdEnc: this.cipher.encrypt(dto.nationalId),
          personKey: this.cipher.blindIndex(dto.nationalId),
          phoneEnc: this.members.sealPhone(dto.phone).phoneEnc,
          education: dto.education ?? null,
          post: dto.post ?? null,
          backbone: dto.backbone,
          ruleSet: DEV_RULE_SET.id,
          appliedOn: dto.appliedOn,
        });
      } catch (err) {
        // "Never two open records for one person" is the partial unique index UQ_development_open_person.
        if ((err as { driverError?: { constraint?: string } }).driverError?.constraint === 'UQ_development_open_person') throw DevErrors.openRecordExists();
        throw err;
      }
      const saved = (await this.repo.record(recordId, tx))!;
      const input: DevStepParsed = { action: 'talk', on: dto.appliedOn, fileIds: dto.applicationFileId ? [dto.applicationFileId] : [] };
      await this.engine.record(
        this.wf,
        { tx, auth, subject: saved, action: 'apply', input, from: 'new', to: 'applied', now: this.clock.now() },
        'applied',
        saved,
      );
      return recordId;
    });
    return this.detail(auth, id);
  }

  /** Steps 2–25 and `close`, each one transaction on the engine. */
  async step(auth: AuthContext, id: string, dto: DevStepParsed): Promise<DevRecord> {
    if (dto.fileIds.length) await this.usableFiles(auth, dto.fileIds);
    await this.engine.run(this.wf, { auth, id, action: dto.action, input: dto });
    return this.detail(auth, id);
  }

  async detail(auth: AuthContext, id: string): Promise<DevRecord> {
    const r = await this.readable(auth, id);
    return this.view(auth, r);
  }

  /** The signed-in applicant's records, the open one first. */
  async mine(auth: AuthContext): Promise<DevRecord[]> {
    const rows = await this.repo.byUser(auth.userId);
    rows.sort((a, b) => Number(b.state !== 'closed' && b.state !== 'archived') - Number(a.state !== 'closed' && a.state !== 'archived'));
    return Promise.all(rows.map((r) => this.view(auth, r)));
  }

  /** The record, if the caller is the applicant, reads the branch's members, or works for a higher committee. */
  async readable(auth: AuthContext, id: string): Promise<DevRecordRow> {
    const r = await this.repo.record(id);
    if (!r) throw this.access.scopes(auth, 'member.read').length ? notFound('发展对象') : forbidden();
    if (!(r.userId === auth.userId || this.access.can(auth, 'member.read', r.orgPath) || actsForHigher(this.access, auth, r.orgPath))) throw forbidden();
    return r;
  }

  /** D11 progress while the concentrated training (step 11) is still to come in the development-target stage. */
  private async training(r: DevRecordRow, today: string): Promise<DevRecord['training']> {
    if (!r.targetOn || DEV_STATE_STAGE[r.state] !== 'target' || DEV_STATE_STEP[r.state] >= DEV_STEP_NO.train) return null;
    const p = trainingProgress({ days: 0, hours: 0, studyS: await targetStageStudySeconds(this.study, r, today) });
    return { since: r.targetOn, studyS: p.studyS, totalS: p.totalS, requiredHours: p.requiredHours, requiredDays: p.requiredDays, met: p.met, text: p.text };
  }

  async view(auth: AuthContext, r: DevRecordRow): Promise<DevRecord> {
    const steps = await this.repo.steps(r.id);
    const memberIds = [...new Set(steps.flatMap((s) => s.memberIds))];
    const fileIds = [...new Set(steps.flatMap((s) => s.fileIds))];
    const [names, files] = await Promise.all([this.repo.memberNames(memberIds), this.repo.files(fileIds)]);
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const fileOf = new Map(files.map((f) => [f.id, f.name]));
    const today = chinaToday(this.clock.now());
    const facts = {
      state: r.state,
      appliedOn: r.appliedOn,
      activistOn: r.activistOn,
      assessedOn: r.assessedOn,
      resolvedOn: r.resolvedOn,
      extendMonths: r.extendMonths,
      confirmationResolvedOn: r.confirmationResolvedOn,
    };
    const deadlines = devDeadlines(facts).map((x) => ({ label: x.label, due: x.due, kind: x.kind, overdue: x.kind === 'before' && today > x.due }));
    const lastStep = steps.filter((s) => s.stepNo !== null).at(-1)?.stepNo ?? 1;
    const base = `/api/v1/development/${r.id}`;
    return {
      id: r.id,
      name: r.name,
      gender: r.gender,
      birthDate: r.birthDate,
      branch: { id: r.organisationId, name: r.orgName },
      enterprise: r.enterpriseId ? { id: r.enterpriseId, name: r.enterpriseName ?? '' } : null,
      backbone: r.backbone,
      state: r.state,
      stateLabel: DEV_STATE_LABEL[r.state],
      stage: DEV_STATE_STAGE[r.state],
      stageLabel: DEV_STAGE_LABEL[DEV_STATE_STAGE[r.state]],
      stepNo: lastStep,
      appliedOn: r.appliedOn,
      activistOn: r.activistOn,
      targetOn: r.targetOn,
      resolvedOn: r.resolvedOn,
      probationEndsOn: r.resolvedOn ? probationEnd(r.resolvedOn, r.extendMonths) : null,
      extendMonths: r.extendMonths,
      memberId: r.memberId,
      next: nextDevActions(r.state).map((a) => this.nextOf(a)),
      deadlines,
      overdue: overdueDeadlines(facts, today).length > 0,
      training: await this.training(r, today),
      steps: steps.map((s) => ({
        id: s.id,
        stepNo: s.stepNo,
        action: s.action,
        actionLabel: DEV_ACTION_LABEL[s.action],
        fromState: s.fromState as DevRecord['state'],
        toState: s.toState as DevRecord['state'],
        on: s.on,
        actorName: s.actorName,
        note: s.note,
        meetingId: s.meetingId,
        motionId: s.motionId,
        approverOrg: s.approverOrgId ? { id: s.approverOrgId, name: s.approverOrgName ?? '' } : null,
        members: s.memberIds.map((m) => ({ id: m, name: nameOf.get(m) ?? '' })),
        files: s.fileIds.map((f) => ({ id: f, name: fileOf.get(f) ?? null, path: `${base}/files/${f}` })),
        at: s.createdAt.toISOString(),
      })),
      canManage: this.access.can(auth, 'member.manage', r.orgPath),
      forms: (Object.keys(DEV_FORMS) as DevFormKey[]).map((key) => ({ key, label: DEV_FORMS[key], path: `${base}/forms/${key}` })),
    };
  }

  private nextOf(a: DevAction) {
    return {
      action: a,
      label: DEV_ACTION_LABEL[a],
      stepNo: a === 'close' ? null : DEV_STEP_NO[a],
      actor: DEV_ACTION_ACTOR[a],
      actorLabel: DEV_ACTOR_LABEL[DEV_ACTION_ACTOR[a]],
    };
  }

  /** May the caller take `action` on the record (for the pages: which buttons to show). */
  mayAct(auth: AuthContext, r: DevRecordRow, action: DevAction): boolean {
    return mayAct(this.access, auth, r, action);
  }

  // ---- documents (through the storage module) ----

  /** A document (application, 思想汇报, assessment, vetting report, signed form): multipart, one PDF / JPEG / PNG ≤ 10 MB. */
  async upload(auth: AuthContext, req: FastifyRequest): Promise<DevFile> {
    if (!req.isMultipart()) throw DevErrors.fileInvalid('请上传文件');
    let data: Buffer;
    let name: string | null;
    try {
      const part = await req.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } });
      if (!part) throw DevErrors.fileInvalid('请上传文件');
      data = await part.toBuffer();
      name = part.filename || null;
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw DevErrors.fileInvalid('文件过大：最大 10 MB');
      throw err;
    }
    const type = FILE_TYPES.find(([, test]) => test(data))?.[0];
    if (!type) throw DevErrors.fileInvalid('只能上传 PDF、JPG 或 PNG 文件');
    const f = await this.storage.store({ data, contentType: type, originalName: name, createdBy: auth.userId, prefix: 'development' });
    return { id: f.id, name: f.originalName, contentType: f.contentType, sizeBytes: f.sizeBytes };
  }

  /** A document of a step of this record, for whoever may read the record. */
  async file(auth: AuthContext, id: string, fileId: string): Promise<{ stream: Readable; contentType: string; sizeBytes: number; name: string | null }> {
    await this.readable(auth, id);
    const steps = await this.repo.steps(id);
    if (!steps.some((s) => s.fileIds.includes(fileId))) throw notFound('文件');
    const f = await this.storage.find(fileId);
    if (!f) throw notFound('文件');
    return { stream: await this.storage.open(f), contentType: f.contentType, sizeBytes: f.sizeBytes, name: f.originalName };
  }

  /** Files named in a step exist and were uploaded by the caller (nobody attaches another person's upload). */
  private async usableFiles(auth: AuthContext, ids: string[]) {
    const rows = await this.repo.files(ids);
    if (rows.length !== new Set(ids).size || rows.some((f) => f.createdBy !== auth.userId)) throw DevErrors.fileInvalid('附件不存在或不是您上传的');
  }
}
