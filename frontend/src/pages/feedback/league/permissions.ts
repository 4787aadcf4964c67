/** The league table (晾晒), mirroring feedback-api `league/router.py`: all staff read it, the reform office sets it up. */
import type { Me } from '../../../api/types';

/** Changes the weights, the reopen deduction and the minimum number of cases: the reform office only. */
export const editsLeagueConfig = (me: Me) => me.roles.includes('reform_office');
