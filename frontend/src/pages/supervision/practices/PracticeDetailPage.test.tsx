import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { fgwUser, office } from '../../../test/fixtures';
import { BINJIANG, XIHU, leader, pickOptions, practice, record, selectOf, unitsPage, xihuUser, type Call } from '../pilots/testFixtures';
import { PracticeDetailPage } from './PracticeDetailPage';
import type { BestPracticeRead } from './shared';

const CODE = 'AL-2026-001';
const server: { practice: BestPracticeRead } = { practice: practice() };

function setup(user: Me, extra: Record<string, (request: Request) => Response | Promise<Response>> = {}, data = practice()) {
  server.practice = data;
  const fetchMock = mockApi({
    'GET /api/auth/v1/units': () => jsonResponse(200, unitsPage()),
    [`GET /api/tasks/v1/best-practices/${CODE}`]: () => jsonResponse(200, server.practice),
    ...extra,
  });
  renderApp(
    <Routes>
      <Route path="/supervision/practices/:code" element={<PracticeDetailPage me={user} />} />
    </Routes>,
    { route: `/supervision/practices/${CODE}?as_of=2026-11-22` },
  );
  return fetchMock;
}

// Form-filling tests click through several antd widgets; on a shared, loaded machine 5 s is too tight.
describe('PracticeDetailPage', { timeout: 20_000 }, () => {
  it('shows the summary, evidence, source task, files and adopting units, and nothing to record for a leader', async () => {
    setup(leader());
    expect(await screen.findByRole('heading', { name: '市场准入负面清单区县试点经验' })).toBeInTheDocument();
    expect(screen.getByText('建立差距清单、逐项销号的推进机制')).toBeInTheDocument();
    expect(screen.getByText('试点区县准入事项办理时间压缩 60%')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '2026-SC-051' })).toHaveAttribute('href', '/tasks/2026-SC-051?as_of=2026-11-22');
    expect(screen.getByText('试点总结.pdf')).toBeInTheDocument();
    expect(screen.getByText('20 KB')).toBeInTheDocument();
    const adoption = document.querySelector<HTMLElement>(`.replication-item[data-unit="${XIHU.id}"]`)!;
    expect(within(adoption).getByText('西湖区人民政府')).toBeInTheDocument();
    expect(within(adoption).getByText('采用日期 2026-11-15')).toBeInTheDocument();
    expect(within(adoption).getByText('参照建立区级清单')).toBeInTheDocument();
    expect(screen.getAllByText('1 个单位采用').length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: /记录复制推广/ })).not.toBeInTheDocument();
  });

  it('downloads an evidence file with the token', async () => {
    localStorage.setItem('reform.access_token', 'a1');
    localStorage.setItem('reform.refresh_token', 'r1');
    const auth: (string | null)[] = [];
    setup(leader(), {
      'GET /api/auth/v1/me': () => jsonResponse(200, leader()),
      [`GET /api/tasks/v1/best-practices/${CODE}/attachments/0`]: (request) => {
        auth.push(request.headers.get('Authorization'));
        return new Response('%PDF-1.7', { status: 200, headers: { 'Content-Type': 'application/pdf' } });
      },
    });
    const { createObjectURL, revokeObjectURL } = URL;
    const saved: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => {
      saved.push(blob);
      return 'blob:evidence';
    };
    URL.revokeObjectURL = () => undefined;
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    try {
      await userEvent.click(await screen.findByRole('button', { name: /下载 试点总结.pdf/ }));
      await waitFor(() => expect(names).toEqual(['试点总结.pdf']));
      expect(saved).toHaveLength(1);
    } finally {
      URL.createObjectURL = createObjectURL;
      URL.revokeObjectURL = revokeObjectURL;
    }
    expect(auth).toEqual(['Bearer a1']);
  });

  it('lets a district record its own adoption, dated up to today', async () => {
    const calls: Call[] = [];
    setup(
      { ...xihuUser(), unit: { ...BINJIANG, code: 'd3', kind: 'district' } },
      {
        [`POST /api/tasks/v1/best-practices/${CODE}/replications`]: async (request) => {
          await record(request, calls);
          server.practice = practice({ adoption_count: 2 });
          return jsonResponse(201, server.practice);
        },
      },
    );
    await userEvent.click(await screen.findByRole('button', { name: /记录复制推广/ }));
    const form = document.querySelector<HTMLElement>('.replication-form')!;
    expect(within(form).getByText('采用单位：滨江区（本单位）')).toBeInTheDocument();
    expect(within(form).getByLabelText('采用日期')).toHaveValue('2026-11-22');
    await userEvent.type(within(form).getByLabelText('推广情况说明'), '已在区政务服务中心推行');
    await userEvent.click(within(form).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() =>
      expect(calls).toEqual([
        { body: { unit_id: null, adopted_on: '2026-11-22', note: '已在区政务服务中心推行' }, query: { as_of: '2026-11-22' } },
      ]),
    );
    expect(await screen.findByText('已登记复制推广')).toBeInTheDocument();
    expect(await screen.findByText('2 个单位采用')).toBeInTheDocument();
  });

  it('tells the case’s own unit why it records no adoption', async () => {
    setup(fgwUser());
    expect(await screen.findByText('本案例属于本单位，其他单位采用后由其登记复制推广。')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /记录复制推广/ })).not.toBeInTheDocument();
  });

  it('tells a unit that already adopted the case when it did', async () => {
    setup(xihuUser());
    expect(await screen.findByText('本单位已于 2026-11-15 登记采用该案例。')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /记录复制推广/ })).not.toBeInTheDocument();
  });

  it('lets the office record any other unit, and shows a refused record', async () => {
    const calls: Call[] = [];
    setup(office(), {
      [`POST /api/tasks/v1/best-practices/${CODE}/replications`]: async (request) => {
        await record(request, calls);
        return jsonResponse(409, {
          status: 409,
          code: 'practices.already_adopted',
          title: '冲突',
          detail: '滨江区人民政府已于 2026-11-20 登记采用该案例，不能重复登记。',
        });
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: /记录复制推广/ }));
    const form = document.querySelector<HTMLElement>('.replication-form')!;
    await userEvent.click(within(form).getByRole('button', { name: /提\s*交/ }));
    expect(await within(form).findByText('请选择采用单位')).toBeInTheDocument();

    await pickOptions(selectOf('采用单位', form), '滨江区');
    // The case's own unit and units that already adopted it are not offered.
    const offered = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].map((el) => el.title);
    expect(offered).not.toContain('市发改委');
    expect(offered).not.toContain('西湖区');
    await userEvent.click(within(form).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(calls).toEqual([{ body: { unit_id: BINJIANG.id, adopted_on: '2026-11-22', note: null }, query: { as_of: '2026-11-22' } }]));
    expect(await within(form).findByText('滨江区人民政府已于 2026-11-20 登记采用该案例，不能重复登记。')).toBeInTheDocument();
  });

  it('says so when the case does not exist', async () => {
    mockApi({ [`GET /api/tasks/v1/best-practices/${CODE}`]: () => jsonResponse(404, { status: 404, title: '未找到', detail: '最佳实践案例不存在' }) });
    renderApp(
      <Routes>
        <Route path="/supervision/practices/:code" element={<PracticeDetailPage me={office()} />} />
      </Routes>,
      { route: `/supervision/practices/${CODE}` },
    );
    expect(await screen.findByText('案例不存在或无权查看')).toBeInTheDocument();
  });
});
