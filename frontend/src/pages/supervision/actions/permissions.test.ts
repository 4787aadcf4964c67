import { describe, expect, it } from 'vitest';
import { createsActions, freezesBaselines, plansAction, runsAction } from '../../../tasks/permissions';
import { FGW, SCJG, fgwUser, me, office, scjgUser } from '../../../test/fixtures';
import { leader, marketGroup } from './testing';

// Mirrors tasks_api/actions/permissions.py and the battle map's baseline route.
describe('special action permissions', () => {
  const action = { environment: 'market', lead_unit: FGW };

  it('lets the office plan every action and a special group only those of its environment', () => {
    expect(plansAction(office(), null)).toBe(true);
    expect(plansAction(marketGroup(), 'market')).toBe(true);
    expect(plansAction(marketGroup(), 'gov_service')).toBe(false);
    expect(plansAction(marketGroup(), null)).toBe(false);
    expect(plansAction(fgwUser(), 'market')).toBe(false);
    expect([office(), marketGroup(), leader(), fgwUser(), scjgUser()].map(createsActions)).toEqual([true, true, false, false, false]);
    // A group lead without an environment cannot create anything the API would accept.
    expect(createsActions(me('nogroup', ['group_lead']))).toBe(false);
  });

  it('lets the lead unit (as a working role) and the planners run the action; team members and leaders read', () => {
    expect(runsAction(fgwUser(), action)).toBe(true);
    expect(runsAction(scjgUser(), action)).toBe(false);
    expect(runsAction(scjgUser(), { ...action, lead_unit: SCJG })).toBe(true);
    expect(runsAction(me('xh', ['district'], SCJG), { ...action, lead_unit: SCJG })).toBe(true);
    expect(runsAction({ ...fgwUser(), roles: ['leader'] }, action)).toBe(false);
    expect(runsAction(office(), action)).toBe(true);
    expect(runsAction(marketGroup(), action)).toBe(true);
    expect(runsAction(marketGroup(), { ...action, environment: 'humanistic' })).toBe(false);
    expect(runsAction(fgwUser(), { ...action, lead_unit: null })).toBe(false);
  });

  it('lets only the office freeze a quarter', () => {
    expect([office(), leader(), marketGroup(), fgwUser()].map(freezesBaselines)).toEqual([true, false, false, false]);
  });
});
