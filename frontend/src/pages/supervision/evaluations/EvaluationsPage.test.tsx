import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me, TaskRead } from '../../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { FGW, GAIB, SCJG, fgwUser, me, office, scjgUser, task, taskList } from '../../../test/fixtures';
import { COMMON_ROUTES, LocationProbe, query, SLOW } from '../inspections/testUtils';
import { EvaluationsPage, tabsFor } from './EvaluationsPage';
import { autoFull, evaluation, rubric } from './fixtures';
import { defaultPeriod, switchGranularity } from './periods';
import dayjs from 'dayjs';

const leader = () => me('leader', ['leader'], FGW);
const ZJ = { id: '0b6c3a52-7a3f-5b0e-9c1d-000000000004', name: '市住房和城乡建设局', short_name: '市住建局' };

type Handler = (request: Request) => Response | Promise<Response>;

function page<T>(items: T[]) {
  return { items, total: items.length, page: 1, page_size: 200 };
}

/** tasks-api for the scoring page: the year's tasks, evaluations by kind, the rubric. */
function mockScoring({
  tasks = [task({ responsible_units: [SCJG, ZJ] }), task({ code: '2026-SC-007', title: '健全企业信用修复协同推进机制', responsible_units: [] })],
  evaluations = [evaluation()],
  extra = {},
}: { tasks?: TaskRead[]; evaluations?: ReturnType<typeof evaluation>[]; extra?: Record<string, Handler> } = {}) {
  const asked: { path: string; query: Record<string, string> }[] = [];
  mockApi({
    ...COMMON_ROUTES,
    'GET /api/tasks/v1/evaluations/rubric': () => jsonResponse(200, rubric()),
    'GET /api/tasks/v1/tasks': (request) => {
      asked.push({ path: 'tasks', query: query(request) });
      return jsonResponse(200, taskList(tasks));
    },
    'GET /api/tasks/v1/evaluations': (request) => {
      const q = query(request);
      asked.push({ path: 'evaluations', query: q });
      return jsonResponse(200, page(evaluations.filter((e) => !q.kind || e.kind === q.kind)));
    },
    ...extra,
  });
  return asked;
}

function renderPage(user: Me, route = '/supervision/evaluations?year=2026&period=2026-Q3') {
  return renderApp(
    <Routes>
      <Route
        path="/supervision/evaluations"
        element={
          <>
            <EvaluationsPage me={user} />
            <LocationProbe />
          </>
        }
      />
    </Routes>,
    { route },
  );
}

describe('periods and tabs', () => {
  it('picks this quarter by default and switches between quarter, month and year', () => {
    expect(defaultPeriod(2026, dayjs('2026-08-15'))).toBe('2026-Q3');
    expect(defaultPeriod(2025, dayjs('2026-08-15'))).toBe('2025-Q4');
    expect(switchGranularity('2026-Q3', 'month')).toBe('2026-07');
    expect(switchGranularity('2026-11', 'quarter')).toBe('2026-Q4');
    expect(switchGranularity('2026-Q2', 'year')).toBe('2026');
  });

  it('gives each role its tabs', () => {
    expect(tabsFor(fgwUser())).toEqual(['responsible', 'mine', 'rubric']);
    expect(tabsFor(scjgUser())).toEqual(['mine', 'rubric']);
    expect(tabsFor(office())).toEqual(['leads', 'records', 'ranks', 'rubric']);
    expect(tabsFor(leader())).toEqual(['leads', 'records', 'ranks', 'rubric']);
    expect(tabsFor(me('group', ['group_lead'], FGW))).toEqual(['leads', 'records', 'rubric']);
  });
});

