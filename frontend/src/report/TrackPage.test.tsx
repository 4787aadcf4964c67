import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { jsonResponse, mockApi } from '../test/render';
import { trackedCase } from '../pages/feedback/testData';
import { TRACKING_CODE_KEY } from './ReportPage';
import { isTrackPath } from './route';
import { checkLookup, TrackPage } from './TrackPage';

type Body = Record<string, unknown>;

function mockTrack(found = trackedCase()) {
  const calls: { path: string; body: Body }[] = [];
  const fetchMock = mockApi({
    'POST /api/feedback/v1/public/track': async (request) => {
      const body = (await request.json()) as Body;
      calls.push({ path: 'track', body });
      return body.phone === '13812341234'
        ? jsonResponse(200, found)
        : jsonResponse(404, { status: 404, code: 'public.not_found', title: '未查到诉求', detail: '查询码或联系电话不正确，请核对后重试。' });
    },
    'POST /api/feedback/v1/public/track/rating': async (request) => {
      const body = (await request.json()) as Body;
      calls.push({ path: 'rating', body });
      return jsonResponse(200, {
        ...found,
        status: 'closed',
        status_label: '已办结',
        satisfaction: body.satisfaction,
        can_rate: false,
        can_add_info: false,
        closed_at: '2026-11-26T09:00:00+08:00',
        timeline: [...found.timeline, { occurred_at: '2026-11-26T09:00:00+08:00', event: 'closed', label: '办结', text: '评价：满意' }],
      });
    },
    'POST /api/feedback/v1/public/track/info': async (request) => {
      const body = (await request.json()) as Body;
      calls.push({ path: 'info', body });
      return jsonResponse(200, {
        ...found,
        timeline: [...found.timeline, { occurred_at: '2026-11-26T08:00:00+08:00', event: 'info_added', label: '企业补充材料', text: body.content }],
      });
    },
  });
  return { calls, fetchMock };
}

async function lookUp(user: ReturnType<typeof userEvent.setup>, code: string, phone: string) {
  const codeBox = screen.getByLabelText(/查询码/);
  await user.clear(codeBox);
  await user.type(codeBox, code);
  await user.type(screen.getByLabelText(/联系电话/), phone);
  await user.click(screen.getByRole('button', { name: '查询' }));
}

beforeEach(() => sessionStorage.clear());

describe('TrackPage (public tracking)', () => {
  it('serves /track and /report/track', () => {
    expect(isTrackPath('/track')).toBe(true);
    expect(isTrackPath('/report/track')).toBe(true);
    expect(isTrackPath('/report')).toBe(false);
    expect(checkLookup('yanv 8nqk wz9a', '').credentials).toEqual({ tracking_code: 'YANV8NQKWZ9A', phone: null });
    expect(checkLookup('YANV-8NQK-WZ90', '').errors.tracking_code).toBe('请填写 12 位查询码');
  });

  it('shows the reply and timeline for code + phone, then rates the reply after a confirmation', async () => {
    const user = userEvent.setup();
    sessionStorage.setItem(TRACKING_CODE_KEY, 'YANV-8NQK-WZ9A');
    const { calls } = mockTrack();
    render(<TrackPage />);

    // The code filed a moment ago is already filled in.
    expect(screen.getByLabelText(/查询码/)).toHaveValue('YANV-8NQK-WZ9A');
    await user.type(screen.getByLabelText(/联系电话/), '138-1234-1234');
    await user.click(screen.getByRole('button', { name: '查询' }));

    expect(await screen.findByRole('heading', { name: '新厂房用电报装超时' })).toBeInTheDocument();
    expect(calls[0].body).toEqual({ tracking_code: 'YANV8NQKWZ9A', phone: '13812341234' });
    expect(screen.getByText('已答复')).toHaveAttribute('data-status', 'replied');
    expect(screen.getByText('市市场监督管理局')).toBeInTheDocument();
    expect(screen.getByText('2026-11-27')).toBeInTheDocument();
    const reply = screen.getByRole('heading', { name: '办理答复' }).closest('section') as HTMLElement;
    expect(within(reply).getByText('经协调，供电公司已于 11 月 25 日完成外线接入并送电。')).toBeInTheDocument();
    expect(screen.getByText('已交市市场监督管理局办理')).toBeInTheDocument();

    // Rating needs a choice, then a second confirmation.
    await user.click(screen.getByRole('button', { name: '提交评价' }));
    expect(screen.getByText('请选择评价')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: '满意' }));
    await user.type(screen.getByLabelText(/评价意见/), '办理及时');
    await user.click(screen.getByRole('button', { name: '提交评价' }));
    expect(screen.getByText('确认提交「满意」评价？提交后不能修改。')).toBeInTheDocument();
    expect(calls.filter((c) => c.path === 'rating')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: '确认提交' }));

    expect(await screen.findByText('感谢您的评价，诉求已办结。')).toBeInTheDocument();
    expect(calls.find((c) => c.path === 'rating')?.body).toEqual({
      tracking_code: 'YANV8NQKWZ9A',
      phone: '13812341234',
      satisfaction: 'satisfied',
      comment: '办理及时',
    });
    expect(screen.getByText('您的评价：满意')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '提交评价' })).toBeNull();
    expect(screen.getByText('诉求已办结。如问题仍未解决，请重新提交诉求。')).toBeInTheDocument();
  });

  it('adds information while the case is open', async () => {
    const user = userEvent.setup();
    const { calls } = mockTrack(trackedCase({ status: 'assigned', status_label: '已交办', reply: null, replied_at: null, can_rate: false }));
    render(<TrackPage />);
    await lookUp(user, 'YANV8NQKWZ9A', '13812341234');

    expect(await screen.findByRole('heading', { name: '新厂房用电报装超时' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: '评价办理结果' })).toBeNull();
    await user.click(screen.getByRole('button', { name: '提交补充' }));
    expect(screen.getByText('请填写补充内容（2～2000 字）')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: /补充材料/ }), '供电公司答复需等待线路改造');
    await user.click(screen.getByRole('button', { name: '提交补充' }));
    expect(await screen.findByText('补充内容已提交')).toBeInTheDocument();
    expect(calls.find((c) => c.path === 'info')?.body).toMatchObject({ content: '供电公司答复需等待线路改造', phone: '13812341234' });
    expect(screen.getAllByText('供电公司答复需等待线路改造').length).toBeGreaterThan(0);
  });

  it('checks the form before asking and shows a plain not-found for a wrong phone', async () => {
    const user = userEvent.setup();
    const { calls } = mockTrack();
    render(<TrackPage />);

    await lookUp(user, 'ABC', '12345');
    expect(screen.getByText('请填写 12 位查询码')).toBeInTheDocument();
    expect(screen.getByText('联系电话格式不正确，请填写 11 位手机号或带区号的固定电话')).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    await user.clear(screen.getByLabelText(/联系电话/));
    await lookUp(user, 'YANV8NQKWZ9A', '13900001111');
    expect(await screen.findByText('查询码或联系电话不正确，请核对后重试。')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: '办理答复' })).toBeNull();
  });
});
