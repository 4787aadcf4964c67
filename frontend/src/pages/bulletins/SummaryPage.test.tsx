import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { me } from '../../test/fixtures';
import { BulletinsRoutes } from './BulletinsRoutes';
import { PUBLISHED_ID, bulletinSummary, leagueTable, published } from './testData';

const leader = () => me('leader', ['leader']);
const innerWidth = window.innerWidth;

function mockSummary({ bulletins = true } = {}) {
  const queries: { path: string; query: Record<string, string> }[] = [];
  const record = (request: Request) => {
    const url = new URL(request.url);
    queries.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
  };
  mockApi({
    'GET /api/tasks/v1/league-table': (request) => {
      record(request);
      return jsonResponse(200, leagueTable());
    },
    'GET /api/tasks/v1/bulletins': (request) => {
      record(request);
      const items = bulletins ? [bulletinSummary({ id: PUBLISHED_ID, status: 'published', number: '杭营商改〔2026〕3号', issued_on: '2026-11-05' })] : [];
      return jsonResponse(200, { items, total: items.length, page: 1, page_size: 1 });
    },
    [`GET /api/tasks/v1/bulletins/${PUBLISHED_ID}`]: () => jsonResponse(200, published()),
  });
  return queries;
}

const renderArea = (route: string) =>
  renderApp(
    <Routes>
      <Route path="/bulletins/*" element={<BulletinsRoutes me={leader()} />} />
    </Routes>,
    { route },
  );

describe('SummaryPage', { timeout: 30_000 }, () => {
  // A 390 px phone: antd's breakpoints (matchMedia in the test setup) follow window.innerWidth.
  beforeEach(() => {
    window.innerWidth = 390;
  });
  afterEach(() => {
    window.innerWidth = innerWidth;
  });

  it('lands a leader opening 通报 on the summary: 优生 and 差生 as cards, the ranking and the latest bulletin', async () => {
    const queries = mockSummary();
    renderArea('/bulletins?period=2026-10');

    const best = await screen.findByText('市发改委', { selector: '.sum-card-name' });
    expect(screen.getByRole('tab', { name: '领导一览' })).toHaveAttribute('aria-selected', 'true');
    expect(queries.find((q) => q.path.endsWith('/league-table'))?.query).toEqual({ period: '2026-10' });
    expect(queries.find((q) => q.path.endsWith('/bulletins'))?.query).toEqual({ status: 'published', page: '1', page_size: '1' });

    expect(best.closest('.sum-card')).toHaveClass('sum-card-best');
    expect(within(best.closest('.sum-card') as HTMLElement).getByText('96.67')).toBeInTheDocument();
    const worst = screen.getByText('西湖区', { selector: '.sum-card-name' });
    expect(worst.closest('.sum-card')).toHaveClass('sum-card-worst');
    expect(screen.getByText('2026年10月单位晾晒')).toBeInTheDocument();

    // The compact ranking: rank, unit, score; the unranked last with 条目不足.
    const rows = [...document.querySelectorAll<HTMLElement>('.sum-list .sum-row')];
    expect(rows.map((row) => row.textContent)).toEqual(['1市发改委96.67', '2市市场监管局80.00', '3西湖区61.90', '—市检察院条目不足']);
    expect(rows.map((row) => row.dataset.state)).toEqual(['best', 'ranked', 'worst', 'unranked']);
    // No wide table on a phone.
    expect(document.querySelector('.summary-page table')).toBeNull();

    // The latest published bulletin: 文号, date, headline figures and downloads.
    const card = document.querySelector<HTMLElement>('.sum-bulletin')!;
    expect(await within(card).findByText('杭营商改〔2026〕3号')).toBeInTheDocument();
    expect(within(card).getByText(/2026-11-05 印发/)).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: /关于2026年10月/ })).toHaveAttribute('href', `/bulletins/${PUBLISHED_ID}`);
    expect(card.querySelector('[data-tone=bad] .sum-figure-value')).toHaveTextContent('2');
    expect(within(card).getByRole('button', { name: '下载公文（Word）' })).toBeInTheDocument();
  });

  it('says so when nothing has been published and nobody can be named', async () => {
    mockApi({
      'GET /api/tasks/v1/league-table': () =>
        jsonResponse(200, leagueTable({ rows: leagueTable().rows.map((row) => ({ ...row, ranked: false, rank: null, honour: null })), best: [], worst: [] })),
      'GET /api/tasks/v1/bulletins': () => jsonResponse(200, { items: [], total: 0, page: 1, page_size: 1 }),
    });
    renderArea('/bulletins/summary?period=2026-10');
    expect(await screen.findAllByText('本期参与排名的单位不足，暂不评优差')).toHaveLength(2);
    expect(await screen.findByText('还没有发布过通报')).toBeInTheDocument();
  });

  it('shows a load error for the league table', async () => {
    mockApi({
      'GET /api/tasks/v1/league-table': () => jsonResponse(404, { title: '未找到', status: 404, detail: '2031 年没有年度计划。' }),
      'GET /api/tasks/v1/bulletins': () => jsonResponse(200, { items: [], total: 0, page: 1, page_size: 1 }),
    });
    renderArea('/bulletins/summary?period=2031');
    expect(await screen.findByText('2031 年没有年度计划。')).toBeInTheDocument();
  });
});
