import { HttpStatus } from '@nestjs/common';
import { DEV_ACTION_LABEL, DEV_STATE_LABEL, DevErrorCode, type DevAction, type DevState, type DevViolation, assertUnreachable } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** HTTP status of each development error code, in one exhaustive switch. */
export function devErrorStatus(code: DevErrorCode): HttpStatus {
  switch (code) {
    case DevErrorCode.INPUT_MISSING:
    case DevErrorCode.INPUT_INVALID:
    case DevErrorCode.FILE_INVALID:
      return HttpStatus.BAD_REQUEST;
    case DevErrorCode.NOT_ACTOR:
      return HttpStatus.FORBIDDEN;
    case DevErrorCode.RULE_VIOLATED:
    case DevErrorCode.NOT_A_BRANCH:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case DevErrorCode.STEP_OUT_OF_ORDER:
    case DevErrorCode.OPEN_RECORD_EXISTS:
      return HttpStatus.CONFLICT;
    case DevErrorCode.FONT_UNAVAILABLE:
      return HttpStatus.SERVICE_UNAVAILABLE;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(devErrorStatus);

/** The development module's failures: the D rule id travels in `details.rule`, the message is plain Chinese. */
export const DevErrors = {
  rule: (v: DevViolation) => err(DevErrorCode.RULE_VIOLATED, v.message, { rule: v.rule, ...v.details }),
  stepOutOfOrder: (state: DevState, action: DevAction, allowed: DevAction[]) =>
    err(
      DevErrorCode.STEP_OUT_OF_ORDER,
      `当前处于"${DEV_STATE_LABEL[state]}"，不能办理"${DEV_ACTION_LABEL[action]}"${
        allowed.length
          ? `；下一步：${allowed
              .filter((a) => a !== 'close')
              .map((a) => DEV_ACTION_LABEL[a])
              .join('、')}`
          : ''
      }`,
      { state, action, allowed },
    ),
  openRecordExists: () => err(DevErrorCode.OPEN_RECORD_EXISTS, '此人已有正在进行的发展程序，不能重复申请'),
  missing: (what: string) => err(DevErrorCode.INPUT_MISSING, `请填写${what}`),
  invalid: (message: string) => err(DevErrorCode.INPUT_INVALID, message),
  notActor: (who: string) => err(DevErrorCode.NOT_ACTOR, `此步骤应由${who}办理`),
  fileInvalid: (message: string) => err(DevErrorCode.FILE_INVALID, message),
  fontUnavailable: () => err(DevErrorCode.FONT_UNAVAILABLE, '服务器缺少中文字体，暂时无法生成表格'),
  notABranch: () => err(DevErrorCode.NOT_A_BRANCH, '入党申请应向党支部提出，请选择一个党支部'),
  /** S4/O7: a temporary branch cannot admit members, so it takes no applications. */
  temporaryBranch: () => err(DevErrorCode.NOT_A_BRANCH, '临时党支部不能发展党员，入党申请应向申请人所在的正式党支部提出'),
};
