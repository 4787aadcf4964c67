import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { jsonResponse, mockApi } from '../test/render';
import { publicOptions } from '../pages/feedback/testData';
import { ReportPage, TRACKING_CODE_KEY } from './ReportPage';

const CREATED = {
  case_no: 'FK20261122-000064',
  tracking_code: 'YANV-8NQK-WZ9A',
  status: 'received',
  received_at: '2026-11-22T10:00:00+08:00',
  due_at: '2026-11-27T23:59:59+08:00',
};

function mockPublic(caseAnswers: ((body: Record<string, unknown>) => Response)[] = [() => jsonResponse(201, CREATED)]) {
  const sent: Record<string, unknown>[] = [];
  const uploads: FormData[] = [];
  let tokens = 0;
  const fetchMock = mockApi({
    'GET /api/feedback/v1/public/options': () => jsonResponse(200, publicOptions),
    'POST /api/feedback/v1/public/form-token': () => {
      tokens += 1;
      return jsonResponse(200, { token: `token-${tokens}`, min_fill_seconds: 0, expires_in: 7200 });
    },
    'POST /api/feedback/v1/public/cases': async (request) => {
      const body = (await request.json()) as Record<string, unknown>;
      sent.push(body);
      return caseAnswers[Math.min(sent.length - 1, caseAnswers.length - 1)](body);
    },
    'POST /api/feedback/v1/public/track/attachments': async (request) => {
      uploads.push(await request.formData());
      return jsonResponse(201, {});
    },
  });
  return { sent, uploads, fetchMock, tokens: () => tokens };
}

async function fillComplaint(user: ReturnType<typeof userEvent.setup>, { creditCode = '91330106MA2CFXX77M', phone = '138 1234 1234' } = {}) {
  await user.click(await screen.findByRole('radio', { name: '投诉' }));
  await user.selectOptions(screen.getByLabelText(/诉求分类/), 'utilities.power');
  await user.type(screen.getByLabelText(/^标题/), '新厂房用电报装超时');
  await user.type(screen.getByLabelText(/具体情况/), '用电报装已提交 20 个工作日仍未接电，影响投产。');
  await user.selectOptions(screen.getByLabelText(/所在区县/), '330106');
  await user.type(screen.getByLabelText(/企业名称/), '杭州云栖数智科技有限公司');
  if (creditCode) await user.type(screen.getByLabelText(/统一社会信用代码/), creditCode);
  await user.type(screen.getByLabelText(/^联系人/), '王先生');
  await user.type(screen.getByLabelText(/^联系电话/), phone);
}

beforeEach(() => sessionStorage.clear());

