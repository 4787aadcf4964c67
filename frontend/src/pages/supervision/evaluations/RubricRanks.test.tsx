import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { FGW, me, office } from '../../../test/fixtures';
import { choose, COMMON_ROUTES, query, SLOW } from '../inspections/testUtils';
import { EvaluationsPage } from './EvaluationsPage';
import { rubric } from './fixtures';
import type { IndicatorRankRead } from './types';

const leader = () => me('leader', ['leader'], FGW);
type Handler = (request: Request) => Response | Promise<Response>;

function renderTab(user: Me, tab: string, extra: Record<string, Handler> = {}) {
  mockApi({ ...COMMON_ROUTES, 'GET /api/tasks/v1/evaluations/rubric': () => jsonResponse(200, rubric()), ...extra });
  return renderApp(
    <Routes>
      <Route path="/supervision/evaluations" element={<EvaluationsPage me={user} />} />
    </Routes>,
    { route: `/supervision/evaluations?year=2026&tab=${tab}` },
  );
}

const rank = (overrides: Partial<IndicatorRankRead> = {}): IndicatorRankRead => ({
  id: 'k1',
  indicator_code: 'GP-05',
  framework: 'national',
  period: '2025',
  rank: 8,
  of: 80,
  entered_by: 'office',
  entered_at: '2026-10-01T09:00:00+08:00',
  ...overrides,
});

describe('评分细则', () => {
  it('lets the office change the items only when they add up to 100, and shows a refusal', async () => {
    const puts: { body: unknown; year: string }[] = [];
    renderTab(office(), 'rubric', {
      'PUT /api/tasks/v1/evaluations/rubric': async (request) => {
        puts.push({ body: await request.json(), year: query(request).year });
        return jsonResponse(409, {
          title: '评分细则已在使用',
          status: 409,
          code: 'evaluations.rubric_in_use',
          detail: '2026 年度已有考评记录，不能再修改评分项；排名满分规则仍可调整。',
        });
      },
    });
    const editor = (await screen.findByText('评分项', {}, SLOW)).closest('.eval-rubric-editor') as HTMLElement;
    expect(within(editor).getByText('满分合计 100 / 100')).toBeInTheDocument();
    expect(screen.getByText('默认细则')).toBeInTheDocument();

    await userEvent.click(within(editor).getByRole('button', { name: /添加评分项/ }));
    const rows = editor.querySelectorAll<HTMLElement>('.eval-rubric-row');
    expect(rows).toHaveLength(4);
    await userEvent.type(within(rows[3]).getByPlaceholderText('评分项名称'), '创新亮点');
    await userEvent.type(within(rows[3]).getByPlaceholderText('满分'), '10');
    expect(await within(editor).findByText('满分合计 110 / 100')).toBeInTheDocument();
    await userEvent.click(within(editor).getByRole('button', { name: '保存评分细则' }));
    expect(await within(editor).findByText('各评分项满分合计须为 100 分（现为 110）')).toBeInTheDocument();
    expect(puts).toHaveLength(0);

    const effect = within(rows[1]).getByPlaceholderText('满分');
    await userEvent.clear(effect);
    await userEvent.type(effect, '30');
    await userEvent.click(within(editor).getByRole('button', { name: '保存评分细则' }));
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]).toEqual({
      year: '2026',
      body: {
        items: [
          { key: 'progress', name: '进度完成', max_points: 40 },
          { key: 'effect', name: '工作成效', max_points: 30 },
          { key: 'reporting', name: '报送质量', max_points: 20 },
          { key: 'item4', name: '创新亮点', max_points: 10 },
        ],
        rank_rule_enabled: true,
        national_top_n: 10,
        provincial_top_n: 1,
      },
    });
    expect(await within(editor).findByText('2026 年度已有考评记录，不能再修改评分项；排名满分规则仍可调整。')).toBeInTheDocument();
  }, 40_000);

  it('saves the rank rule settings with the items unchanged', async () => {
    const puts: unknown[] = [];
    renderTab(office(), 'rubric', {
      'PUT /api/tasks/v1/evaluations/rubric': async (request) => {
        const body = (await request.json()) as object;
        puts.push(body);
        return jsonResponse(200, rubric({ ...body, is_default: false, updated_by: 'office', updated_at: '2026-11-01T09:00:00+08:00' }));
      },
    });
    const card = (await screen.findByText('排名满分规则', {}, SLOW)).closest('.eval-rule-settings') as HTMLElement;
    const national = within(card).getByLabelText('国评进入全国前 N 名记满分');
    await userEvent.clear(national);
    await userEvent.type(national, '5');
    await userEvent.click(within(card).getByRole('switch'));
    await userEvent.click(within(card).getByRole('button', { name: '保存规则' }));
    await waitFor(() => expect(puts).toEqual([{ items: rubric().items, rank_rule_enabled: false, national_top_n: 5, provincial_top_n: 1 }]));
    expect(await screen.findByText('排名满分规则已保存')).toBeInTheDocument();
  }, 40_000);

  it('shows leaders the rubric as a table, without editing', async () => {
    renderTab(leader(), 'rubric');
    expect(await screen.findByText('2026 年度评分细则', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByText('进度完成')).toBeInTheDocument();
    expect(screen.getByText('100')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /保存/ })).not.toBeInTheDocument();
    expect(screen.getByRole('switch')).toBeDisabled();
  }, 40_000);
});

