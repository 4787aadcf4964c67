import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Me } from '../../../api/types';
import type { CaseRead } from '../../../feedback/types';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { FGW, GAIB, SCJG, office, scjgUser } from '../../../test/fixtures';
import { AssignModal, CaseActions } from '../CaseActions';
import { caseRead, categories } from '../testData';
import { choose, unitPage } from '../testUtils';
import type { Suggestions } from './hooks';

const NO = 'FK20261120-000061';
const PATH = `/api/feedback/v1/cases/${NO}`;
const OTHER = { code: 'other', name: '其他', path: '其他' };

const suggestions = (overrides: Partial<Suggestions> = {}): Suggestions => ({
  case_no: NO,
  mode: 'model',
  model_version: 3,
  note: null,
  categories: [
    { category: { code: 'utilities.power', name: '用电报装', path: '水电气网 / 用电报装' }, confidence: 0.91 },
    { category: { code: 'utilities.water', name: '用水报装', path: '水电气网 / 用水报装' }, confidence: 0.04 },
  ],
  units: [
    { unit: FGW, confidence: 0.82 },
    { unit: SCJG, confidence: 0.1 },
  ],
  co_units: [{ unit: SCJG, confidence: 0.4 }],
  explanation: { category_terms: ['用电报装', '接电'], unit_terms: ['外线工程'], similar_case_nos: ['FK20260901-000011', 'FK20260812-000007'] },
  similar_cases: [
    {
      case_no: 'FK20260901-000011',
      title: '厂区接电申请三个月未完成',
      category: { code: 'utilities.power', name: '用电报装', path: '水电气网 / 用电报装' },
      unit: FGW,
      reply: '已协调供电公司，外线工程 9 月底完工。',
      similarity: 0.74,
      returned: 0,
      reopened: 0,
      satisfaction: 'satisfied',
      closed_once: true,
    },
    {
      case_no: 'FK20260812-000007',
      title: '新厂房配电施工拖延',
      category: { code: 'utilities.power', name: '用电报装', path: '水电气网 / 用电报装' },
      unit: FGW,
      reply: null,
      similarity: 0.51,
      returned: 1,
      reopened: 2,
      satisfaction: 'dissatisfied',
      closed_once: false,
    },
  ],
  decisions: [
    {
      mode: 'model',
      model_version: 2,
      suggested_category: 'utilities.power',
      suggested_unit: FGW,
      suggested_co_units: [],
      chosen_category: 'utilities.water',
      chosen_unit: SCJG,
      chosen_co_units: [],
      accepted: false,
      accepted_explicitly: false,
      decided_by: 'office',
      decided_at: '2026-11-21T10:00:00+08:00',
    },
  ],
  ...overrides,
});

function mockAssign(answer: () => Response = () => jsonResponse(200, suggestions())) {
  const assigned: unknown[] = [];
  const fetchMock = mockApi({
    'GET /api/auth/v1/units': () => jsonResponse(200, unitPage()),
    'GET /api/feedback/v1/categories': () => jsonResponse(200, categories),
    [`GET ${PATH}/suggestions`]: answer,
    [`POST ${PATH}/assign`]: async (request) => {
      assigned.push(await request.json());
      return jsonResponse(200, caseRead({ status: 'assigned', main_unit: FGW }));
    },
  });
  return { assigned, fetchMock };
}

const received = (overrides: Partial<CaseRead> = {}) => caseRead({ category: OTHER, allowed_actions: ['assign'], ...overrides });

async function openAssign(user: Me = office()) {
  renderApp(<CaseActions me={user} data={received()} />);
  await userEvent.click(await screen.findByRole('button', { name: /交\s*办/ }));
  return screen.findByRole('dialog');
}

