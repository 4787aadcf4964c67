import type { Me } from '../../../api/types';
import type { RectificationRead } from './types';

// What the UI offers; tasks-api checks the same rules again (inspections/service.py).

const has = (me: Me, ...roles: string[]) => me.roles.some((role) => roles.includes(role));

/**
 * Records inspections (督察) and adds findings found later: the reform office and special groups. The API
 * narrows a special group to its own environment's tasks and the inspections it made.
 */
export const recordsInspections = (me: Me) => has(me, 'reform_office', 'group_lead');

/** Submits evidence and attachments: the owner unit (as a lead unit, unit or district user), while open. */
export const ownsRectification = (me: Me, r: Pick<RectificationRead, 'owner_unit'>) =>
  has(me, 'lead_unit', 'unit', 'district') && r.owner_unit?.id === me.unit.id;

/** Verifies or returns a submitted rectification: the reform office only. */
export const decidesRectifications = (me: Me) => has(me, 'reform_office');
