/**
 * Who may do what with the knowledge base (知识库), mirroring feedback-api `knowledge/router.py` (Staff) and
 * `knowledge/service.py` (_curator, drafts hidden from others). The API checks the same rules again.
 */
import type { Me } from '../../../api/types';
import { isReadOnly } from '../../../nav/menu';

const has = (me: Me, roles: readonly string[]) => me.roles.some((role) => roles.includes(role));

/** Reads published entries: every staff role (the 12345 account and auditors get 403). */
export const readsKnowledge = (me: Me) => has(me, ['reform_office', 'leader', 'unit', 'district', 'lead_unit', 'group_lead', 'service']);

/** Sees drafts and archived entries too: the reform office (to everyone else they are 404). */
export const seesAllEntries = (me: Me) => has(me, ['reform_office']);

/** Creates, edits, publishes and archives entries, and makes one from a case's reply: the reform office. */
export const curatesKnowledge = (me: Me) => seesAllEntries(me) && !isReadOnly(me.roles);
