import type { AssignmentTarget, CreateAssignment, Role } from '@dangjian/shared';
import { CreateAssignmentSchema } from '@dangjian/shared';

/** The "布置必修课程" form as typed (L5): who must study which course by when. */
export type AssignForm = {
  courseId: string;
  target: 'all' | 'members' | 'group' | 'role' | 'candidates';
  memberIds: string[];
  /** `candidates`: which development stages (入党积极分子, 发展对象). */
  stages: CandidateStage[];
  groupId: string;
  role: Role | '';
  deadline: string;
  note: string;
};

type CandidateStage = Extract<AssignmentTarget, { kind: 'candidates' }>['stages'][number];

export const ASSIGN_TARGET_LABEL: Record<AssignForm['target'], string> = {
  all: '全体党员',
  members: '指定党员',
  group: '党小组',
  role: '按职务',
  candidates: '发展党员',
};
export const CANDIDATE_STAGE_LABEL: Record<CandidateStage, string> = { activist: '入党积极分子', target: '发展对象' };

/** Roles a required course is usually assigned by. */
export const ASSIGNABLE_ROLES: readonly Role[] = ['secretary', 'deputy_secretary', 'committee_member', 'group_leader', 'member'];

export const emptyAssignForm = (): AssignForm => ({
  courseId: '',
  target: 'all',
  memberIds: [],
  stages: ['activist', 'target'],
  groupId: '',
  role: '',
  deadline: '',
  note: '',
});

/** The request for a filled form, or the first thing to fix (Chinese). `today` is 'YYYY-MM-DD' in China time. */
export function toAssignment(orgId: string, f: AssignForm, today: string): { ok: true; body: CreateAssignment } | { ok: false; error: string } {
  if (!f.courseId) return { ok: false, error: '请选择课程' };
  if (f.target === 'members' && !f.memberIds.length) return { ok: false, error: '请选择至少一名党员' };
  if (f.target === 'group' && !f.groupId) return { ok: false, error: '请选择党小组' };
  if (f.target === 'role' && !f.role) return { ok: false, error: '请选择职务' };
  if (f.target === 'candidates' && !f.stages.length) return { ok: false, error: '请选择入党积极分子或发展对象' };
  if (!f.deadline) return { ok: false, error: '请选择完成期限' };
  if (f.deadline < today) return { ok: false, error: '完成期限不能早于今天' };
  const target =
    f.target === 'members'
      ? { kind: 'members' as const, memberIds: f.memberIds }
      : f.target === 'group'
        ? { kind: 'group' as const, groupId: f.groupId }
        : f.target === 'role'
          ? { kind: 'role' as const, role: f.role as Role }
          : f.target === 'candidates'
            ? { kind: 'candidates' as const, stages: f.stages }
            : { kind: 'all' as const };
  const parsed = CreateAssignmentSchema.safeParse({ orgId, courseId: f.courseId, target, deadline: f.deadline, note: f.note.trim() });
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, error: parsed.error.issues[0]?.message ?? '请检查填写的内容' };
}