describe('ReportPage (public complaint form)', () => {
  it('refuses a credit code with a wrong check character before sending, then files the case and shows the tracking code', async () => {
    const user = userEvent.setup();
    const { sent, uploads } = mockPublic();
    render(<ReportPage />);

    await fillComplaint(user, { creditCode: '91330106MA2CFXX77A' });
    await user.tab(); // leaving the field checks it
    expect(await screen.findByText('统一社会信用代码校验位不正确，请对照营业执照核对')).toBeInTheDocument();
    expect(screen.getByLabelText(/统一社会信用代码/)).toHaveAttribute('aria-invalid', 'true');

    await user.click(screen.getByRole('button', { name: '提交诉求' }));
    expect(sent).toHaveLength(0);

    // The right code (lower case and spaces are fine), and one attachment.
    await user.clear(screen.getByLabelText(/统一社会信用代码/));
    await user.type(screen.getByLabelText(/统一社会信用代码/), '91330106ma2cfxx77m');
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], '现场照片.jpg', { type: 'image/jpeg' });
    await user.upload(screen.getByLabelText('选择文件'), photo);
    expect(screen.getByText('现场照片.jpg')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '提交诉求' }));

    expect(await screen.findByTestId('tracking-code')).toHaveTextContent('YANV-8NQK-WZ9A');
    expect(screen.getByText('诉求编号：FK20261122-000064')).toBeInTheDocument();
    expect(screen.getByText('承诺答复时限：2026-11-27 前')).toBeInTheDocument();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      type: 'complaint',
      category_code: 'utilities.power',
      credit_code: '91330106MA2CFXX77M',
      contact_phone: '13812341234',
      district: '330106',
      anonymous: false,
      form_token: 'token-1',
      website: null,
    });
    await waitFor(() => expect(uploads).toHaveLength(1));
    expect(uploads[0].get('tracking_code')).toBe('YANV-8NQK-WZ9A');
    expect(uploads[0].get('phone')).toBe('13812341234');
    expect(await screen.findByText('附件已上传 1 个')).toBeInTheDocument();
    // The code is handed to /track; the phone number is not stored.
    expect(sessionStorage.getItem(TRACKING_CODE_KEY)).toBe('YANV-8NQK-WZ9A');
    expect(screen.getByRole('link', { name: '查询办理进度' })).toHaveAttribute('href', '/track');
  });

  it('lists every missing field and keeps a hidden, empty honeypot', async () => {
    const user = userEvent.setup();
    const { sent } = mockPublic();
    render(<ReportPage />);
    await screen.findByRole('radio', { name: '投诉' });

    const honeypot = document.querySelector<HTMLInputElement>('input[name="website"]')!;
    expect(honeypot).toHaveValue('');
    expect(honeypot.closest('[aria-hidden="true"]')).not.toBeNull();
    expect(honeypot).toHaveAttribute('tabindex', '-1');

    await user.click(screen.getByRole('button', { name: '提交诉求' }));
    for (const message of ['请选择诉求类型', '请选择诉求分类', '请填写标题（2～200 字）', '请描述具体情况（5～5000 字）', '请填写企业名称', '请填写联系人', '请填写联系电话']) {
      expect(screen.getByText(message)).toBeInTheDocument();
    }
    expect(sent).toHaveLength(0);

    await user.type(screen.getByLabelText(/^联系电话/), '1381234');
    await user.tab();
    expect(await screen.findByText('联系电话格式不正确，请填写 11 位手机号或带区号的固定电话')).toBeInTheDocument();
  });

  it('sends an anonymous suggestion without enterprise or contact data', async () => {
    const user = userEvent.setup();
    const { sent } = mockPublic();
    render(<ReportPage />);

    await user.click(await screen.findByRole('radio', { name: '建议' }));
    expect(screen.getByText('建议：15 个工作日内答复')).toBeInTheDocument();
    await user.click(screen.getByLabelText(/匿名提交/));
    expect(screen.queryByRole('textbox', { name: /企业名称/ })).toBeNull();
    expect(screen.queryByRole('textbox', { name: /^联系电话/ })).toBeNull();
    await user.selectOptions(screen.getByLabelText(/诉求分类/), 'other');
    await user.type(screen.getByLabelText(/^标题/), '建议延长政务大厅周末开放时间');
    await user.type(screen.getByLabelText(/具体情况/), '周末办事的企业较多，建议周六全天开放。');
    await user.click(screen.getByRole('button', { name: '提交诉求' }));

    expect(await screen.findByTestId('tracking-code')).toBeInTheDocument();
    expect(sent[0]).toMatchObject({ type: 'suggestion', anonymous: true, enterprise_name: null, contact_name: null, contact_phone: null });
  });

  it('takes a fresh form token once when the first one was refused', async () => {
    const user = userEvent.setup();
    const { sent, tokens } = mockPublic([
      () => jsonResponse(422, { status: 422, code: 'public.form_token_used', title: '表单已提交', detail: '该表单已提交过，请刷新页面后重新填写。' }),
      () => jsonResponse(201, CREATED),
    ]);
    render(<ReportPage />);
    await fillComplaint(user, { creditCode: '' });
    await user.click(screen.getByRole('button', { name: '提交诉求' }));

    expect(await screen.findByTestId('tracking-code')).toHaveTextContent('YANV-8NQK-WZ9A');
    expect(sent.map((body) => body.form_token)).toEqual(['token-1', 'token-2']);
    expect(tokens()).toBe(2);
  });

  it('shows the API refusal (per-phone limit) and the per-field messages of a 422', async () => {
    const user = userEvent.setup();
    mockPublic([
      () =>
        jsonResponse(422, {
          status: 422,
          code: 'validation_failed',
          title: '提交的内容有误',
          detail: '请按提示修改标注的字段后重试。',
          errors: [{ field: 'category_code', code: 'unknown_category', message: '诉求分类不存在或已停用' }],
        }),
      () => jsonResponse(429, { status: 429, code: 'public.phone_limit', title: '提交过于频繁', detail: '该联系电话今日提交次数已达上限，请明日再试或拨打 12345。' }),
    ]);
    render(<ReportPage />);
    await fillComplaint(user);
    await user.click(screen.getByRole('button', { name: '提交诉求' }));

    const problem = await screen.findByText('请按提示修改标注的字段后重试。');
    expect(within(problem.closest('.problem') as HTMLElement).getByText('诉求分类不存在或已停用')).toBeInTheDocument();
    expect(document.querySelector('[data-field="category_code"] .field-error')).toHaveTextContent('诉求分类不存在或已停用');

    await user.click(screen.getByRole('button', { name: '提交诉求' }));
    expect(await screen.findByText('该联系电话今日提交次数已达上限，请明日再试或拨打 12345。')).toBeInTheDocument();
    expect(screen.queryByTestId('tracking-code')).toBeNull();
  });
});
