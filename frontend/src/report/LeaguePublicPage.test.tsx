import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { jsonResponse, mockApi } from '../test/render';
import { currentQuarter } from '../pages/feedback/league/periods';
import { LeaguePublicPage, publicPeriodLabel } from './LeaguePublicPage';
import { isLeaguePath, isRatePath, isTrackPath } from './route';

const row = (name: string, rank: number | null, composite: number | null, volume = 12) => ({
  rank,
  ranked: rank !== null,
  name,
  volume,
  response_rate: 98.5,
  on_time_closure_rate: 100,
  one_time_resolution_rate: 92.86,
  satisfaction_rate: null,
  reopen_count: 1,
  composite,
});

function table(period: string, kind: string) {
  const items = kind === 'district' ? [row('西湖区', 1, 88.2)] : [row('市市场监管局', 1, 95.67), row('市住建局', 2, 90.1), row('市园林文物局', null, 99, 2)];
  return {
    period,
    kind,
    as_of: '2026-11-23T10:00:00+08:00',
    min_cases: 5,
    weights: { response: 20, on_time_closure: 30, one_time_resolution: 30, satisfaction: 20 },
    items,
    total: items.length,
  };
}

function mockLeague(answer?: () => Response) {
  const queries: Record<string, string>[] = [];
  mockApi({
    'GET /api/feedback/v1/public/league-table': (request) => {
      const query = Object.fromEntries(new URL(request.url).searchParams);
      queries.push(query);
      return answer?.() ?? jsonResponse(200, table(query.period, query.kind));
    },
  });
  return queries;
}

beforeEach(() => window.history.replaceState(null, '', '/report/league'));

describe('LeaguePublicPage (public 晾晒)', () => {
  it('routes /report/rate and /report/league to their pages', () => {
    expect(isRatePath('/report/rate')).toBe(true);
    expect(isLeaguePath('/report/league/')).toBe(true);
    expect(isLeaguePath('/report')).toBe(false);
    expect(isTrackPath('/report/league')).toBe(false);
    expect(publicPeriodLabel('2026-Q3')).toBe('2026年第3季度');
    expect(publicPeriodLabel('2026-10')).toBe('2026年10月');
  });

  it('shows the ranked units with their rates and composite, the unranked below, and switches to districts', async () => {
    const user = userEvent.setup();
    const queries = mockLeague();
    render(<LeaguePublicPage />);
    const first = (await screen.findByText('市市场监管局')).closest('li') as HTMLElement;
    expect(queries[0]).toEqual({ period: currentQuarter(), kind: 'unit' });
    expect(within(first).getByLabelText('第 1 名')).toHaveTextContent('1');
    expect(within(first).getByText('98.50%')).toBeInTheDocument();
    expect(within(first).getByText('92.86%')).toBeInTheDocument();
    expect(within(first).getByText('—')).toBeInTheDocument();
    expect(within(first).getByText('95.67')).toBeInTheDocument();
    expect(within(first).getByText('受理 12 件 · 重办 1 次')).toBeInTheDocument();
    expect(screen.getByText('期内受理少于 5 件（或无可计算指标）的单位不参与排名。')).toBeInTheDocument();
    expect((screen.getByText('市园林文物局').closest('li') as HTMLElement).className).toContain('league-row-unranked');
    expect(screen.getByRole('link', { name: '晾晒榜' })).toHaveAttribute('aria-current', 'page');

    await user.click(screen.getByRole('radio', { name: '区县' }));
    expect(await screen.findByText('西湖区')).toBeInTheDocument();
    expect(queries.at(-1)).toEqual({ period: currentQuarter(), kind: 'district' });
    expect(window.location.search).toContain('kind=district');

    await user.selectOptions(screen.getByLabelText('期间'), `${currentQuarter().slice(0, 4)}`);
    await waitFor(() => expect(queries.at(-1)).toEqual({ period: currentQuarter().slice(0, 4), kind: 'district' }));
  });

  it('reads the period from a shared link and explains a failure', async () => {
    window.history.replaceState(null, '', '/report/league?period=2026-Q3');
    const queries = mockLeague(() => jsonResponse(429, { status: 429, title: '请求过于频繁', detail: '请求过于频繁，请稍后再试。' }));
    render(<LeaguePublicPage />);
    expect(await screen.findByText('请求过于频繁，请稍后再试。')).toBeInTheDocument();
    expect(queries[0]).toEqual({ period: '2026-Q3', kind: 'unit' });
  });
});
