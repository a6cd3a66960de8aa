const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's calendar date in China ('YYYY-MM-DD'): terms and positions are dated there, whatever the server's zone. */
export const todayInChina = (now: Date = new Date()) => CHINA_DATE.format(now);
