import { describe, expect, it } from 'vitest';
import { fgwUser, office, scjgUser } from '../../../test/fixtures';
import { feedsBackOnPilot, plansPilots, recordsReplication } from '../../../tasks/permissions';
import { BINJIANG, SHANGCHENG, leader, marketGroup, pilot, practice, shangchengUser, xihuUser } from './testFixtures';

// The same rules as tasks-api pilots/service.py and practices/service.py.
describe('pilot and best-practice permissions', () => {
  it('lets the office and the special group of the pilot’s environment set up and decide pilots', () => {
    expect(plansPilots(office(), 'market')).toBe(true);
    expect(plansPilots(marketGroup(), 'market')).toBe(true);
    expect(plansPilots(marketGroup(), 'rule_of_law')).toBe(false);
    expect(plansPilots(marketGroup())).toBe(true);
    expect(plansPilots(fgwUser(), 'market')).toBe(false);
    expect(plansPilots(leader(), 'market')).toBe(false);
  });

  it('lets the pilot unit and the office feed back', () => {
    const data = pilot({ unit: SHANGCHENG });
    expect(feedsBackOnPilot(shangchengUser(), data)).toBe(true);
    expect(feedsBackOnPilot(office(), data)).toBe(true);
    expect(feedsBackOnPilot(xihuUser(), data)).toBe(false);
    expect(feedsBackOnPilot(marketGroup(), data)).toBe(false);
    expect(feedsBackOnPilot(leader(), data)).toBe(false);
  });

  it('lets the office and any other unit record a replication, never the case’s own unit or a leader', () => {
    const data = practice();
    expect(recordsReplication(office(), data)).toBe(true);
    expect(recordsReplication(scjgUser(), data)).toBe(true);
    expect(recordsReplication({ ...xihuUser(), unit: { ...BINJIANG, code: 'd3', kind: 'district' } }, data)).toBe(true);
    expect(recordsReplication(fgwUser(), data)).toBe(false);
    expect(recordsReplication(leader(), data)).toBe(false);
  });
});
