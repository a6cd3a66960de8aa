import type { CorrectionState } from '@dangjian/shared';
import type { TagTone } from '@/components/Card';

/** 档案更正 pages of this package: the tone of each state's tag and the routes. */
export const CORRECTION_TONE: Record<CorrectionState, TagTone> = { pending: 'gold', approved: 'success', returned: 'warning', withdrawn: 'neutral' };
export const correctionUrl = (id: string) => `/packages/admin/pages/correction/index?id=${id}`;
export const CORRECTION_REQUEST_URL = '/packages/admin/pages/correction-request/index';
