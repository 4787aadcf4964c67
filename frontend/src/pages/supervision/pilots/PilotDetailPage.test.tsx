import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { office, scjgUser } from '../../../test/fixtures';
import { PilotDetailPage } from './PilotDetailPage';
import { decisionBody } from './PilotDecisionModal';
import {
  BINJIANG,
  XIHU,
  leader,
  marketGroup,
  pickOptions,
  pilot,
  record,
  selectOf,
  shangchengUser,
  typeDate,
  unitsPage,
  xihuUser,
  type Call,
} from './testFixtures';
import type { PilotRead } from './shared';

const CODE = 'SD-2026-001';

/** The server's pilot: a POST handler replaces it, as the API would, so refetches show the result. */
const server: { pilot: PilotRead } = { pilot: pilot() };

function setup(me: Me, data: PilotRead = pilot(), extra: Record<string, (request: Request) => Response | Promise<Response>> = {}, query = '?as_of=2026-11-22') {
  server.pilot = data;
  mockApi({
    'GET /api/auth/v1/units': () => jsonResponse(200, unitsPage()),
    [`GET /api/tasks/v1/pilots/${CODE}`]: () => jsonResponse(200, server.pilot),
    ...extra,
  });
  return renderApp(
    <Routes>
      <Route path="/supervision/pilots/:code" element={<PilotDetailPage me={me} />} />
    </Routes>,
    { route: `/supervision/pilots/${CODE}${query}` },
  );
}

const ROLLED_OUT = pilot({
  status: 'rolled_out',
  concluded_at: '2026-11-01T09:00:00+08:00',
  decisions: [
    {
      id: 'd2',
      decision: 'roll_out',
      comment: '试点成效明显，全市推开',
      changes: { district_unit_ids: [XIHU.id, BINJIANG.id], deadline: '2027-06-30', task_codes: ['2027-SC-101', '2027-SC-102'] },
      decided_by: 'office',
      decided_at: '2026-11-01T09:00:00+08:00',
    },
  ],
  tasks: [
    {
      code: '2027-SC-101',
      title: '企业开办“一件事”集成改革试点（西湖区全面推开）',
      lead_unit: XIHU,
      deadline: '2027-06-30',
      status: 'not_started',
      progress: 0,
      lifecycle_stage: 'progress_tracking',
    },
  ],
});

