import { HttpStatus } from '@nestjs/common';
import { OrgErrorCode, OrgRuleCode, type RuleViolation, assertUnreachable } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

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
const ruleErr = errorTable(ruleStatus);
export const ruleError = (v: RuleViolation) => ruleErr(v.code as OrgRuleCode, v.message, { rule: v.rule });

/** Throws when a rule check refused the change. */
export function enforce(v: RuleViolation | null): void {
  if (v) throw ruleError(v);
}

/** HTTP status of each organisation error code, in one exhaustive switch. */
export function orgErrorStatus(code: OrgErrorCode): HttpStatus {
  switch (code) {
    case OrgErrorCode.ENTERPRISE_UNKNOWN:
    case OrgErrorCode.TERM_UNKNOWN:
    case OrgErrorCode.MEMBER_UNKNOWN:
      return HttpStatus.BAD_REQUEST;
    case OrgErrorCode.ROOT_REQUIRES_PLATFORM_ADMIN:
      return HttpStatus.FORBIDDEN;
    case OrgErrorCode.MOVE_INTO_OWN_SUBTREE:
    case OrgErrorCode.KIND_CHANGE_NOT_ALLOWED:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case OrgErrorCode.HAS_CHILDREN:
    case OrgErrorCode.HAS_MEMBERS:
    case OrgErrorCode.IN_USE:
    case OrgErrorCode.GROUP_HAS_ASSIGNED_MEMBERS:
    case OrgErrorCode.ENTERPRISE_CREDIT_CODE_TAKEN:
    case OrgErrorCode.POSITION_ENDED:
      return HttpStatus.CONFLICT;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(orgErrorStatus);

/** The organisations module's failures, with their Chinese messages. */
export const OrgErrors = {
  hasChildren: (n: number) => err(OrgErrorCode.HAS_CHILDREN, `该组织还有 ${n} 个下级组织，不能删除`),
  hasMembers: (n: number) => err(OrgErrorCode.HAS_MEMBERS, `该组织还有 ${n} 名党员，请先转出后再删除`),
  inUse: () => err(OrgErrorCode.IN_USE, '该组织仍被其他记录引用，不能删除'),
  moveIntoOwnSubtree: () => err(OrgErrorCode.MOVE_INTO_OWN_SUBTREE, '不能把组织移到它自己或其下级组织之下'),
  kindChangeNotAllowed: () => err(OrgErrorCode.KIND_CHANGE_NOT_ALLOWED, '党小组与其他类型的组织不能相互转换'),
  groupHasAssignedMembers: (n: number) => err(OrgErrorCode.GROUP_HAS_ASSIGNED_MEMBERS, `该党小组还有 ${n} 名党员，请先调整其党小组后再移动`),
  rootRequiresPlatformAdmin: () => err(OrgErrorCode.ROOT_REQUIRES_PLATFORM_ADMIN, '只有平台管理员可以创建顶级组织'),
  enterpriseUnknown: (ids: string[]) => err(OrgErrorCode.ENTERPRISE_UNKNOWN, '关联的企业不存在', { enterpriseIds: ids }),
  creditCodeTaken: () => err(OrgErrorCode.ENTERPRISE_CREDIT_CODE_TAKEN, '该统一社会信用代码已登记'),
  termUnknown: () => err(OrgErrorCode.TERM_UNKNOWN, '该任期不属于本组织'),
  positionEnded: () => err(OrgErrorCode.POSITION_ENDED, '该职务已经免去'),
  memberUnknown: () => err(OrgErrorCode.MEMBER_UNKNOWN, '党员不存在'),
};
