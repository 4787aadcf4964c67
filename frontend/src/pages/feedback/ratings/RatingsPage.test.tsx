import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { me, office, scjgUser } from '../../../test/fixtures';
import { categories } from '../testData';
import { choose, queryOf, unitPage } from '../testUtils';
import { currentYear } from '../league/periods';
import type { RatedService, RatingRead, Stats } from './hooks';
import { RatingsPage } from './RatingsPage';

function stats(distribution: number[], overrides: Partial<Stats> = {}): Stats {
  const count = distribution.reduce((a, b) => a + b, 0);
  const sum = distribution.reduce((a, n, i) => a + n * (i + 1), 0);
  const satisfied = distribution.slice(2).reduce((a, b) => a + b, 0);
  return {
    count,
    average: count ? Math.round((100 * sum) / count) / 100 : null,
    distribution: Object.fromEntries(distribution.map((n, i) => [String(i + 1), n])),
    satisfaction: { numerator: satisfied, denominator: count, value: count ? Math.round((10000 * satisfied) / count) / 100 : null },
    trend: [
      { month: '2026-10', count: Math.ceil(count / 2), average: 4.5 },
      { month: '2026-11', count: Math.floor(count / 2), average: 4.2 },
    ],
    ...overrides,
  };
}

const SUMMARY = {
  period: '2026',
  unit: null,
  total: stats([2, 1, 3, 10, 24]),
  by_service: [
    { code: 'water', name: '用水报装', unit_code: 'u1', unit_name: '市发展和改革委员会', active: true, ...stats([2, 0, 1, 3, 4]) },
    { code: 'startup', name: '企业开办', unit_code: 'u2', unit_name: '市市场监督管理局', active: true, ...stats([0, 1, 2, 7, 20]) },
  ],
  by_unit: [{ code: 'u2', name: '市市场监督管理局', ...stats([0, 1, 2, 7, 20]) }],
};

const RATING: RatingRead = {
  id: 'r-1',
  service_code: 'water',
  service_name: '用水报装',
  unit_code: 'u1',
  unit_name: '市发展和改革委员会',
  stars: 2,
  comment: '增容审批太慢，跑了三次',
  enterprise_name: '杭州闲林精密铸造有限公司',
  contact_phone: '139****5678',
  case_no: 'FK20261105-000090',
  created_at: '2026-11-05T09:00:00+08:00',
};

const SERVICES: RatedService[] = [
  { code: 'water', name: '用水报装', unit_code: 'u1', unit_name: '市发展和改革委员会', category_code: 'utilities.water', description: null, position: 1, active: true },
  { code: 'old_service', name: '旧事项', unit_code: 'u2', unit_name: '市市场监督管理局', category_code: 'other', description: null, position: 9, active: false },
];

/** Picks a node of an antd TreeSelect by its title. */
async function chooseTree(combobox: HTMLElement, title: string) {
  await userEvent.click(combobox);
  await userEvent.type(combobox, title);
  const node = await waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>('.ant-select-tree-node-content-wrapper')].find((el) => el.title === title);
    if (!found) throw new Error(`no tree node ${title}`);
    return found;
  });
  await userEvent.click(node);
}

function mockRatings(summary: () => Response = () => jsonResponse(200, SUMMARY)) {
  const summaries: Record<string, string>[] = [];
  const lists: Record<string, string>[] = [];
  const created: unknown[] = [];
  mockApi({
    'GET /api/feedback/v1/ratings/summary': (request) => {
      summaries.push(queryOf(request));
      return summary();
    },
    'GET /api/feedback/v1/ratings': (request) => {
      lists.push(queryOf(request));
      return jsonResponse(200, { items: [RATING], total: 1, page: 1, page_size: 20 });
    },
    'GET /api/feedback/v1/ratings/services': () => jsonResponse(200, SERVICES),
    'POST /api/feedback/v1/ratings/services': async (request) => {
      const body = await request.json();
      created.push(body);
      if (body.code === 'water') return jsonResponse(409, { status: 409, code: 'ratings.service_exists', title: '已存在', detail: '事项代码 water 已存在。' });
      return jsonResponse(201, { ...body, unit_name: '市发展和改革委员会', active: true });
    },
    'GET /api/auth/v1/units': () => jsonResponse(200, unitPage()),
    'GET /api/feedback/v1/categories': () => jsonResponse(200, categories),
  });
  return { summaries, lists, created };
}

function renderPage(user: Me, route = '/feedback/ratings') {
  return renderApp(
    <Routes>
      <Route path="/feedback/ratings" element={<RatingsPage me={user} />} />
    </Routes>,
    { route },
  );
}