describe('EvaluationsPage · lead unit', () => {
  it("lists its tasks' responsible units with their scores and scores an unscored one, the total adding up live", async () => {
    const posted: unknown[] = [];
    const asked = mockScoring({
      extra: {
        'POST /api/tasks/v1/evaluations': async (request) => {
          posted.push(await request.json());
          return jsonResponse(201, evaluation({ id: 'e9', evaluated_unit: ZJ, total: 80 }));
        },
      },
    });
    renderPage(fgwUser());

    const card = (await screen.findByText('推进市场准入负面清单区县试点扩面', {}, SLOW)).closest('.eval-task-card') as HTMLElement;
    expect(asked.find((a) => a.path === 'tasks')?.query).toMatchObject({ year: '2026', lead_unit_id: FGW.id });
    expect(asked.find((a) => a.path === 'evaluations')?.query).toMatchObject({
      year: '2026',
      period: '2026-Q3',
      kind: 'lead_on_responsible',
      evaluator_unit_id: FGW.id,
    });
    expect(screen.getByText('已评 1 / 2')).toBeInTheDocument();
    expect(screen.getByText('该任务没有责任单位')).toBeInTheDocument();

    const scored = card.querySelector<HTMLElement>(`[data-unit="${SCJG.id}"]`)!;
    expect(within(scored).getByText('88')).toBeInTheDocument();
    expect(within(scored).getByText('进度完成 36 · 工作成效 34 · 报送质量 18')).toBeInTheDocument();
    expect(within(scored).getByRole('button', { name: /修\s*改/ })).toBeInTheDocument();

    const unscored = card.querySelector<HTMLElement>(`[data-unit="${ZJ.id}"]`)!;
    expect(within(unscored).getByText('未评分')).toBeInTheDocument();
    await userEvent.click(within(unscored).getByRole('button', { name: /评\s*分/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(ZJ.name)).toBeInTheDocument();

    // Each item from 0 to its maximum; the total follows the typing.
    await userEvent.type(within(dialog).getByLabelText('进度完成（满分 40）'), '45');
    await userEvent.type(within(dialog).getByLabelText('工作成效（满分 40）'), '30');
    await userEvent.click(within(dialog).getByRole('button', { name: '保存评分' }));
    expect(await within(dialog).findByText('「进度完成」得分应在 0 至 40 分之间')).toBeInTheDocument();
    expect(await within(dialog).findByText('请填写「报送质量」的得分')).toBeInTheDocument();
    expect(posted).toHaveLength(0);

    const progress = within(dialog).getByLabelText('进度完成（满分 40）');
    await userEvent.clear(progress);
    await userEvent.type(progress, '35');
    await userEvent.type(within(dialog).getByLabelText('报送质量（满分 20）'), '15');
    await userEvent.type(within(dialog).getByLabelText('评语'), '按期推进');
    await waitFor(() => expect(within(dialog).getByTestId('eval-live-total')).toHaveTextContent('80'));
    await userEvent.click(within(dialog).getByRole('button', { name: '保存评分' }));
    await waitFor(() =>
      expect(posted).toEqual([
        {
          task_code: '2026-SC-051',
          period: '2026-Q3',
          kind: 'lead_on_responsible',
          evaluated_unit_id: ZJ.id,
          item_scores: { progress: 35, effect: 30, reporting: 15 },
          comment: '按期推进',
        },
      ]),
    );
  }, 40_000);

  it('corrects its own score, and puts the API per-item errors next to the items', async () => {
    const patched: unknown[] = [];
    mockScoring({
      extra: {
        'PATCH /api/tasks/v1/evaluations/e1': async (request) => {
          const body = (await request.json()) as { item_scores: Record<string, number> };
          patched.push(body);
          if (patched.length === 1) {
            return jsonResponse(422, {
              title: '评分有误',
              status: 422,
              code: 'evaluations.invalid_scores',
              detail: '请按评分细则逐项打分后重试。',
              errors: [{ field: 'item_scores.effect', code: 'out_of_range', message: '「工作成效」得分应在 0 至 35 分之间' }],
            });
          }
          return jsonResponse(200, evaluation({ item_scores: body.item_scores, total: 90 }));
        },
      },
    });
    renderPage(fgwUser());
    const row = (await screen.findByText('进度完成 36 · 工作成效 34 · 报送质量 18', {}, SLOW)).closest('.eval-unit-row') as HTMLElement;
    await userEvent.click(within(row).getByRole('button', { name: /修\s*改/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('eval-live-total')).toHaveTextContent('88');
    const effect = within(dialog).getByLabelText('工作成效（满分 40）');
    await userEvent.clear(effect);
    await userEvent.type(effect, '36');
    await userEvent.click(within(dialog).getByRole('button', { name: '保存评分' }));
    expect(await within(dialog).findByText('「工作成效」得分应在 0 至 35 分之间')).toBeInTheDocument();
    expect(await within(dialog).findByText('请按评分细则逐项打分后重试。')).toBeInTheDocument();
    expect(patched).toEqual([{ item_scores: { progress: 36, effect: 36, reporting: 18 }, comment: '推进有力' }]);
  }, 40_000);
});

describe('EvaluationsPage · reform office and leaders', () => {
  const leadTasks = [
    task({ indicator_codes: ['GP-05'] }),
    task({ code: '2026-SC-007', title: '健全企业信用修复协同推进机制', lead_unit: SCJG }),
  ];

  it('shows lead units with automatic full marks and their reason, and runs the rank rule', async () => {
    const runs: unknown[] = [];
    mockScoring({
      tasks: leadTasks,
      evaluations: [autoFull()],
      extra: {
        'POST /api/tasks/v1/evaluations/apply-rank-rule': async (request) => {
          runs.push(await request.json());
          return jsonResponse(200, {
            year: 2026,
            period: '2026-Q3',
            items: [{ task_code: '2026-SC-051', lead_unit: FGW, action: 'unchanged', evaluation_id: 'e2', reason: autoFull().auto_reason }],
            counts: { created: 0, refreshed: 0, unchanged: 1, removed: 0 },
          });
        },
      },
    });
    renderPage(office());

    const table = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('.eval-leads-table');
      if (!found?.textContent?.includes('2026-SC-007')) throw new Error('not loaded');
      return found;
    }, SLOW);
    const auto = within(table).getByText('推进市场准入负面清单区县试点扩面').closest('tr')!;
    expect(within(auto).getByText('100')).toBeInTheDocument();
    expect(within(auto).getByText('自动满分')).toBeInTheDocument();
    expect(within(auto).getByText(/关联指标 GP-05 在国评 2025 期排名第 8/)).toBeInTheDocument();
    const open = within(table).getByText('健全企业信用修复协同推进机制').closest('tr')!;
    expect(within(open).getByText(SCJG.short_name)).toBeInTheDocument();
    expect(within(open).getByText('未评分')).toBeInTheDocument();
    expect(within(open).getByRole('button', { name: /评\s*分/ })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /按指标名次自动评分/ }));
    const confirm = await screen.findByRole('tooltip');
    await userEvent.click(within(confirm).getByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() => expect(runs).toEqual([{ year: 2026, period: '2026-Q3' }]));
    expect(await screen.findByText('2026-Q3 自动评分完成：新增 0 · 刷新 0 · 未变 1 · 撤销 0')).toBeInTheDocument();

    // An automatic full mark keeps its items; only the comment can change.
    await userEvent.click(within(auto).getByRole('button', { name: /修\s*改/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/规则适用期间分数不能降低/)).toBeInTheDocument();
    expect(within(dialog).getByLabelText('进度完成（满分 40）')).toBeDisabled();
  }, 40_000);

  it('shows leaders the scores read-only', async () => {
    mockScoring({ tasks: leadTasks, evaluations: [autoFull()] });
    renderPage(leader());
    await screen.findByText('健全企业信用修复协同推进机制', {}, SLOW);
    expect(screen.getByText('考评结果仅供查看，评分由牵头单位和改革办进行。')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /评\s*分|修\s*改|按指标名次自动评分/ })).not.toBeInTheDocument();
    expect(screen.getByRole('tab', { name: '指标名次' })).toBeInTheDocument();
  }, 40_000);

  it('changes the period through the picker and the URL', async () => {
    const asked = mockScoring({ tasks: leadTasks, evaluations: [] });
    renderPage(office());
    await screen.findByText('健全企业信用修复协同推进机制', {}, SLOW);
    await userEvent.click(screen.getByText('月度'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('period=2026-07'));
    await waitFor(() => expect(asked.filter((a) => a.path === 'evaluations').at(-1)?.query.period).toBe('2026-07'));
  }, 40_000);
});

