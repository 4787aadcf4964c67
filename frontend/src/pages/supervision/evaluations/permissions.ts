import type { Me } from '../../../api/types';
import { isReadOnly } from '../../../nav/menu';
import type { EvaluationRead } from './types';

// What the UI offers; tasks-api checks the same rules again (evaluations/service.py).

const has = (me: Me, ...roles: string[]) => me.roles.some((role) => roles.includes(role));

/** Scores the responsible units of the tasks it leads: a lead unit. */
export const scoresResponsibleUnits = (me: Me) => has(me, 'lead_unit') && !isReadOnly(me.roles);

/** Scores lead units, runs the rank rule, enters ranks, sets the rubric: the reform office. */
export const isEvaluationOffice = (me: Me) => has(me, 'reform_office');

/** Sees every lead unit's scores (read-only unless office): the office, leaders and special groups. */
export const seesLeadScores = (me: Me) => has(me, 'reform_office', 'leader', 'group_lead');

/** Hand-entered indicator ranks are listed to the office and city leaders only. */
export const seesRanks = (me: Me) => has(me, 'reform_office', 'leader');

/** Receives scores: lead units (scored by the office) and responsible units / districts (scored by lead units). */
export const receivesScores = (me: Me) => has(me, 'lead_unit', 'unit', 'district');

/** Corrects an evaluation: its evaluator unit, in the role it scored with. */
export function editsEvaluation(me: Me, evaluation: Pick<EvaluationRead, 'kind' | 'evaluator_unit'>): boolean {
  const role = evaluation.kind === 'office_on_lead' ? 'reform_office' : 'lead_unit';
  return has(me, role) && evaluation.evaluator_unit?.id === me.unit.id;
}
