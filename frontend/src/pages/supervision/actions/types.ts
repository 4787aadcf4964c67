import type { components } from '../../../api/schema/tasks';

type S = components['schemas'];

export type ActionSummary = S['SpecialActionSummary'];
export type ActionPage = S['SpecialActionPage'];
export type ActionList = S['SpecialActionList'];
export type ActionNode = S['ActionNodeRead'];
export type ActionLinkedTask = S['LinkedTask'];
export type ActionCreate = S['SpecialActionCreate'];
export type ActionUpdate = S['SpecialActionUpdate'];
export type ActionKind = ActionSummary['kind'];
export type NodeState = ActionNode['state'];

export const ACTION_KINDS = ['city', 'extra'] as const satisfies readonly ActionKind[];

/** Node colours, the ledger's milestone colours plus orange-gold for "done, but late". */
export const NODE_COLORS: Record<NodeState, string> = {
  done: 'green',
  done_late: 'gold',
  overdue: 'red',
  due_soon: 'orange',
  open: 'blue',
};

export const ACTION_CODE = /^ZX-\d{4}-\d{2,3}$/;
