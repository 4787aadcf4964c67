import { describe, expect, it } from 'vitest';
import { areasForRoles, isReadOnly } from './menu';

describe('areasForRoles', () => {
  it('gives the reform office every area, admin last', () => {
    expect(areasForRoles(['reform_office'])).toEqual(['cockpit', 'tasks', 'supervision', 'indicators', 'feedback', 'bulletins', 'audit', 'admin']);
  });

  it('gives auditors the audit log only', () => {
    expect(areasForRoles(['auditor'])).toEqual(['audit']);
  });

  it('gives leaders everything except administration', () => {
    expect(areasForRoles(['leader'])).toEqual(['cockpit', 'tasks', 'supervision', 'indicators', 'feedback', 'bulletins']);
  });

  it('gives special groups no feedback area', () => {
    expect(areasForRoles(['group_lead'])).toEqual(['cockpit', 'tasks', 'supervision', 'indicators', 'bulletins']);
  });

  it.each(['unit', 'district'])('gives %s the workbench first, then tasks, feedback and bulletins, no cockpit', (role) => {
    expect(areasForRoles([role])).toEqual(['workbench', 'tasks', 'supervision', 'feedback', 'bulletins']);
  });

  it('gives lead units the indicators too (they enter their indicators\' values)', () => {
    expect(areasForRoles(['lead_unit'])).toEqual(['workbench', 'tasks', 'supervision', 'indicators', 'feedback', 'bulletins']);
    expect(areasForRoles(['lead_unit', 'unit'])).toEqual(['workbench', 'tasks', 'supervision', 'indicators', 'feedback', 'bulletins']);
  });

  it('gives the hotline account no menu', () => {
    expect(areasForRoles(['hotline'])).toEqual([]);
  });

  it('unions several roles in menu order without duplicates', () => {
    expect(areasForRoles(['unit', 'group_lead'])).toEqual(['workbench', 'cockpit', 'tasks', 'supervision', 'indicators', 'feedback', 'bulletins']);
  });

  it('ignores unknown roles, including Object prototype names', () => {
    expect(areasForRoles(['enterprise', 'toString', 'constructor'])).toEqual([]);
    expect(areasForRoles([])).toEqual([]);
  });
});

describe('isReadOnly', () => {
  it('is true only when every role is leader', () => {
    expect(isReadOnly(['leader'])).toBe(true);
    expect(isReadOnly(['leader', 'group_lead'])).toBe(false);
    expect(isReadOnly(['reform_office'])).toBe(false);
    expect(isReadOnly([])).toBe(false);
  });
});
