/**
 * The cockpit is read-only: it changes nothing, so the only role rule is where its links may lead. Every cockpit
 * role (reform office, leaders, special groups) reads all of its data (tasks-api ledger, league table and bulletins;
 * indicators-api overviews; feedback-api metrics and clusters, whose READERS include special groups), but a link
 * is only offered into an area the user's menu opens (src/nav/menu.ts): special groups have no 企业诉求 area.
 */
import type { Me } from '../../api/types';
import { areasForRoles, type Area } from '../../nav/menu';

export const seesCockpit = (me: Me) => areasForRoles(me.roles).includes('cockpit');

/** Whether the cockpit may link into an area (the area's route would otherwise answer 无权访问). */
export const opensArea = (me: Me, area: Area) => areasForRoles(me.roles).includes(area);
