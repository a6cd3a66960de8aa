import { HttpStatus } from '@nestjs/common';
import {
  assertUnreachable,
  PDCA_PLAN_STATE_LABEL,
  PDCA_TALK_STATE_LABEL,
  PDCA_TASK_STATE_LABEL,
  type PdcaPlanMachineState,
  type PdcaTalkMachineState,
  type PdcaTaskMachineState,
} from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** Stable codes of PDCA (K6); clients switch on them. */
export const PdcaErrorCode = {
  STEP_OUT_OF_ORDER: 'PDCA_STEP_OUT_OF_ORDER',
  NOT_EDITABLE: 'PDCA_NOT_EDITABLE',
  NOT_A_BRANCH_BELOW: 'PDCA_NOT_A_BRANCH_BELOW',
  UNKNOWN_SCORER: 'PDCA_UNKNOWN_SCORER',
  SUBMISSIONS_CLOSED: 'PDCA_SUBMISSIONS_CLOSED',
  MEETING_NOT_OF_BRANCH: 'PDCA_MEETING_NOT_OF_BRANCH',
  UNDECIDED: 'PDCA_UNDECIDED',
  SCORES_MISSING: 'PDCA_SCORES_MISSING',
  UNSCORED: 'PDCA_UNSCORED',
  TALKS_PENDING: 'PDCA_TALKS_PENDING',
  SCORE_INVALID: 'PDCA_SCORE_INVALID',
  SCORING_CLOSED: 'PDCA_SCORING_CLOSED',
  NOT_SCORER: 'PDCA_NOT_SCORER',
  FILE_MISSING: 'PDCA_FILE_MISSING',
  FILE_TYPE: 'PDCA_FILE_TYPE',
  FILE_TOO_LARGE: 'PDCA_FILE_TOO_LARGE',
  TOO_MANY_FILES: 'PDCA_TOO_MANY_FILES',
  NOT_REPORTED: 'PDCA_NOT_REPORTED',
  NO_FONT: 'PDCA_NO_FONT',
} as const;
export type PdcaErrorCode = (typeof PdcaErrorCode)[keyof typeof PdcaErrorCode];

export function pdcaErrorStatus(code: PdcaErrorCode): HttpStatus {
  switch (code) {
    case PdcaErrorCode.STEP_OUT_OF_ORDER:
    case PdcaErrorCode.NOT_EDITABLE:
    case PdcaErrorCode.SUBMISSIONS_CLOSED:
    case PdcaErrorCode.UNDECIDED:
    case PdcaErrorCode.SCORES_MISSING:
    case PdcaErrorCode.UNSCORED:
    case PdcaErrorCode.TALKS_PENDING:
    case PdcaErrorCode.SCORING_CLOSED:
    case PdcaErrorCode.NOT_REPORTED:
      return HttpStatus.CONFLICT;
    case PdcaErrorCode.NOT_A_BRANCH_BELOW:
    case PdcaErrorCode.UNKNOWN_SCORER:
    case PdcaErrorCode.MEETING_NOT_OF_BRANCH:
    case PdcaErrorCode.SCORE_INVALID:
    case PdcaErrorCode.FILE_TYPE:
    case PdcaErrorCode.TOO_MANY_FILES:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case PdcaErrorCode.FILE_MISSING:
      return HttpStatus.BAD_REQUEST;
    case PdcaErrorCode.FILE_TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case PdcaErrorCode.NOT_SCORER:
      return HttpStatus.FORBIDDEN;
    case PdcaErrorCode.NO_FONT:
      return HttpStatus.SERVICE_UNAVAILABLE;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(pdcaErrorStatus);

export const PdcaErrors = {
  planOutOfOrder: (s: PdcaPlanMachineState) => err(PdcaErrorCode.STEP_OUT_OF_ORDER, `该考评任务${PDCA_PLAN_STATE_LABEL[s]}，不能办理这一步`),
  taskOutOfOrder: (s: PdcaTaskMachineState) => err(PdcaErrorCode.STEP_OUT_OF_ORDER, `该支部任务${PDCA_TASK_STATE_LABEL[s]}，不能办理这一步`),
  talkOutOfOrder: (s: PdcaTalkMachineState) => err(PdcaErrorCode.STEP_OUT_OF_ORDER, `该约谈${PDCA_TALK_STATE_LABEL[s]}，不能再记录`),
  notEditable: () => err(PdcaErrorCode.NOT_EDITABLE, '考评任务已发布，任务、细则、支部和评分人不能再修改'),
  notABranchBelow: () => err(PdcaErrorCode.NOT_A_BRANCH_BELOW, '只能把任务分派给本党委下属的党支部或党总支'),
  unknownScorer: () => err(PdcaErrorCode.UNKNOWN_SCORER, '评分人账号不存在'),
  submissionsClosed: () => err(PdcaErrorCode.SUBMISSIONS_CLOSED, '考评已开始，不能再提交或修改落实情况'),
  meetingNotOfBranch: () => err(PdcaErrorCode.MEETING_NOT_OF_BRANCH, '只能关联本支部召开的会议'),
  undecided: (n: number) => err(PdcaErrorCode.UNDECIDED, `还有 ${n} 个支部的提交未验收或退回，请先处理`),
  scoresMissing: (n: number) => err(PdcaErrorCode.SCORES_MISSING, `还有 ${n} 位评分人未评分`),
  unscored: (n: number) => err(PdcaErrorCode.UNSCORED, `还有 ${n} 个支部未完成评分，不能汇报`),
  talksPending: (n: number) => err(PdcaErrorCode.TALKS_PENDING, `还有 ${n} 个约谈未记录，不能结束`),
  scoreInvalid: (message: string) => err(PdcaErrorCode.SCORE_INVALID, message),
  scoringClosed: () => err(PdcaErrorCode.SCORING_CLOSED, '该支部当前不能评分（考评未开始、提交未验收或已定分）'),
  notScorer: () => err(PdcaErrorCode.NOT_SCORER, '您不是该考评任务的评分人'),
  fileMissing: () => err(PdcaErrorCode.FILE_MISSING, '请选择要上传的照片或文件'),
  fileType: () => err(PdcaErrorCode.FILE_TYPE, '只支持照片（JPG/PNG/WebP）、PDF 和 Office 文件'),
  fileTooLarge: (mb: number) => err(PdcaErrorCode.FILE_TOO_LARGE, `文件过大：最大 ${mb} MB`),
  tooManyFiles: (n: number) => err(PdcaErrorCode.TOO_MANY_FILES, `每个任务最多上传 ${n} 个文件`),
  notReported: () => err(PdcaErrorCode.NOT_REPORTED, '考评结果汇报后才能导出'),
  noFont: () => err(PdcaErrorCode.NO_FONT, '服务器缺少中文字体，暂时无法生成 PDF'),
};
