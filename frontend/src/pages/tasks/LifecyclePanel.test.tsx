import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import type { components } from '../../api/schema/tasks';
import type { Me, TaskRead } from '../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { FGW, GAIB, fgwUser, office, plan, scjgUser, task, units } from '../../test/fixtures';
import { leader, practiceBrief, record, type Call } from '../supervision/pilots/testFixtures';
import { LifecyclePanel } from './LifecyclePanel';
import { TaskDetailPage } from './TaskDetailPage';

type LifecycleRead = components['schemas']['LifecycleRead'];
type Stage = TaskRead['lifecycle_stage'];
const CODE = '2026-SC-051';
const NAMES: Record<Stage, string> = {
  demand_analysis: '需求分析',
  project_generation: '项目生成',
  progress_tracking: '进度跟踪',
  evaluation: '督察考评',
  consolidation: '成果固化',
  replication: '复制推广',
};

function lifecycle(stage: Stage, moves: LifecycleRead['moves'], history: LifecycleRead['history'] = []): LifecycleRead {
  return {
    task_code: CODE,
    stage,
    stage_name: NAMES[stage],
    stages: (Object.keys(NAMES) as Stage[]).map((s) => ({ stage: s, name: NAMES[s] })),
    moves,
    history,
  };
}

const forward = (to: Stage, allowed = true, reasons: string[] = []) => ({
  to_stage: to,
  name: NAMES[to],
  direction: 'forward' as const,
  who: '改革办',
  comment_required: false,
  allowed,
  reasons,
});
const backward = (to: Stage) => ({ to_stage: to, name: NAMES[to], direction: 'backward' as const, who: '改革办或所属专项小组', comment_required: true, allowed: true, reasons: [] });

const HISTORY: LifecycleRead['history'] = [
  {
    id: 'c1',
    from_stage: 'project_generation',
    to_stage: 'progress_tracking',
    actor: 'fgw',
    actor_unit: FGW,
    comment: null,
    changed_at: '2026-02-10T09:00:00+08:00',
  },
  {
    id: 'c2',
    from_stage: 'evaluation',
    to_stage: 'progress_tracking',
    actor: 'office',
    actor_unit: GAIB,
    comment: '督察发现试点区县尚未全覆盖',
    changed_at: '2026-10-10T09:00:00+08:00',
  },
];

function Location() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname + location.search}</div>;
}

function renderPanel(me: Me, taskData: TaskRead, routes: Record<string, (request: Request) => Response | Promise<Response>>) {
  mockApi({ 'GET /api/auth/v1/units': () => jsonResponse(200, { items: units, total: units.length, page: 1, page_size: 200 }), ...routes });
  return renderApp(
    <Routes>
      <Route path="/tasks/:code" element={<LifecyclePanel me={me} task={taskData} asOf="2026-11-22" />} />
      <Route path="*" element={<Location />} />
    </Routes>,
    { route: `/tasks/${CODE}` },
  );
}

const moveRow = (stage: Stage) => document.querySelector<HTMLElement>(`.lifecycle-move[data-to=${stage}]`)!;

