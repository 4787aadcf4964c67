import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from './types';
import { actionsFor, availableActions, findTransition, TRANSITIONS, uiActions, type Who } from './workflow';

const WHO: Record<string, Who> = { INTAKE: 'intake', DISPATCHER: 'dispatcher', HANDLER: 'handler', ENTERPRISE: 'enterprise' };

/**
 * The rows of feedback-api's workflow table, read from its source so the mirror cannot drift from it.
 * (node:fs through a plain dynamic import: the app's tsconfig has no Node types, vitest runs in Node.)
 */
async function backendRows(): Promise<{ source: string | null; action: string; target: string; who: Who }[]> {
  const fs = (await import(/* @vite-ignore */ 'node:fs' as string)) as { readFileSync: (path: string, encoding: string) => string };
  const frontend = (globalThis as unknown as { process: { cwd: () => string } }).process.cwd();
  const workflowSource = fs.readFileSync(`${frontend}/../services/feedback-api/src/feedback_api/cases/workflow.py`, 'utf8');
  const pattern = /Transition\((None|"(\w+)"), "(\w+)", "(\w+)", (INTAKE|DISPATCHER|HANDLER|ENTERPRISE)/g;
  return [...workflowSource.matchAll(pattern)].map((m) => ({ source: m[2] ?? null, action: m[3], target: m[4], who: WHO[m[5]] }));
}

const D = new Set<Who>(['dispatcher']);
const H = new Set<Who>(['handler']);
const BOTH = new Set<Who>(['dispatcher', 'handler']);

describe('workflow mirror', () => {
  it('has exactly the rows of the API table', async () => {
    const rows = await backendRows();
    expect(rows.length).toBeGreaterThan(20);
    expect(TRANSITIONS.map((t) => ({ ...t }))).toEqual(rows);
  });

  it('every status but closed lets someone act, and only the table moves a case', () => {
    for (const status of CASE_STATUSES) {
      const any = actionsFor(status, new Set<Who>(['dispatcher', 'handler', 'enterprise']));
      if (status === 'closed') expect(any).toEqual(['reopen']);
      else expect(any.length).toBeGreaterThan(0);
    }
    expect(findTransition('assigned', 'accept', 'handler')?.target).toBe('accepted');
    expect(findTransition('assigned', 'accept', 'dispatcher')).toBeUndefined();
    expect(findTransition('replied', 'accept', 'handler')).toBeUndefined();
  });

  it('gives the dispatcher and the handler their own steps per status', () => {
    expect(actionsFor('received', D)).toEqual(['assign', 'direct_answer']);
    expect(actionsFor('received', H)).toEqual([]);
    expect(actionsFor('assigned', H)).toEqual(['accept', 'return']);
    expect(actionsFor('assigned', D)).toEqual(['assign']);
    expect(actionsFor('accepted', H)).toEqual(['return', 'start', 'reply', 'request_extension']);
    expect(actionsFor('in_progress', H)).toEqual(['reply', 'request_extension']);
    expect(actionsFor('in_progress', D)).toEqual(['approve_extension', 'refuse_extension']);
    expect(actionsFor('replied', D)).toEqual(['close', 'reopen']);
    expect(actionsFor('replied', H)).toEqual([]);
    expect(actionsFor('returned', D)).toEqual(['assign', 'direct_answer']);
    expect(actionsFor('reopened', BOTH)).toEqual(['assign']);
  });

  it('applies the pending-extension and reopen-window rules', () => {
    expect(availableActions({ status: 'accepted', pendingExtension: false }, BOTH)).toEqual(['return', 'start', 'reply', 'request_extension']);
    expect(availableActions({ status: 'accepted', pendingExtension: true }, BOTH)).toEqual([
      'return',
      'start',
      'reply',
      'approve_extension',
      'refuse_extension',
    ]);
    const now = new Date('2026-11-22T10:00:00+08:00');
    expect(availableActions({ status: 'closed', pendingExtension: false, closedAt: '2026-11-01T10:00:00+08:00' }, D, now)).toEqual(['reopen']);
    expect(availableActions({ status: 'closed', pendingExtension: false, closedAt: '2026-10-01T10:00:00+08:00' }, D, now)).toEqual([]);
    expect(availableActions({ status: 'closed', pendingExtension: false, closedAt: null }, D, now)).toEqual([]);
  });

  it('turns workflow actions into the page buttons', () => {
    expect(uiActions('replied', ['close', 'reopen'])).toEqual(['follow_up']);
    expect(uiActions('closed', ['reopen'])).toEqual(['reopen']);
    expect(uiActions('in_progress', ['approve_extension', 'refuse_extension'])).toEqual(['decide_extension']);
    expect(uiActions('accepted', ['return', 'start', 'reply', 'request_extension'])).toEqual(['start', 'reply', 'request_extension', 'return']);
    expect(uiActions('assigned', [])).toEqual([]);
  });
});
