import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import type { Me } from '../../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { office, scjgUser } from '../../../test/fixtures';
import { PilotsPage } from './PilotsPage';
import {
  SHANGCHENG,
  leader,
  marketGroup,
  pickOptions,
  pilot,
  pilotBrief,
  record,
  selectOf,
  typeDate,
  unitsPage,
  type Call,
} from './testFixtures';

const DESKTOP_WIDTH = window.innerWidth;
afterEach(() => {
  Object.defineProperty(window, 'innerWidth', { configurable: true, writable: true, value: DESKTOP_WIDTH });
});

function Location() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname + location.search}</div>;
}

function setup(me: Me, { route = '/supervision/pilots', list = [pilotBrief(), pilotBrief({ id: 'p2', code: 'SD-2026-002', title: '信用修复一件事试点', status: 'rolled_out', feedback_count: 0 })], extra = {} } = {}) {
  const queries: Record<string, string>[] = [];
  mockApi({
    'GET /api/auth/v1/units': () => jsonResponse(200, unitsPage()),
    'GET /api/tasks/v1/pilots': (request) => {
      queries.push(Object.fromEntries(new URL(request.url).searchParams));
      return jsonResponse(200, { items: list, total: list.length, page: 1, page_size: 20 });
    },
    ...extra,
  });
  renderApp(
    <Routes>
      <Route path="/supervision/pilots" element={<PilotsPage me={me} />} />
      <Route path="*" element={<Location />} />
    </Routes>,
    { route },
  );
  return queries;
}