// Form-filling tests click through several antd widgets; on a shared, loaded machine 5 s is too tight.
describe('PilotDetailPage', { timeout: 20_000 }, () => {
  it('shows what is tried, the feedback newest first, the decisions with their changes and no actions to a leader', async () => {
    setup(leader());
    expect(await screen.findByRole('heading', { name: '企业开办“一件事”集成改革试点' })).toBeInTheDocument();
    expect(screen.getByText('在上城区试行企业开办全流程一网通办、一日办结')).toBeInTheDocument();
    expect(screen.getByText('企业开办时间压缩至 0.5 个工作日')).toBeInTheDocument();
    expect(screen.getByText('上城区人民政府')).toBeInTheDocument();
    expect(screen.getAllByText('2026-03-01 至 2026-12-31').length).toBeGreaterThan(0);

    const items = [...document.querySelectorAll('.pilot-feedback-item')];
    expect(items[0]).toHaveTextContent('2026-08-12');
    expect(items[1]).toHaveTextContent('2026-05-10');
    expect(items[1]).toHaveTextContent('进展：平均用时 0.8 个工作日');

    const decision = document.querySelector<HTMLElement>('.pilot-decision[data-decision=adjust]')!;
    expect(within(decision).getByText('调整完善')).toBeInTheDocument();
    expect(within(decision).getByText('结束日期：2026-10-31 → 2026-12-31')).toBeInTheDocument();
    expect(screen.getByText('尚未全面推开')).toBeInTheDocument();

    expect(screen.queryByRole('button', { name: /全面推开|调整完善|终止试点|填报情况反馈/ })).not.toBeInTheDocument();
  });

  it('lets the pilot unit add feedback, validating it, and offers it no decisions', async () => {
    const calls: Call[] = [];
    setup(shangchengUser(), pilot(), {
      [`POST /api/tasks/v1/pilots/${CODE}/feedback`]: async (request) => {
        await record(request, calls);
        return jsonResponse(201, pilot());
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: '填报情况反馈' }));
    expect(screen.queryByRole('button', { name: /全面推开/ })).not.toBeInTheDocument();
    const form = document.querySelector<HTMLElement>('.pilot-feedback-form')!;
    await userEvent.click(within(form).getByRole('button', { name: /提\s*交/ }));
    expect(await within(form).findByText('请填写反馈内容（至少 2 个字）')).toBeInTheDocument();

    await userEvent.type(within(form).getByLabelText('反馈内容'), '新增企业注销一件事');
    await userEvent.type(within(form).getByLabelText('进展说明（可选）'), '已办 12 件');
    await userEvent.click(within(form).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() =>
      expect(calls).toEqual([
        { body: { content: '新增企业注销一件事', progress_note: '已办 12 件', reported_on: '2026-11-22' }, query: { as_of: '2026-11-22' } },
      ]),
    );
    expect(await screen.findByText('情况反馈已提交')).toBeInTheDocument();
  });

  it('offers another district and a unit outside the pilot neither feedback nor decisions', async () => {
    const { unmount } = setup(xihuUser());
    await screen.findByRole('heading', { name: '企业开办“一件事”集成改革试点' });
    expect(screen.queryByRole('button', { name: '填报情况反馈' })).not.toBeInTheDocument();
    unmount();
    setup(scjgUser());
    await screen.findByRole('heading', { name: '企业开办“一件事”集成改革试点' });
    expect(screen.queryByRole('button', { name: /填报情况反馈|全面推开/ })).not.toBeInTheDocument();
  });

  it('rolls out to the chosen districts after confirmation', async () => {
    const calls: Call[] = [];
    setup(office(), pilot(), {
      [`POST /api/tasks/v1/pilots/${CODE}/decisions`]: async (request) => {
        await record(request, calls);
        server.pilot = ROLLED_OUT;
        return jsonResponse(201, ROLLED_OUT);
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: /全面推开/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: /全面推开/ }));
    expect(await within(dialog).findByText('请至少选择一个区县')).toBeInTheDocument();
    expect(within(dialog).getByText('请选择完成时限')).toBeInTheDocument();

    // Only districts can receive a rolled-out task.
    await pickOptions(selectOf('推开到的区县', dialog), '西湖区', '滨江区');
    const offered = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].map((el) => el.title);
    expect(offered).not.toContain('市发改委');
    await typeDate(within(dialog).getByLabelText('完成时限'), '2027-06-30');
    await userEvent.type(within(dialog).getByLabelText('推开说明'), '试点成效明显，全市推开');
    await userEvent.click(within(dialog).getByRole('button', { name: /全面推开/ }));

    const confirm = await screen.findByText(/将为 2 个区县各生成一项任务（列入 2027 年度计划）/);
    expect(calls).toHaveLength(0);
    const confirmBox = confirm.closest('.ant-modal-confirm') as HTMLElement;
    await userEvent.click(within(confirmBox).getByRole('button', { name: /全面推开/ }));
    await waitFor(() =>
      expect(calls).toEqual([
        {
          body: {
            decision: 'roll_out',
            comment: '试点成效明显，全市推开',
            district_unit_ids: [XIHU.id, BINJIANG.id],
            deadline: '2027-06-30',
            category: 'signature',
          },
          query: { as_of: '2026-11-22' },
        },
      ]),
    );
    // The page now shows the concluded pilot and the tasks, linked to the ledger.
    expect(await screen.findByText('试点已全面推开，不能再填报情况反馈或作出决定。')).toBeInTheDocument();
    const task = document.querySelector<HTMLElement>('.pilot-task[data-code="2027-SC-101"]')!;
    expect(within(task).getByRole('link', { name: '2027-SC-101' })).toHaveAttribute('href', '/tasks/2027-SC-101?as_of=2026-11-22');
    const decision = document.querySelector<HTMLElement>('.pilot-decision[data-decision=roll_out]')!;
    expect(within(decision).getByText('推开区县：西湖区、滨江区')).toBeInTheDocument();
    expect(within(decision).getByRole('link', { name: '2027-SC-102' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /调整完善|终止试点/ })).not.toBeInTheDocument();
  });

  it('shows the problem of a refused roll-out in the dialog', async () => {
    setup(marketGroup(), pilot(), {
      [`POST /api/tasks/v1/pilots/${CODE}/decisions`]: () =>
        jsonResponse(422, {
          status: 422,
          code: 'pilots.plan_missing',
          title: '缺少年度计划',
          detail: '推开任务将列入 2027 年度计划，但该计划尚未建立；请先建立 2027 年度计划。',
          errors: [{ field: 'deadline', code: 'plan_missing', message: '2027 年度计划不存在' }],
        }),
    });
    await userEvent.click(await screen.findByRole('button', { name: /全面推开/ }));
    const dialog = await screen.findByRole('dialog');
    await pickOptions(selectOf('推开到的区县', dialog), '上城区');
    await typeDate(within(dialog).getByLabelText('完成时限'), '2027-06-30');
    await userEvent.type(within(dialog).getByLabelText('推开说明'), '全面推开');
    await userEvent.click(within(dialog).getByRole('button', { name: /全面推开/ }));
    const confirmBox = (await screen.findByText(/将为 1 个区县/)).closest('.ant-modal-confirm') as HTMLElement;
    await userEvent.click(within(confirmBox).getByRole('button', { name: /全面推开/ }));
    expect(await within(dialog).findByText('推开任务将列入 2027 年度计划，但该计划尚未建立；请先建立 2027 年度计划。')).toBeInTheDocument();
    expect(within(dialog).getByText('2027 年度计划不存在')).toBeInTheDocument();
  });

  it('stops a pilot with a reason after confirmation', async () => {
    const calls: Call[] = [];
    setup(office(), pilot(), {
      [`POST /api/tasks/v1/pilots/${CODE}/decisions`]: async (request) => {
        await record(request, calls);
        server.pilot = pilot({ status: 'stopped' });
        return jsonResponse(201, server.pilot);
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: /终止试点/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: /终止试点/ }));
    expect(await within(dialog).findByText('请填写说明（至少 2 个字）')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText('终止原因'), '上位政策调整');
    await userEvent.click(within(dialog).getByRole('button', { name: /终止试点/ }));
    const confirmBox = (await screen.findByText('终止后试点结束，不能再反馈或作出决定。确定终止？')).closest('.ant-modal-confirm') as HTMLElement;
    await userEvent.click(within(confirmBox).getByRole('button', { name: /终止试点/ }));
    await waitFor(() => expect(calls).toEqual([{ body: { decision: 'stop', comment: '上位政策调整' }, query: { as_of: '2026-11-22' } }]));
    expect(await screen.findByText('试点已终止，不能再填报情况反馈或作出决定。')).toBeInTheDocument();
  });

  it('adjusts a pilot, prefilled with its current content, sending what changed', async () => {
    const calls: Call[] = [];
    setup(marketGroup(), pilot(), {
      [`POST /api/tasks/v1/pilots/${CODE}/decisions`]: async (request) => {
        await record(request, calls);
        return jsonResponse(201, pilot({ end_date: '2027-03-31' }));
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: /调整完善/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('调整后的试点内容')).toHaveValue('在上城区试行企业开办全流程一网通办、一日办结');
    expect(within(dialog).getByLabelText('调整后的结束日期')).toHaveValue('2026-12-31');
    await typeDate(within(dialog).getByLabelText('调整后的结束日期'), '2027-03-31');
    await userEvent.type(within(dialog).getByLabelText('调整说明（写明调整了什么、为什么）'), '延期一季度');
    await userEvent.click(within(dialog).getByRole('button', { name: /调整完善/ }));
    const confirmBox = (await screen.findByText(/确认调整试点？/)).closest('.ant-modal-confirm') as HTMLElement;
    await userEvent.click(within(confirmBox).getByRole('button', { name: /调整完善/ }));
    await waitFor(() =>
      expect(calls).toEqual([{ body: { decision: 'adjust', comment: '延期一季度', end_date: '2027-03-31' }, query: { as_of: '2026-11-22' } }]),
    );
  });

  it('sends only the fields an adjustment changes', () => {
    const data = pilot();
    expect(decisionBody('adjust', data, { comment: ' 延期 ', description: data.description, goal: data.goal ?? '', end_date: null })).toEqual({
      decision: 'adjust',
      comment: '延期',
    });
    const body = decisionBody('adjust', data, { comment: '扩围', description: '扩展到个体工商户', goal: data.goal ?? '', end_date: undefined });
    expect(body).toEqual({ decision: 'adjust', comment: '扩围', description: '扩展到个体工商户' });
  });

  it('says so when the pilot does not exist or is not visible', async () => {
    mockApi({
      [`GET /api/tasks/v1/pilots/${CODE}`]: () => jsonResponse(404, { status: 404, title: '未找到', detail: '试点不存在' }),
    });
    renderApp(
      <Routes>
        <Route path="/supervision/pilots/:code" element={<PilotDetailPage me={office()} />} />
      </Routes>,
      { route: `/supervision/pilots/${CODE}` },
    );
    expect(await screen.findByText('试点不存在或无权查看')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '返回试点列表' })).toBeInTheDocument();
  });
});
