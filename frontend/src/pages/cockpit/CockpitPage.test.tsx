import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Me } from '../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { me } from '../../test/fixtures';
import { PUBLISHED_ID } from '../bulletins/testData';
import { CockpitPage } from './CockpitPage';
import type { MonthMetrics } from './hooks';
import { cockpitRoutes, unavailable } from './testData';

// ECharts does not draw in jsdom: the chart shows what it was given instead.
vi.mock('./charts', () => ({
  FeedbackTrendChart: ({ months, compact, labels }: { months: MonthMetrics[]; compact: boolean; labels: { month: (month: string) => string } }) => (
    <div data-testid="trend-chart" data-compact={compact}>
      {months.map((m) => `${labels.month(m.month)}:${m.received}/${m.closed}`).join(',')}
    </div>
  ),
}));

const leader = () => me('leader', ['leader']);
const groupLead = () => me('group', ['group_lead']);
const innerWidth = window.innerWidth;

/** Stubs the three services (overrides break some of them) and records every call's path and query. */
function stub(overrides: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  const routes = { ...cockpitRoutes(), ...overrides };
  const calls: { path: string; query: Record<string, string> }[] = [];
  const recorded = Object.fromEntries(
    Object.keys(routes).map((key) => [
      key,
      (request: Request) => {
        const url = new URL(request.url);
        calls.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
        return routes[key](request);
      },
    ]),
  );
  mockApi(recorded);
  return { routes, calls };
}

const renderCockpit = (user: Me = leader(), route = '/cockpit?as_of=2026-11-23') => renderApp(<CockpitPage me={user} />, { route });

const panel = (name: string) => document.querySelector<HTMLElement>(`.ck-panel.ck-${name}`)!;
const group = (name: string) => document.querySelector<HTMLElement>(`.ck-group[data-group=${name}]`)!;
const waitReady = (...names: string[]) =>
  waitFor(() => expect(names.map((name) => panel(name).dataset.state)).toEqual(names.map(() => 'ready')));

const ALL = ['tasks', 'worst', 'national', 'provincial', 'strengths', 'rates', 'clusters', 'trend', 'bulletin'];

