import { describe, expect, it } from 'vitest';
import { anchorIndicator, byRank, formatSigned, formatValue, ladderName, periodLabel, shortfall, sortPeriodsDesc, tiedRanks } from './format';
import { mayEnter } from './permissions';
import { fgwUser, me, office } from '../test/fixtures';
import { GP00, GP05, GP07, SL01, ZHEJIANG_ITEMS, indicator } from '../test/indicatorFixtures';

describe('indicator formatting', () => {
  it('labels and sorts periods', () => {
    expect(periodLabel('2025')).toBe('2025年');
    expect(periodLabel('2026-Q3')).toBe('2026年第三季度');
    expect(periodLabel('2026-10')).toBe('2026年10月');
    expect(periodLabel('2026-Q3', 'en')).toBe('2026 Q3');
    expect(sortPeriodsDesc(['2025', '2026-Q1', '2026-Q3', '2026', 'bad', undefined, '2025'])).toEqual(['2026-Q3', '2026-Q1', '2026', '2025']);
  });

  it('formats values with units and signed gaps (positive = behind)', () => {
    expect(formatValue(90.05, '分')).toBe('90.05 分');
    expect(formatValue(98.17, '%')).toBe('98.17%');
    expect(formatValue(null, '分')).toBe('—');
    expect(formatSigned(1.98, '分')).toBe('+1.98 分');
    expect(formatSigned(-0.53, '分')).toBe('−0.53 分');
    expect(formatSigned(0, '分')).toBe('0 分');
  });

  it('computes the shortfall in the indicator direction', () => {
    expect(shortfall(68.21, 73.45, true)).toBe(5.24);
    expect(shortfall(3.5, 2, false)).toBe(1.5);
    expect(shortfall(90, 87, true)).toBe(-3);
    expect(shortfall(null, 87, true)).toBeNull();
  });

  it('names the ladder after the rank targets', () => {
    expect(ladderName({ floor: 5, target: 4, stretch: 3 })).toBe('保五争四冲三');
    expect(ladderName({ floor: 3, target: 2, stretch: 1 })).toBe('保三争二冲一');
  });

  it('orders by rank and finds ties', () => {
    expect(byRank([...ZHEJIANG_ITEMS].reverse()).map((i) => i.rank)).toEqual([1, 2, 3, 3, 5, 6, 7, 8, 9, 10, 11]);
    expect([...tiedRanks(ZHEJIANG_ITEMS)]).toEqual([3]);
  });

  it('reads periods from the overall composite, else the first entered root', () => {
    expect(anchorIndicator([GP00, GP05, GP07])?.code).toBe('GP-00');
    expect(anchorIndicator([indicator({ code: 'CS-ZH-01', parent_code: null, kind: 'computed' }), SL01])?.code).toBe('SL-01');
  });
});

describe('mayEnter (mirrors the API)', () => {
  it('lets the office enter any non-composite, a lead unit its own, a special group its environment', () => {
    expect(mayEnter(office(), GP07)).toBe(true);
    expect(mayEnter(office(), GP00)).toBe(false);
    expect(mayEnter(fgwUser(), GP05)).toBe(true);
    expect(mayEnter(fgwUser(), GP07)).toBe(false);
    const group = { ...me('market', ['group_lead']), environment: 'market' as const };
    expect(mayEnter(group, GP05)).toBe(true);
    expect(mayEnter(group, GP07)).toBe(false);
    expect(mayEnter(me('leader', ['leader']), GP07)).toBe(false);
  });
});
