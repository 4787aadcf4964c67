import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { defaultAsOf, defaultPeriod, parsePeriod, periodOf } from './periods';
import { numberFormatProblem } from './LeagueSettingsDrawer';
import { parseListQuery } from './BulletinListPage';
import { hasInbox, landsOnSummary, managesBulletins, seesDrafts } from './permissions';
import { me } from '../../test/fixtures';

describe('periods', () => {
  it('parses months, quarters and years as the API does, and refuses the rest', () => {
    const october = parsePeriod('2026-10')!;
    expect([october.kind, october.start.format('YYYY-MM-DD'), october.end.format('YYYY-MM-DD')]).toEqual(['month', '2026-10-01', '2026-10-31']);
    const q3 = parsePeriod('2026-Q3')!;
    expect([q3.kind, q3.index, q3.start.format('YYYY-MM-DD'), q3.end.format('YYYY-MM-DD')]).toEqual(['quarter', 3, '2026-07-01', '2026-09-30']);
    const year = parsePeriod('2026')!;
    expect([year.kind, year.start.format('YYYY-MM-DD'), year.end.format('YYYY-MM-DD')]).toEqual(['year', '2026-01-01', '2026-12-31']);
    expect(parsePeriod('2026-02')!.end.format('YYYY-MM-DD')).toBe('2026-02-28');
    for (const bad of ['2026-13', '2026-Q5', '26-10', '2026/10', '1999', '', null]) expect(parsePeriod(bad)).toBeUndefined();
  });

  it('finds the period of a day and defaults to the last complete month or quarter', () => {
    const day = dayjs('2026-11-23');
    expect(periodOf('month', day)).toBe('2026-11');
    expect(periodOf('quarter', day)).toBe('2026-Q4');
    expect(periodOf('year', day)).toBe('2026');
    expect(defaultPeriod('month', day)).toBe('2026-10');
    expect(defaultPeriod('quarter', day)).toBe('2026-Q3');
    expect(defaultPeriod('year', day)).toBe('2026');
    expect(defaultPeriod('month', dayjs('2026-01-05'))).toBe('2025-12');
    expect(defaultPeriod('quarter', dayjs('2026-01-05'))).toBe('2025-Q4');
  });

  it('takes the earlier of the period end and today as the default statistics date', () => {
    expect(defaultAsOf(parsePeriod('2026-10')!, dayjs('2026-11-23')).format('YYYY-MM-DD')).toBe('2026-10-31');
    expect(defaultAsOf(parsePeriod('2026-11')!, dayjs('2026-11-23')).format('YYYY-MM-DD')).toBe('2026-11-23');
  });
});

describe('settings and list rules', () => {
  it('checks the 文号 format like the API: {n} required, only {year} and {n}', () => {
    expect(numberFormatProblem('杭营商改〔{year}〕{n}号')).toBeUndefined();
    expect(numberFormatProblem('营商通报第{n}期')).toBeUndefined();
    expect(numberFormatProblem('杭营商改〔{year}〕号')).toBe('missingN');
    expect(numberFormatProblem('{unit}〔{year}〕{n}号')).toBe('unknown');
  });

  it('keeps valid list filters from the URL and drops the rest', () => {
    expect(parseListQuery(new URLSearchParams('year=2026&kind=quarterly&status=draft&page=2'))).toEqual({ year: 2026, kind: 'quarterly', status: 'draft', page: 2 });
    expect(parseListQuery(new URLSearchParams('year=26&kind=weekly&status=gone&page=0'))).toEqual({ year: undefined, kind: undefined, status: undefined, page: 1 });
  });
});

describe('permissions', () => {
  it('mirrors the API: the office manages, office and leaders see drafts, working roles have an inbox', () => {
    const office = me('office', ['reform_office']);
    const leader = me('leader', ['leader']);
    const unit = me('scjg', ['unit']);
    const hotline = me('hotline', ['hotline']);
    expect([office, leader, unit, hotline].map(managesBulletins)).toEqual([true, false, false, false]);
    expect([office, leader, unit, hotline].map(seesDrafts)).toEqual([true, true, false, false]);
    expect([office, leader, unit, hotline].map(hasInbox)).toEqual([true, false, true, false]);
    expect([office, leader, unit, hotline].map(landsOnSummary)).toEqual([false, true, false, false]);
    expect(landsOnSummary(me('both', ['leader', 'group_lead']))).toBe(false);
  });
});