describe('dispatch suggestions in the assign dialog', { timeout: 30_000 }, () => {
  it('shows the candidates with their scores, the words and similar cases behind them, and earlier decisions', async () => {
    mockAssign();
    const dialog = await openAssign();
    const panel = await within(dialog).findByRole('region', { name: '分派建议' });

    expect(await within(panel).findByText('模型第 3 版')).toBeInTheDocument();
    expect(within(panel).getByText('水电气网 / 用电报装')).toBeInTheDocument();
    expect(within(panel).getByLabelText('市发展和改革委员会 82%')).toBeInTheDocument();
    expect(within(panel).getByText(/不是经过校准的概率/)).toBeInTheDocument();
    expect(within(panel).getByText('依据：用电报装、接电')).toBeInTheDocument();
    expect(within(panel).getByText('依据：外线工程')).toBeInTheDocument();

    const [first, second] = [...panel.querySelectorAll<HTMLElement>('[data-similar]')];
    expect(within(first).getByRole('link', { name: 'FK20260901-000011' })).toHaveAttribute('href', '/feedback/cases/FK20260901-000011');
    expect(within(first).getByText('厂区接电申请三个月未完成')).toBeInTheDocument();
    expect(within(first).getByText('水电气网 / 用电报装 · 市发展和改革委员会 · 相似度 74%')).toBeInTheDocument();
    expect(within(first).getByText('已协调供电公司，外线工程 9 月底完工。')).toBeInTheDocument();
    expect(within(first).getByText('一次办结')).toBeInTheDocument();
    expect(within(first).getByText('满意')).toBeInTheDocument();
    expect(within(second).getByText('退回 1 次')).toBeInTheDocument();
    expect(within(second).getByText('重办 2 次')).toBeInTheDocument();
    expect(within(second).getByText('不满意')).toBeInTheDocument();

    expect(
      within(panel).getByText(/office：建议 市发展和改革委员会（水电气网 \/ 用电报装），选择 市市场监督管理局（水电气网 \/ 用水报装）/),
    ).toBeInTheDocument();
    expect(within(panel).getByText('改派')).toBeInTheDocument();
  });

  it('采纳建议 fills unit, co-units and category and sends the assignment as accepted', async () => {
    const { assigned } = mockAssign();
    const dialog = await openAssign();
    await userEvent.click(await within(dialog).findByRole('button', { name: /采纳建议/ }));
    expect(within(dialog).getByText('已采纳建议')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: /交\s*办/ }));
    await waitFor(() =>
      expect(assigned).toEqual([
        { unit_id: FGW.id, co_unit_ids: [SCJG.id], comment: null, category_code: 'utilities.power', accept_suggestion: true },
      ]),
    );
  });

  it('a main unit changed by hand after accepting is the dispatcher’s own choice', async () => {
    const { assigned } = mockAssign();
    const dialog = await openAssign();
    await userEvent.click(await within(dialog).findByRole('button', { name: /采纳建议/ }));
    await choose(within(dialog).getByRole('combobox', { name: '主办单位' }), GAIB.short_name);
    expect(within(dialog).queryByText('已采纳建议')).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: /交\s*办/ }));
    await waitFor(() =>
      expect(assigned).toEqual([
        { unit_id: GAIB.id, co_unit_ids: [SCJG.id], comment: null, category_code: 'utilities.power', accept_suggestion: false },
      ]),
    );
  });

  it('clicking a unit candidate fills only the main unit; the category stays', async () => {
    const { assigned } = mockAssign();
    const dialog = await openAssign();
    await userEvent.click(await within(dialog).findByRole('button', { name: '市市场监督管理局' }));
    await userEvent.click(within(dialog).getByRole('button', { name: /交\s*办/ }));
    await waitFor(() => expect(assigned).toEqual([{ unit_id: SCJG.id, co_unit_ids: [], comment: null, accept_suggestion: false }]));
  });

  it('sends a category corrected by hand, next to a suggested unit the dispatcher picked', async () => {
    const { assigned } = mockAssign();
    const dialog = await openAssign();
    await userEvent.click(await within(dialog).findByRole('button', { name: '市发展和改革委员会' }));
    await userEvent.type(within(dialog).getByRole('combobox', { name: '诉求分类' }), '用水');
    await userEvent.click(await screen.findByTitle('用水报装'));
    await userEvent.click(within(dialog).getByRole('button', { name: /交\s*办/ }));
    await waitFor(() =>
      expect(assigned).toEqual([{ unit_id: FGW.id, co_unit_ids: [], comment: null, category_code: 'utilities.water', accept_suggestion: false }]),
    );
  });

  it('shows the cold-start note of the keyword rules', async () => {
    mockAssign(() => jsonResponse(200, suggestions({ mode: 'rules', model_version: null, note: '已办结诉求不足，尚无可用模型。', similar_cases: [], decisions: [] })));
    const dialog = await openAssign();
    expect(await within(dialog).findByText('关键词规则')).toBeInTheDocument();
    expect(within(dialog).getByText('已办结诉求不足，尚无可用模型。')).toBeInTheDocument();
    expect(within(dialog).getByText('暂无相似的已办结诉求')).toBeInTheDocument();
    expect(within(dialog).queryByText('此前的交办')).toBeNull();
  });

  it('shows a failed load without blocking the assignment', async () => {
    const { assigned } = mockAssign(() => jsonResponse(503, { status: 503, code: 'unavailable', title: '服务暂不可用', detail: '请稍后重试。' }));
    const dialog = await openAssign();
    expect(await within(dialog).findByText('分派建议暂不可用，可直接选择单位交办')).toBeInTheDocument();
    await choose(within(dialog).getByRole('combobox', { name: '主办单位' }), SCJG.short_name);
    await userEvent.click(within(dialog).getByRole('button', { name: /交\s*办/ }));
    await waitFor(() => expect(assigned).toHaveLength(1));
  });

  it('asks for no suggestions for a user who may not assign', async () => {
    const { fetchMock } = mockAssign();
    renderApp(<AssignModal me={scjgUser()} caseNo={NO} category={OTHER} current={null} onClose={() => undefined} />);
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(screen.queryByRole('region', { name: '分派建议' })).toBeNull();
    expect(fetchMock.mock.calls.map(([request]) => new URL((request as Request).url).pathname)).not.toContain(`${PATH}/suggestions`);
  });
});