describe('RatingsPage (营商环境我来评)', { timeout: 30_000 }, () => {
  it('summarises the year per service and unit with averages, distribution and the monthly trend', async () => {
    const { summaries } = mockRatings();
    renderPage(me('leader', ['leader']));
    expect(await screen.findByText('各事项（2）')).toBeInTheDocument();
    expect(summaries[0]).toEqual({ period: currentYear() });
    const water = screen.getByText('用水报装').closest('tr')!;
    expect(within(water).getByText('3.70')).toBeInTheDocument();
    expect(within(water).getByText('80.00%')).toBeInTheDocument();
    expect(within(water).getByRole('img', { name: /星级分布：1 星 2，2 星 0，3 星 1，4 星 3，5 星 4/ })).toBeInTheDocument();
    expect(document.querySelector('.fb2-trend [data-key="2026-10"]')).toHaveTextContent('20 条 · 4.50');
    expect(screen.getByText('各承办单位（1）')).toBeInTheDocument();

    // Leaders may narrow to one unit.
    await choose(screen.getByRole('combobox', { name: '承办单位' }), '市市场监管局');
    await waitFor(() => expect(summaries.at(-1)).toEqual({ period: currentYear(), unit: 'u2' }));
  });

  it('lists the low ratings that became cases, linking to them', async () => {
    const { lists } = mockRatings();
    renderPage(scjgUser(), '/feedback/ratings?tab=ratings&period=2026-Q4');
    const row = (await screen.findByText('增容审批太慢，跑了三次')).closest('tr')!;
    expect(lists[0]).toEqual({ period: '2026-Q4', has_case: 'true', page: '1', page_size: '20' });
    expect(within(row).getByRole('link', { name: 'FK20261105-000090' })).toHaveAttribute('href', '/feedback/cases/FK20261105-000090');
    expect(within(row).getByText('杭州闲林精密铸造有限公司 · 139****5678')).toBeInTheDocument();
    // A unit sees only its own services: no unit picker.
    expect(screen.queryByRole('combobox', { name: '承办单位' })).toBeNull();
    expect(screen.getByText('仅显示本单位承办事项的评价。')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('switch', { name: '只看转为诉求的评价' }));
    await waitFor(() => expect(lists.at(-1)).toEqual({ period: '2026-Q4', page: '1', page_size: '20' }));
  });

  it('lets the office add a service to the catalogue, validating the code and showing a duplicate', async () => {
    const { created } = mockRatings();
    renderPage(office(), '/feedback/ratings?tab=catalogue');
    expect(await screen.findByText('旧事项')).toBeInTheDocument();
    expect(screen.getByText('已停用')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /启\s*用/ })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /新增事项/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText('事项代码'), 'Water-2');
    await userEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('事项代码须以小写字母开头，只含小写字母、数字和下划线（2～40 位）')).toBeInTheDocument();
    expect(await within(dialog).findByText('请填写事项名称（2～100 字）')).toBeInTheDocument();
    expect(await within(dialog).findByText('请选择承办单位')).toBeInTheDocument();

    const code = within(dialog).getByLabelText('事项代码');
    await userEvent.clear(code);
    await userEvent.type(code, 'water');
    await userEvent.type(within(dialog).getByLabelText('事项名称'), '用水增容');
    await choose(within(dialog).getByRole('combobox', { name: '承办单位' }), '市发改委');
    await chooseTree(within(dialog).getByRole('combobox', { name: '诉求分类' }), '用水报装');
    await userEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('事项代码 water 已存在。')).toBeInTheDocument();

    await userEvent.clear(code);
    await userEvent.type(code, 'water_capacity');
    await userEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(created).toHaveLength(2));
    expect(created[1]).toEqual({ code: 'water_capacity', name: '用水增容', unit_code: 'u1', category_code: 'utilities.water', description: null, position: 0 });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows the catalogue read-only to units, and the problem when the summary fails', async () => {
    mockRatings(() => jsonResponse(403, { status: 403, code: 'forbidden', title: '无权访问', detail: '只能查看本单位承办事项的评价。' }));
    const view = renderPage(scjgUser());
    expect(await screen.findByText('只能查看本单位承办事项的评价。')).toBeInTheDocument();
    view.unmount();
    renderPage(scjgUser(), '/feedback/ratings?tab=catalogue');
    expect(await screen.findByText('旧事项')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /新增事项/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /停\s*用/ })).toBeNull();
  });
});
