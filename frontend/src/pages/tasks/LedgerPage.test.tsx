import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { LedgerPage } from './LedgerPage';
import { parseLedgerQuery } from './ledgerQuery';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { FGW, SCJG, fgwUser, office, plan, scjgUser, task, taskList, units } from '../../test/fixtures';

const tasks = [
  task(),
  task({ id: 't2', code: '2026-SC-007', title: '健全企业信用修复协同推进机制', warning: 'yellow', warning_reasons: ['距完成时限不足 5 个工作日'] }),
  task({ id: 't3', code: '2026-ZW-001', title: '制定企业开办服务标准规范', environment: 'gov_service', warning: 'none', warning_reasons: [] }),
];

function mockLedger(list = taskList(tasks, { counts: { red: 12, yellow: 5, none: 283 } })) {
  const queries: URLSearchParams[] = [];
  const fetchMock = mockApi({
    'GET /api/tasks/v1/plans': () => jsonResponse(200, [plan({ status: 'draft' })]),
    'GET /api/auth/v1/units': () => jsonResponse(200, { items: units, total: units.length, page: 1, page_size: 200 }),
    'GET /api/tasks/v1/tasks': (request) => {
      queries.push(new URL(request.url).searchParams);
      return jsonResponse(200, list);
    },
    'GET /api/tasks/v1/adjustments': () => jsonResponse(200, { items: [], total: 0, page: 1, page_size: 100 }),
  });
  return { queries, fetchMock, last: () => Object.fromEntries(queries.at(-1)!) };
}