describe('指标名次', () => {
  it('lists hand-entered ranks; the office enters a new one and corrects an old one', async () => {
    const posted: unknown[] = [];
    renderTab(office(), 'ranks', {
      'GET /api/tasks/v1/evaluations/indicator-ranks': () => jsonResponse(200, { items: [rank()], total: 1, page: 1, page_size: 20 }),
      'POST /api/tasks/v1/evaluations/indicator-ranks': async (request) => {
        const body = (await request.json()) as Partial<IndicatorRankRead>;
        posted.push(body);
        return jsonResponse(posted.length === 1 ? 201 : 200, rank(body));
      },
    });
    const row = (await screen.findByText('GP-05', {}, SLOW)).closest('tr')!;
    expect(within(row).getByText('国评')).toBeInTheDocument();
    expect(within(row).getByText('第 8 名 / 共 80 个')).toBeInTheDocument();

    const form = screen.getByText('录入指标名次').closest('.eval-rank-form') as HTMLElement;
    await userEvent.type(within(form).getByLabelText('指标代码'), 'SL-01');
    await choose(within(form).getByRole('combobox', { name: '评价体系' }), '省晾晒');
    await userEvent.type(within(form).getByLabelText('名次期间'), '2026-3');
    await userEvent.type(within(form).getByLabelText('本市名次'), '12');
    await userEvent.type(within(form).getByLabelText('参评城市数'), '11');
    await userEvent.click(within(form).getByRole('button', { name: '保存名次' }));
    expect(await within(form).findByText('期间格式应为 2026、2026-Q3 或 2026-10')).toBeInTheDocument();
    expect(await within(form).findByText('名次不能大于参评城市数')).toBeInTheDocument();
    expect(posted).toHaveLength(0);

    const period = within(form).getByLabelText('名次期间');
    await userEvent.clear(period);
    await userEvent.type(period, '2026-Q3');
    const rankInput = within(form).getByLabelText('本市名次');
    await userEvent.clear(rankInput);
    await userEvent.type(rankInput, '1');
    await userEvent.click(within(form).getByRole('button', { name: '保存名次' }));
    await waitFor(() => expect(posted).toEqual([{ indicator_code: 'SL-01', framework: 'provincial', period: '2026-Q3', rank: 1, of: 11 }]));
    expect(await screen.findByText('已录入 SL-01 2026-Q3 的名次')).toBeInTheDocument();

    // 更正 fills the form with the row; the API answers 200 for a correction.
    await userEvent.click(within(row).getByRole('button', { name: /更正/ }));
    await waitFor(() => expect(within(form).getByLabelText('指标代码')).toHaveValue('GP-05'));
    const again = within(form).getByLabelText('本市名次');
    await userEvent.clear(again);
    await userEvent.type(again, '6');
    await userEvent.click(within(form).getByRole('button', { name: '保存名次' }));
    await waitFor(() => expect(posted).toHaveLength(2));
    expect(posted[1]).toEqual({ indicator_code: 'GP-05', framework: 'national', period: '2025', rank: 6, of: 80 });
    expect(await screen.findByText('已更正 GP-05 2025 的名次')).toBeInTheDocument();
  }, 40_000);

  it('shows leaders the ranks without the form', async () => {
    renderTab(leader(), 'ranks', {
      'GET /api/tasks/v1/evaluations/indicator-ranks': () => jsonResponse(200, { items: [rank({ of: null })], total: 1, page: 1, page_size: 20 }),
    });
    expect(await screen.findByText('第 8 名', {}, SLOW)).toBeInTheDocument();
    expect(screen.queryByText('录入指标名次')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /更正/ })).not.toBeInTheDocument();
  }, 40_000);
});
