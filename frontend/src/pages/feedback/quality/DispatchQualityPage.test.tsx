import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Me } from '../../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { me, office } from '../../../test/fixtures';
import { DispatchQualityPage } from './DispatchQualityPage';
import type { DispatchModel, DispatchModelList } from './hooks';

const MODELS = '/api/feedback/v1/dispatch/models';
const leader = () => me('leader', ['leader']);

function version(overrides: Partial<DispatchModel> = {}): DispatchModel {
  return {
    version: 3,
    status: 'ready',
    trigger: 'schedule',
    trained_at: '2026-11-22T03:00:00+08:00',
    trained_by: 'system',
    window_from: '2025-11-25T09:00:00+08:00',
    window_to: '2026-11-20T16:00:00+08:00',
    case_count: 600,
    metrics: {
      method: 'time_split',
      test_share: 0.2,
      train_cases: 480,
      test_cases: 120,
      category_top1: 0.9,
      category_top3: 0.975,
      unit_top1: 0.8583,
      unit_top3: 0.9333,
      baseline_category_top1: 0.1,
      baseline_unit_top1: 0.1417,
      returned_cases: 17,
      return_avoided_rate: 0.8235,
    },
    note: null,
    acceptance: { decisions: 40, accepted: 34, rate: 0.85 },
    current: true,
    ...overrides,
  };
}

const rulesVersion = (overrides: Partial<DispatchModel> = {}) =>
  version({
    version: 1,
    status: 'rules',
    trigger: 'manual',
    trained_by: 'office',
    case_count: 42,
    metrics: {},
    note: '已办结诉求 42 件（至少 50 件、2 个以上主办单位才训练模型）：继续按分类关键词规则建议。',
    acceptance: { decisions: 0, accepted: 0, rate: null },
    current: false,
    ...overrides,
  });

const list = (items: DispatchModel[], mode: DispatchModelList['mode'], overrides: Partial<DispatchModelList> = {}): DispatchModelList => ({
  items,
  total: items.length,
  page: 1,
  page_size: 20,
  mode,
  rules_acceptance: { decisions: 12, accepted: 6, rate: 0.5 },
  ...overrides,
});

function mockModels(first: DispatchModelList, trained?: () => Response) {
  let current = first;
  const posts: number[] = [];
  mockApi({
    [`GET ${MODELS}`]: () => jsonResponse(200, current),
    [`POST ${MODELS}`]: () => {
      posts.push(1);
      const answer = trained?.() ?? jsonResponse(201, version({ version: 4, trigger: 'manual', trained_by: 'office', acceptance: { decisions: 0, accepted: 0, rate: null } }));
      if (answer.status === 201) current = list([version({ version: 4, trigger: 'manual' }), version({ current: false })], 'model');
      return answer;
    },
  });
  return posts;
}

const renderPage = (user: Me) => renderApp(<DispatchQualityPage me={user} />, { route: '/feedback/dispatch-quality' });

describe('DispatchQualityPage', { timeout: 30_000 }, () => {
  it('shows the model in use, each version’s held-out metrics against the baseline, and acceptance', async () => {
    mockModels(list([version(), rulesVersion()], 'model'));
    renderPage(leader());

    expect(await screen.findByText('当前按模型第 3 版建议')).toBeInTheDocument();
    expect(screen.getByText(/关键词规则建议的采纳率/)).toBeInTheDocument();
    expect(screen.getByText('12 次交办中采纳 6 次')).toBeInTheDocument();

    const row = screen.getByText('第 3 版').closest('tr')!;
    expect(within(row).getByText('当前使用')).toBeInTheDocument();
    expect(within(row).getByText('模型可用')).toBeInTheDocument();
    expect(within(row).getByText('定时')).toBeInTheDocument();
    expect(within(row).getByText('2025-11-25 ~ 2026-11-20')).toBeInTheDocument();
    expect(within(row).getByText('训练 480 · 测试 120')).toBeInTheDocument();
    expect(within(row).getByText('90.00% / 97.50%')).toBeInTheDocument();
    expect(within(row).getByText('基线 10.00%')).toBeInTheDocument();
    expect(within(row).getByText('85.83% / 93.33%')).toBeInTheDocument();
    expect(within(row).getByText('基线 14.17%')).toBeInTheDocument();
    expect(within(row).getByText('82.35%')).toBeInTheDocument();
    expect(within(row).getByText('17 件退回诉求')).toBeInTheDocument();
    expect(within(row).getByText('85.00%')).toBeInTheDocument();
    expect(within(row).getByText('40 次交办中采纳 34 次')).toBeInTheDocument();

    const rules = screen.getByText('第 1 版').closest('tr')!;
    expect(within(rules).getByText('关键词规则')).toBeInTheDocument();
    expect(within(rules).getByText('手动')).toBeInTheDocument();
    expect(within(rules).getByText(/已办结诉求 42 件/)).toBeInTheDocument();
    expect(within(rules).getByText('尚无交办记录')).toBeInTheDocument();

    // How it is measured, in plain words; leaders cannot retrain.
    expect(screen.getByText(/较早的 80% 已办结诉求用于训练，最新的 20% 用于测试/)).toBeInTheDocument();
    expect(screen.getByText(/置信度是排序分数，不是概率/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /立即重新训练/ })).toBeNull();
  });

  it('says the keyword rules answer during a cold start, and why', async () => {
    mockModels(list([rulesVersion()], 'rules', { rules_acceptance: { decisions: 0, accepted: 0, rate: null } }));
    renderPage(office());
    const mode = await screen.findByText('当前按分类关键词规则建议（冷启动）');
    const alert = mode.closest('.dq-mode') as HTMLElement;
    expect(alert).toHaveAttribute('data-mode', 'rules');
    expect(within(alert).getByText(/主办单位取该分类以往最常交办的单位/)).toBeInTheDocument();
    expect(within(alert).getByText(/已办结诉求 42 件（至少 50 件/)).toBeInTheDocument();
    expect(within(alert).getByText('尚无交办记录')).toBeInTheDocument();
  });

  it('lets the office retrain now and shows the new version', async () => {
    const posts = mockModels(list([rulesVersion()], 'rules'));
    renderPage(office());
    await userEvent.click(await screen.findByRole('button', { name: /立即重新训练/ }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(await screen.findByText('已生成第 4 版（模型可用）', { selector: '.dq-trained *' })).toBeInTheDocument();
    expect(await screen.findByText('当前按模型第 4 版建议')).toBeInTheDocument();
  });

  it('shows a refused retraining', async () => {
    mockModels(list([], 'rules'), () => jsonResponse(403, { status: 403, code: 'forbidden', title: '无权操作', detail: '只有改革办可以重新训练分派模型。' }));
    renderPage(office());
    expect(await screen.findByText(/尚未训练过模型/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /立即重新训练/ }));
    expect(await screen.findByText('重新训练未成功')).toBeInTheDocument();
    expect(screen.getByText('只有改革办可以重新训练分派模型。')).toBeInTheDocument();
  });

  it('fits a 390 px phone: one card per version', async () => {
    window.innerWidth = 390;
    try {
      mockModels(list([version(), rulesVersion()], 'model'));
      renderPage(leader());
      const card = (await screen.findByText('第 3 版')).closest('.dq-card') as HTMLElement;
      expect(card).toHaveAttribute('data-version', '3');
      expect(within(card).getByText('85.83% / 93.33%')).toBeInTheDocument();
      expect(document.querySelector('.dq-table')).toBeNull();
    } finally {
      window.innerWidth = 1024;
    }
  });
});
