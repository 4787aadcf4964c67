import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import type { LeaderboardItem } from '../../api/types';
import { ProvincialPage } from './ProvincialPage';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { me } from '../../test/fixtures';
import { SL01, leaderboard } from '../../test/indicatorFixtures';

vi.mock('../../indicators/charts', () => ({
  TrendChart: () => null,
  PeerBarChart: ({ items }: { items: LeaderboardItem[] }) => (
    <div data-testid="peer-chart">{items.map((i) => `${i.region_name}${i.served ? '*' : ''}`).join(',')}</div>
  ),
}));

describe('ProvincialPage', () => {
  it('ranks the 11 Zhejiang cities on the chosen SL indicator, 杭州 highlighted, ties equal', async () => {
    const boards: string[] = [];
    mockApi({
      'GET /api/indicators/v1/indicators': () => jsonResponse(200, [SL01]),
      'GET /api/indicators/v1/indicators/SL-01/trend': () =>
        jsonResponse(200, ['2025', '2026-Q1', '2026-Q2', '2026-Q3'].map((period) => ({ period, value: 87, rank: 1, of: 11 }))),
      'GET /api/indicators/v1/indicators/SL-01/leaderboard': (request) => {
        boards.push(new URL(request.url).searchParams.toString());
        return jsonResponse(200, leaderboard());
      },
    });
    renderApp(<ProvincialPage me={me('leader', ['leader'])} />, { route: '/indicators/provincial?indicator=SL-01&period=2026-Q3' });

    expect(await screen.findByText('无感监测营商指数 · 2026年第三季度 · 11 市')).toBeInTheDocument();
    expect(boards).toEqual(['period=2026-Q3&region_set=zhejiang']);
    const rows = [...document.querySelectorAll<HTMLElement>('.leaderboard-table tbody tr.ant-table-row')];
    expect(rows).toHaveLength(11);
    expect(rows[0]).toHaveClass('lb-row-served');
    expect(rows[0]).toHaveTextContent('杭州市本市');
    expect(rows.map((r) => r.querySelector('.lb-rank')!.getAttribute('data-rank'))).toEqual(['1', '2', '3', '3', '5', '6', '7', '8', '9', '10', '11']);
    expect(screen.getByText('示例数据：以下为合成演示数据，并非官方公布结果')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('peer-chart')).toHaveTextContent(/^杭州市\*,宁波市/));
    // The provincial targets 3/2/1: 冲一达成.
    expect(document.querySelector('.status-card')).toHaveTextContent('冲一达成');
    // Leaders read; they get no data-entry section.
    expect(screen.queryByRole('tab', { name: '数据录入与审核' })).not.toBeInTheDocument();
  });
});
