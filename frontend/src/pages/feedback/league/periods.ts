// Reporting periods as feedback-api takes them: a year (2026), a quarter (2026-Q4) or a month (2026-10), Shanghai
// time. Plain functions with no library (not even dayjs): the public /report/league page uses them too.

export const PERIOD_PATTERN = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

export const isPeriod = (value: string | null | undefined): value is string => !!value && PERIOD_PATTERN.test(value);

/** A Shanghai calendar month (month 1–12). */
export interface YearMonth {
  year: number;
  month: number;
}

const SHANGHAI_MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' });

/** This month in Shanghai, whatever the browser's time zone. */
export function thisMonth(now: Date = new Date()): YearMonth {
  const parts = Object.fromEntries(SHANGHAI_MONTH.formatToParts(now).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month) };
}

/** The quarter the month falls in, e.g. 2026-Q4. */
export const currentQuarter = (today: YearMonth = thisMonth()) => `${today.year}-Q${Math.ceil(today.month / 3)}`;

export const currentYear = (today: YearMonth = thisMonth()) => String(today.year);

/** This year and last year: the years, their quarters and their months up to today, newest first. */
export function periodChoices(today: YearMonth = thisMonth()): { years: string[]; quarters: string[]; months: string[] } {
  const years = [today.year, today.year - 1];
  const quarters: string[] = [];
  const months: string[] = [];
  for (const year of years) {
    const lastMonth = year === today.year ? today.month : 12;
    for (let q = Math.ceil(lastMonth / 3); q >= 1; q -= 1) quarters.push(`${year}-Q${q}`);
    for (let m = lastMonth; m >= 1; m -= 1) months.push(`${year}-${String(m).padStart(2, '0')}`);
  }
  return { years: years.map(String), quarters, months };
}
