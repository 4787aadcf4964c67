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

// Special actions and the battle map (tasks API actions/permissions.py, battlemap/router.py).

/** Creates and edits a special action of this environment: the office, or that environment's special group. */
export function plansAction(me: Me, environment: string | null | undefined): boolean {
  if (isOffice(me)) return true;
  return has(me, 'group_lead') && !!environment && me.environment === environment;
}

/** Opens the "new special action" form: the office, and a special group (for its own environment). */
export const createsActions = (me: Me) => isOffice(me) || (has(me, 'group_lead') && !!me.environment);

/** Marks an action's nodes done and links or unlinks tasks: its planners and its lead unit (as a working role). */
export function runsAction(me: Me, action: { environment: string | null; lead_unit: { id: string } | null }): boolean {
  if (plansAction(me, action.environment)) return true;
  return has(me, 'lead_unit', 'unit', 'district') && !!action.lead_unit && me.unit.id === action.lead_unit.id;
}

/** Freezes a quarter's plan as the battle map's baseline: the reform office only. */
export const freezesBaselines = isOffice;

/** Sets up pilots and takes their decisions (调整/推开/终止): the office, or the special group of the pilot's environment. */
export const plansPilots = (me: Me, environment?: string | null) =>
  isOffice(me) || (has(me, 'group_lead') && !!me.environment && (environment == null || me.environment === environment));

/** Feeds back on a pilot (情况反馈): the office, or the pilot unit as a lead_unit, unit or district user. */
export const feedsBackOnPilot = (me: Me, pilot: { unit?: { id: string } | null }) =>
  isOffice(me) || (has(me, 'lead_unit', 'unit', 'district') && !!pilot.unit && me.unit.id === pilot.unit.id);

/** Records a replication (复制推广): the office for any unit; another unit for itself, never the case's own unit. */
export const recordsReplication = (me: Me, practice: { unit?: { id: string } | null }) =>
  isOffice(me) || (has(me, 'group_lead', 'lead_unit', 'unit', 'district') && me.unit.id !== practice.unit?.id);
