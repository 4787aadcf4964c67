/** 营商环境我来评 on the staff side, mirroring feedback-api `ratings/router.py` and `ratings/service.py` own_unit_code. */
import type { Me } from '../../../api/types';

const has = (me: Me, roles: readonly string[]) => me.roles.some((role) => roles.includes(role));

/** Reads every unit's ratings: the reform office and city leaders. */
export const seesAllRatings = (me: Me) => has(me, ['reform_office', 'leader']);

/** Reads ratings: everyone above, and units and districts for their own services (special groups get 403). */
export const seesRatings = (me: Me) => seesAllRatings(me) || has(me, ['unit', 'district', 'lead_unit']);

/** Adds, edits and deactivates services of the catalogue: the reform office only. */
export const managesServices = (me: Me) => has(me, ['reform_office']);
