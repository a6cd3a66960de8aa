import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { chinaToday, DEV_ACTION_LABEL, DEV_STAGE_LABEL, DEV_STATE_STAGE } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { notFound } from '../common/domain-error.js';
import { DevErrors } from './development.errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { resolveLetterFont } from '../transfers/transfer-letter.pdf.js';
import { renderDevForm, type FormRow } from './development-forms.pdf.js';
import { DevelopmentRepository } from './development.repository.js';
import { DEV_FORMS, DevelopmentService, type DevFormKey } from './development.service.js';

/** Which steps each printed form lists, and who signs it. */
const FORM_STEPS: Record<DevFormKey, { steps: number[] | null; signers: string[] }> = {
  record: { steps: null, signers: ['党支部书记', '上级党委组织部门'] },
  assessment: { steps: [3, 4, 5, 6, 7], signers: ['培养联系人', '党支部书记'] },
};

/** The development forms as PDF for signatures (pdfkit + the CJK font of the transfer letters). */
@Injectable()
export class DevelopmentFormsService {
  constructor(
    private readonly dev: DevelopmentService,
    private readonly repo: DevelopmentRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async pdf(auth: AuthContext, id: string, key: string): Promise<StreamableFile> {
    if (!(key in DEV_FORMS)) throw notFound('表格');
    const form = key as DevFormKey;
    const r = await this.dev.readable(auth, id);
    const font = resolveLetterFont({ file: this.config.TRANSFER_LETTER_FONT, family: this.config.TRANSFER_LETTER_FONT_FAMILY });
    if (!font) throw DevErrors.fontUnavailable();
    const spec = FORM_STEPS[form];
    const steps = (await this.repo.steps(id)).filter((s) => s.stepNo !== null && (spec.steps === null || spec.steps.includes(s.stepNo)));
    const rows: FormRow[] = steps.map((s) => ({ label: `${s.stepNo}. ${DEV_ACTION_LABEL[s.action]}`, on: s.on, note: s.note ?? '', by: s.actorName }));
    const buf = await renderDevForm(
      {
        title: DEV_FORMS[form],
        name: r.name,
        gender: r.gender === 'male' ? '男' : '女',
        birthDate: r.birthDate,
        branch: r.orgName,
        enterprise: r.enterpriseName ?? '',
        stage: DEV_STAGE_LABEL[DEV_STATE_STAGE[r.state]],
        rows,
        printedOn: chinaToday(this.clock.now()),
        signers: spec.signers,
      },
      font,
    );
    return new StreamableFile(buf, { type: 'application/pdf', disposition: `inline; filename="development-${form}.pdf"`, length: buf.length });
  }
}
