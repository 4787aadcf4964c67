// Test data and helpers for the special action and battle map pages (used by their *.test.tsx only).
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Me } from '../../../api/types';
import { FGW, GAIB, SCJG, me } from '../../../test/fixtures';
import type { ActionPage, ActionSummary } from './types';

export const ACTION_CODE = 'ZX-2026-01';

export const leader = () => me('leader', ['leader']);
export const marketGroup = (): Me => ({ ...me('market_group', ['group_lead'], GAIB, 'reform_office'), environment: 'market' });

export function actionPage(overrides: Partial<ActionPage> = {}): ActionPage {
  return {
    id: 'a1',
    code: ACTION_CODE,
    year: 2026,
    kind: 'city',
    name: '市场准入壁垒清理专项行动',
    leading_official: '王副市长',
    lead_unit: FGW,
    environment: 'market',
    progress: 29,
    task_progress: 25,
    node_progress: 33,
    warning: 'red',
    warning_reasons: ['节点“完成清理台账”已逾期（2026-06-30）', '关联任务 2026-SC-051 红牌'],
    counts: {
      team_units: 1,
      measures: 2,
      nodes: 3,
      nodes_done: 1,
      nodes_overdue: 1,
      tasks: 2,
      tasks_completed: 0,
      tasks_red: 1,
      tasks_yellow: 0,
    },
    goal: '年底前全面清理市场准入隐性壁垒',
    team: [SCJG],
    measures: ['梳理准入壁垒清单', '建立问题线索移交机制'],
    nodes: [
      { id: 'n1', seq: 0, title: '制定行动方案', due_date: '2026-03-31', done_date: '2026-03-20', evidence: '行动方案（印发稿）', state: 'done' },
      { id: 'n2', seq: 1, title: '完成清理台账', due_date: '2026-06-30', done_date: null, evidence: null, state: 'overdue' },
      { id: 'n3', seq: 2, title: '总结评估', due_date: '2026-12-20', done_date: null, evidence: null, state: 'open' },
    ],
    tasks: [
      {
        code: '2026-SC-051',
        title: '推进市场准入负面清单区县试点扩面',
        environment: 'market',
        lead_unit: FGW,
        deadline: '2026-06-30',
        continuous: false,
        status: 'in_progress',
        progress: 50,
        warning: 'red',
        warning_reasons: ['已超过完成时限（2026-06-30）仍未完成'],
      },
      {
        code: '2026-SC-007',
        title: '健全企业信用修复协同推进机制',
        environment: 'market',
        lead_unit: SCJG,
        deadline: '2026-12-31',
        continuous: false,
        status: 'not_started',
        progress: 0,
        warning: 'none',
        warning_reasons: [],
      },
    ],
    as_of: '2026-11-22',
    calendar_notices: [],
    created_at: '2026-02-01T08:00:00+08:00',
    updated_at: '2026-11-01T08:00:00+08:00',
    ...overrides,
  };
}

/** The list's view of an action. */
export function summary(overrides: Partial<ActionPage> = {}): ActionSummary {
  const page = actionPage(overrides);
  const { goal, team, measures, nodes, tasks, as_of, calendar_notices, created_at, updated_at, ...rest } = page;
  void [goal, team, measures, nodes, tasks, as_of, calendar_notices, created_at, updated_at];
  return rest;
}

/** Picks an option of the antd Select labelled `label` (by aria-label or form label). */
export async function pickOption(label: string, option: string) {
  await userEvent.click(screen.getByRole('combobox', { name: label }));
  const item = await waitFor(() => {
    // The newest dropdown is the one just opened (jsdom never ends the closing animation of earlier ones).
    const dropdown = [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')].at(-1);
    const found = [...(dropdown?.querySelectorAll<HTMLElement>('.ant-select-item-option') ?? [])].find((el) => el.title === option);
    if (!found) throw new Error(`no option ${option}`);
    return found;
  });
  await userEvent.setup({ pointerEventsCheck: 0 }).click(item);
}

export function setWidth(width: number) {
  Object.defineProperty(window, 'innerWidth', { configurable: true, writable: true, value: width });
  window.dispatchEvent(new Event('resize'));
}
