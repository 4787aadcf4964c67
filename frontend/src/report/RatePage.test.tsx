import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { jsonResponse, mockApi } from '../test/render';
import { groupServices, RatePage } from './RatePage';
import { TRACKING_CODE_KEY } from './ReportPage';

const SERVICES = [
  { code: 'startup', name: '企业开办', unit_name: '市市场监管局', description: null, rating_count: 30, average_stars: 4.8 },
  { code: 'water', name: '用水报装', unit_name: '市城投集团', description: '新装、增容', rating_count: 12, average_stars: 4.1 },
  { code: 'power', name: '电力报装', unit_name: '国网杭州供电公司', description: null, rating_count: 0, average_stars: null },
  { code: 'closing', name: '企业注销', unit_name: '市市场监管局', description: null, rating_count: 5, average_stars: 4.6 },
];

const LOW = {
  id: '4f1c0a52-7a3f-4b0e-9c1d-000000000001',
  service_code: 'water',
  service_name: '用水报装',
  stars: 2,
  created_at: '2026-11-23T10:00:00+08:00',
  case_no: 'FK20261123-000101',
  tracking_code: 'K7PM-Q2XR-8HZD',
  message: '感谢评价。您的意见已转为诉求 FK20261123-000101，将交承办单位办理；请保存查询码 K7PM-Q2XR-8HZD 查询进度。',
};

function mockPublic(answers: ((body: Record<string, unknown>) => Response)[] = [() => jsonResponse(201, LOW)]) {
  const sent: Record<string, unknown>[] = [];
  let tokens = 0;
  mockApi({
    'GET /api/feedback/v1/public/services': () => jsonResponse(200, SERVICES),
    'POST /api/feedback/v1/public/form-token': () => {
      tokens += 1;
      return jsonResponse(200, { token: `token-${tokens}`, min_fill_seconds: 0, expires_in: 7200 });
    },
    'POST /api/feedback/v1/public/ratings': async (request) => {
      const body = (await request.json()) as Record<string, unknown>;
      sent.push(body);
      return answers[Math.min(sent.length - 1, answers.length - 1)](body);
    },
  });
  return { sent, tokens: () => tokens };
}

beforeEach(() => sessionStorage.clear());

