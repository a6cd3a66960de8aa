import type { PdcaPlanState, PdcaTalkState, PdcaTaskState } from '@dangjian/shared';
import type { TagTone } from '@/components/Card';

export const PLAN_TONE: Record<PdcaPlanState, TagTone> = { draft: 'neutral', published: 'primary', scoring: 'gold', reported: 'success', closed: 'neutral' };
export const TASK_TONE: Record<PdcaTaskState, TagTone> = {
  assigned: 'warning',
  submitted: 'primary',
  returned: 'warning',
  accepted: 'success',
  scored: 'gold',
};
export const TALK_TONE: Record<PdcaTalkState, TagTone> = { pending: 'warning', held: 'success' };
