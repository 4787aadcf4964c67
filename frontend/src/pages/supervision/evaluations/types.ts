import type { components } from '../../../api/schema/tasks';

type S = components['schemas'];

export type EvaluationRead = S['EvaluationRead'];
export type EvaluationCreate = S['EvaluationCreate'];
export type EvaluationUpdate = S['EvaluationUpdate'];
export type EvaluationKind = EvaluationRead['kind'];
export type RubricRead = S['RubricRead'];
export type RubricUpdate = S['RubricUpdate'];
export type RubricItem = S['RubricItem'];
export type IndicatorRankRead = S['IndicatorRankRead'];
export type IndicatorRankIn = S['IndicatorRankIn'];
export type RankFramework = IndicatorRankRead['framework'];
export type RankRuleResult = S['RankRuleResult'];
export type RankRuleItem = S['RankRuleItem'];
export type RankRuleAction = RankRuleItem['action'];

export const EVALUATION_KINDS = ['lead_on_responsible', 'office_on_lead'] as const satisfies readonly EvaluationKind[];
export const RANK_FRAMEWORKS = ['national', 'provincial'] as const satisfies readonly RankFramework[];
export const RANK_RULE_ACTIONS = ['created', 'refreshed', 'unchanged', 'removed'] as const satisfies readonly RankRuleAction[];

/** Rubric item keys as the API accepts them. */
export const ITEM_KEY = /^[a-z][a-z0-9_]{0,31}$/;

/** Sum of item scores, rounded to 2 decimals as the API stores the total. */
export const totalOf = (scores: Record<string, number | null | undefined>) =>
  Math.round(Object.values(scores).reduce<number>((sum, value) => sum + (typeof value === 'number' ? value : 0), 0) * 100) / 100;

/** `1 / 40.5` → `40.5`: scores without trailing zeros. */
export const points = (value: number) => String(Math.round(value * 100) / 100);
