import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { FGW } from '../../../test/fixtures';
import { XIHU, pickOptions, practiceBrief, selectOf, unitsPage } from '../pilots/testFixtures';
import { PracticesPage } from './PracticesPage';

const DESKTOP_WIDTH = window.innerWidth;
afterEach(() => {
  Object.defineProperty(window, 'innerWidth', { configurable: true, writable: true, value: DESKTOP_WIDTH });
});

function setup(route = '/supervision/practices', items = [practiceBrief(), practiceBrief({ id: 'bp2', code: 'AL-2026-002', task_code: '2026-ZW-003', title: '涉企证明事项告知承诺制', adoption_count: 0 })]) {
  const queries: Record<string, string>[] = [];
  mockApi({
    'GET /api/auth/v1/units': () => jsonResponse(200, unitsPage()),
    'GET /api/tasks/v1/best-practices': (request) => {
      queries.push(Object.fromEntries(new URL(request.url).searchParams));
      return jsonResponse(200, { items, total: items.length, page: 1, page_size: 20 });
    },
  });
  renderApp(<PracticesPage />, { route });
  return queries;
}

// Form-filling tests click through several antd widgets; on a shared, loaded machine 5 s is too tight.
describe('PracticesPage', { timeout: 20_000 }, () => {
  it('lists the cases with their unit, source task and adoption count', async () => {
    const queries = setup('/supervision/practices?as_of=2026-11-22');
    const row = (await screen.findByText('市场准入负面清单区县试点经验')).closest('tr') as HTMLElement;
    expect(within(row).getByRole('link', { name: 'AL-2026-001' })).toHaveAttribute('href', '/supervision/practices/AL-2026-001?as_of=2026-11-22');
    expect(within(row).getByRole('link', { name: '2026-SC-051' })).toHaveAttribute('href', '/tasks/2026-SC-051?as_of=2026-11-22');
    expect(within(row).getByText('市发改委')).toBeInTheDocument();
    expect(within(row).getByText('2026-11-10')).toBeInTheDocument();
    expect(within(row).getByText('1 个单位采用')).toBeInTheDocument();
    expect(screen.getByText('0 个单位采用')).toBeInTheDocument();
    expect(queries[0]).toEqual({ page: '1', page_size: '20', as_of: '2026-11-22' });
  });

  it('filters by owning unit, adopting unit and text', async () => {
    const queries = setup();
    await screen.findByText('市场准入负面清单区县试点经验');
    const filters = document.querySelector<HTMLElement>('.practice-filters')!;
    await pickOptions(selectOf('案例所属单位', filters), '市发改委');
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ unit_id: FGW.id }));
    await pickOptions(selectOf('已采用单位', filters), '西湖区');
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ unit_id: FGW.id, adopted_by: XIHU.id }));
    await userEvent.type(screen.getByPlaceholderText('搜索案例名称、摘要、编号'), '准入{Enter}');
    await waitFor(() => expect(queries.at(-1)).toEqual({ unit_id: FGW.id, adopted_by: XIHU.id, q: '准入', page: '1', page_size: '20' }));
  });

  it('says when no case matches', async () => {
    setup('/supervision/practices?q=无此案例', []);
    expect(await screen.findByText('没有符合条件的案例')).toBeInTheDocument();
  });

  it('shows cards on a phone', async () => {
    Object.defineProperty(window, 'innerWidth', { configurable: true, writable: true, value: 390 });
    setup();
    const card = (await screen.findByText('市场准入负面清单区县试点经验')).closest('.practice-card') as HTMLElement;
    expect(within(card).getByText('1 个单位采用')).toBeInTheDocument();
    expect(document.querySelector('.practice-table')).toBeNull();
  });
});