// Form-filling tests click through several antd widgets; on a shared, loaded machine 5 s is too tight.
describe('PilotsPage', { timeout: 20_000 }, () => {
  it('lists the pilots with unit, period, status and feedback count, and sends the filters from the URL', async () => {
    const queries = setup(leader(), { route: '/supervision/pilots?status=running&year=2026&q=开办' });
    const row = (await screen.findByText('企业开办“一件事”集成改革试点')).closest('tr') as HTMLElement;
    expect(within(row).getByRole('link', { name: 'SD-2026-001' })).toHaveAttribute('href', '/supervision/pilots/SD-2026-001');
    expect(within(row).getByText('上城区')).toBeInTheDocument();
    expect(within(row).getByText('2026-03-01 至 2026-12-31')).toBeInTheDocument();
    expect(within(row).getByText('试点中')).toBeInTheDocument();
    expect(within(row).getByText('2 条')).toBeInTheDocument();
    expect(screen.getByText('已全面推开')).toBeInTheDocument();
    expect(queries[0]).toEqual({ status: 'running', year: '2026', q: '开办', page: '1', page_size: '20' });
    // A city leader reads; setting up pilots is for the office and special groups.
    expect(screen.queryByRole('button', { name: /设立试点/ })).not.toBeInTheDocument();
  });

  it('filters by status and pilot unit (districts and departments only) and by text', async () => {
    const queries = setup(scjgUser());
    await screen.findByText('企业开办“一件事”集成改革试点');
    const filters = document.querySelector<HTMLElement>('.pilot-filters')!;
    await pickOptions(selectOf('状态', filters), '已终止');
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ status: 'stopped' }));
    await pickOptions(selectOf('试点单位', filters), '上城区');
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ status: 'stopped', unit_id: SHANGCHENG.id }));
    const options = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].map((el) => el.title);
    expect(options).not.toContain('市委改革办');
    await userEvent.type(screen.getByPlaceholderText('搜索名称、内容、攻坚目标、编号'), '信用{Enter}');
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ q: '信用', status: 'stopped' }));
    await userEvent.click(screen.getByRole('button', { name: '清空筛选' }));
    await waitFor(() => expect(queries.at(-1)).toEqual({ page: '1', page_size: '20' }));
    expect(screen.queryByRole('button', { name: /设立试点/ })).not.toBeInTheDocument();
  });

  it('shows an empty state', async () => {
    setup(office(), { list: [] });
    expect(await screen.findByText('暂无基层创新试点')).toBeInTheDocument();
  });

  it('shows the problem when the list cannot load', async () => {
    mockApi({
      'GET /api/auth/v1/units': () => jsonResponse(200, unitsPage()),
      'GET /api/tasks/v1/pilots': () => jsonResponse(503, { status: 503, title: '服务暂不可用', detail: '数据库暂时无法连接，请稍后重试。' }),
    });
    renderApp(<PilotsPage me={office()} />, { route: '/supervision/pilots' });
    expect(await screen.findByText('数据加载失败')).toBeInTheDocument();
    expect(screen.getByText('数据库暂时无法连接，请稍后重试。')).toBeInTheDocument();
  });

  it('lets the office set up a pilot, validating the period, and opens it', async () => {
    const calls: Call[] = [];
    setup(office(), {
      route: '/supervision/pilots?as_of=2026-11-22',
      extra: {
        'POST /api/tasks/v1/pilots': async (request: Request) => {
          await record(request, calls);
          return jsonResponse(201, pilot({ code: 'SD-2026-003' }));
        },
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: /设立试点/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    expect(await within(dialog).findByText('请填写试点名称（至少 2 个字）')).toBeInTheDocument();
    expect(within(dialog).getByText('请选择试点单位')).toBeInTheDocument();

    await userEvent.type(within(dialog).getByLabelText('试点名称'), '工程建设项目联合验收试点');
    await userEvent.type(within(dialog).getByLabelText('试点内容'), '联合验收一次办结');
    await userEvent.type(within(dialog).getByLabelText('攻坚目标'), '验收时间压缩一半');
    await pickOptions(selectOf('试点单位', dialog), '上城区');
    await pickOptions(selectOf('环境领域', dialog), '市场环境');
    await typeDate(within(dialog).getByLabelText('开始日期'), '2026-12-01');
    await typeDate(within(dialog).getByLabelText('结束日期'), '2026-11-01');
    await userEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    expect(await within(dialog).findByText('结束日期不能早于开始日期')).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    await typeDate(within(dialog).getByLabelText('结束日期'), '2027-06-30');
    await userEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() =>
      expect(calls).toEqual([
        {
          body: {
            title: '工程建设项目联合验收试点',
            description: '联合验收一次办结',
            goal: '验收时间压缩一半',
            unit_id: SHANGCHENG.id,
            environment: 'market',
            start_date: '2026-12-01',
            end_date: '2027-06-30',
          },
          query: { as_of: '2026-11-22' },
        },
      ]),
    );
    expect(await screen.findByTestId('location')).toHaveTextContent('/supervision/pilots/SD-2026-003?as_of=2026-11-22');
  });

  it('fixes a special group to its own environment and shows the API problem of a refused creation', async () => {
    setup(marketGroup(), {
      extra: {
        'POST /api/tasks/v1/pilots': () =>
          jsonResponse(422, {
            status: 422,
            code: 'pilots.unit_invalid',
            title: '试点单位有误',
            detail: '试点单位须为单位目录中的区县或市直部门。',
            errors: [{ field: 'unit_id', code: 'invalid_unit', message: '须为区县或市直部门' }],
          }),
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: /设立试点/ }));
    const dialog = await screen.findByRole('dialog');
    const environment = selectOf('环境领域', dialog);
    expect(environment).toHaveClass('ant-select-disabled');
    expect(environment).toHaveTextContent('市场环境');

    await userEvent.type(within(dialog).getByLabelText('试点名称'), '联合验收试点');
    await userEvent.type(within(dialog).getByLabelText('试点内容'), '联合验收一次办结');
    await pickOptions(selectOf('试点单位', dialog), '上城区');
    await typeDate(within(dialog).getByLabelText('开始日期'), '2026-12-01');
    await typeDate(within(dialog).getByLabelText('结束日期'), '2027-06-30');
    await userEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    expect(await within(dialog).findByText('试点单位须为单位目录中的区县或市直部门。')).toBeInTheDocument();
    expect(within(dialog).getByText('须为区县或市直部门')).toBeInTheDocument();
  });

  it('shows cards instead of a table on a phone', async () => {
    Object.defineProperty(window, 'innerWidth', { configurable: true, writable: true, value: 390 });
    setup(scjgUser());
    const card = (await screen.findByText('企业开办“一件事”集成改革试点')).closest('.pilot-card') as HTMLElement;
    expect(card).toHaveAttribute('data-code', 'SD-2026-001');
    expect(within(card).getByText('上城区 · 市场环境')).toBeInTheDocument();
    expect(document.querySelector('.pilot-table')).toBeNull();
  });
});
