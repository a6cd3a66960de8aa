import {
  EDUCATION_LABEL,
  MEMBER_FLAG_LABEL,
  MEMBER_LEFT_REASON_LABEL,
  MEMBER_STATUS_LABEL,
  partyYears,
  type Member,
  type MemberFlag,
  type MemberHistoryEntry,
  type MemberStatus,
} from '@dangjian/shared';
import type { MemberRow } from './members.repository.js';

/**
 * M4: phone and national ID are masked unless `unmasked` carries the plain values (the service
 * passes them only after the permission check and the audit entry).
 */
export function mapMember(row: MemberRow, unmasked?: { phone: string | null; nationalId: string | null }, today?: string): Member {
  return {
    id: row.id,
    orgId: row.organisationId,
    orgName: row.orgName,
    groupId: row.groupId,
    groupName: row.groupName,
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterpriseName,
    name: row.name,
    gender: row.gender,
    ethnicity: row.ethnicity,
    birthDate: row.birthDate,
    phone: unmasked ? unmasked.phone : row.phoneMasked,
    nationalId: unmasked ? unmasked.nationalId : row.nationalIdMasked,
    sensitiveUnmasked: Boolean(unmasked),
    education: row.education,
    joinDate: row.joinDate,
    fullMemberDate: row.fullMemberDate,
    status: row.status,
    flags: row.flags,
    post: row.post,
    partyYears: partyYears(row, today),
    departure:
      row.leftAt && row.leftReason ? { at: new Date(row.leftAt).toISOString(), reason: row.leftReason, label: MEMBER_LEFT_REASON_LABEL[row.leftReason] } : null,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const FIELD_LABEL: Record<string, string> = {
  status: '党员状态',
  fullMemberDate: '转正日期',
  group: '党小组',
  organisation: '组织关系',
};

export function historyFieldLabel(field: string): string {
  if (field.startsWith('flag:')) return MEMBER_FLAG_LABEL[field.slice(5) as MemberFlag] ?? field;
  return FIELD_LABEL[field] ?? field;
}

export function historyValueLabel(field: string, value: string | null, orgName: string | null): string | null {
  // An organisation change to nothing: the member left the platform (the reason names where to).
  if (value === null) return field === 'group' ? '无' : field === 'organisation' ? '系统外' : null;
  if (field === 'status') return MEMBER_STATUS_LABEL[value as MemberStatus] ?? value;
  if (field.startsWith('flag:')) return value === 'true' ? '是' : '否';
  if (field === 'group' || field === 'organisation') return orgName ?? (UUID.test(value) ? '（已删除）' : value);
  return value;
}

export function mapHistory(r: {
  id: string;
  field: string;
  fromValue: string | null;
  toValue: string | null;
  fromName: string | null;
  toName: string | null;
  reason: string;
  changedBy: string | null;
  changedByName: string | null;
  changedAt: Date;
}): MemberHistoryEntry {
  return {
    id: r.id,
    field: r.field,
    fieldLabel: historyFieldLabel(r.field),
    fromValue: r.fromValue,
    toValue: r.toValue,
    fromLabel: historyValueLabel(r.field, r.fromValue, r.fromName),
    toLabel: historyValueLabel(r.field, r.toValue, r.toName),
    reason: r.reason,
    changedBy: r.changedBy ? { userId: r.changedBy, name: r.changedByName ?? '' } : null,
    changedAt: new Date(r.changedAt).toISOString(),
  };
}

export const educationLabel = (e: MemberRow['education']) => (e ? EDUCATION_LABEL[e] : '');
