/** 分派质量, mirroring feedback-api `dispatch/router.py`: Reader (office, leaders) and Dispatcher (office). */
import type { Me } from '../../../api/types';
import { isReadOnly } from '../../../nav/menu';

const has = (me: Me, roles: readonly string[]) => me.roles.some((role) => roles.includes(role));

/** Reads the model versions and their quality: the reform office and city leaders. */
export const seesDispatchQuality = (me: Me) => has(me, ['reform_office', 'leader']);

/** Retrains now: the reform office (the dispatcher). */
export const retrainsDispatch = (me: Me) => has(me, ['reform_office']) && !isReadOnly(me.roles);
