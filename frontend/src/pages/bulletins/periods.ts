import dayjs, { type Dayjs } from 'dayjs';
import type { BulletinKind } from './types';

/** A league or bulletin period: `2026-10` (month), `2026-Q3` (quarter) or `2026` (year), as the API takes it. */
export type PeriodKind = 'month' | 'quarter' | 'year';

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const satisfies readonly PeriodKind[];
export const PERIOD_KIND: Record<BulletinKind, PeriodKind> = { monthly: 'month', quarterly: 'quarter', annual: 'year' };
export const BULLETIN_KIND: Record<PeriodKind, BulletinKind> = { month: 'monthly', quarter: 'quarterly', year: 'annual' };

export interface Period {
  key: string;
  kind: PeriodKind;
  year: number;
  /** 1–12 for a month, 1–4 for a quarter, 0 for a year. */
  index: number;
  start: Dayjs;
  end: Dayjs;
}

const PATTERN = /^(\d{4})(?:-(?:(\d{2})|Q([1-4])))?$/;

/** Parses a period key; anything the API would refuse gives undefined. */
export function parsePeriod(text: string | null | undefined): Period | undefined {
  const match = PATTERN.exec((text ?? '').trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return undefined;
  if (match[2]) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return undefined;
    const start = dayjs(new Date(year, month - 1, 1));
    return { key: `${year}-${match[2]}`, kind: 'month', year, index: month, start, end: start.endOf('month').startOf('day') };
  }
  if (match[3]) {
    const quarter = Number(match[3]);
    const start = dayjs(new Date(year, 3 * quarter - 3, 1));
    return { key: `${year}-Q${quarter}`, kind: 'quarter', year, index: quarter, start, end: start.add(2, 'month').endOf('month').startOf('day') };
  }
  const start = dayjs(new Date(year, 0, 1));
  return { key: String(year), kind: 'year', year, index: 0, start, end: dayjs(new Date(year, 11, 31)) };
}

/** The key of the period of this kind that contains the day. */
export function periodOf(kind: PeriodKind, day: Dayjs): string {
  if (kind === 'month') return day.format('YYYY-MM');
  if (kind === 'quarter') return `${day.year()}-Q${Math.floor(day.month() / 3) + 1}`;
  return String(day.year());
}

/**
 * The period to show when none is chosen: the last complete month or quarter (what the next bulletin covers),
 * or the current year (a year is ranked to date).
 */
export function defaultPeriod(kind: PeriodKind, today: Dayjs = dayjs()): string {
  if (kind === 'month') return periodOf('month', today.startOf('month').subtract(1, 'day'));
  if (kind === 'quarter') return periodOf('quarter', today.subtract(3, 'month'));
  return periodOf('year', today);
}

/** The API's default statistics date: the earlier of the period's last day and today. */
export function defaultAsOf(period: Period, today: Dayjs = dayjs()): Dayjs {
  return period.end.isBefore(today, 'day') ? period.end : today.startOf('day');
}

/** A period that has not started yet cannot be ranked (as_of would be before it). */
export const hasStarted = (period: Period, today: Dayjs = dayjs()) => !period.start.isAfter(today, 'day');
