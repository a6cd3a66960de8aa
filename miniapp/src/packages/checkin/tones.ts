import type { AttendanceState } from '@dangjian/shared';
import type { TagTone } from '@/components/Card';

export const ATTENDANCE_TONE: Record<AttendanceState, TagTone> = {
  present: 'success',
  pending_confirmation: 'gold',
  on_leave: 'neutral',
  leave_pending: 'gold',
  absent: 'warning',
  upcoming: 'neutral',
};
