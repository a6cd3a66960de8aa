import { HttpStatus } from '@nestjs/common';
import { assertUnreachable } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** Stable codes of the study module; clients switch on them. */
export const StudyErrorCode = {
  NOT_A_MEMBER: 'STUDY_NOT_A_MEMBER',
  PLATFORM_ONLY: 'STUDY_PLATFORM_ONLY',
  COURSE_STUDIED: 'STUDY_COURSE_STUDIED',
  COURSE_NOT_PUBLISHED: 'STUDY_COURSE_NOT_PUBLISHED',
  LESSON_INVALID: 'STUDY_LESSON_INVALID',
  FILE_KIND: 'STUDY_FILE_KIND',
  UPLOAD_TYPE: 'STUDY_UPLOAD_TYPE',
  UPLOAD_TOO_LARGE: 'STUDY_UPLOAD_TOO_LARGE',
  FILE_OUTSIDE: 'STUDY_FILE_OUTSIDE',
  UPLOAD_MISSING: 'STUDY_UPLOAD_MISSING',
  MEDIA_LINK_INVALID: 'STUDY_MEDIA_LINK_INVALID',
  RANGE_UNSATISFIABLE: 'STUDY_RANGE_UNSATISFIABLE',
  QUESTION_INVALID: 'STUDY_QUESTION_INVALID',
  BANK_TOO_SMALL: 'STUDY_BANK_TOO_SMALL',
  QUIZ_NOT_PUBLISHED: 'STUDY_QUIZ_NOT_PUBLISHED',
  ATTEMPT_SUBMITTED: 'STUDY_ATTEMPT_SUBMITTED',
  ATTEMPT_EXPIRED: 'STUDY_ATTEMPT_EXPIRED',
  ATTEMPT_UNKNOWN_QUESTION: 'STUDY_ATTEMPT_UNKNOWN_QUESTION',
  MEMBER_OUTSIDE: 'STUDY_MEMBER_OUTSIDE',
  GROUP_OUTSIDE: 'STUDY_GROUP_OUTSIDE',
  COURSE_NOT_VISIBLE: 'STUDY_COURSE_NOT_VISIBLE',
  ASSIGNMENT_EMPTY: 'STUDY_ASSIGNMENT_EMPTY',
} as const;
export type StudyErrorCode = (typeof StudyErrorCode)[keyof typeof StudyErrorCode];

/** HTTP status of each study error code, in one exhaustive switch. */
export function studyErrorStatus(code: StudyErrorCode): HttpStatus {
  switch (code) {
    case StudyErrorCode.NOT_A_MEMBER:
    case StudyErrorCode.PLATFORM_ONLY:
    case StudyErrorCode.FILE_OUTSIDE:
    case StudyErrorCode.MEDIA_LINK_INVALID:
      return HttpStatus.FORBIDDEN;
    case StudyErrorCode.COURSE_STUDIED:
    case StudyErrorCode.COURSE_NOT_PUBLISHED:
    case StudyErrorCode.BANK_TOO_SMALL:
    case StudyErrorCode.QUIZ_NOT_PUBLISHED:
    case StudyErrorCode.ATTEMPT_SUBMITTED:
    case StudyErrorCode.ATTEMPT_EXPIRED:
      return HttpStatus.CONFLICT;
    case StudyErrorCode.LESSON_INVALID:
    case StudyErrorCode.FILE_KIND:
    case StudyErrorCode.UPLOAD_MISSING:
    case StudyErrorCode.QUESTION_INVALID:
    case StudyErrorCode.ATTEMPT_UNKNOWN_QUESTION:
    case StudyErrorCode.MEMBER_OUTSIDE:
    case StudyErrorCode.GROUP_OUTSIDE:
    case StudyErrorCode.COURSE_NOT_VISIBLE:
    case StudyErrorCode.ASSIGNMENT_EMPTY:
      return HttpStatus.BAD_REQUEST;
    case StudyErrorCode.UPLOAD_TYPE:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case StudyErrorCode.UPLOAD_TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case StudyErrorCode.RANGE_UNSATISFIABLE:
      return HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(studyErrorStatus);

/** The study module's typed errors (machine code + Chinese message). docs/modules/study.md lists them. */
export const StudyErrors = {
  notMember: () => err(StudyErrorCode.NOT_A_MEMBER, '只有党员本人可以学习、答题（请先绑定党员身份）'),
  platformOnly: () => err(StudyErrorCode.PLATFORM_ONLY, '全平台课程只能由平台管理员创建和维护'),
  courseStudied: () => err(StudyErrorCode.COURSE_STUDIED, '已有党员学习过本课程（学习记录、学时或答题），不能删除；可改为归档，党员将不再看到它，记录保留'),
  courseNotPublished: () => err(StudyErrorCode.COURSE_NOT_PUBLISHED, '课程尚未发布'),
  lessonShape: (message: string) => err(StudyErrorCode.LESSON_INVALID, message),
  fileKind: (expected: string) => err(StudyErrorCode.FILE_KIND, `文件类型与课时类型不符：需要${expected}`),
  uploadType: (allowed: readonly string[]) => err(StudyErrorCode.UPLOAD_TYPE, `不支持的文件类型（按文件内容识别），允许：${allowed.join('、')}`),
  uploadTooLarge: (maxMb: number) => err(StudyErrorCode.UPLOAD_TOO_LARGE, `文件过大：最大 ${maxMb} MB`),
  fileOutside: () => err(StudyErrorCode.FILE_OUTSIDE, '该文件不是您所管理组织上传的学习文件，不能使用'),
  uploadMissing: () => err(StudyErrorCode.UPLOAD_MISSING, '请以 multipart/form-data 上传一个文件'),
  mediaLink: () => err(StudyErrorCode.MEDIA_LINK_INVALID, '媒体链接无效或已过期，请返回课程重新打开'),
  rangeUnsatisfiable: () => err(StudyErrorCode.RANGE_UNSATISFIABLE, '请求的字节范围无效'),
  questionShape: (message: string) => err(StudyErrorCode.QUESTION_INVALID, message),
  bankTooSmall: (have: number, need: number) => err(StudyErrorCode.BANK_TOO_SMALL, `题库只有 ${have} 题，不足本测验的 ${need} 题`, { have, need }),
  quizClosed: () => err(StudyErrorCode.QUIZ_NOT_PUBLISHED, '测验未发布'),
  attemptSubmitted: () => err(StudyErrorCode.ATTEMPT_SUBMITTED, '本次答题已提交'),
  attemptExpired: () => err(StudyErrorCode.ATTEMPT_EXPIRED, '答题时间已到，本次答题未能提交'),
  attemptUnknownQuestion: () => err(StudyErrorCode.ATTEMPT_UNKNOWN_QUESTION, '答案中包含本次未抽到的题目'),
  memberOutside: () => err(StudyErrorCode.MEMBER_OUTSIDE, '所选党员不在本组织范围内'),
  groupOutside: () => err(StudyErrorCode.GROUP_OUTSIDE, '所选党小组不在本组织范围内'),
  courseNotVisible: () => err(StudyErrorCode.COURSE_NOT_VISIBLE, '该课程对本组织不可见，不能指派'),
  noMembers: () => err(StudyErrorCode.ASSIGNMENT_EMPTY, '指派对象中没有党员'),
  noCandidates: () => err(StudyErrorCode.ASSIGNMENT_EMPTY, '本组织下没有该阶段且已注册账号的入党积极分子或发展对象'),
};
