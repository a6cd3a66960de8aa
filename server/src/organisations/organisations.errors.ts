import { HttpStatus } from '@nestjs/common';
import { OrgErrorCode, OrgRuleCode, type RuleViolation } from '@dangjian/shared';
import { DomainError } from '../common/domain-error.js';

const assertUnreachable = (x: never): never => {
  throw new Error(`unhandled code ${String(x)}`);
};

/**
 * HTTP status of a refused rule: 409 when the current state is in the way (someone holds the seat,
 * the committee is full), 422 when the request itself goes against the rule.
 */
export function ruleStatus(code: OrgRuleCode): HttpStatus {
  switch (code) {
    case OrgRuleCode.POSITION_TAKEN:
    case OrgRuleCode.POSITION_ALREADY_HELD:
    case OrgRuleCode.COMMITTEE_FULL:
    case OrgRuleCode.TERM_NOT_AFTER_PREVIOUS:
    case OrgRuleCode.CHILD_KIND_CONFLICT:
      return HttpStatus.CONFLICT;
    case OrgRuleCode.PARENT_KIND_NOT_ALLOWED:
    case OrgRuleCode.GROUP_CANNOT_BE_JOINT:
    case OrgRuleCode.MULTI_ENTERPRISE_NOT_JOINT:
    case OrgRuleCode.POSITION_NOT_ALLOWED_SMALL:
    case OrgRuleCode.POSITION_GROUP_ONLY:
    case OrgRuleCode.POSITION_NOT_FOR_GROUP:
    case OrgRuleCode.HOLDER_NOT_IN_ORGANISATION:
    case OrgRuleCode.HOLDER_NOT_FULL_MEMBER:
    case OrgRuleCode.HOLDER_RIGHTS_RESTRICTED:
    case OrgRuleCode.LEVEL_APPROVAL_REQUIRED:
    case OrgRuleCode.TERM_NOT_FOR_GROUP:
    case OrgRuleCode.TERM_ENDS_BEFORE_START:
    case OrgRuleCode.TERM_APPROVAL_REQUIRED:
    case OrgRuleCode.TERM_LENGTH_OUT_OF_RANGE:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    // Warning codes: never refused, listed so a new code cannot be forgotten here.
    case OrgRuleCode.BRANCH_TOO_FEW_FULL_MEMBERS:
    case OrgRuleCode.BRANCH_TOO_MANY_MEMBERS:
    case OrgRuleCode.JOINT_TOO_MANY_ENTERPRISES:
    case OrgRuleCode.COMMITTEE_TOO_SMALL:
    case OrgRuleCode.COMMITTEE_POSITION_MISSING:
    case OrgRuleCode.COMMITTEE_EXCEEDS_SMALL_BRANCH:
    case OrgRuleCode.NO_SECRETARY:
    case OrgRuleCode.LEVEL_BELOW_SUGGESTED:
    case OrgRuleCode.TERM_EXPIRING:
    case OrgRuleCode.TERM_OVERDUE:
    case OrgRuleCode.GROUP_WITHOUT_LEADER:
    case OrgRuleCode.BRANCH_LARGE_WITHOUT_GROUPS:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    default:
      return assertUnreachable(code);
  }
}

/** A refused rule (shared/src/rules/org-rules) as the error the caller sees, with the rule id in details. */
export const ruleError = (v: RuleViolation) => new DomainError(v.code, ruleStatus(v.code as OrgRuleCode), v.message, { rule: v.rule });

/** Throws when a rule check refused the change. */
export function enforce(v: RuleViolation | null): void {
  if (v) throw ruleError(v);
}

export const OrgErrors = {
  hasChildren: (n: number) => new DomainError(OrgErrorCode.HAS_CHILDREN, HttpStatus.CONFLICT, `该组织还有 ${n} 个下级组织，不能删除`),
  hasMembers: (n: number) => new DomainError(OrgErrorCode.HAS_MEMBERS, HttpStatus.CONFLICT, `该组织还有 ${n} 名党员，请先转出后再删除`),
  inUse: () => new DomainError(OrgErrorCode.IN_USE, HttpStatus.CONFLICT, '该组织仍被其他记录引用，不能删除'),
  moveIntoOwnSubtree: () => new DomainError(OrgErrorCode.MOVE_INTO_OWN_SUBTREE, HttpStatus.UNPROCESSABLE_ENTITY, '不能把组织移到它自己或其下级组织之下'),
  kindChangeNotAllowed: () => new DomainError(OrgErrorCode.KIND_CHANGE_NOT_ALLOWED, HttpStatus.UNPROCESSABLE_ENTITY, '党小组与其他类型的组织不能相互转换'),
  groupHasAssignedMembers: (n: number) =>
    new DomainError(OrgErrorCode.GROUP_HAS_ASSIGNED_MEMBERS, HttpStatus.CONFLICT, `该党小组还有 ${n} 名党员，请先调整其党小组后再移动`),
  rootRequiresPlatformAdmin: () => new DomainError(OrgErrorCode.ROOT_REQUIRES_PLATFORM_ADMIN, HttpStatus.FORBIDDEN, '只有平台管理员可以创建顶级组织'),
  enterpriseUnknown: (ids: string[]) => new DomainError(OrgErrorCode.ENTERPRISE_UNKNOWN, HttpStatus.BAD_REQUEST, '关联的企业不存在', { enterpriseIds: ids }),
  creditCodeTaken: () => new DomainError(OrgErrorCode.ENTERPRISE_CREDIT_CODE_TAKEN, HttpStatus.CONFLICT, '该统一社会信用代码已登记'),
  termUnknown: () => new DomainError(OrgErrorCode.TERM_UNKNOWN, HttpStatus.BAD_REQUEST, '该任期不属于本组织'),
  positionEnded: () => new DomainError(OrgErrorCode.POSITION_ENDED, HttpStatus.CONFLICT, '该职务已经免去'),
  memberUnknown: () => new DomainError(OrgErrorCode.MEMBER_UNKNOWN, HttpStatus.BAD_REQUEST, '党员不存在'),
};
