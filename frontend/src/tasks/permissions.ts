import type { Me, TaskRead } from '../api/types';

// What the UI offers; the tasks API checks the same rules again (ledger/permissions.py).

const has = (me: Me, ...roles: string[]) => me.roles.some((role) => roles.includes(role));

export const isOffice = (me: Me) => has(me, 'reform_office');

/** Import, publish, issue reminder notices, decide adjustments: the reform office only. */
export const canImport = isOffice;

/** Exporting the ledger: the office and city leaders. */
export const canExport = (me: Me) => has(me, 'reform_office', 'leader');

/** Plans the task (milestones, adjustments): the office, its environment's special group, its lead unit. */
export function managesTask(me: Me, task: TaskRead): boolean {
  if (isOffice(me)) return true;
  if (has(me, 'group_lead') && me.environment === task.environment) return true;
  return has(me, 'lead_unit') && me.unit.id === task.lead_unit?.id;
}

/** Reports progress: the lead unit and every responsible unit (as a lead_unit, unit or district user). */
export function reportsOnTask(me: Me, task: TaskRead): boolean {
  if (!has(me, 'lead_unit', 'unit', 'district')) return false;
  return me.unit.id === task.lead_unit?.id || task.responsible_units.some((unit) => unit.id === me.unit.id);
}

/** Reviews progress reports: the office and the task's lead unit. */
export const reviewsReports = (me: Me, task: TaskRead) =>
  isOffice(me) || (has(me, 'lead_unit') && me.unit.id === task.lead_unit?.id);

/**
 * 报送情况 (who reported on time, late or not at all): the office, leaders, special groups and lead units.
 * The API narrows a lead unit to its own row.
 */
export const seesReporting = (me: Me) => has(me, 'reform_office', 'leader', 'group_lead', 'lead_unit');

/** The overview of every unit's reminder notices: the office and city leaders. */
export const seesNotices = (me: Me) => has(me, 'reform_office', 'leader');
