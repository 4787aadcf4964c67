import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OverviewPage } from './OverviewPage';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { office } from '../../test/fixtures';
import { GP00, GP07, NATIONAL, PROVINCIAL, SL01, overview, row } from '../../test/indicatorFixtures';

function mockOverview(body = overview()) {
  const overviewQueries: string[] = [];
  mockApi({
    'GET /api/indicators/v1/frameworks': () => jsonResponse(200, [PROVINCIAL, NATIONAL]),
    'GET /api/indicators/v1/regions': () => jsonResponse(200, [{ code: '310000', name: '上海市', province: '上海市' }]),
    'GET /api/indicators/v1/indicators': (request) =>
      jsonResponse(200, new URL(request.url).searchParams.get('framework') === 'provincial' ? [SL01] : [GP00, GP07]),
    'GET /api/indicators/v1/indicators/GP-00/trend': () =>
      jsonResponse(200, ['2023', '2024', '2025'].map((period, i) => ({ period, value: 66 + i, rank: 5, of: 16 }))),
    'GET /api/indicators/v1/indicators/SL-01/trend': () => jsonResponse(200, [{ period: '2026-Q3', value: 87.78, rank: 1, of: 11 }]),
    'GET /api/indicators/v1/frameworks/national/overview': (request) => {
      overviewQueries.push(`national ${new URL(request.url).searchParams.get('period')}`);
      return jsonResponse(200, body);
    },
    'GET /api/indicators/v1/frameworks/provincial/overview': (request) => {
      overviewQueries.push(`provincial ${new URL(request.url).searchParams.get('period')}`);
      return jsonResponse(200, overview({ framework: 'provincial', overall: null, advantage: [], first_level: 1, top10: 1, indicators: [row({ code: 'SL-01', name: '无感监测营商指数', of: 11, advantage: false })] }));
    },
  });
  return overviewQueries;
}

describe('OverviewPage', () => {
  it('opens the national evaluation for 2025: synthetic banner, 保五争四冲三 ladder, top ten count, advantage indicators', async () => {
    const queries = mockOverview();
    renderApp(<OverviewPage me={office()} />, { route: '/indicators' });

    expect(await screen.findByText('示例数据：以下为合成演示数据，并非官方公布结果')).toBeInTheDocument();
    expect(queries).toEqual(['national 2025']);
    expect(screen.getByRole('button', { name: /导出数据/ })).toBeInTheDocument();
    const ladder = document.querySelector<HTMLElement>('.tier-ladder')!;
    expect(within(ladder).getByText('保五守住')).toBeInTheDocument();
    expect(ladder.querySelector('.ladder-rank-number')).toHaveAttribute('data-rank', '5');
    expect(screen.getByText('14 / 18 项进入全国前十')).toBeInTheDocument();

    const advantage = document.querySelector<HTMLElement>('.advantage-card')!;
    expect([...advantage.querySelectorAll('.advantage-item')].map((a) => a.getAttribute('data-code'))).toEqual(['GP-02', 'GP-07']);
    expect(within(advantage).getAllByText('第 1 名')).toHaveLength(2);

    // The indicator rows: value + unit, rank/of, tier, signed gap, strength tag, trend; rows link to the indicator.
    const table = document.querySelector<HTMLElement>('.overview-table')!;
    const weak = within(table).getByText('获得信贷').closest('tr')!;
    expect(weak).toHaveTextContent('81.32 分');
    expect(weak).toHaveTextContent('12 / 16');
    expect(within(weak).getByText('未保五')).toBeInTheDocument();
    expect(within(weak).getByText('+2.07 分')).toBeInTheDocument();
    expect(within(weak).getByText('短板')).toBeInTheDocument();
    expect(within(weak).getByRole('img', { name: '下降' })).toBeInTheDocument();
    const water = within(table).getByText('获得用水用气');
    expect(water.closest('a')).toHaveAttribute('href', '/indicators/GP-07?period=2025');
    expect(within(water.closest('tr')!).getByText('−0.53 分')).toBeInTheDocument();
    // Periods come from the trend of the overall indicator.
    expect(screen.getByRole('combobox', { name: '期间' })).toBeInTheDocument();
  });

  it('shows no banner when the data are not synthetic', async () => {
    mockOverview(overview({ synthetic: false }));
    renderApp(<OverviewPage me={office()} />, { route: '/indicators?framework=national&period=2024' });

    expect(await screen.findByText('14 / 18 项进入全国前十')).toBeInTheDocument();
    expect(screen.queryByText(/示例数据/)).not.toBeInTheDocument();
  });

  it('switches framework and opens it on its own default period', async () => {
    const queries = mockOverview();
    renderApp(<OverviewPage me={office()} />, { route: '/indicators' });
    await screen.findByText('14 / 18 项进入全国前十');

    await userEvent.click(screen.getByText('省晾晒'));
    await waitFor(() => expect(queries).toContain('provincial 2026-Q3'));
    expect(await screen.findByText('1 / 1 项位列全省前三')).toBeInTheDocument();
    // No overall composite in the provincial table: no ladder.
    expect(document.querySelector('.tier-ladder')).toBeNull();
  });
});