// Form-filling tests click through several antd widgets; on a shared, loaded machine 5 s is too tight.
describe('LifecyclePanel', { timeout: 20_000 }, () => {
  it('shows the six stages with the current one, greys a move it may not make with the reasons, and the history', async () => {
    renderPanel(office(), task(), {
      [`GET /api/tasks/v1/tasks/${CODE}/lifecycle`]: () =>
        jsonResponse(200, lifecycle('progress_tracking', [forward('evaluation', false, ['任务进度为 30%，须完成（100%）后方可督察考评'])], HISTORY)),
    });

    expect(await screen.findByText('阶段变更记录')).toBeInTheDocument();
    const steps = document.querySelectorAll('.lifecycle-steps .ant-steps-item');
    expect(steps).toHaveLength(6);
    expect(steps[2]).toHaveClass('ant-steps-item-process');
    expect(steps[2]).toHaveTextContent('进度跟踪');
    expect(steps[2]).toHaveTextContent('当前阶段');
    expect(steps[1]).toHaveClass('ant-steps-item-finish');

    const row = moveRow('evaluation');
    expect(within(row).getByRole('button', { name: /推进到「督察考评」/ })).toBeDisabled();
    expect(within(row).getByText('任务进度为 30%，须完成（100%）后方可督察考评')).toBeInTheDocument();
    expect(within(row).getByText('可执行：改革办')).toBeInTheDocument();

    const back = screen.getByText('督察考评 → 进度跟踪').closest('.lifecycle-change') as HTMLElement;
    expect(within(back).getByText('退回')).toBeInTheDocument();
    expect(within(back).getByText('督察发现试点区县尚未全覆盖')).toBeInTheDocument();
    expect(within(back).getByText(/^office（市委改革办） · 2026-10-10 \d\d:\d\d$/)).toBeInTheDocument();
    expect(screen.getByText('项目生成 → 进度跟踪')).toBeInTheDocument();
  });

  it('requires a comment to send a task back and posts the move with it and the as-of date', async () => {
    const calls: Call[] = [];
    renderPanel(office(), task({ lifecycle_stage: 'evaluation' }), {
      [`GET /api/tasks/v1/tasks/${CODE}/lifecycle`]: () => jsonResponse(200, lifecycle('evaluation', [forward('consolidation'), backward('progress_tracking')])),
      [`POST /api/tasks/v1/tasks/${CODE}/lifecycle`]: async (request) => {
        await record(request, calls);
        return jsonResponse(200, lifecycle('progress_tracking', [forward('evaluation')]));
      },
    });

    await userEvent.click(await screen.findByRole('button', { name: /退回「进度跟踪」/ }));
    expect(moveRow('progress_tracking')).toHaveAttribute('data-allowed', 'true');
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/确认将任务从「督察考评」退回「进度跟踪」/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: /退回「进度跟踪」/ }));
    expect(await within(dialog).findByText('退回须填写说明')).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    await userEvent.type(within(dialog).getByLabelText('退回说明'), '试点区县未全覆盖');
    await userEvent.click(within(dialog).getByRole('button', { name: /退回「进度跟踪」/ }));
    await waitFor(() =>
      expect(calls).toEqual([{ body: { to_stage: 'progress_tracking', comment: '试点区县未全覆盖' }, query: { as_of: '2026-11-22' } }]),
    );
    expect(await screen.findByText('任务已进入「进度跟踪」阶段')).toBeInTheDocument();
  });

  it('shows the guard problem of a refused move in the dialog', async () => {
    renderPanel(office(), task({ lifecycle_stage: 'evaluation' }), {
      [`GET /api/tasks/v1/tasks/${CODE}/lifecycle`]: () => jsonResponse(200, lifecycle('evaluation', [forward('consolidation')])),
      [`POST /api/tasks/v1/tasks/${CODE}/lifecycle`]: () =>
        jsonResponse(409, {
          status: 409,
          code: 'lifecycle.guard_failed',
          title: '不满足阶段变更条件',
          detail: '任务不能从「督察考评」推进到「成果固化」：缺少经审核通过、进度 100% 且附有佐证材料的进展报送。',
          errors: [{ field: 'to_stage', code: 'evidence_missing', message: '缺少经审核通过、进度 100% 且附有佐证材料的进展报送' }],
        }),
    });

    await userEvent.click(await screen.findByRole('button', { name: /推进到「成果固化」/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: /推进到「成果固化」/ }));
    expect(await within(dialog).findByText(/任务不能从「督察考评」推进到「成果固化」/)).toBeInTheDocument();
    expect(within(dialog).getByText('缺少经审核通过、进度 100% 且附有佐证材料的进展报送')).toBeInTheDocument();
  });

  it('offers a city leader no moves', async () => {
    renderPanel(leader(), task(), {
      [`GET /api/tasks/v1/tasks/${CODE}/lifecycle`]: () =>
        jsonResponse(200, lifecycle('progress_tracking', [forward('evaluation', false, ['只有改革办或所属专项小组可以将任务从「进度跟踪」推进到「督察考评」'])])),
    });
    expect(await screen.findByText('只读：阶段变更由改革办、专项小组或牵头单位办理。')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /推进到/ })).not.toBeInTheDocument();
  });

  it('lets the lead unit form a best practice from a consolidated task, prefilled with its title', async () => {
    const calls: Call[] = [];
    renderPanel(fgwUser(), task({ lifecycle_stage: 'consolidation' }), {
      [`GET /api/tasks/v1/tasks/${CODE}/lifecycle`]: () =>
        jsonResponse(200, lifecycle('consolidation', [forward('replication', false, ['只有改革办可以将任务从「成果固化」推进到「复制推广」', '尚未由该任务形成最佳实践案例'])])),
      'GET /api/tasks/v1/best-practices': () => jsonResponse(200, { items: [practiceBrief({ task_code: '2026-SC-999' })], total: 1, page: 1, page_size: 200 }),
      'POST /api/tasks/v1/best-practices': async (request) => {
        await record(request, calls);
        return jsonResponse(201, { ...practiceBrief({ code: 'AL-2026-007' }), summary: '', evidence: '', attachments: [], created_by: 'fgw', adopted_units: [], replications: [] });
      },
    });

    await userEvent.click(await screen.findByRole('button', { name: /形成最佳实践案例/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('案例名称')).toHaveValue('推进市场准入负面清单区县试点扩面');
    await userEvent.click(within(dialog).getByRole('button', { name: /发布案例/ }));
    expect(await within(dialog).findByText('请填写经验做法摘要（至少 2 个字）')).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    await userEvent.type(within(dialog).getByLabelText('经验做法'), '差距清单逐项销号');
    await userEvent.type(within(dialog).getByLabelText('成效与佐证'), '办理时间压缩 60%');
    await userEvent.click(within(dialog).getByRole('button', { name: /发布案例/ }));
    await waitFor(() =>
      expect(calls).toEqual([
        {
          body: {
            task_code: CODE,
            title: '推进市场准入负面清单区县试点扩面',
            summary: '差距清单逐项销号',
            evidence: '办理时间压缩 60%',
            unit_id: FGW.id,
          },
          query: { as_of: '2026-11-22' },
        },
      ]),
    );
    expect(await screen.findByTestId('location')).toHaveTextContent('/supervision/practices/AL-2026-007?as_of=2026-11-22');
  });

  it('links the best practice already formed, and offers a responsible unit no button to form one', async () => {
    renderPanel(scjgUser(), task({ lifecycle_stage: 'replication' }), {
      [`GET /api/tasks/v1/tasks/${CODE}/lifecycle`]: () => jsonResponse(200, lifecycle('replication', [])),
      'GET /api/tasks/v1/best-practices': () => jsonResponse(200, { items: [practiceBrief()], total: 1, page: 1, page_size: 200 }),
    });
    const link = await screen.findByRole('link', { name: /AL-2026-001 市场准入负面清单区县试点经验/ });
    expect(link).toHaveAttribute('href', '/supervision/practices/AL-2026-001?as_of=2026-11-22');
    expect(screen.getByText('任务已处于最后阶段，没有可执行的阶段变更。')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /形成最佳实践案例/ })).not.toBeInTheDocument();
  });

  it('is a tab of the task detail page, whose header shows the stage', async () => {
    mockApi({
      [`GET /api/tasks/v1/tasks/${CODE}`]: () => jsonResponse(200, task({ lifecycle_stage: 'evaluation' })),
      'GET /api/tasks/v1/plans': () => jsonResponse(200, [plan()]),
      'GET /api/auth/v1/units': () => jsonResponse(200, { items: units, total: units.length, page: 1, page_size: 200 }),
      [`GET /api/tasks/v1/tasks/${CODE}/lifecycle`]: () => jsonResponse(200, lifecycle('evaluation', [forward('consolidation')])),
    });
    renderApp(
      <Routes>
        <Route path="/tasks/:code" element={<TaskDetailPage me={office()} />} />
      </Routes>,
      { route: `/tasks/${CODE}?tab=lifecycle` },
    );
    expect(await screen.findByText('阶段：督察考评')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: '生命周期', selected: true })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: /推进到「成果固化」/ })).toBeEnabled();
  });
});
