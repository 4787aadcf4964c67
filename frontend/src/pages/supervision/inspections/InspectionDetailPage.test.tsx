import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { FGW, SCJG, me, office, scjgUser } from '../../../test/fixtures';
import { finding, inspection, rectification } from './fixtures';
import { InspectionDetailPage } from './InspectionDetailPage';
import { choose, COMMON_ROUTES, query, SLOW } from './testUtils';

function renderDetail(user: Me, route = '/supervision/inspections/DC-2026-001') {
  return renderApp(
    <Routes>
      <Route path="/supervision/inspections/:code" element={<InspectionDetailPage me={user} />} />
    </Routes>,
    { route },
  );
}

describe('InspectionDetailPage', () => {
  it('shows the inspection, each finding and its rectification with warning and a link, for the as-of date', async () => {
    const asked: Record<string, string>[] = [];
    mockApi({
      ...COMMON_ROUTES,
      'GET /api/tasks/v1/inspections/DC-2026-001': (request) => {
        asked.push(query(request));
        return jsonResponse(200, inspection());
      },
    });
    renderDetail(scjgUser(), '/supervision/inspections/DC-2026-001?as_of=2026-11-22');

    expect(await screen.findByRole('heading', { name: '推进市场准入负面清单区县试点扩面' }, SLOW)).toBeInTheDocument();
    expect(asked).toEqual([{ as_of: '2026-11-22' }]);
    expect(screen.getByText('查阅资料、现场走访')).toBeInTheDocument();
    expect(screen.getByText('总体推进有序，个别窗口材料仍需精简。')).toBeInTheDocument();
    expect(screen.getByText(SCJG.name)).toBeInTheDocument();

    const first = screen.getByText('窗口“一件事”办理材料未精简').closest('.insp-finding') as HTMLElement;
    expect(within(first).getByText('较重')).toBeInTheDocument();
    expect(within(first).getByText('整改中')).toBeInTheDocument();
    expect(within(first).getByText('红牌')).toBeInTheDocument();
    expect(within(first).getByText(`责任单位：${SCJG.short_name}`)).toBeInTheDocument();
    expect(within(first).getByText('2026-10-09 到期（5 个工作日）')).toBeInTheDocument();
    expect(within(first).getByRole('link', { name: /查看整改/ })).toHaveAttribute(
      'href',
      '/supervision/rectifications/7d6f2b1a-0000-4000-8000-000000000001?as_of=2026-11-22',
    );
    const second = screen.getByText('宣传材料未更新').closest('.insp-finding') as HTMLElement;
    expect(within(second).getByText('无需整改')).toBeInTheDocument();
    // A unit adds no findings.
    expect(screen.queryByRole('button', { name: /补充问题/ })).not.toBeInTheDocument();
  }, 30_000);

  it('lets the office add a finding with a rectification for a named owner unit', async () => {
    const posted: unknown[] = [];
    mockApi({
      ...COMMON_ROUTES,
      'GET /api/tasks/v1/inspections/DC-2026-001': () => jsonResponse(200, inspection()),
      'POST /api/tasks/v1/inspections/DC-2026-001/findings': async (request) => {
        posted.push(await request.json());
        return jsonResponse(201, inspection({ findings: [...inspection().findings, finding({ id: 'f3', seq: 3, rectification: rectification({ id: 'r3' }) })] }));
      },
    });
    renderDetail(office());
    await userEvent.click(await screen.findByRole('button', { name: /补充问题/ }, SLOW));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    expect(await within(dialog).findByText('请描述发现的问题（至少 2 个字）')).toBeInTheDocument();
    expect(posted).toHaveLength(0);

    await userEvent.type(within(dialog).getByLabelText('问题描述'), '政策兑现未公示');
    await userEvent.click(within(dialog).getByLabelText('需整改'));
    await choose(within(dialog).getByRole('combobox', { name: '整改责任单位' }), FGW.short_name);
    await userEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() =>
      expect(posted).toEqual([
        {
          findings: [
            {
              description: '政策兑现未公示',
              severity: 'general',
              requires_rectification: true,
              rectification: { owner_unit_id: FGW.id, deadline_days: 10 },
            },
          ],
        },
      ]),
    );
  }, 30_000);

  it('says so when the inspection is not there or not visible', async () => {
    mockApi({
      ...COMMON_ROUTES,
      'GET /api/tasks/v1/inspections/DC-2026-009': () => jsonResponse(404, { title: '督察记录不存在', status: 404, detail: '督察记录不存在。' }),
    });
    renderDetail(me('leader', ['leader'], FGW), '/supervision/inspections/DC-2026-009');
    expect(await screen.findByText('督察记录不存在或无权查看', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '返回督察整改' })).toBeInTheDocument();
  }, 30_000);
});
