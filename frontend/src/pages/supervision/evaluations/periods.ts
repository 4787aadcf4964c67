import dayjs, { type Dayjs } from 'dayjs';

/** Evaluation periods as the API writes them: `2026` (year), `2026-Q3` (quarter), `2026-10` (month). */
export const PERIOD = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

export const GRANULARITIES = ['quarter', 'month', 'year'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export interface PeriodParts {
  year: number;
  granularity: Granularity;
  /** Quarter 1–4 or month 1–12; 0 for a year. */
  index: number;
}

export function parsePeriod(period: string): PeriodParts | undefined {
  if (!PERIOD.test(period)) return undefined;
  const year = Number(period.slice(0, 4));
  if (period.length === 4) return { year, granularity: 'year', index: 0 };
  if (period[5] === 'Q') return { year, granularity: 'quarter', index: Number(period[6]) };
  return { year, granularity: 'month', index: Number(period.slice(5)) };
}

export function formatPeriod({ year, granularity, index }: PeriodParts): string {
  if (granularity === 'year') return String(year);
  if (granularity === 'quarter') return `${year}-Q${index}`;
  return `${year}-${String(index).padStart(2, '0')}`;
}

/** The period to score when none is chosen: this quarter in the current year, else the year's last (or first) quarter. */
export function defaultPeriod(year: number, today: Dayjs = dayjs()): string {
  if (today.year() === year) return `${year}-Q${Math.floor(today.month() / 3) + 1}`;
  return `${year}-Q${today.year() > year ? 4 : 1}`;
}

/** The same period kind in another year (keeps Q3 when switching from 2026 to 2025). */
export function moveToYear(period: string, year: number): string {
  const parts = parsePeriod(period);
  return parts ? formatPeriod({ ...parts, year }) : defaultPeriod(year);
}

/** The first period of a granularity closest to the current one (month → its quarter, quarter → its first month). */
export function switchGranularity(period: string, granularity: Granularity): string {
  const parts = parsePeriod(period);
  if (!parts) return period;
  if (parts.granularity === granularity) return period;
  const today = dayjs();
  const month =
    parts.granularity === 'month'
      ? parts.index
      : parts.granularity === 'quarter'
        ? parts.index * 3 - 2
        : today.year() === parts.year
          ? today.month() + 1
          : 12;
  if (granularity === 'year') return String(parts.year);
  if (granularity === 'quarter') return formatPeriod({ year: parts.year, granularity, index: Math.floor((month - 1) / 3) + 1 });
  return formatPeriod({ year: parts.year, granularity, index: month });
}