/** Opens an antd Select found by its placeholder and picks the option with that label. */
async function pick(placeholder: string, option: string) {
  const placeholderEl = screen.getAllByText(placeholder).find((el) => el.classList.contains('ant-select-selection-placeholder'))!;
  const select = placeholderEl.closest('.ant-select')!;
  await userEvent.click(select.querySelector('.ant-select-selector')!);
  const item = await waitFor(() => {
    // The newest dropdown is the one just opened (jsdom never ends the closing animation of earlier ones).
    const dropdown = [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')].at(-1);
    const found = [...(dropdown?.querySelectorAll<HTMLElement>('.ant-select-item-option') ?? [])].find((el) => el.title === option);
    if (!found) throw new Error(`no option ${option}`);
    return found;
  });
  // The closing dropdown animates with pointer-events: none; the option itself is clickable.
  await userEvent.setup({ pointerEventsCheck: 0 }).click(item);
}

describe('LedgerPage', () => {
  it('sends the filters from the URL and the controls as the API query string', async () => {
    const api = mockLedger();
    renderApp(<LedgerPage me={office()} />, { route: '/tasks?year=2026&as_of=2026-11-22&environment=market&indicator=GP-01' });

    await screen.findByText('推进市场准入负面清单区县试点扩面');
    expect(api.last()).toEqual({
      year: '2026',
      environment: 'market',
      indicator: 'GP-01',
      as_of: '2026-11-22',
      page: '1',
      page_size: '20',
      sort: 'code',
    });
    // A linked indicator (from a task's indicator tag) shows as a removable filter.
    await userEvent.click(within(screen.getByText('关联指标：GP-01').closest('.ant-tag')!).getByRole('img', { name: '关闭' }));
    await waitFor(() => expect(api.last().indicator).toBeUndefined());

    // A warning count filters by that warning; clicking it again clears the filter.
    await userEvent.click(screen.getByRole('button', { name: '红牌 12' }));
    await waitFor(() => expect(api.last().warning).toBe('red'));

    await pick('牵头单位', FGW.short_name);
    await waitFor(() => expect(api.last().lead_unit_id).toBe(FGW.id));
    await pick('责任单位', SCJG.short_name);
    await waitFor(() => expect(api.last().responsible_unit_id).toBe(SCJG.id));
    await pick('状态', '推进中');
    await waitFor(() => expect(api.last().status).toBe('in_progress'));

    await userEvent.type(screen.getByPlaceholderText('搜索任务名称、举措、目标、编号、标签'), ' 信用 {Enter}');
    await waitFor(() => expect(api.last().q).toBe('信用'));

    expect(api.last()).toEqual({
      year: '2026',
      environment: 'market',
      lead_unit_id: FGW.id,
      responsible_unit_id: SCJG.id,
      warning: 'red',
      status: 'in_progress',
      q: '信用',
      as_of: '2026-11-22',
      page: '1',
      page_size: '20',
      sort: 'code',
    });

    await userEvent.click(screen.getByRole('button', { name: /红牌 12/ }));
    await waitFor(() => expect(api.last().warning).toBeUndefined());

    await userEvent.click(screen.getByRole('button', { name: '清空筛选' }));
    await waitFor(() =>
      expect(api.last()).toEqual({ year: '2026', as_of: '2026-11-22', page: '1', page_size: '20', sort: 'code' }),
    );
  });

  it('renders red, yellow and normal tags and marks warned rows', async () => {
    mockLedger();
    renderApp(<LedgerPage me={office()} />, { route: '/tasks?year=2026' });

    const red = (await screen.findByText('推进市场准入负面清单区县试点扩面')).closest('tr')!;
    const yellow = screen.getByText('健全企业信用修复协同推进机制').closest('tr')!;
    const normal = screen.getByText('制定企业开办服务标准规范').closest('tr')!;

    expect(within(red).getByText('红牌')).toHaveClass('ant-tag-red');
    expect(within(yellow).getByText('黄牌')).toHaveClass('ant-tag-gold');
    expect(within(normal).getByText('正常')).toHaveClass('ant-tag-green');
    expect(red).toHaveClass('ledger-row-red');
    expect(yellow).toHaveClass('ledger-row-yellow');
    expect(normal).toHaveClass('ledger-row-none');

    expect(screen.getByRole('button', { name: '红牌 12' })).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByRole('button', { name: '黄牌 5' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '正常 283' })).toBeInTheDocument();
    expect(screen.getByText('共 3 项')).toBeInTheDocument();
    // The office sees import, export and (draft plan) publish.
    expect(screen.getByRole('button', { name: /导入任务清单/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /导出 Excel/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /发布年度计划/ })).toBeInTheDocument();
  });

  it('shows calendar notices and hides office actions from a responsible unit', async () => {
    mockLedger(taskList(tasks, { calendar_notices: ['2027 年节假日安排尚未公布，暂按周一至周五计算工作日。'] }));
    renderApp(<LedgerPage me={scjgUser()} />, { route: '/tasks?year=2026' });

    expect(await screen.findByText('2027 年节假日安排尚未公布，暂按周一至周五计算工作日。')).toBeInTheDocument();
    await screen.findByText('推进市场准入负面清单区县试点扩面');
    expect(screen.queryByRole('button', { name: /导入任务清单/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /导出 Excel/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /发布年度计划/ })).not.toBeInTheDocument();
  });

  it('keeps the column choice in localStorage', async () => {
    mockLedger();
    const { unmount } = renderApp(<LedgerPage me={office()} />, { route: '/tasks?year=2026' });
    await screen.findByText('推进市场准入负面清单区县试点扩面');
    expect(screen.getByRole('columnheader', { name: '责任单位' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /列设置/ }));
    await userEvent.click(await screen.findByRole('checkbox', { name: '责任单位' }));
    await userEvent.click(screen.getByRole('checkbox', { name: '领衔领导' }));

    expect(screen.queryByRole('columnheader', { name: '责任单位' })).not.toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: '领衔领导' })).toBeInTheDocument();
    const stored = JSON.parse(localStorage.getItem('reform.ledger.columns')!);
    expect(stored).toContain('official');
    expect(stored).not.toContain('responsible');

    unmount();
    mockLedger();
    renderApp(<LedgerPage me={office()} />, { route: '/tasks?year=2026' });
    await screen.findByText('推进市场准入负面清单区县试点扩面');
    expect(screen.getByRole('columnheader', { name: '领衔领导' })).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: '责任单位' })).not.toBeInTheDocument();
  });
});

