import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { FGW, SCJG, me, office, scjgUser } from '../../../test/fixtures';
import { inspection, rectification, spotCheck } from './fixtures';
import { InspectionsPage } from './InspectionsPage';
import { parseInspectionQuery } from './query';
import { choose, COMMON_ROUTES, LocationProbe, query, SLOW } from './testUtils';

const leader = () => me('leader', ['leader'], FGW);

function mockInspections(extra: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  const lists: Record<string, string>[] = [];
  const rects: Record<string, string>[] = [];
  mockApi({
    ...COMMON_ROUTES,
    'GET /api/tasks/v1/inspections': (request) => {
      lists.push(query(request));
      return jsonResponse(200, { items: [inspection(), spotCheck()], total: 2, page: 1, page_size: 20, as_of: '2026-11-22' });
    },
    'GET /api/tasks/v1/rectifications': (request) => {
      rects.push(query(request));
      return jsonResponse(200, {
        items: [
          rectification(),
          rectification({
            id: '7d6f2b1a-0000-4000-8000-000000000002',
            finding: '政策兑现流程未公开',
            owner_unit: FGW,
            status: 'submitted',
            warning: 'yellow',
            warning_reasons: ['整改将于 2026-11-24 到期'],
            due_date: '2026-11-24',
          }),
        ],
        total: 2,
        page: 1,
        page_size: 20,
        as_of: '2026-11-22',
        counts: { red: 1, yellow: 1, none: 3 },
        calendar_notices: [],
      });
    },
    ...extra,
  });
  return { lists, rects };
}

function renderPage(user: Me, route = '/supervision/inspections') {
  return renderApp(
    <Routes>
      <Route path="/supervision/inspections" element={<InspectionsPage me={user} />} />
      <Route path="/supervision/inspections/:code" element={<LocationProbe />} />
      <Route path="/supervision/rectifications/:id" element={<LocationProbe />} />
    </Routes>,
    { route },
  );
}

describe('parseInspectionQuery', () => {
  it('keeps valid filters and drops the rest', () => {
    expect(parseInspectionQuery(new URLSearchParams('tab=rectifications&year=2025&warning=red&status=open&owner=x&page=2'), 2026)).toMatchObject({
      tab: 'rectifications',
      year: 2025,
      warning: 'red',
      status: 'open',
      owner: undefined,
      page: 2,
    });
    expect(parseInspectionQuery(new URLSearchParams('tab=nope&year=abc&kind=other&from=2026-13-45'), 2026)).toMatchObject({
      tab: 'records',
      year: 2026,
      kind: undefined,
      from: undefined,
    });
  });
});

