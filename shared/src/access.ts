import { z } from 'zod';
import { UuidSchema } from './common.js';

/**
 * Roles of the issue "Identity and access". Every role is held on one organisation and reaches its
 * subtree; `member` reaches only the member's own record.
 */
export const Role = z.enum([
  'member',
  'group_leader',
  'secretary',
  'deputy_secretary',
  'organisation_member',
  'propaganda_member',
  'discipline_member',
  'committee_member',
  'org_worker',
  'platform_admin',
]);
export type Role = z.infer<typeof Role>;

export const ROLE_LABEL: Record<Role, string> = {
  member: '党员',
  group_leader: '党小组组长',
  secretary: '书记',
  deputy_secretary: '副书记',
  organisation_member: '组织委员',
  propaganda_member: '宣传委员',
  discipline_member: '纪检委员',
  committee_member: '支委委员',
  org_worker: '组织工作人员',
  platform_admin: '平台管理员',
};

/** Branch committee positions (O4); a group's 组长 is a position of the group. */
export const CommitteePosition = z.enum([
  'secretary',
  'deputy_secretary',
  'organisation_member',
  'propaganda_member',
  'discipline_member',
  'committee_member',
  'group_leader',
]);
export type CommitteePosition = z.infer<typeof CommitteePosition>;

export const Permission = z.enum([
  'org.read',
  'org.manage',
  'member.read',
  'member.manage',
  /** See unmasked national ID and phone (M4): every such read is audited. */
  'member.readSensitive',
  'member.issueBindingCode',
  'audit.read',
  'role.manage',
  /** Schedule and run meetings (三会一课), check-in, leave, minutes (C1–C4). */
  'meeting.manage',
  /** Read fee standards, bills, payments and reports (F1–F7). */
  'fee.read',
  /** The fee worker: record standards and payments, generate bills, request reliefs, scan arrears (F1–F7). */
  'fee.manage',
  /** Run elections, motions and admission votes by secret ballot (E1–E14, V1–V3). */
  'election.manage',
  /** See relationship transfers of the subtree, their letters and queues (T1–T8). */
  'transfer.read',
  /** Act on transfers for the subtree: agree, approve, accept, refuse, return, register, scan (T2–T8). */
  'transfer.manage',
  /**
   * Learning (L1–L5): create and publish courses, lessons, question banks and quizzes, record offline
   * training, assign required courses and see the subtree's progress. Studying needs no permission.
   */
  'study.manage',
  /** 通知公告 and the home-page banners: publish to the subtree, see receipts, remind, export (issue 14). */
  'notice.publish',
  /** 党建知识: write, publish and withdraw the Q&A of the subtree (issue 14). Reading needs no permission. */
  'knowledge.manage',
  /** K5 five indexes: read the scores, rankings and formulas of the subtree (a branch: its own). */
  'index.read',
  /** K5: publish a new version of the committee's index definitions and recompute a month (committee workers). */
  'index.manage',
  /** 志愿服务 (P4): create teams, run activities, confirm sign-outs and see the subtree's volunteer hours. Team leaders need no permission for their team. */
  'volunteer.manage',
  /** 党员积分 (P3): propose deductions for members of the subtree, see its points. */
  'points.manage',
  /** P3: approve or reject deductions of the subtree; at the top of the tree, version the points rules. */
  'points.approve',
  /** The committee's enterprise ledger, coverage and visit logs of the subtree (K1–K4, S1): read. */
  'ledger.read',
  /** Keep the ledger (edit, import), set coverage targets, appoint 党建指导员 / 驻企联络员 (K1–K4, S1). */
  'ledger.manage',
  /**
   * Services to enterprises (issue 18, S2–S4) for the committee's subtree: appoint enterprise contacts,
   * configure departments and route requests, keep the service catalogue and rooms, see statistics.
   */
  'request.manage',
  /** PDCA (K6): plan tasks and rubrics for the subtree's branches, accept and finalise scores, report, record 约谈. */
  'pdca.manage',
  /** PDCA (K6): submit the branch's own task with evidence (党支部落实). */
  'pdca.submit',
]);
export type Permission = z.infer<typeof Permission>;

const COMMITTEE_READ: Permission[] = ['org.read', 'member.read', 'fee.read', 'transfer.read', 'index.read', 'ledger.read'];
const SECRETARY: Permission[] = [
  'org.read',
  'org.manage',
  'member.read',
  'member.manage',
  'member.readSensitive',
  'member.issueBindingCode',
  'audit.read',
  'meeting.manage',
  'fee.read',
  'fee.manage',
  'election.manage',
  'transfer.read',
  'transfer.manage',
  'study.manage',
  'notice.publish',
  'index.read',
  'volunteer.manage',
  'points.manage',
  'ledger.read',
  'ledger.manage',
  'request.manage',
  'pdca.submit',
];

/**
 * What each role may do inside its subtree. One table, read by the server's access check and by the
 * mini-program to decide which entries to show.
 */
export const ROLE_PERMISSIONS: Record<Role, ReadonlyArray<Permission>> = {
  member: [],
  // A group leader's grant is on the group: meeting.manage reaches only the group's 党小组会.
  group_leader: [...COMMITTEE_READ, 'meeting.manage'],
  secretary: SECRETARY,
  deputy_secretary: SECRETARY,
  organisation_member: [...COMMITTEE_READ, 'member.manage', 'member.issueBindingCode', 'fee.manage', 'transfer.manage', 'pdca.submit'],
  // 宣传委员 runs study (学习教育).
  propaganda_member: [...COMMITTEE_READ, 'study.manage', 'notice.publish'],
  discipline_member: COMMITTEE_READ,
  committee_member: COMMITTEE_READ,
  // Committee workers (党群部) answer members' questions (党建知识 Q&A), version the index definitions
  // (K5), approve points deductions (P3) and organise PDCA: plan, assign, score, report (K6).
  org_worker: [...SECRETARY, 'role.manage', 'knowledge.manage', 'index.manage', 'points.approve', 'pdca.manage'],
  platform_admin: Permission.options,
};

export const RoleGrantSchema = z.object({ role: Role, orgId: UuidSchema, orgName: z.string() }).meta({ id: 'RoleGrant' });
export type RoleGrant = z.infer<typeof RoleGrantSchema>;

export const hasPermission = (grants: ReadonlyArray<Pick<RoleGrant, 'role'>>, permission: Permission) =>
  grants.some((g) => ROLE_PERMISSIONS[g.role].includes(permission));
