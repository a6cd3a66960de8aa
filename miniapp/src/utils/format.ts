/** '2015-07-01' → '2015年7月1日'; anything else is shown as it came. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/**
 * 早上好 / 上午好 / 中午好 / 下午好 / 晚上好 by the hour of `now` in Beijing time — the dates on every page
 * are Beijing time, so a phone or browser set to another zone must not greet "早上好" at a Beijing noon.
 */
export function greeting(now: Date = new Date()): string {
  const h = new Date(now.getTime() + 8 * 3600_000).getUTCHours();
  if (h < 5) return '晚上好';
  if (h < 9) return '早上好';
  if (h < 12) return '上午好';
  if (h < 14) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

const CHINA_OFFSET_MS = 8 * 3600_000;
const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];

/** The China wall-clock parts of an instant (meetings are held in China time whatever the device says). */
function chinaParts(iso: string) {
  const d = new Date(Date.parse(iso) + CHINA_OFFSET_MS);
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    wd: WEEKDAY[d.getUTCDay()] ?? '',
    hh: String(d.getUTCHours()).padStart(2, '0'),
    mm: String(d.getUTCMinutes()).padStart(2, '0'),
    ss: String(d.getUTCSeconds()).padStart(2, '0'),
  };
}

const valid = (iso: string | null | undefined): iso is string => !!iso && !Number.isNaN(Date.parse(iso));

/** '14:05' */
export function formatClock(iso: string | null | undefined, seconds = false): string {
  if (!valid(iso)) return '';
  const p = chinaParts(iso);
  return seconds ? `${p.hh}:${p.mm}:${p.ss}` : `${p.hh}:${p.mm}`;
}

/** '11月22日 周六 14:05'; the year is added when it is not the current one. */
export function formatDateTime(iso: string | null | undefined, now: Date = new Date()): string {
  if (!valid(iso)) return '';
  const p = chinaParts(iso);
  const year = p.y === chinaParts(now.toISOString()).y ? '' : `${p.y}年`;
  return `${year}${p.mo}月${p.d}日 周${p.wd} ${p.hh}:${p.mm}`;
}

/** '11月22日 周六 14:00–15:30', or both full when it ends on another day. */
export function formatMeetingTime(startsAt: string, endsAt: string, now: Date = new Date()): string {
  if (!valid(startsAt) || !valid(endsAt)) return '';
  const a = chinaParts(startsAt);
  const b = chinaParts(endsAt);
  const sameDay = a.y === b.y && a.mo === b.mo && a.d === b.d;
  return sameDay ? `${formatDateTime(startsAt, now)}–${b.hh}:${b.mm}` : `${formatDateTime(startsAt, now)} 至 ${formatDateTime(endsAt, now)}`;
}

/** China date 'YYYY-MM-DD' and time 'HH:mm' of an instant, for the date and time pickers. */
export function chinaDateAndTime(d: Date): { date: string; time: string } {
  const p = chinaParts(d.toISOString());
  return { date: `${p.y}-${String(p.mo).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`, time: `${p.hh}:${p.mm}` };
}

/** The instant of a China date and time from the pickers, as the API wants it (ISO with +08:00). */
export const chinaInstant = (date: string, time: string) => `${date}T${time}:00+08:00`;

/** 0.875 → '87.5%'; null → '—' */
export function formatRate(rate: number | null): string {
  if (rate === null || Number.isNaN(rate)) return '—';
  return `${Math.round(rate * 1000) / 10}%`;
}
