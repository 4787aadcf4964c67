import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { WorkbenchPage } from './WorkbenchPage';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { report, scjgUser, workbench } from '../../test/fixtures';

const DESKTOP_WIDTH = window.innerWidth;

function setWidth(width: number) {
  Object.defineProperty(window, 'innerWidth', { configurable: true, writable: true, value: width });
  window.dispatchEvent(new Event('resize'));
}

afterEach(() => setWidth(DESKTOP_WIDTH));

function Where() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname + location.search}</div>;
}

function mockWorkbench(data = workbench()) {
  const acknowledged: string[] = [];
  const fetchMock = mockApi({
    'GET /api/tasks/v1/workbench': () => jsonResponse(200, data),
    'GET /api/tasks/v1/reminder-notices': () => jsonResponse(200, { items: [], total: 0, page: 1, page_size: 20 }),
    'POST /api/tasks/v1/reminder-notices/n1/acknowledge': (request) => {
      acknowledged.push(new URL(request.url).pathname);
      return jsonResponse(200, { ...data.notices_to_acknowledge[0], acknowledged_at: '2026-11-22T10:00:00+08:00' });
    },
  });
  return { acknowledged, fetchMock };
}

function renderWorkbench(route = '/workbench?as_of=2026-11-22') {
  return renderApp(
    <Routes>
      <Route path="/workbench" element={<WorkbenchPage me={scjgUser()} />} />
      <Route path="*" element={<Where />} />
    </Routes>,
    { route },
  );
}

describe('WorkbenchPage', () => {
  it('on a 390 px phone lists tasks as cards, not as a wide table', async () => {
    setWidth(390);
    mockWorkbench();
    renderWorkbench();

    expect(await screen.findByText('本单位：市市场监督管理局')).toBeInTheDocument();
    const toReport = (await screen.findByText('本期待报送')).closest('.wb-section') as HTMLElement;
    await waitFor(() => expect(toReport.querySelector('.wb-card')).not.toBeNull());
    expect(document.querySelector('table')).toBeNull();

    const card = toReport.querySelector<HTMLElement>('.wb-card')!;
    expect(card).toHaveAttribute('data-warning', 'red');
    expect(within(card).getByText('推进市场准入负面清单区县试点扩面')).toBeInTheDocument();
    expect(within(card).getByText('报送期 2026-11-01 至 2026-11-30')).toBeInTheDocument();
    expect(within(card).getByText('红牌')).toBeInTheDocument();

    const warned = screen.getByText('红黄牌任务').closest('.wb-section') as HTMLElement;
    expect(warned.querySelectorAll('.wb-card')).toHaveLength(2);
    expect(within(warned).getByText('黄牌')).toBeInTheDocument();

    // The counts as four small cards.
    const stats = [...document.querySelectorAll('.wb-stat')].map((el) => el.textContent);
    expect(stats).toEqual(['任务总数3', '红牌1', '黄牌1', '正常1']);

    // The report button opens the task's report form, keeping the as-of date.
    await userEvent.click(within(card).getByRole('button', { name: /报送进展/ }));
    expect(screen.getByTestId('location')).toHaveTextContent('/tasks/2026-SC-051?tab=reports&report=1&as_of=2026-11-22');
  });

  it('acknowledges a reminder notice and lists returned reports with their comment', async () => {
    const { acknowledged } = mockWorkbench(
      workbench({ returned_reports: [report({ status: 'returned', review_comment: '请补充佐证材料', reviewed_by: 'fgw' })] }),
    );
    renderWorkbench();

    const notices = (await screen.findByText('待签收提示单')).closest('.wb-section') as HTMLElement;
    expect(within(notices).getByText('提示单 TS-20261122-001')).toBeInTheDocument();
    expect(within(notices).getByText(/已超过完成时限/)).toBeInTheDocument();
    await userEvent.click(within(notices).getByRole('button', { name: /签\s*收/ }));
    await waitFor(() => expect(acknowledged).toEqual(['/api/tasks/v1/reminder-notices/n1/acknowledge']));

    expect(screen.getByText('审核意见：请补充佐证材料')).toBeInTheDocument();
    // Desktop width: the task lists are tables.
    expect(document.querySelectorAll('table').length).toBeGreaterThan(0);
  });
});
