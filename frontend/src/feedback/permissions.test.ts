import { describe, expect, it } from 'vitest';
import { me, office, scjgUser, fgwUser, FGW, SCJG } from '../test/fixtures';
import { assignedCase, caseRead } from '../pages/feedback/testData';
import { addsNotes, caseActions, caseButtons, entersCases, handles, isCoUnit, partsOn, revealsContact } from './permissions';

const leader = () => me('leader', ['leader']);
const xihu = () => me('xihu', ['district'], { id: 'u-xihu', name: '西湖区', short_name: '西湖区' }, 'district');
const ALL = ['assign', 'accept', 'start', 'reply', 'return', 'request_extension', 'approve_extension', 'refuse_extension', 'close', 'reopen'];

describe('feedback permissions', () => {
  it('knows the parts each user plays on a case', () => {
    const c = assignedCase(); // main 市市场监管局, co 市发改委
    expect([...partsOn(office(), c)]).toEqual(['dispatcher']);
    expect([...partsOn(scjgUser(), c)]).toEqual(['handler']);
    expect([...partsOn(fgwUser(), c)]).toEqual([]);
    expect(isCoUnit(fgwUser(), c)).toBe(true);
    expect([...partsOn(leader(), c)]).toEqual([]);
    expect(handles(fgwUser(), c) && handles(scjgUser(), c) && handles(office(), c)).toBe(true);
    expect(handles(leader(), c) || handles(xihu(), c)).toBe(false);
  });

  it('offers the workflow steps of the user’s part, narrowed by what the API allows', () => {
    const c = assignedCase({ allowed_actions: ALL });
    expect(caseActions(scjgUser(), c)).toEqual(['accept', 'return']);
    expect(caseButtons(scjgUser(), c)).toEqual(['accept', 'return']);
    expect(caseActions(office(), c)).toEqual(['assign']);
    expect(caseActions(fgwUser(), c)).toEqual([]);
    expect(caseActions(leader(), c)).toEqual([]);
    // The API has the last word: nothing it does not list is offered.
    expect(caseActions(scjgUser(), assignedCase({ allowed_actions: ['accept'] }))).toEqual(['accept']);
  });

  it('follows the pending extension and the reply', () => {
    const pending = {
      id: 'x1',
      working_days: 3,
      reason: '需协调供电公司',
      status: 'pending' as const,
      requested_by: 'scjg',
      requested_at: '2026-11-21T10:00:00+08:00',
      decided_by: null,
      decided_at: null,
      decision_comment: null,
      old_due_at: '2026-11-27T23:59:59+08:00',
      new_due_at: null,
    };
    const inProgress = assignedCase({ status: 'in_progress', allowed_actions: ALL, extensions: [pending] });
    expect(caseButtons(scjgUser(), inProgress)).toEqual(['reply']);
    expect(caseButtons(office(), inProgress)).toEqual(['decide_extension']);
    const replied = assignedCase({ status: 'replied', allowed_actions: ALL });
    expect(caseButtons(office(), replied)).toEqual(['follow_up']);
    expect(caseButtons(scjgUser(), replied)).toEqual([]);
  });

  it('offers the office 直接答复 on a consultation waiting for dispatch, and on nothing else', () => {
    const allowed = ['assign', 'direct_answer'];
    const consultation = caseRead({ type: 'consultation', type_label: '咨询', allowed_actions: allowed });
    expect(caseButtons(office(), consultation)).toEqual(['assign', 'direct_answer']);
    expect(caseButtons(office(), { ...consultation, status: 'returned' })).toEqual(['assign', 'direct_answer']);
    // A complaint needs a handling unit, whatever a stale allowed list says.
    expect(caseButtons(office(), caseRead({ type: 'complaint', allowed_actions: allowed }))).toEqual(['assign']);
    // Not once it is assigned, not for a unit.
    expect(caseButtons(office(), { ...consultation, status: 'assigned', main_unit: SCJG })).not.toContain('direct_answer');
    expect(caseButtons(scjgUser(), consultation)).toEqual([]);
  });

  it('lets handlers reveal contacts and add notes; units and the office enter cases', () => {
    const c = assignedCase();
    expect(revealsContact(scjgUser(), c)).toBe(true);
    expect(revealsContact(fgwUser(), c)).toBe(true);
    expect(revealsContact(leader(), c)).toBe(false);
    expect(revealsContact(scjgUser(), assignedCase({ can_reveal_contact: false }))).toBe(false);
    expect(addsNotes(fgwUser(), c)).toBe(true);
    expect(addsNotes(xihu(), caseRead({ main_unit: SCJG, co_units: [FGW] }))).toBe(false);
    expect(entersCases(office()) && entersCases(xihu()) && entersCases(scjgUser())).toBe(true);
    expect(entersCases(leader())).toBe(false);
  });
});
