/**
 * The case workflow, mirrored from feedback-api `cases/workflow.py` (docs/feedback.md prints the same table).
 * The UI uses it to decide which action buttons to show; the API checks every step again and also lists
 * `allowed_actions` on each case, which this module intersects with.
 */
import type { CaseStatus } from './types';

export type Who = 'intake' | 'dispatcher' | 'handler' | 'enterprise';
export type WorkflowAction =
  | 'receive'
  | 'assign'
  | 'accept'
  | 'start'
  | 'reply'
  | 'return'
  | 'request_extension'
  | 'approve_extension'
  | 'refuse_extension'
  | 'close'
  | 'reopen'
  | 'direct_answer';

export interface Transition {
  /** null: the case does not exist yet. */
  source: CaseStatus | null;
  action: WorkflowAction;
  target: CaseStatus;
  who: Who;
}

const row = (source: CaseStatus | null, action: WorkflowAction, target: CaseStatus, who: Who): Transition => ({
  source,
  action,
  target,
  who,
});

export const TRANSITIONS: readonly Transition[] = [
  row(null, 'receive', 'received', 'intake'),
  row('received', 'assign', 'assigned', 'dispatcher'),
  row('assigned', 'assign', 'assigned', 'dispatcher'),
  row('returned', 'assign', 'assigned', 'dispatcher'),
  row('reopened', 'assign', 'assigned', 'dispatcher'),
  row('assigned', 'accept', 'accepted', 'handler'),
  row('assigned', 'return', 'returned', 'handler'),
  row('accepted', 'return', 'returned', 'handler'),
  row('accepted', 'start', 'in_progress', 'handler'),
  row('accepted', 'reply', 'replied', 'handler'),
  row('in_progress', 'reply', 'replied', 'handler'),
  row('accepted', 'request_extension', 'accepted', 'handler'),
  row('in_progress', 'request_extension', 'in_progress', 'handler'),
  row('accepted', 'approve_extension', 'accepted', 'dispatcher'),
  row('in_progress', 'approve_extension', 'in_progress', 'dispatcher'),
  row('accepted', 'refuse_extension', 'accepted', 'dispatcher'),
  row('in_progress', 'refuse_extension', 'in_progress', 'dispatcher'),
  row('replied', 'close', 'closed', 'dispatcher'),
  row('replied', 'close', 'closed', 'enterprise'),
  row('replied', 'reopen', 'reopened', 'dispatcher'),
  row('replied', 'reopen', 'reopened', 'enterprise'),
  row('closed', 'reopen', 'reopened', 'dispatcher'),
  // 直接答复 from the knowledge base (consultations only: permissions.caseActions).
  row('received', 'direct_answer', 'replied', 'dispatcher'),
  row('returned', 'direct_answer', 'replied', 'dispatcher'),
];

/** The row for (status, action, who), if the workflow has one. */
export function findTransition(source: CaseStatus | null, action: WorkflowAction, who: Who): Transition | undefined {
  return TRANSITIONS.find((t) => t.source === source && t.action === action && t.who === who);
}

/** The actions any of `parts` may take on a case in `status`, in table order, without repeats. */
export function actionsFor(status: CaseStatus, parts: ReadonlySet<Who>): WorkflowAction[] {
  return [...new Set(TRANSITIONS.filter((t) => t.source === status && parts.has(t.who)).map((t) => t.action))];
}

/** The days after closing within which the dispatcher may still reopen (FEEDBACK_REPEAT_WINDOW_DAYS). */
export const REOPEN_WINDOW_DAYS = 30;

/**
 * What the UI offers: the buttons on a case page. Follow-up (回访) covers close and reopen of a replied case
 * (满意 / 基本满意 close it, 不满意 reopens); reopen alone is for a closed case coming back within the window;
 * one decision form covers approving or refusing an extension.
 */
export type UiAction =
  | 'assign'
  | 'accept'
  | 'start'
  | 'reply'
  | 'return'
  | 'request_extension'
  | 'decide_extension'
  | 'follow_up'
  | 'reopen'
  | 'direct_answer';

export const UI_ACTIONS: readonly UiAction[] = [
  'assign',
  'direct_answer',
  'accept',
  'start',
  'reply',
  'request_extension',
  'decide_extension',
  'follow_up',
  'reopen',
  'return',
];

export interface CaseState {
  status: CaseStatus;
  /** An extension request is waiting for the dispatcher. */
  pendingExtension: boolean;
  closedAt?: string | null;
}

/**
 * The workflow actions `parts` may take now, with the rules the table alone does not hold: one pending
 * extension at a time (request while none is pending; decide only while one is), and a closed case reopens
 * only within the window after closing.
 */
export function availableActions(state: CaseState, parts: ReadonlySet<Who>, now: Date = new Date()): WorkflowAction[] {
  let actions = actionsFor(state.status, parts);
  actions = actions.filter((action) => {
    if (action === 'request_extension') return !state.pendingExtension;
    if (action === 'approve_extension' || action === 'refuse_extension') return state.pendingExtension;
    if (action === 'reopen' && state.status === 'closed') {
      if (!state.closedAt) return false;
      return now.getTime() - new Date(state.closedAt).getTime() <= REOPEN_WINDOW_DAYS * 86_400_000;
    }
    return true;
  });
  return actions;
}

/** Workflow actions → the buttons that perform them. */
export function uiActions(status: CaseStatus, actions: readonly string[]): UiAction[] {
  const has = (action: WorkflowAction) => actions.includes(action);
  const result = new Set<UiAction>();
  for (const action of ['assign', 'direct_answer', 'accept', 'start', 'reply', 'return', 'request_extension'] as const) {
    if (has(action)) result.add(action);
  }
  if (has('approve_extension') || has('refuse_extension')) result.add('decide_extension');
  if (status === 'replied' && (has('close') || has('reopen'))) result.add('follow_up');
  if (status === 'closed' && has('reopen')) result.add('reopen');
  return UI_ACTIONS.filter((action) => result.has(action));
}