describe('RatePage (营商环境我来评)', () => {
  it('groups services by unit and finds them by service or unit name', () => {
    expect(groupServices(SERVICES, '').map((g) => [g.unit, g.services.map((s) => s.code)])).toEqual([
      ['市市场监管局', ['startup', 'closing']],
      ['市城投集团', ['water']],
      ['国网杭州供电公司', ['power']],
    ]);
    expect(groupServices(SERVICES, '增容')[0].services[0].code).toBe('water');
    expect(groupServices(SERVICES, '市场监管 注销')[0].services.map((s) => s.code)).toEqual(['closing']);
    expect(groupServices(SERVICES, '公积金')).toEqual([]);
  });

  it('asks for a service and stars, then files a 2-star rating with a comment and shows the tracking code', async () => {
    const user = userEvent.setup();
    const { sent } = mockPublic();
    render(<RatePage />);

    expect(await screen.findByText('企业开办')).toBeInTheDocument();
    expect(screen.getByText('30 条评价 · 平均 4.8 星')).toBeInTheDocument();
    expect(screen.getByText('暂无评价')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '提交评价' }));
    expect(screen.getByText('请选择要评价的事项')).toBeInTheDocument();
    expect(screen.getByText('请选择星级')).toBeInTheDocument();
    expect(sent).toHaveLength(0);

    await user.type(screen.getByLabelText('搜索事项或部门'), '用水');
    expect(screen.queryByText('企业开办')).toBeNull();
    await user.click(screen.getByRole('radio', { name: /用水报装/ }));
    expect(screen.getByTestId('chosen-service')).toHaveTextContent('已选：用水报装（市城投集团）');
    await user.click(screen.getByRole('radio', { name: '2 星：不满意' }));
    expect(screen.getByText('填写意见后，本次评价将转为诉求办理，承办部门会答复。')).toBeInTheDocument();
    await user.type(screen.getByLabelText(/评价意见/), '增容审批跑了三次还没办好');
    await user.type(screen.getByLabelText(/联系电话/), '139-1234-5678');
    await user.click(screen.getByRole('button', { name: '提交评价' }));

    expect(await screen.findByTestId('tracking-code')).toHaveTextContent('K7PM-Q2XR-8HZD');
    expect(screen.getByText('已转为诉求，查询码')).toBeInTheDocument();
    expect(screen.getByText('诉求编号：FK20261123-000101')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '查询办理进度' })).toHaveAttribute('href', '/track');
    expect(sessionStorage.getItem(TRACKING_CODE_KEY)).toBe('K7PM-Q2XR-8HZD');
    expect(sent).toEqual([
      {
        service_code: 'water',
        stars: 2,
        comment: '增容审批跑了三次还没办好',
        enterprise_name: null,
        contact_phone: '13912345678',
        form_token: 'token-1',
        website: null,
      },
    ]);
  });

  it('thanks a 5-star rating without a case, and lets the visitor rate another with a fresh token', async () => {
    const user = userEvent.setup();
    const { sent, tokens } = mockPublic([
      (body) => jsonResponse(201, { ...LOW, service_code: body.service_code, service_name: '企业开办', stars: 5, case_no: null, tracking_code: null, message: '感谢评价，您的意见将用于改进服务。' }),
    ]);
    render(<RatePage />);
    await user.click(await screen.findByRole('radio', { name: /企业开办/ }));
    await user.click(screen.getByRole('radio', { name: '5 星：非常满意' }));
    await user.click(screen.getByRole('button', { name: '提交评价' }));
    expect(await screen.findByText('感谢评价，您的意见将用于改进服务。')).toBeInTheDocument();
    expect(screen.getByText('您对「企业开办」的评价：5 星')).toBeInTheDocument();
    expect(screen.queryByTestId('tracking-code')).toBeNull();
    expect(sent[0]).toMatchObject({ service_code: 'startup', stars: 5, comment: null, contact_phone: null });
    await user.click(screen.getByRole('button', { name: '再评一项' }));
    expect(await screen.findByLabelText('搜索事项或部门')).toBeInTheDocument();
    await waitFor(() => expect(tokens()).toBe(2));
  });

  it('checks the phone before sending, retries once on a used token, and shows the per-service limit', async () => {
    const user = userEvent.setup();
    const { sent } = mockPublic([
      () => jsonResponse(422, { status: 422, code: 'public.form_token_used', title: '表单已提交', detail: '该表单已提交过，请刷新后重试。' }),
      () => jsonResponse(429, { status: 429, code: 'ratings.service_limit', title: '评价次数已达上限', detail: '当前网络 24 小时内对「用水报装」的评价已达 3 次，请明天再评。' }),
    ]);
    render(<RatePage />);
    await user.click(await screen.findByRole('radio', { name: /用水报装/ }));
    await user.click(screen.getByRole('radio', { name: '1 星：很不满意' }));
    await user.type(screen.getByLabelText(/联系电话/), '12345');
    await user.tab();
    expect(await screen.findByText('联系电话格式不正确，请填写 11 位手机号或带区号的固定电话')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '提交评价' }));
    expect(sent).toHaveLength(0);
    await user.clear(screen.getByLabelText(/联系电话/));
    await user.click(screen.getByRole('button', { name: '提交评价' }));
    const problem = await screen.findByText('当前网络 24 小时内对「用水报装」的评价已达 3 次，请明天再评。');
    expect(problem.closest('[role="alert"]')).toBeInTheDocument();
    expect(sent.map((body) => body.form_token)).toEqual(['token-1', 'token-2']);
    // The hidden honeypot goes as typed (empty).
    expect(sent[1].website).toBeNull();
    expect(within(document.querySelector('.hp') as HTMLElement).getByLabelText('网站（请勿填写）')).toHaveValue('');
  });

  it('offers a retry when the services cannot be loaded', async () => {
    const user = userEvent.setup();
    let calls = 0;
    mockApi({
      'GET /api/feedback/v1/public/services': () => {
        calls += 1;
        return calls === 1 ? jsonResponse(503, { status: 503, title: '服务暂不可用', detail: '服务暂时无法访问，请稍后重试。' }) : jsonResponse(200, SERVICES);
      },
      'POST /api/feedback/v1/public/form-token': () => jsonResponse(200, { token: 't', min_fill_seconds: 0, expires_in: 7200 }),
    });
    render(<RatePage />);
    expect(await screen.findByText('服务暂时无法访问，请稍后重试。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByText('企业开办')).toBeInTheDocument();
  });
});
