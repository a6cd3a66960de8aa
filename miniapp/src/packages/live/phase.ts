import type { LiveClass } from '@dangjian/shared';
import type { TagTone } from '@/components/Card';

export const PHASE_LABEL: Record<LiveClass['phase'], string> = { upcoming: '未开始', live: '直播中', ended: '已结束' };
export const PHASE_TONE: Record<LiveClass['phase'], TagTone> = { upcoming: 'neutral', live: 'primary', ended: 'success' };
