import type { IndicatorRead, Me } from '../api/types';

// What the UI offers; the indicators API checks the same rules again (observations/service.py may_enter).

const has = (me: Me, ...roles: string[]) => me.roles.some((role) => roles.includes(role));

/** Approve or return entered values: the reform office only. */
export const reviewsData = (me: Me) => has(me, 'reform_office');

/** Enter or import values: the office, special groups and lead units (each for their own indicators). */
export const entersData = (me: Me) => has(me, 'reform_office', 'group_lead', 'lead_unit');

/**
 * Whether the user may enter this indicator's values: the office any, a special group those of its
 * environment, a lead unit those it leads. Composites are calculated, never entered.
 */
export function mayEnter(me: Me, indicator: IndicatorRead): boolean {
  if (indicator.kind === 'composite') return false;
  if (has(me, 'reform_office')) return true;
  if (has(me, 'group_lead') && me.environment !== null && me.environment === indicator.environment) return true;
  return has(me, 'lead_unit') && indicator.lead_unit_code !== null && indicator.lead_unit_code === me.unit.code;
}

/** Record an evaluator's published rank, group or score (官方公布结果): the reform office only. */
export const recordsOfficial = (me: Me) => has(me, 'reform_office');