describe('CockpitPage', { timeout: 30_000 }, () => {
  afterEach(() => {
    window.innerWidth = innerWidth;
  });

  it('shows every panel from the three services for the chosen statistics date', async () => {
    const { calls } = stub();
    renderCockpit();
    await waitReady(...ALL);

    // Each service is asked for the date's year and quarter.
    const tasks = calls.filter((call) => call.path === '/api/tasks/v1/tasks').map((call) => call.query);
    expect(tasks.map((query) => query.status).sort()).toEqual(['completed', 'in_progress', 'not_started', 'ongoing']);
    expect(tasks[0]).toMatchObject({ year: '2026', as_of: '2026-11-23', page_size: '1' });
    expect(calls.find((call) => call.path.endsWith('/league-table'))?.query).toEqual({ period: '2026-Q4', as_of: '2026-11-23' });
    expect(calls.find((call) => call.path.endsWith('/metrics/summary'))?.query).toEqual({ period: '2026-Q4' });
    expect(calls.find((call) => call.path.endsWith('/metrics/trend'))?.query).toEqual({ year: '2026' });
    expect(calls.filter((call) => call.path.endsWith('/clusters')).map((call) => call.query.status).sort()).toEqual(['confirmed', 'suggested']);
    expect(calls.find((call) => call.path.endsWith('/clusters'))?.query).toMatchObject({ period: '2026', page_size: '200' });
    expect(calls.find((call) => call.path === '/api/tasks/v1/bulletins')?.query).toEqual({ status: 'published', page: '1', page_size: '1' });
    expect(calls.find((call) => call.path.endsWith('/national/overview'))?.query).toEqual({ period: '2025' });
    expect(calls.find((call) => call.path.endsWith('/provincial/overview'))?.query).toEqual({ period: '2026-Q3' });

    // 任务推进: totals by status, red and yellow (linked to the ledger filtered the same way), 差生 worst first.
    const tasksPanel = panel('tasks');
    expect(within(tasksPanel).getByText('2026年度任务推进')).toBeInTheDocument();
    expect(tasksPanel.querySelector('[data-figure=total] .ck-figure-value')).toHaveTextContent('305');
    expect(tasksPanel.querySelector('[data-figure=red] .ck-figure-value')).toHaveTextContent('22');
    expect(tasksPanel.querySelector('[data-figure=yellow] .ck-figure-value')).toHaveTextContent('47');
    expect(tasksPanel.querySelector('[data-figure=red] a')).toHaveAttribute('href', '/tasks?year=2026&warning=red&as_of=2026-11-23');
    expect([...tasksPanel.querySelectorAll('.ck-status-legend li')].map((li) => li.textContent)).toEqual(['未启动3', '推进中103', '已完成163', '持续推进36']);
    expect(within(tasksPanel).getByRole('link', { name: /推进中/ })).toHaveAttribute('href', '/tasks?year=2026&status=in_progress&as_of=2026-11-23');
    expect(within(tasksPanel).getByText('预警按 2026-11-23 计算')).toBeInTheDocument();
    const worst = panel('worst');
    expect(within(worst).getByText('2026年第四季度差生单位')).toBeInTheDocument();
    expect([...worst.querySelectorAll<HTMLElement>('.ck-row')].map((li) => li.dataset.unit)).toEqual(['西湖区', '市市场监管局']);
    expect(within(worst).getByText('红牌 7 · 黄牌 16')).toBeInTheDocument();
    expect(within(worst).getByRole('link', { name: /查看晾晒排名/ })).toHaveAttribute('href', '/bulletins/league?period=2026-Q4&as_of=2026-11-23');

    // 指标对标: 国评 rank on the 保五争四冲三 ladder, the provincial position, 长板 best first and 短板 worst first.
    const national = panel('national');
    expect(national.querySelector('.ladder-rank-number')).toHaveAttribute('data-rank', '5');
    expect(within(national).getByText('总体名次 · 保五争四冲三')).toBeInTheDocument();
    expect(within(national).getAllByText('保五守住').length).toBeGreaterThan(0);
    const provincial = panel('provincial');
    expect(within(provincial).getByText('2 / 3 项位列全省前三')).toBeInTheDocument();
    const sl01 = provincial.querySelector<HTMLElement>('[data-code=SL-01]')!;
    expect(sl01).toHaveTextContent('第 1 名 / 11');
    expect(sl01).toHaveTextContent('冲一达成');
    expect(within(sl01).getByRole('link', { name: '无感监测营商指数' })).toHaveAttribute('href', '/indicators/SL-01?period=2026-Q3');
    const codes = (kind: string) => [...panel('strengths').querySelectorAll<HTMLElement>(`[data-class=${kind}] .ck-row`)].map((li) => li.dataset.code);
    expect(codes('strength')).toEqual(['GP-02', 'GP-13']);
    expect(codes('weakness')).toEqual(['GP-09', 'GP-15']);

    // 企业诉求: the quarter's three rates with what they count, the year's trend, the largest open clusters first.
    const rates = panel('rates');
    expect(rates.querySelector('[data-rate=one_time_resolution]')).toHaveTextContent('92.86%一次性化解率13 / 14');
    expect(rates.querySelector('[data-rate=satisfaction]')).toHaveTextContent('87.5%满意率14 / 16');
    expect(rates.querySelector('[data-rate=on_time_closure]')).toHaveTextContent('—按期办结率本期暂无');
    expect(within(panel('trend')).getByText('全年受理 79 件，办结 47 件')).toBeInTheDocument();
    expect(await screen.findByTestId('trend-chart')).toHaveTextContent('9月:11/10,10月:14/11,11月:28/3');
    const clusters = [...panel('clusters').querySelectorAll<HTMLElement>('.ck-row')];
    expect(clusters.map((li) => li.dataset.code)).toEqual(['LA-2026-0004', 'LA-2026-0005', 'LA-2026-0009', 'LA-2026-0002']);
    expect(clusters[0]).toHaveTextContent('6 件');
    expect(clusters[0]).toHaveTextContent('已转任务 2026-ZW-031');
    expect(clusters[0]).toHaveTextContent('4 个区县 · 3 个单位');
    expect(within(clusters[1]).getByRole('link', { name: '投标保证金退还超时' })).toHaveAttribute('href', '/feedback/clusters/LA-2026-0005');

    // 最新通报: 文号, title linked, headline figures.
    const bulletin = panel('bulletin');
    expect(within(bulletin).getByText('2026年10月通报')).toBeInTheDocument();
    expect(within(bulletin).getByText('杭营商改〔2026〕3号')).toBeInTheDocument();
    expect(within(bulletin).getByRole('link', { name: /关于2026年10月/ })).toHaveAttribute('href', `/bulletins/${PUBLISHED_ID}`);
    expect(bulletin.querySelector('[data-figure=red] .ck-figure-value')).toHaveTextContent('2');
    expect(bulletin.querySelector('[data-honour=worst]')).toHaveTextContent('差生：西湖区');

    // Read-only: the cockpit offers no action besides the date (and clearing it), refresh and links.
    const buttons = screen.getAllByRole('button').filter((button) => !button.classList.contains('ant-picker-clear'));
    expect(buttons.map((button) => button.textContent?.replace(/\s/g, ''))).toEqual(['刷新全部']);
  });

  it('says 企业诉求服务暂不可用 on the feedback panels when feedback-api is down, keeps the rest, and recovers on retry', async () => {
    const down = unavailable('企业诉求服务', 'feedback');
    const { routes } = stub({
      'GET /api/feedback/v1/metrics/summary': down,
      'GET /api/feedback/v1/metrics/trend': down,
      'GET /api/feedback/v1/clusters': down,
    });
    renderCockpit();
    await waitFor(() => expect(['rates', 'trend', 'clusters'].map((name) => panel(name).dataset.state)).toEqual(['down', 'down', 'down']));
    await waitReady('tasks', 'worst', 'national', 'provincial', 'strengths', 'bulletin');

    expect(within(group('feedback')).getAllByText('企业诉求服务暂不可用')).toHaveLength(3);
    expect(within(group('feedback')).getAllByText(/驾驶舱其他部分不受影响/)).toHaveLength(3);
    expect(screen.queryByText('任务台账服务暂不可用')).toBeNull();
    expect(panel('tasks').querySelector('[data-figure=total]')).toHaveTextContent('305');
    expect(panel('national').querySelector('.ladder-rank-number')).toHaveAttribute('data-rank', '5');
    expect(within(panel('bulletin')).getByText('杭营商改〔2026〕3号')).toBeInTheDocument();

    // The service is back: 重试 reloads that panel only.
    routes['GET /api/feedback/v1/metrics/summary'] = cockpitRoutes()['GET /api/feedback/v1/metrics/summary'];
    await userEvent.click(within(panel('rates')).getByRole('button', { name: /重试/ }));
    await waitReady('rates');
    expect(panel('rates').querySelector('[data-rate=satisfaction]')).toHaveTextContent('87.5%');
    expect(panel('trend').dataset.state).toBe('down');
  });

  it('takes only the task, 差生 and bulletin panels down when tasks-api fails with 500', async () => {
    const error = () => jsonResponse(500, { title: '服务器内部错误', status: 500, detail: '服务暂时出现问题，请稍后重试。' });
    stub({
      'GET /api/tasks/v1/tasks': error,
      'GET /api/tasks/v1/league-table': error,
      'GET /api/tasks/v1/bulletins': error,
    });
    renderCockpit();
    await waitFor(() => expect(['tasks', 'worst', 'bulletin'].map((name) => panel(name).dataset.state)).toEqual(['down', 'down', 'down']));
    await waitReady('national', 'provincial', 'strengths', 'rates', 'clusters', 'trend');
    expect(screen.getAllByText('任务台账服务暂不可用')).toHaveLength(3);
    expect(within(panel('rates')).getByText('92.86%')).toBeInTheDocument();
  });

  it('says 指标对标服务暂不可用 when indicators-api does not answer at all', async () => {
    const refused = () => {
      throw new TypeError('Failed to fetch');
    };
    stub({
      'GET /api/indicators/v1/frameworks': refused,
      'GET /api/indicators/v1/indicators': refused,
      'GET /api/indicators/v1/frameworks/national/overview': refused,
      'GET /api/indicators/v1/frameworks/provincial/overview': refused,
    });
    renderCockpit();
    await waitFor(() => expect(['national', 'provincial', 'strengths'].map((name) => panel(name).dataset.state)).toEqual(['down', 'down', 'down']));
    await waitReady('tasks', 'worst', 'rates', 'clusters', 'trend', 'bulletin');
    expect(within(group('indicators')).getAllByText('指标对标服务暂不可用')).toHaveLength(3);
  });

  it("shows the API's own message when a request is refused rather than the service being down", async () => {
    stub({
      'GET /api/tasks/v1/league-table': () =>
        jsonResponse(422, { title: '提交的内容有误', status: 422, detail: '统计日期早于统计期间，无法计算排名。', errors: [] }),
    });
    renderCockpit();
    await waitFor(() => expect(panel('worst').dataset.state).toBe('error'));
    expect(within(panel('worst')).getByText('数据加载失败')).toBeInTheDocument();
    expect(within(panel('worst')).getByText('统计日期早于统计期间，无法计算排名。')).toBeInTheDocument();
    expect(within(panel('worst')).getByRole('button', { name: /重试/ })).toBeInTheDocument();
    expect(screen.queryByText(/暂不可用/)).toBeNull();
  });

  it('links a special group only into the areas its menu opens (no 企业诉求)', async () => {
    stub();
    renderCockpit(groupLead());
    await waitReady(...ALL);
    const clusters = panel('clusters');
    expect(within(clusters).getByText('投标保证金退还超时')).toBeInTheDocument();
    expect(within(clusters).queryByRole('link')).toBeNull();
    expect(within(panel('rates')).queryByRole('link')).toBeNull();
    expect(within(panel('tasks')).getByRole('link', { name: /打开任务台账/ })).toHaveAttribute('href', '/tasks?year=2026&as_of=2026-11-23');
    expect(within(panel('bulletin')).getByRole('link', { name: /关于2026年10月/ })).toBeInTheDocument();
  });

  it('on a 390 px phone stacks the panels and reloads for a newly chosen statistics date', async () => {
    window.innerWidth = 390;
    const { calls } = stub();
    renderCockpit();
    await waitReady(...ALL);
    expect(await screen.findByTestId('trend-chart')).toHaveAttribute('data-compact', 'true');
    expect(document.querySelector('.cockpit-page table')).toBeNull();

    const picker = screen.getByLabelText('统计日期');
    await userEvent.click(picker);
    await userEvent.clear(picker);
    await userEvent.type(picker, '2026-09-30{enter}');
    expect(await screen.findByText('2026年第三季度差生单位')).toBeInTheDocument();
    await waitFor(() =>
      expect(calls.filter((call) => call.path === '/api/tasks/v1/tasks').some((call) => call.query.as_of === '2026-09-30')).toBe(true),
    );
    expect(calls.filter((call) => call.path.endsWith('/league-table')).at(-1)?.query).toEqual({ period: '2026-Q3', as_of: '2026-09-30' });
    expect(calls.filter((call) => call.path.endsWith('/metrics/summary')).at(-1)?.query).toEqual({ period: '2026-Q3' });
    expect(screen.getByText('任务预警与单位晾晒按 2026-09-30 计算；季度指标取 2026年第三季度')).toBeInTheDocument();
  });

  it('says so when a year has no tasks, no open clusters, no cases and no bulletin', async () => {
    stub({
      'GET /api/tasks/v1/tasks': () => jsonResponse(200, { items: [], total: 0, page: 1, page_size: 1, as_of: '2027-01-05', counts: {}, calendar_notices: [] }),
      'GET /api/tasks/v1/bulletins': () => jsonResponse(200, { items: [], total: 0, page: 1, page_size: 1 }),
      'GET /api/feedback/v1/clusters': () => jsonResponse(200, { items: [], total: 0, page: 1, page_size: 200 }),
      'GET /api/feedback/v1/metrics/trend': () =>
        jsonResponse(200, { year: 2027, received: 0, closed: 0, district: null, unit: null, months: [], one_time_resolution: { numerator: 0, denominator: 0, value: null }, satisfaction: { numerator: 0, denominator: 0, value: null }, on_time_closure: { numerator: 0, denominator: 0, value: null } }),
    });
    renderCockpit(leader(), '/cockpit?as_of=2027-01-05');
    expect(await screen.findByText('2027年度还没有任务')).toBeInTheDocument();
    expect(await screen.findByText('暂无待解决的类案')).toBeInTheDocument();
    expect(await screen.findByText('2027年暂无诉求')).toBeInTheDocument();
    expect(await screen.findByText('还没有发布过通报')).toBeInTheDocument();
  });
});
