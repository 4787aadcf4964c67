import type { components } from '../../../api/schema/tasks';

type S = components['schemas'];

export type MapItem = S['MapItem'];
export type StepState = MapItem['state'];
export type Timeline = S['Timeline'];
export type TimelineMonth = S['TimelineMonth'];
export type StateCounts = S['StateCounts'];
export type Dispatch = S['Dispatch'];
export type UnitDispatch = S['UnitDispatch'];
export type Baseline = S['BaselineRead'];
export type Comparison = S['Comparison'];
export type ComparisonItem = S['ComparisonItem'];
export type UnitSlippage = S['UnitSlippage'];
export type SlipReason = ComparisonItem['slip_reasons'][number];

export const STEP_STATES = ['overdue', 'done_late', 'open', 'done'] as const satisfies readonly StepState[];
export const SLIP_REASONS = ['moved', 'done_late', 'open_past_plan'] as const satisfies readonly SlipReason[];

/** done green, done late gold, overdue red, open blue: the same colours as the action page's nodes. */
export const STEP_COLORS: Record<StepState | 'removed', string> = {
  done: 'green',
  done_late: 'gold',
  overdue: 'red',
  open: 'blue',
  removed: 'default',
};
