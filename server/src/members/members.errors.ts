import { HttpStatus } from '@nestjs/common';
import { assertUnreachable } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** Stable codes of the members module; clients switch on them. */
export const MemberErrorCode = {
  NOT_LINKED: 'MEMBER_NOT_LINKED',
  ORG_NOT_BRANCH: 'MEMBER_ORG_NOT_BRANCH',
  GROUP_NOT_IN_BRANCH: 'MEMBER_GROUP_NOT_IN_BRANCH',
  ENTERPRISE_NOT_OF_BRANCH: 'MEMBER_ENTERPRISE_NOT_OF_BRANCH',
  NATIONAL_ID_TAKEN: 'MEMBER_NATIONAL_ID_TAKEN',
  FACTS_INCONSISTENT: 'MEMBER_FACTS_INCONSISTENT',
  STATUS_TRANSITION: 'MEMBER_STATUS_TRANSITION_NOT_ALLOWED',
  LIST_WINDOW: 'MEMBER_LIST_WINDOW_EXCEEDED',
  IMPORT_INVALID: 'MEMBER_IMPORT_INVALID',
  IMPORT_FILE_INVALID: 'MEMBER_IMPORT_FILE_INVALID',
  IMPORT_FILE_TOO_LARGE: 'MEMBER_IMPORT_FILE_TOO_LARGE',
  IMPORT_TOO_MANY_ROWS: 'MEMBER_IMPORT_TOO_MANY_ROWS',
  IMPORT_EMPTY: 'MEMBER_IMPORT_EMPTY',
  IMPORT_NO_FILE: 'MEMBER_IMPORT_NO_FILE',
  IMPORT_UNSUPPORTED_MEDIA: 'MEMBER_IMPORT_UNSUPPORTED_MEDIA',
  EXPORT_TOO_LARGE: 'MEMBER_EXPORT_TOO_LARGE',
  DEPARTED: 'MEMBER_DEPARTED',
} as const;
export type MemberErrorCode = (typeof MemberErrorCode)[keyof typeof MemberErrorCode];

export function memberErrorStatus(code: MemberErrorCode): HttpStatus {
  switch (code) {
    case MemberErrorCode.NOT_LINKED:
      return HttpStatus.NOT_FOUND;
    case MemberErrorCode.NATIONAL_ID_TAKEN:
    case MemberErrorCode.DEPARTED:
      return HttpStatus.CONFLICT;
    case MemberErrorCode.LIST_WINDOW:
    case MemberErrorCode.IMPORT_NO_FILE:
      return HttpStatus.BAD_REQUEST;
    case MemberErrorCode.IMPORT_FILE_TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case MemberErrorCode.IMPORT_UNSUPPORTED_MEDIA:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case MemberErrorCode.ORG_NOT_BRANCH:
    case MemberErrorCode.GROUP_NOT_IN_BRANCH:
    case MemberErrorCode.ENTERPRISE_NOT_OF_BRANCH:
    case MemberErrorCode.FACTS_INCONSISTENT:
    case MemberErrorCode.STATUS_TRANSITION:
    case MemberErrorCode.IMPORT_INVALID:
    case MemberErrorCode.IMPORT_FILE_INVALID:
    case MemberErrorCode.IMPORT_TOO_MANY_ROWS:
    case MemberErrorCode.IMPORT_EMPTY:
    case MemberErrorCode.EXPORT_TOO_LARGE:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    default:
      return assertUnreachable(code);
  }
}

export const memberError = errorTable(memberErrorStatus);

export const notLinked = () => memberError(MemberErrorCode.NOT_LINKED, '当前账号未关联党员档案');
/** M2/S4: a temporary branch takes members only by secondment; their formal relationship stays in their own branch. */
export const orgNotBranch = (temporary = false) =>
  memberError(
    MemberErrorCode.ORG_NOT_BRANCH,
    temporary ? '临时党支部不接收党员组织关系，党员以选派方式参加，组织关系留在原支部' : '党员只能隶属于党支部（党小组成员隶属其所在党支部）',
  );
export const groupNotInBranch = () => memberError(MemberErrorCode.GROUP_NOT_IN_BRANCH, '党小组须是该党员所在党支部下的党小组');
export const enterpriseNotOfBranch = () => memberError(MemberErrorCode.ENTERPRISE_NOT_OF_BRANCH, '所选单位不是该党支部关联的单位');
export const nationalIdTaken = () => memberError(MemberErrorCode.NATIONAL_ID_TAKEN, '该身份证号码已登记为其他党员');
export const factsInconsistent = (issues: Array<{ field: string; message: string }>) =>
  memberError(MemberErrorCode.FACTS_INCONSISTENT, issues.map((i) => i.message).join('；'), issues);
export const departed = () => memberError(MemberErrorCode.DEPARTED, '该党员已离开本平台（如已转出），档案只读');
export const statusTransition = (message: string) => memberError(MemberErrorCode.STATUS_TRANSITION, message);
export const listWindow = (max: number) => memberError(MemberErrorCode.LIST_WINDOW, `列表最多翻到第 ${max} 条，请用姓名、状态等条件缩小范围，或导出名册`);
