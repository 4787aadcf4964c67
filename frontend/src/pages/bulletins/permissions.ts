import type { Me } from '../../api/types';

// What the UI offers; the tasks API checks the same rules again (league/router.py, bulletins/router.py,
// bulletins/repository.py scope, inbox/service.py).

const WORKING_ROLES = ['reform_office', 'group_lead', 'lead_unit', 'unit', 'district'];
const has = (me: Me, ...roles: string[]) => me.roles.some((role) => roles.includes(role));

/** Generates, regenerates, deletes and publishes bulletins; changes the league settings: the reform office only. */
export const managesBulletins = (me: Me) => has(me, 'reform_office');

/** Drafts are seen by the office and leaders; every other working role sees published bulletins only. */
export const seesDrafts = (me: Me) => has(me, 'reform_office', 'leader');

/** A unit inbox (bell, /inbox, marking read): the working roles. Leaders read-only and the hotline have none. */
export const hasInbox = (me: Me) => has(me, ...WORKING_ROLES);

/** City leaders (and nobody with a working role too) land on the one-screen summary of the 通报 area. */
export const landsOnSummary = (me: Me) => has(me, 'leader') && !has(me, ...WORKING_ROLES);
