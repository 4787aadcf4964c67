/**
 * Who may do what on enterprise feedback, mirroring feedback-api (`cases/service.py` roles_on / handles,
 * `cases/router.py`, `categories/router.py`). The API checks the same rules again; these only decide what the
 * UI offers.
 */
import type { Me } from '../api/types';
import type { CaseRead } from './types';
import { availableActions, uiActions, type UiAction, type Who, type WorkflowAction } from './workflow';

const UNIT_ROLES = ['unit', 'district', 'lead_unit'];
const has = (me: Me, roles: readonly string[]) => me.roles.some((role) => roles.includes(role));

/** The reform office dispatches: assigns, decides extensions, follows up, reopens. */
export const isDispatcher = (me: Me) => has(me, ['reform_office']);

/** Works cases as a unit (a department, a lead unit or a district). */
export const isUnitUser = (me: Me) => has(me, UNIT_ROLES);

/** Staff entry on someone's behalf (体验官、恳谈会、媒体、督察): the reform office and the units. */
export const entersCases = (me: Me) => isDispatcher(me) || isUnitUser(me);

/** Edits the category tree and the working-day calendar: the reform office only. */
export const editsCategories = isDispatcher;

type CaseParties = Pick<CaseRead, 'main_unit' | 'co_units'>;

/** The workflow parts the user plays on this case: dispatcher (reform office) and/or handler (main unit). */
export function partsOn(me: Me, c: CaseParties): Set<Who> {
  const parts = new Set<Who>();
  if (isDispatcher(me)) parts.add('dispatcher');
  if (isUnitUser(me) && !!c.main_unit && c.main_unit.id === me.unit.id) parts.add('handler');
  return parts;
}

/** A co-unit (协办单位) sees the case and adds opinions, but takes no workflow step. */
export const isCoUnit = (me: Me, c: CaseParties) => isUnitUser(me) && c.co_units.some((unit) => unit.id === me.unit.id);

/** Handles the case (dispatcher, main unit, co-unit): may add notes, upload files and reveal the contact. */
export const handles = (me: Me, c: CaseParties) => partsOn(me, c).size > 0 || isCoUnit(me, c);

const hasPendingExtension = (c: Pick<CaseRead, 'extensions'>) => c.extensions.some((x) => x.status === 'pending');

/**
 * The workflow actions offered on a case: the mirrored table for the user's parts (with the pending-extension
 * and reopen-window rules; a direct answer only for a consultation: anything else needs a handling unit),
 * narrowed to what the API lists as allowed for this caller now.
 */
export function caseActions(me: Me, c: CaseRead, now: Date = new Date()): WorkflowAction[] {
  const mirrored = availableActions(
    { status: c.status, pendingExtension: hasPendingExtension(c), closedAt: c.closed_at },
    partsOn(me, c),
    now,
  );
  return mirrored.filter(
    (action) => c.allowed_actions.includes(action) && (action !== 'direct_answer' || c.type === 'consultation'),
  );
}

/** The buttons of the case page. */
export const caseButtons = (me: Me, c: CaseRead, now?: Date): UiAction[] => uiActions(c.status, caseActions(me, c, now));

/** Adds an internal note (调度/主办: 内部备注; 协办: 协办意见). */
export const addsNotes = handles;

/** Shows the "查看完整号码" button: a handler of a case that has contact data (the API says which). */
export const revealsContact = (me: Me, c: CaseRead) => handles(me, c) && c.can_reveal_contact;

/** Uploads staff attachments (not to a closed case). */
export const uploadsAttachments = (me: Me, c: CaseRead) => handles(me, c) && c.status !== 'closed';
