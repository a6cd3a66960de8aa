import { type OrgChoice, useOrgChoice } from '@/hooks/useOrgChoice';

export type StudyOrg = OrgChoice;

/** The organisation a secretary's study page is about: from the address, a pick, or their first study.manage grant. */
export function useStudyOrg() {
  return useOrgChoice('study.manage');
}
