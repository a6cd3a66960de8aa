import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';

const e = (code: string, status: HttpStatus, message: string, details?: unknown) => new DomainError(code, status, message, details);

/** The study module's typed errors (machine code + Chinese message). docs/modules/study.md lists them. */
export const StudyErrors = {
  notMember: () => e('STUDY_NOT_A_MEMBER', HttpStatus.FORBIDDEN, '只有党员本人可以学习、答题（请先绑定党员身份）'),
  platformOnly: () => e('STUDY_PLATFORM_ONLY', HttpStatus.FORBIDDEN, '全平台课程只能由平台管理员创建和维护'),
  courseStudied: () =>
    e('STUDY_COURSE_STUDIED', HttpStatus.CONFLICT, '已有党员学习过本课程（学习记录、学时或答题），不能删除；可改为归档，党员将不再看到它，记录保留'),
  courseNotPublished: () => e('STUDY_COURSE_NOT_PUBLISHED', HttpStatus.CONFLICT, '课程尚未发布'),
  lessonShape: (message: string) => e('STUDY_LESSON_INVALID', HttpStatus.BAD_REQUEST, message),
  fileKind: (expected: string) => e('STUDY_FILE_KIND', HttpStatus.BAD_REQUEST, `文件类型与课时类型不符：需要${expected}`),
  uploadType: (allowed: readonly string[]) =>
    e('STUDY_UPLOAD_TYPE', HttpStatus.UNSUPPORTED_MEDIA_TYPE, `不支持的文件类型（按文件内容识别），允许：${allowed.join('、')}`),
  uploadTooLarge: (maxMb: number) => e('STUDY_UPLOAD_TOO_LARGE', HttpStatus.PAYLOAD_TOO_LARGE, `文件过大：最大 ${maxMb} MB`),
  fileOutside: () => e('STUDY_FILE_OUTSIDE', HttpStatus.FORBIDDEN, '该文件不是您所管理组织上传的学习文件，不能使用'),
  uploadMissing: () => e('STUDY_UPLOAD_MISSING', HttpStatus.BAD_REQUEST, '请以 multipart/form-data 上传一个文件'),
  mediaLink: () => e('STUDY_MEDIA_LINK_INVALID', HttpStatus.FORBIDDEN, '媒体链接无效或已过期，请返回课程重新打开'),
  rangeUnsatisfiable: () => e('STUDY_RANGE_UNSATISFIABLE', HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, '请求的字节范围无效'),
  questionShape: (message: string) => e('STUDY_QUESTION_INVALID', HttpStatus.BAD_REQUEST, message),
  bankTooSmall: (have: number, need: number) => e('STUDY_BANK_TOO_SMALL', HttpStatus.CONFLICT, `题库只有 ${have} 题，不足本测验的 ${need} 题`, { have, need }),
  quizClosed: () => e('STUDY_QUIZ_NOT_PUBLISHED', HttpStatus.CONFLICT, '测验未发布'),
  attemptSubmitted: () => e('STUDY_ATTEMPT_SUBMITTED', HttpStatus.CONFLICT, '本次答题已提交'),
  attemptExpired: () => e('STUDY_ATTEMPT_EXPIRED', HttpStatus.CONFLICT, '答题时间已到，本次答题未能提交'),
  attemptUnknownQuestion: () => e('STUDY_ATTEMPT_UNKNOWN_QUESTION', HttpStatus.BAD_REQUEST, '答案中包含本次未抽到的题目'),
  memberOutside: () => e('STUDY_MEMBER_OUTSIDE', HttpStatus.BAD_REQUEST, '所选党员不在本组织范围内'),
  groupOutside: () => e('STUDY_GROUP_OUTSIDE', HttpStatus.BAD_REQUEST, '所选党小组不在本组织范围内'),
  courseNotVisible: () => e('STUDY_COURSE_NOT_VISIBLE', HttpStatus.BAD_REQUEST, '该课程对本组织不可见，不能指派'),
  noMembers: () => e('STUDY_ASSIGNMENT_EMPTY', HttpStatus.BAD_REQUEST, '指派对象中没有党员'),
};
