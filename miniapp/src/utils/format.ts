/** '2015-07-01' → '2015年7月1日'; anything else is shown as it came. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** 早上好 / 上午好 / 中午好 / 下午好 / 晚上好 by the hour of `now`. */
export function greeting(now: Date = new Date()): string {
  const h = now.getHours();
  if (h < 5) return '晚上好';
  if (h < 9) return '早上好';
  if (h < 12) return '上午好';
  if (h < 14) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}
