import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Me } from '../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { office, scjgUser } from '../../test/fixtures';
import { LeaguePage } from './LeaguePage';
import { leagueTable, settingsRead } from './testData';

function mockLeague(extra: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  const queries: Record<string, string>[] = [];
  mockApi({
    'GET /api/tasks/v1/league-table': (request) => {
      queries.push(Object.fromEntries(new URL(request.url).searchParams));
      return jsonResponse(200, leagueTable());
    },
    'GET /api/tasks/v1/league-table/settings': () => jsonResponse(200, settingsRead()),
    ...extra,
  });
  return queries;
}

const renderLeague = (me: Me, route = '/bulletins/league?period=2026-10&as_of=2026-10-31') => renderApp(<LeaguePage me={me} />, { route });

async function leagueRows() {
  return waitFor(() => {
    const rows = [...document.querySelectorAll<HTMLElement>('.bl-league .bl-league-row')];
    if (!rows.length) throw new Error('no rows yet');
    return rows;
  });
}

describe('LeaguePage', { timeout: 30_000 }, () => {
  it('ranks the units for the period and date, names 优生 and 差生 and greys the unranked', async () => {
    const queries = mockLeague();
    renderLeague(scjgUser());
    const rows = await leagueRows();
    expect(queries[0]).toEqual({ period: '2026-10', as_of: '2026-10-31' });
    expect(rows.map((row) => row.dataset.state)).toEqual(['best', 'ranked', 'worst', 'unranked']);
    expect(rows[0]).toHaveClass('bl-row-best');
    expect(within(rows[0]).getByText('市发改委')).toBeInTheDocument();
    expect(within(rows[0]).getByText('96.67')).toBeInTheDocument();
    expect(within(rows[0]).getByText('优生')).toBeInTheDocument();
    expect(within(rows[2]).getByText('差生')).toBeInTheDocument();
    expect(within(rows[2]).getByText('61.90')).toBeInTheDocument();
    expect(rows[2].querySelector('[data-kind=red]')).toHaveTextContent('2');
    expect(within(rows[3]).getByText('条目不足')).toBeInTheDocument();
    expect(within(rows[3]).getAllByText('—').length).toBeGreaterThan(0);
    expect(screen.getByText(/统计 2026-10-01 至 2026-10-31（统计日期 2026-10-31）/)).toBeInTheDocument();
    expect(document.querySelector('[data-honour=best]')).toHaveTextContent('优生市发改委');
    expect(document.querySelector('[data-honour=worst]')).toHaveTextContent('差生西湖区');
    // Units read the settings in force but cannot change them.
    expect(screen.getByText(/节点按时率 40 分/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /晾晒设置/ })).not.toBeInTheDocument();
  });

  it('shows the API\'s reason when the date is before the period', async () => {
    mockApi({
      'GET /api/tasks/v1/league-table': () =>
        jsonResponse(422, {
          title: '统计日期有误',
          status: 422,
          code: 'league.as_of_before_period',
          detail: '2026年10月自 2026-10-01 开始，统计日期 2026-09-30 早于该期间。',
        }),
    });
    renderLeague(scjgUser(), '/bulletins/league?period=2026-10&as_of=2026-09-30');
    expect(await screen.findByText('2026年10月自 2026-10-01 开始，统计日期 2026-09-30 早于该期间。')).toBeInTheDocument();
  });

  it('lets the office change the settings, checking the 文号 format and the weights first', async () => {
    const puts: { query: Record<string, string>; body: unknown }[] = [];
    mockLeague({
      'PUT /api/tasks/v1/league-table/settings': async (request) => {
        const body = await request.json();
        puts.push({ query: Object.fromEntries(new URL(request.url).searchParams), body });
        return jsonResponse(200, settingsRead({ ...body, customized: true, updated_by: 'office', updated_at: '2026-11-23T01:00:00Z' }));
      },
    });
    const user = userEvent.setup({ delay: null });
    renderLeague(office());
    await leagueRows();
    await user.click(screen.getByRole('button', { name: /晾晒设置/ }));
    const drawer = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('.bl-settings');
      if (!found?.querySelector('form')) throw new Error('no form yet');
      return found;
    });
    expect(within(drawer).getByText('2026 年晾晒与通报设置')).toBeInTheDocument();
    expect(within(drawer).getByText('当前为默认设置。')).toBeInTheDocument();
    await waitFor(() => expect(within(drawer).getByLabelText('文号格式')).toHaveValue('杭营商改〔{year}〕{n}号'));
    expect(within(drawer).getByText('第一期将编为：杭营商改〔2026〕1号')).toBeInTheDocument();

    // A format without {n} and all-zero weights are refused before anything is sent.
    const format = within(drawer).getByLabelText('文号格式');
    await user.clear(format);
    await user.type(format, '杭营商改〔{{year}〕号');
    for (const name of ['节点按时完成率', '进展报送及时率', '考评平均分', '扣分项分值']) {
      const input = within(drawer).getByLabelText(name);
      await user.clear(input);
      await user.type(input, '0');
    }
    const save = within(drawer).getByRole('button', { name: /保\s*存/ });
    await user.click(save);
    expect(await within(drawer).findByText('文号格式须包含 {n}（当年序号）')).toBeInTheDocument();
    expect(await within(drawer).findByText('各项权重不能全部为 0')).toBeInTheDocument();
    expect(puts).toHaveLength(0);

    // Restoring the defaults, then a new issuing unit and weight, saves all fields for the period's year.
    await user.click(within(drawer).getByRole('button', { name: /恢复默认/ }));
    await user.type(within(drawer).getByLabelText('发文单位'), '杭州市营商环境优化提升工作专班');
    const onTime = within(drawer).getByLabelText('节点按时完成率');
    await user.clear(onTime);
    await user.type(onTime, '50');
    await user.click(save);
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0].query).toEqual({ year: '2026' });
    expect(puts[0].body).toEqual({
      on_time_weight: 50,
      report_weight: 20,
      evaluation_weight: 30,
      discipline_weight: 10,
      red_deduction: 2,
      yellow_deduction: 1,
      rectification_deduction: 2,
      min_items: 3,
      issuing_unit: '杭州市营商环境优化提升工作专班',
      number_format: '杭营商改〔{year}〕{n}号',
    });
    expect(await screen.findByText('晾晒设置已保存')).toBeInTheDocument();
  });

  it('shows the API\'s field errors when saving the settings fails', async () => {
    mockLeague({
      'PUT /api/tasks/v1/league-table/settings': () =>
        jsonResponse(422, {
          title: '请求参数有误',
          status: 422,
          detail: '请按提示修改后重试。',
          errors: [{ field: 'number_format', message: '文号格式须包含 {n}（序号），且只能使用 {year} 和 {n} 两个占位符' }],
        }),
    });
    renderLeague(office());
    await leagueRows();
    await userEvent.click(screen.getByRole('button', { name: /晾晒设置/ }));
    const drawer = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('.bl-settings');
      if (!found?.querySelector('form')) throw new Error('no form yet');
      return found;
    });
    await waitFor(() => expect(within(drawer).getByLabelText('文号格式')).toHaveValue('杭营商改〔{year}〕{n}号'));
    await userEvent.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    expect(await within(drawer).findByText('请按提示修改后重试。')).toBeInTheDocument();
    expect(within(drawer).getByText('文号格式须包含 {n}（序号），且只能使用 {year} 和 {n} 两个占位符')).toBeInTheDocument();
  });
});
