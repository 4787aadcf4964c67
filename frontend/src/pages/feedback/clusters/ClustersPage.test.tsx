import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { me, office } from '../../../test/fixtures';
import { categories } from '../testData';
import { choose, queryOf, Where } from '../testUtils';
import { currentQuarter } from '../league/periods';
import { ClustersPage } from './ClustersPage';
import { clusterItem, clusterRead, clusterWithTask } from './testData';

const leader = () => me('leader', ['leader']);
const LIST = '/api/feedback/v1/clusters';

function mockClusters(list: () => Response = () => jsonResponse(200, { items: [clusterItem(), clusterItem({ code: 'LA-2026-0002', status: 'confirmed', status_label: '已确认', title: '银行开户要求提供纸质租赁合同', task_code: 'RW-2026-0101', case_count: 2 })], total: 2, page: 1, page_size: 20 })) {
  const queries: Record<string, string>[] = [];
  const suggested: unknown[] = [];
  mockApi({
    [`GET ${LIST}`]: (request) => {
      queries.push(queryOf(request));
      return list();
    },
    [`GET ${LIST}/LA-2026-0004`]: () => jsonResponse(200, clusterRead()),
    [`GET ${LIST}/LA-2026-0002`]: () => jsonResponse(200, clusterWithTask({ code: 'LA-2026-0002' })),
    'GET /api/feedback/v1/categories': () => jsonResponse(200, categories),
    [`POST ${LIST}/suggest`]: async (request) => {
      suggested.push(await request.json());
      return jsonResponse(200, {
        period: { label: currentQuarter(), start: '2026-10-01', end: '2026-12-31' },
        category: null,
        threshold: 0.2,
        examined: 42,
        created: ['LA-2026-0009'],
        kept: ['LA-2026-0004'],
        withdrawn: [],
        skipped_dismissed: 1,
      });
    },
  });
  return { queries, suggested };
}

function renderPage(user: Me, route = '/feedback/clusters') {
  return renderApp(
    <Routes>
      <Route path="/feedback/clusters" element={<ClustersPage me={user} />} />
      <Route path="*" element={<Where />} />
    </Routes>,
    { route },
  );
}

describe('ClustersPage', { timeout: 30_000 }, () => {
  it('lists clusters with size, spread, trend and task, and lets the office run a suggestion', async () => {
    const { suggested } = mockClusters();
    renderPage(office());

    const row = (await screen.findByText('投标保证金项目结束后迟迟不退还')).closest('tr')!;
    expect(within(row).getByText('系统建议')).toBeInTheDocument();
    expect(within(row).getByText('涉企收费 / 保证金')).toBeInTheDocument();
    expect(within(row).getByText('投标保证金')).toBeInTheDocument();
    // The trend sparkline comes with the list item: cases per month.
    expect(await within(row).findByRole('img', { name: /逐月诉求件数：2026-10 2 件，2026-11 1 件/ })).toBeInTheDocument();
    const linked = screen.getByText('银行开户要求提供纸质租赁合同').closest('tr')!;
    expect(within(linked).getByRole('link', { name: 'RW-2026-0101' })).toHaveAttribute('href', '/tasks/RW-2026-0101');
    expect(screen.getByText('共 2 个类案')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /生成相似诉求建议/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: /开始比对/ }));
    await waitFor(() => expect(suggested).toHaveLength(1));
    expect(suggested[0]).toEqual({ period: currentQuarter(), category: null, threshold: null });
    expect(await screen.findByText(/比对 42 件诉求（阈值 0.20）/)).toBeInTheDocument();
    expect(screen.getByText(/新建议 1 个/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'LA-2026-0009' })).toHaveAttribute('href', '/feedback/clusters/LA-2026-0009');
    expect(screen.getByText('1 组与已驳回类案相同，不再建议')).toBeInTheDocument();
  });

  it('shows leaders the list without the suggestion button and filters by status in the URL', async () => {
    const { queries } = mockClusters();
    renderPage(leader());
    expect(await screen.findByText('投标保证金项目结束后迟迟不退还')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /生成相似诉求建议/ })).toBeNull();

    await choose(screen.getByRole('combobox', { name: '类案状态' }), '已确认');
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ status: 'confirmed', page: '1' }));
  });

  it('says so when the list cannot be loaded', async () => {
    mockClusters(() => jsonResponse(503, { title: '服务暂不可用', detail: '诉求服务暂时无法访问，请稍后重试。', status: 503 }));
    renderPage(office());
    expect(await screen.findByText('数据加载失败')).toBeInTheDocument();
    expect(screen.getByText('诉求服务暂时无法访问，请稍后重试。')).toBeInTheDocument();
  });
});