describe('EvaluationsPage · unit', () => {
  it('shows the scores the unit received, for the period or the whole year', async () => {
    const asked = mockScoring({
      evaluations: [evaluation(), evaluation({ id: 'e3', evaluator_unit: GAIB, kind: 'office_on_lead', total: 92, comment: null })],
    });
    renderPage(scjgUser());
    const table = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('.eval-table');
      if (!found?.textContent?.includes('推进有力')) throw new Error('not loaded');
      return found;
    }, SLOW);
    expect(asked.filter((a) => a.path === 'evaluations').at(-1)?.query).toEqual({
      year: '2026',
      period: '2026-Q3',
      evaluated_unit_id: SCJG.id,
      page: '1',
      page_size: '20',
    });
    expect(within(table).getAllByText('2026-SC-051')).toHaveLength(2);
    expect(within(table).getByText('牵头单位评责任单位')).toBeInTheDocument();
    expect(within(table).getByText('改革办评牵头单位')).toBeInTheDocument();
    expect(screen.getByText('平均 90.0 分（2 项）')).toBeInTheDocument();
    // A unit scores nobody.
    expect(screen.queryByRole('button', { name: /评\s*分/ })).not.toBeInTheDocument();

    await userEvent.click(screen.getByText('2026 年全部'));
    await waitFor(() => expect(asked.filter((a) => a.path === 'evaluations').at(-1)?.query.period).toBeUndefined());
  }, 40_000);

  it('says so when the year has no plan', async () => {
    mockScoring({
      extra: { 'GET /api/tasks/v1/evaluations/rubric': () => jsonResponse(404, { title: '计划不存在', status: 404, detail: '2030 年度计划不存在。' }) },
    });
    renderPage(scjgUser(), '/supervision/evaluations?year=2030');
    expect(await screen.findByText('2030 年度没有任务计划，无法考评。', {}, SLOW)).toBeInTheDocument();
  }, 40_000);
});
