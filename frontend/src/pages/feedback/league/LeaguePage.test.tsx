import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../../api/types';
import type { components } from '../../../api/schema/feedback';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { me, office, scjgUser } from '../../../test/fixtures';
import { queryOf } from '../testUtils';
import { LeaguePage } from './LeaguePage';
import { currentQuarter } from './periods';

type LeagueItem = components['schemas']['LeagueItem'];
const rate = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  value: denominator ? Math.round((10000 * numerator) / denominator) / 100 : null,
});

function item(name: string, overrides: Partial<LeagueItem> = {}): LeagueItem {
  return {
    rank: 1,
    ranked: true,
    note: null,
    unit_id: null,
    code: name,
    name,
    volume: 12,
    response: rate(2, 3),
    on_time_closure: rate(2, 2),
    one_time_resolution: rate(1, 2),
    satisfaction: rate(2, 3),
    reopen_count: 1,
    score: 71.67,
    deduction: 1,
    composite: 70.67,
    ...overrides,
  };
}

const CONFIG = {
  weights: { response: 20, on_time_closure: 30, one_time_resolution: 30, satisfaction: 20 },
  reopen_deduction: 1,
  reopen_deduction_cap: 10,
  min_cases: 5,
  updated_by: null,
  updated_at: null,
};

function table(kind: 'unit' | 'district', period: string) {
  const items =
    kind === 'unit'
      ? [
          item('市市场监管局'),
          item('市住建局', { rank: 2, composite: 65.5, score: 65.5, deduction: 0, reopen_count: 0 }),
          item('市园林文物局', { rank: null, ranked: false, volume: 2, note: '期内受理少于 5 件，不参与排名', composite: 90 }),
        ]
      : [item('西湖区')];
  return { period, kind, start: '2026-10-01T00:00:00+08:00', end: '2027-01-01T00:00:00+08:00', as_of: '2026-11-23T10:00:00+08:00', min_cases: 5, config: CONFIG, items, total: items.length };
}

function mockLeague(answer?: () => Response) {
  const queries: Record<string, string>[] = [];
  const puts: unknown[] = [];
  mockApi({
    'GET /api/feedback/v1/league-table': (request) => {
      const query = queryOf(request);
      queries.push(query);
      return answer?.() ?? jsonResponse(200, table(query.kind === 'district' ? 'district' : 'unit', query.period));
    },
    'PUT /api/feedback/v1/league-table/config': async (request) => {
      const body = await request.json();
      puts.push(body);
      return jsonResponse(200, { ...body, updated_by: 'office', updated_at: '2026-11-23T10:00:00+08:00' });
    },
  });
  return { queries, puts };
}

function renderPage(user: Me, route = '/feedback/league') {
  return renderApp(
    <Routes>
      <Route path="/feedback/league" element={<LeaguePage me={user} />} />
    </Routes>,
    { route },
  );
}

describe('LeaguePage (晾晒)', { timeout: 30_000 }, () => {
  it('ranks units on every measure with the composite, lists the unranked below with the minimum, and switches to districts', async () => {
    const { queries } = mockLeague();
    renderPage(scjgUser());
    const ranked = (await screen.findByText('参与排名（2）')).closest('.ant-card') as HTMLElement;
    expect(queries[0]).toEqual({ period: currentQuarter(), kind: 'unit' });
    const first = within(ranked).getByText('市市场监管局').closest('tr')!;
    for (const text of ['66.67%', '100.00%', '50.00%', '71.67', '−1.00', '70.67', '2/3', '1/2']) {
      expect(within(first).getAllByText(text).length).toBeGreaterThan(0);
    }
    expect(within(ranked).getByText('市住建局')).toBeInTheDocument();
    const unranked = screen.getByText('不参与排名（1）').closest('.ant-card') as HTMLElement;
    expect(within(unranked).getByText('市园林文物局')).toBeInTheDocument();
    expect(within(unranked).getByText('期内受理少于 5 件，或没有可计算的指标，不参与排名。')).toBeInTheDocument();
    expect(screen.getByTestId('league-weights')).toHaveTextContent('签收率 20');
    // Units read the table; only the office sets the weights.
    expect(screen.queryByRole('button', { name: /设置权重/ })).toBeNull();

    await userEvent.click(screen.getByText('按区县'));
    expect(await screen.findByText('西湖区')).toBeInTheDocument();
    expect(queries.at(-1)).toEqual({ period: currentQuarter(), kind: 'district' });
  });

  it('honours the period and as-of date from the URL', async () => {
    const { queries } = mockLeague();
    renderPage(me('leader', ['leader']), '/feedback/league?period=2026-Q3&as_of=2026-10-15');
    await screen.findByText('参与排名（2）');
    expect(queries[0]).toEqual({ period: '2026-Q3', kind: 'unit', as_of: '2026-10-15T23:59:59+08:00' });
    expect(screen.queryByRole('button', { name: /设置权重/ })).toBeNull();
  });

  it('lets the office change the weights after confirming', async () => {
    const { puts } = mockLeague();
    renderPage(office());
    await userEvent.click(await screen.findByRole('button', { name: /设置权重/ }));
    const dialog = await screen.findByRole('dialog');
    const weight = within(dialog).getByLabelText('满意率');
    await userEvent.clear(weight);
    await userEvent.type(weight, '40');
    const min = within(dialog).getByLabelText('参与排名最少受理件数');
    await userEvent.clear(min);
    await userEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('请填写 1～1000 的整数')).toBeInTheDocument();
    await userEvent.type(min, '3');
    await userEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('修改晾晒权重和规则？修改后所有期间的排名都会按新规则重新计算。')).toBeInTheDocument();
    await userEvent.click(screen.getAllByRole('button', { name: /确\s*定/ }).at(-1)!);
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]).toEqual({
      weights: { response: 20, on_time_closure: 30, one_time_resolution: 30, satisfaction: 40 },
      reopen_deduction: 1,
      reopen_deduction_cap: 10,
      min_cases: 3,
    });
  });

  it('shows the problem when the table cannot be computed', async () => {
    mockLeague(() => jsonResponse(422, { status: 422, code: 'validation_failed', title: '提交的内容有误', detail: '期间格式不正确。' }));
    renderPage(office());
    expect(await screen.findByText('期间格式不正确。')).toBeInTheDocument();
  });
});
