/** Who decides repeat flags, mirroring feedback-api `repeats/service.py` (decide → cases.roles_on). */
import type { Me } from '../../../api/types';
import { isDispatcher, partsOn } from '../../../feedback/permissions';
import type { CaseRead } from '../../../feedback/types';

/**
 * Confirms or dismisses a case's repeat flag: the reform office (dispatcher) or the case's main handling unit.
 * Co-units and leaders only read it.
 */
export const decidesRepeat = (me: Me, c: Pick<CaseRead, 'main_unit' | 'co_units'>) => partsOn(me, c).size > 0;

/** Decides straight from the queue of flags (whose items do not name the handling unit): the reform office. */
export const decidesFromQueue = isDispatcher;