describe('InspectionsPage · 督察记录', () => {
  it('lists inspections with kind, target, findings and open rectifications; filters go to the API', async () => {
    const { lists } = mockInspections();
    renderPage(office(), '/supervision/inspections?as_of=2026-11-22');

    const table = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('.insp-table');
      if (!found?.textContent?.includes('DC-2026-001')) throw new Error('not loaded');
      return found;
    }, SLOW);
    const first = within(table).getByText('DC-2026-001').closest('tr')!;
    expect(within(first).getByText('实地督察')).toBeInTheDocument();
    expect(within(first).getByText(SCJG.short_name)).toBeInTheDocument();
    expect(within(first).getByRole('link', { name: '2026-SC-051' })).toHaveAttribute('href', '/tasks/2026-SC-051?as_of=2026-11-22');
    expect(within(first).getByText('2026-09-24')).toBeInTheDocument();
    expect(within(first).getByText('张三、李四')).toBeInTheDocument();
    expect(within(first).getByText('2 个问题')).toBeInTheDocument();
    expect(within(first).getByText('1 项整改未完成 · 1 项逾期')).toBeInTheDocument();
    const second = within(table).getByText('DC-2026-002').closest('tr')!;
    expect(within(second).getByText('四不两直')).toBeInTheDocument();
    expect(within(second).getByText('整改均已核验')).toBeInTheDocument();
    expect(lists.at(-1)).toEqual({ year: '2026', as_of: '2026-11-22', page: '1', page_size: '20' });

    await choose(screen.getByRole('combobox', { name: '督察方式' }), '四不两直');
    await waitFor(() => expect(lists.at(-1)?.kind).toBe('spot_check'));
    await userEvent.type(screen.getByRole('searchbox', { name: '任务编号' }), '2026-SC-051{enter}');
    await waitFor(() => expect(lists.at(-1)).toMatchObject({ kind: 'spot_check', task_code: '2026-SC-051' }));
    await userEvent.click(screen.getByRole('button', { name: '清空筛选' }));
    await waitFor(() => expect(lists.at(-1)?.kind).toBeUndefined());

    // A row opens its inspection, keeping the as-of date.
    await userEvent.click(within(first).getByText('张三、李四'));
    expect(await screen.findByTestId('location', {}, SLOW)).toHaveTextContent('/supervision/inspections/DC-2026-001?as_of=2026-11-22');
  }, 30_000);

  it('offers the record form to the office and special groups, not to leaders or units', async () => {
    mockInspections();
    const { unmount } = renderPage(leader());
    await screen.findByText('DC-2026-001', {}, SLOW);
    expect(screen.queryByRole('button', { name: /登记督察/ })).not.toBeInTheDocument();
    unmount();

    mockInspections();
    const second = renderPage(scjgUser());
    await screen.findByText('DC-2026-001', {}, SLOW);
    expect(screen.queryByRole('button', { name: /登记督察/ })).not.toBeInTheDocument();
    second.unmount();

    mockInspections();
    renderPage(me('group', ['group_lead'], FGW));
    expect(await screen.findByRole('button', { name: /登记督察/ }, SLOW)).toBeInTheDocument();
  }, 30_000);

  it('records an inspection with a finding that requires rectification, then opens it', async () => {
    const posted: { body: unknown; query: Record<string, string> }[] = [];
    mockInspections({
      'GET /api/tasks/v1/tasks': () => jsonResponse(200, { items: [], total: 0, page: 1, page_size: 30, as_of: '2026-11-22', counts: {}, calendar_notices: [] }),
      'POST /api/tasks/v1/inspections': async (request) => {
        posted.push({ body: await request.json(), query: query(request) });
        return jsonResponse(201, inspection({ code: 'DC-2026-003' }));
      },
    });
    renderPage(office(), '/supervision/inspections?as_of=2026-11-20');
    await userEvent.click(await screen.findByRole('button', { name: /登记督察/ }, SLOW));
    const drawer = await screen.findByRole('dialog');

    // Nothing is sent until the form is complete.
    await userEvent.click(within(drawer).getByRole('button', { name: '保存督察记录' }));
    expect(await within(drawer).findByText('请选择督察的任务或单位')).toBeInTheDocument();
    expect(await within(drawer).findByText('请至少填写一名督察人员')).toBeInTheDocument();
    expect(await within(drawer).findByText('请填写督察方式方法（至少 2 个字）')).toBeInTheDocument();
    expect(posted).toHaveLength(0);

    await userEvent.click(within(drawer).getByText('四不两直'));
    await choose(within(drawer).getByRole('combobox', { name: '被督察单位' }), SCJG.short_name);
    await userEvent.type(within(drawer).getByLabelText('督察方式方法'), '暗访体验办事流程');
    const inspectors = within(drawer).getByRole('combobox', { name: '督察人员' });
    // Enter or a separator (，、 space) ends a name.
    await userEvent.type(inspectors, '张三，李四 ');

    await userEvent.click(within(drawer).getByRole('button', { name: /添加问题/ }));
    await userEvent.type(within(drawer).getByLabelText('问题描述'), '窗口材料未精简');
    await userEvent.click(within(drawer).getByText('严重'));
    await userEvent.click(within(drawer).getByLabelText('需整改'));
    const days = within(drawer).getByLabelText('整改时限');
    await userEvent.clear(days);
    await userEvent.type(days, '5');

    await userEvent.click(within(drawer).getByRole('button', { name: '保存督察记录' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0].query).toEqual({ as_of: '2026-11-20' });
    expect(posted[0].body).toEqual({
      kind: 'spot_check',
      task_code: null,
      unit_id: SCJG.id,
      inspected_on: '2026-11-20',
      method: '暗访体验办事流程',
      inspectors: ['张三', '李四'],
      summary: null,
      findings: [
        {
          description: '窗口材料未精简',
          severity: 'critical',
          requires_rectification: true,
          rectification: { owner_unit_id: null, deadline_days: 5 },
        },
      ],
    });
    expect(await screen.findByTestId('location', {}, SLOW)).toHaveTextContent('/supervision/inspections/DC-2026-003?as_of=2026-11-20');
  }, 30_000);

  it('shows the API refusal in the form', async () => {
    mockInspections({
      'GET /api/tasks/v1/tasks': () => jsonResponse(200, { items: [], total: 0, page: 1, page_size: 30, as_of: '2026-11-22', counts: {}, calendar_notices: [] }),
      'POST /api/tasks/v1/inspections': () =>
        jsonResponse(403, { title: '无权操作', status: 403, detail: '专项小组只能督察本环境的任务。', code: 'forbidden' }),
    });
    renderPage(me('group', ['group_lead'], FGW));
    await userEvent.click(await screen.findByRole('button', { name: /登记督察/ }, SLOW));
    const drawer = await screen.findByRole('dialog');
    await choose(within(drawer).getByRole('combobox', { name: '被督察单位' }), FGW.short_name);
    await userEvent.type(within(drawer).getByLabelText('督察方式方法'), '查阅资料');
    await userEvent.type(within(drawer).getByRole('combobox', { name: '督察人员' }), '王五{enter}');
    await userEvent.click(within(drawer).getByRole('button', { name: '保存督察记录' }));
    expect(await within(drawer).findByText('专项小组只能督察本环境的任务。', {}, SLOW)).toBeInTheDocument();
  }, 30_000);
});

