import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { TaskDetailPage } from './TaskDetailPage';
import type { Me } from '../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { FGW, SCJG, fgwUser, plan, report, scjgUser, task, units } from '../../test/fixtures';

const CODE = '2026-SC-051';

function mockTask(extra: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  return mockApi({
    [`GET /api/tasks/v1/tasks/${CODE}`]: () => jsonResponse(200, task()),
    'GET /api/tasks/v1/plans': () => jsonResponse(200, [plan()]),
    'GET /api/auth/v1/units': () => jsonResponse(200, { items: units, total: units.length, page: 1, page_size: 200 }),
    [`GET /api/tasks/v1/tasks/${CODE}/reports`]: () => jsonResponse(200, [report()]),
    [`GET /api/tasks/v1/tasks/${CODE}/adjustments`]: () => jsonResponse(200, []),
    ...extra,
  });
}

function renderDetail(me: Me, query = '') {
  return renderApp(
    <Routes>
      <Route path="/tasks/:code" element={<TaskDetailPage me={me} />} />
    </Routes>,
    { route: `/tasks/${CODE}${query}` },
  );
}

describe('TaskDetailPage', () => {
  it('shows the warning with its reasons, the progress and the milestones by state', async () => {
    mockTask();
    renderDetail(fgwUser(), '?as_of=2026-11-22');

    expect(await screen.findByRole('heading', { name: '推进市场准入负面清单区县试点扩面' })).toBeInTheDocument();
    expect(screen.getByText('已超过完成时限（2026-06-30）仍未完成')).toBeInTheDocument();
    expect(screen.getByText('红牌 · 预警原因')).toBeInTheDocument();
    expect(document.querySelector('[data-state=done]')).toHaveTextContent('已完成');
    expect(document.querySelector('[data-state=overdue]')).toHaveTextContent('已逾期');
    // The lead unit manages the task: an open milestone can be marked done.
    expect(within(document.querySelector<HTMLElement>('[data-state=overdue]')!).getByRole('button', { name: /标记完成/ })).toBeInTheDocument();
    expect(within(document.querySelector<HTMLElement>('[data-state=done]')!).queryByRole('button')).not.toBeInTheDocument();
  });

  it('requires a comment to return a report and sends the decision with it', async () => {
    const reviews: unknown[] = [];
    mockTask({
      'POST /api/tasks/v1/reports/r1/review': async (request) => {
        reviews.push(await request.json());
        return jsonResponse(200, report({ status: 'returned', reviewed_by: 'fgw', review_comment: '请补充试点名单' }));
      },
    });
    renderDetail(fgwUser(), '?tab=reports');

    const item = (await screen.findByText('已完成试点区县名单确定')).closest('.report-item') as HTMLElement;
    expect(within(item).getByText('待审核')).toBeInTheDocument();
    await userEvent.click(within(item).getByRole('button', { name: /退\s*回/ }));

    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: /退\s*回/ }));
    expect(await within(dialog).findByText('退回须填写意见，便于报送单位修改')).toBeInTheDocument();
    expect(reviews).toHaveLength(0);

    await userEvent.type(within(dialog).getByLabelText('审核意见'), '请补充试点名单');
    await userEvent.click(within(dialog).getByRole('button', { name: /退\s*回/ }));
    await waitFor(() => expect(reviews).toEqual([{ decision: 'return', comment: '请补充试点名单' }]));
  });

  it('approves without a comment', async () => {
    const reviews: unknown[] = [];
    mockTask({
      'POST /api/tasks/v1/reports/r1/review': async (request) => {
        reviews.push(await request.json());
        return jsonResponse(200, report({ status: 'approved' }));
      },
    });
    renderDetail(fgwUser(), '?tab=reports');
    const item = (await screen.findByText('已完成试点区县名单确定')).closest('.report-item') as HTMLElement;
    await userEvent.click(within(item).getByRole('button', { name: /通\s*过/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: /通\s*过/ }));
    await waitFor(() => expect(reviews).toEqual([{ decision: 'approve', comment: null }]));
  });

  it('lets a responsible unit report progress for the as-of date, and offers it no review', async () => {
    const posted: { body: unknown; asOf: string | null }[] = [];
    mockTask({
      [`POST /api/tasks/v1/tasks/${CODE}/reports`]: async (request) => {
        posted.push({ body: await request.json(), asOf: new URL(request.url).searchParams.get('as_of') });
        return jsonResponse(201, report({ id: 'r2', content: '完成试点方案', progress: 70 }));
      },
    });
    renderDetail(scjgUser(), '?tab=reports&report=1&as_of=2026-11-22');

    const form = (await screen.findByText('本期进展')).closest('form')!;
    expect(screen.queryByRole('button', { name: /退\s*回/ })).not.toBeInTheDocument();
    await userEvent.type(within(form).getByLabelText('本期进展'), '完成试点方案');
    const progress = within(form).getByLabelText('完成进度（%）');
    await userEvent.clear(progress);
    await userEvent.type(progress, '70');
    await userEvent.click(within(form).getByRole('button', { name: /提\s*交/ }));

    await waitFor(() => expect(posted).toEqual([{ body: { content: '完成试点方案', progress: 70 }, asOf: '2026-11-22' }]));
  });

  it('shows the timeline with translated actions and before → after', async () => {
    mockTask({
      [`GET /api/tasks/v1/tasks/${CODE}/history`]: () =>
        jsonResponse(200, {
          items: [
            {
              id: 3,
              occurred_at: '2026-11-21T10:00:00+08:00',
              actor: 'office',
              actor_unit_id: null,
              action: 'adjustment.approve',
              entity_type: 'task',
              entity_id: 't',
              detail: {
                before: { deadline: '2026-06-30', responsible_unit_ids: [SCJG.id] },
                after: { deadline: '2026-12-31', responsible_unit_ids: [SCJG.id, FGW.id] },
                reason: '试点范围扩大',
                adjustment_id: 'a1',
                requested_by: 'fgw',
              },
              request_id: null,
            },
            {
              id: 2,
              occurred_at: '2026-11-20T10:00:00+08:00',
              actor: 'fgw',
              actor_unit_id: FGW.id,
              action: 'report.approved',
              entity_type: 'task',
              entity_id: 't',
              detail: { report_id: 'r1', comment: null, progress: 60 },
              request_id: null,
            },
          ],
          total: 2,
          page: 1,
          page_size: 50,
        }),
    });
    renderDetail(fgwUser(), '?tab=history');

    const approve = (await screen.findByText('调整获批')).closest('.history-item') as HTMLElement;
    await within(approve).findByText('责任单位：市市场监管局 → 市市场监管局、市发改委');
    expect(within(approve).getByText('完成时限：2026-06-30 → 2026-12-31')).toBeInTheDocument();
    expect(within(approve).getByText('理由：试点范围扩大')).toBeInTheDocument();
    const approved = screen.getByText('审核通过').closest('.history-item') as HTMLElement;
    expect(within(approved).getByText('进度：60%')).toBeInTheDocument();
    expect(within(approved).getByText(/^fgw · 2026-11-20/)).toBeInTheDocument();
  });

  it('links indicator tags to the indicator page, with a small link to the ledger filtered by it', async () => {
    mockTask({ [`GET /api/tasks/v1/tasks/${CODE}`]: () => jsonResponse(200, task({ indicator_codes: ['GP-05', 'SL-01'] })) });
    const { unmount } = renderDetail(fgwUser());
    const tag = await screen.findByText('GP-05');
    expect(tag.closest('a')).toHaveAttribute('href', '/indicators/GP-05');
    const ledger = screen.getByTitle('台账中关联 GP-05 的任务');
    expect(ledger).toHaveAttribute('href', '/tasks?year=2026&indicator=GP-05');
    expect(ledger).toHaveTextContent('相关任务');
    unmount();

    // A responsible unit has no 指标对标: its tags keep leading to the filtered ledger.
    mockTask({ [`GET /api/tasks/v1/tasks/${CODE}`]: () => jsonResponse(200, task({ indicator_codes: ['GP-05'] })) });
    renderDetail(scjgUser());
    expect((await screen.findByText('GP-05')).closest('a')).toHaveAttribute('href', '/tasks?year=2026&indicator=GP-05');
  });
});
