import { describe, expect, it } from 'vitest';
import { canExport, canImport, managesTask, reportsOnTask, reviewsReports, seesNotices, seesReporting } from './permissions';
import { FGW, SCJG, fgwUser, me, office, scjgUser, task } from '../test/fixtures';

describe('task permissions (mirroring the tasks API)', () => {
  const t = task({ lead_unit: FGW, responsible_units: [SCJG], environment: 'market' });

  it('lets the office import and export, leaders export only', () => {
    expect([canImport(office()), canExport(office())]).toEqual([true, true]);
    const leader = me('leader', ['leader']);
    expect([canImport(leader), canExport(leader)]).toEqual([false, true]);
    expect([canImport(scjgUser()), canExport(scjgUser())]).toEqual([false, false]);
  });

  it('shows 报送情况 to the office, leaders, special groups and lead units; the notice overview to the office and leaders', () => {
    const users = [office(), me('leader', ['leader']), me('group', ['group_lead']), fgwUser(), scjgUser(), me('xh', ['district'])];
    expect(users.map(seesReporting)).toEqual([true, true, true, true, false, false]);
    expect(users.map(seesNotices)).toEqual([true, true, false, false, false, false]);
  });

  it('gives the lead unit management and review, a responsible unit reporting only', () => {
    expect([managesTask(fgwUser(), t), reviewsReports(fgwUser(), t), reportsOnTask(fgwUser(), t)]).toEqual([true, true, true]);
    expect([managesTask(scjgUser(), t), reviewsReports(scjgUser(), t), reportsOnTask(scjgUser(), t)]).toEqual([false, false, true]);
    expect([managesTask(office(), t), reviewsReports(office(), t), reportsOnTask(office(), t)]).toEqual([true, true, false]);
  });

  it('lets a special group manage the tasks of its own environment only', () => {
    const group = { ...me('market_group', ['group_lead']), environment: 'market' as const };
    expect(managesTask(group, t)).toBe(true);
    expect(managesTask(group, { ...t, environment: 'gov_service' })).toBe(false);
  });
});