describe('InspectionsPage · 整改', () => {
  it('shows red/yellow counts, owner, due date, status and warning reasons; the counts filter', async () => {
    const { rects } = mockInspections();
    renderPage(scjgUser(), '/supervision/inspections?tab=rectifications&as_of=2026-11-22');

    const table = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('.rect-table');
      if (!found?.textContent?.includes('政策兑现流程未公开')) throw new Error('not loaded');
      return found;
    }, SLOW);
    expect(rects.at(-1)).toEqual({ year: '2026', as_of: '2026-11-22', page: '1', page_size: '20' });
    expect(screen.getByRole('button', { name: '红牌 1' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '黄牌 1' })).toBeInTheDocument();

    const red = within(table).getByText('窗口“一件事”办理材料未精简').closest('tr')!;
    expect(within(red).getByText(SCJG.short_name)).toBeInTheDocument();
    expect(within(red).getByText('2026-10-09')).toBeInTheDocument();
    expect(within(red).getByText('5 个工作日')).toBeInTheDocument();
    expect(within(red).getByText('整改中')).toBeInTheDocument();
    expect(within(red).getByText('整改已逾期（应于 2026-10-09 前完成并通过核验）')).toBeInTheDocument();
    const yellow = within(table).getByText('政策兑现流程未公开').closest('tr')!;
    expect(within(yellow).getByText('待核验')).toBeInTheDocument();
    expect(within(yellow).getByText('黄牌')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: '红牌 1' }));
    await waitFor(() => expect(rects.at(-1)?.warning).toBe('red'));
    await choose(screen.getByRole('combobox', { name: '整改状态' }), '待核验');
    await waitFor(() => expect(rects.at(-1)).toMatchObject({ warning: 'red', status: 'submitted' }));

    await userEvent.click(within(red).getByRole('link', { name: '窗口“一件事”办理材料未精简' }));
    expect(await screen.findByTestId('location', {}, SLOW)).toHaveTextContent(
      '/supervision/rectifications/7d6f2b1a-0000-4000-8000-000000000001?as_of=2026-11-22',
    );
  }, 30_000);

  it('shows rectifications as cards on a phone, and a load error', async () => {
    const width = window.innerWidth;
    window.innerWidth = 390;
    try {
      mockInspections();
      const { unmount } = renderPage(scjgUser(), '/supervision/inspections?tab=rectifications');
      const card = (await screen.findByText('政策兑现流程未公开', {}, SLOW)).closest('.rect-card') as HTMLElement;
      expect(card).toHaveAttribute('data-warning', 'yellow');
      expect(within(card).getByText('2026-11-24 到期（5 个工作日）')).toBeInTheDocument();
      expect(document.querySelector('.rect-table')).toBeNull();
      unmount();
    } finally {
      window.innerWidth = width;
    }

    mockInspections({
      'GET /api/tasks/v1/rectifications': () => jsonResponse(500, { title: '服务暂不可用', status: 500, detail: '数据库连接失败，请稍后重试。' }),
    });
    renderPage(scjgUser(), '/supervision/inspections?tab=rectifications');
    expect(await screen.findByText('数据加载失败', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByText('数据库连接失败，请稍后重试。')).toBeInTheDocument();
  }, 30_000);
});