describe('LedgerPage actions', () => {
  it('publishes a draft plan after confirmation', async () => {
    const published: string[] = [];
    mockApi({
      'GET /api/tasks/v1/plans': () => jsonResponse(200, [plan({ status: published.length ? 'published' : 'draft' })]),
      'GET /api/auth/v1/units': () => jsonResponse(200, { items: units, total: units.length, page: 1, page_size: 200 }),
      'GET /api/tasks/v1/tasks': () => jsonResponse(200, taskList(tasks)),
      'GET /api/tasks/v1/adjustments': () => jsonResponse(200, { items: [], total: 0, page: 1, page_size: 100 }),
      'POST /api/tasks/v1/plans/2026/publish': (request) => {
        published.push(new URL(request.url).pathname);
        return jsonResponse(200, plan({ status: 'published' }));
      },
    });
    renderApp(<LedgerPage me={office()} />, { route: '/tasks?year=2026' });

    await userEvent.click(await screen.findByRole('button', { name: /发布年度计划/ }));
    expect(await screen.findByText(/确定发布 2026 年计划/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /确\s*定|OK/ }));

    await waitFor(() => expect(published).toEqual(['/api/tasks/v1/plans/2026/publish']));
    expect(await screen.findByText('2026 年计划已发布')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: /发布年度计划/ })).not.toBeInTheDocument());
  });
});

describe('LedgerPage reporting and notices', () => {
  it('links the office to 报送情况 and 提示单, and to the day\'s notices after issuing them', async () => {
    const runs: string[] = [];
    mockApi({
      'GET /api/tasks/v1/plans': () => jsonResponse(200, [plan({ status: 'published' })]),
      'GET /api/auth/v1/units': () => jsonResponse(200, { items: units, total: units.length, page: 1, page_size: 200 }),
      'GET /api/tasks/v1/tasks': () => jsonResponse(200, taskList(tasks)),
      'GET /api/tasks/v1/adjustments': () => jsonResponse(200, { items: [], total: 0, page: 1, page_size: 100 }),
      'POST /api/tasks/v1/reminder-notices/run': (request) => {
        runs.push(new URL(request.url).search);
        return jsonResponse(200, { as_of: '2026-11-22', issued: 3, already_issued: 1, notices: [] });
      },
    });
    renderApp(
      <>
        <LedgerPage me={office()} />
        <Where />
      </>,
      { route: '/tasks?year=2026&as_of=2026-11-22' },
    );

    await screen.findByRole('button', { name: /发出提示单/ });
    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual(expect.arrayContaining(['报送情况', '提示单']));
    await userEvent.click(screen.getByRole('button', { name: /发出提示单/ }));
    await userEvent.click(await screen.findByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() => expect(runs).toEqual(['?as_of=2026-11-22']));
    const alert = (await screen.findByText('已按 2026-11-22 发出提示单：新发 3 份，跳过 1 个单位。')).closest('.ant-alert')!;
    expect(within(alert as HTMLElement).getByRole('link', { name: '查看当天提示单' })).toHaveAttribute('href', '/tasks/notices?issued_on=2026-11-22');

    await userEvent.click(screen.getByRole('button', { name: /报送情况/ }));
    expect(screen.getByTestId('location')).toHaveTextContent('/tasks/reporting?year=2026&as_of=2026-11-22');
  });

  it('offers 报送情况 to a lead unit but neither page to a responsible unit', async () => {
    mockLedger();
    const { unmount } = renderApp(<LedgerPage me={fgwUser()} />, { route: '/tasks?year=2026' });
    await screen.findByText('推进市场准入负面清单区县试点扩面');
    expect(screen.getByRole('button', { name: /报送情况/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /提示单/ })).not.toBeInTheDocument();
    unmount();

    mockLedger();
    renderApp(<LedgerPage me={scjgUser()} />, { route: '/tasks?year=2026' });
    await screen.findByText('推进市场准入负面清单区县试点扩面');
    expect(screen.queryByRole('button', { name: /报送情况/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /提示单/ })).not.toBeInTheDocument();
  });
});

function Where() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname + location.search}</div>;
}

describe('parseLedgerQuery', () => {
  it('drops values the API would refuse and defaults the rest', () => {
    const query = parseLedgerQuery(
      new URLSearchParams('year=1999&environment=moon&warning=red&lead_unit_id=x&as_of=22-11-2026&page=0&page_size=7&sort=title'),
      2026,
    );
    expect(query).toEqual({
      year: 2026,
      environment: undefined,
      category: undefined,
      benchmark_class: undefined,
      lead_unit_id: undefined,
      responsible_unit_id: undefined,
      warning: 'red',
      status: undefined,
      q: undefined,
      indicator: undefined,
      as_of: undefined,
      page: 1,
      page_size: 20,
      sort: 'code',
    });
  });
});
