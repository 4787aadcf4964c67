import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DataPage } from './DataPage';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { fgwUser, office } from '../../test/fixtures';
import { GP00, GP05, GP07, SL01, observation, page } from '../../test/indicatorFixtures';

const REGIONS = [
  { code: '330100', name: '杭州市', province: '浙江省' },
  { code: '330200', name: '宁波市', province: '浙江省' },
];

const OUTLIER = { code: 'outlier', message: '数值 10 偏离其他地区均值 84.1 超过 3 倍标准差（合理范围 74.2 ~ 94），请核实' };

describe('DataPage · review queue (office)', () => {
  function mockQueue(review: (body: unknown) => Response) {
    const reviews: unknown[] = [];
    mockApi({
      'GET /api/indicators/v1/observations': () =>
        jsonResponse(200, page([observation(), observation({ id: '7d0c9c3e-0000-4000-8000-000000000002', indicator: 'GP-06', indicator_name: '获得电力', value: 10, flags: [OUTLIER] })])),
      'POST /api/indicators/v1/observations/review': async (request) => {
        const body = await request.json();
        reviews.push(body);
        return review(body);
      },
    });
    return reviews;
  }

  const rowOf = (text: string) => screen.getByText(text).closest('tr')!;

  it('shows quality flags and requires a comment to return', async () => {
    const reviews = mockQueue(() => jsonResponse(200, [observation({ status: 'returned', review_comment: '请核实' })]));
    renderApp(<DataPage me={office()} />, { route: '/indicators/data' });

    expect(await screen.findByText('待审核数据（2）')).toBeInTheDocument();
    const flagged = rowOf('获得电力');
    expect(flagged).toHaveClass('obs-row-flagged');
    expect(within(flagged).getByText('偏离均值')).toBeInTheDocument();
    expect(within(flagged).getByText(OUTLIER.message)).toBeInTheDocument();
    expect(within(rowOf('招标投标')).getByText('无')).toBeInTheDocument();

    await userEvent.click(within(rowOf('招标投标')).getByRole('checkbox'));
    await userEvent.click(screen.getByRole('button', { name: /退回所选（1）/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: /退\s*回/ }));
    expect(await within(dialog).findByText('退回须填写意见')).toBeInTheDocument();
    expect(reviews).toHaveLength(0);

    await userEvent.type(within(dialog).getByLabelText('审核意见'), '请附统计口径说明');
    await userEvent.click(within(dialog).getByRole('button', { name: /退\s*回/ }));
    await waitFor(() =>
      expect(reviews).toEqual([{ ids: ['7d0c9c3e-0000-4000-8000-000000000001'], decision: 'return', comment: '请附统计口径说明' }]),
    );
    expect(await screen.findByText('已退回 1 条数据')).toBeInTheDocument();
  });

  it('shows the 422 flags_need_comment message when flagged values are approved without a comment', async () => {
    const reviews = mockQueue(() =>
      jsonResponse(422, {
        status: 422,
        code: 'observations.flags_need_comment',
        title: '数据存在质量提示',
        detail: '有 1 条数据存在质量提示（如超出合理范围、明显偏离其他城市），请核实并填写审核意见后再通过。',
        errors: [{ field: '7d0c9c3e-0000-4000-8000-000000000002', code: 'outlier', message: OUTLIER.message }],
      }),
    );
    renderApp(<DataPage me={office()} />, { route: '/indicators/data?tab=queue' });

    await screen.findByText('待审核数据（2）');
    // Select all (both rows) and approve.
    await userEvent.click(within(document.querySelector<HTMLElement>('.queue-table thead')!).getByRole('checkbox'));
    await userEvent.click(screen.getByRole('button', { name: /通过所选（2）/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('所选数据中有 1 条存在质量提示，须填写审核意见后才能通过。')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: /通\s*过/ }));

    expect(
      await within(dialog).findByText('有 1 条数据存在质量提示（如超出合理范围、明显偏离其他城市），请核实并填写审核意见后再通过。'),
    ).toBeInTheDocument();
    expect(within(dialog).getAllByText(OUTLIER.message).length).toBeGreaterThan(0);
    expect(reviews).toEqual([
      { ids: ['7d0c9c3e-0000-4000-8000-000000000001', '7d0c9c3e-0000-4000-8000-000000000002'], decision: 'approve', comment: null },
    ]);
  });
});

describe('DataPage · entry form (lead unit)', () => {
  function mockEntry(submit: (body: unknown) => Response) {
    const posts: unknown[] = [];
    mockApi({
      'GET /api/indicators/v1/indicators': () => jsonResponse(200, [GP00, GP05, GP07, SL01]),
      'GET /api/indicators/v1/regions': () => jsonResponse(200, REGIONS),
      'POST /api/indicators/v1/observations': async (request) => {
        const body = await request.json();
        posts.push(body);
        return submit(body);
      },
    });
    return posts;
  }

  async function pickIndicator(label: string) {
    const select = screen.getByRole('combobox', { name: '指标' });
    await userEvent.click(select);
    const option = await waitFor(() => {
      const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find((el) => el.title === label);
      if (!found) throw new Error(`no option ${label}`);
      return found;
    });
    await userEvent.setup({ pointerEventsCheck: 0 }).click(option);
  }

  async function fillRow() {
    await pickIndicator('GP-05 招标投标（分）');
    // The framework's current period is suggested.
    await waitFor(() => expect(screen.getByLabelText('期间')).toHaveValue('2025'));
    await userEvent.type(screen.getByLabelText('数值'), '84.2');
    await userEvent.type(screen.getByLabelText('数据来源'), '市发改委年报');
  }

  it('offers only the indicators the lead unit leads (no composites) and validates before sending', async () => {
    const posts = mockEntry(() => jsonResponse(201, []));
    renderApp(<DataPage me={fgwUser()} />, { route: '/indicators/data' });

    // Lead units get entry, import and their records; no review queue.
    expect(await screen.findByRole('tab', { name: '数据录入' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.queryByRole('tab', { name: '审核队列' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('combobox', { name: '指标' }));
    const titles = await waitFor(() => {
      const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].map((el) => el.title);
      if (!found.length) throw new Error('no options yet');
      return found;
    });
    expect(titles).toEqual(['GP-05 招标投标（分）', 'SL-01 无感监测营商指数（分）']);
    await userEvent.keyboard('{Escape}');

    await userEvent.click(screen.getByRole('button', { name: /提交审核/ }));
    expect(await screen.findByText('请选择指标')).toBeInTheDocument();
    expect(screen.getByText('请填写数值')).toBeInTheDocument();
    expect(posts).toHaveLength(0);
  });

  it('sends the rows as a JSON list and shows the API 403 detail', async () => {
    const posts = mockEntry(() =>
      jsonResponse(403, { status: 403, code: 'forbidden', title: '无权操作', detail: '只能录入本单位牵头的指标，以下指标无权录入：GP-05。' }),
    );
    renderApp(<DataPage me={fgwUser()} />, { route: '/indicators/data?tab=entry' });
    await screen.findByRole('combobox', { name: '指标' });
    await fillRow();
    await userEvent.click(screen.getByRole('button', { name: /提交审核/ }));

    expect(await screen.findByText('只能录入本单位牵头的指标，以下指标无权录入：GP-05。')).toBeInTheDocument();
    expect(posts).toEqual([[{ indicator: 'GP-05', region: '330100', period: '2025', value: 84.2, source: '市发改委年报', method: 'reported' }]]);
  });

  it('puts the 422 per-row messages on their fields', async () => {
    mockEntry(() =>
      jsonResponse(422, {
        status: 422,
        code: 'observations.invalid',
        title: '录入的数据有误',
        detail: '请按提示修改后重新提交；本次未保存任何数据。',
        errors: [{ field: '0.region', code: 'unknown', message: '地区代码 330100 不存在' }],
      }),
    );
    renderApp(<DataPage me={fgwUser()} />, { route: '/indicators/data?tab=entry' });
    await screen.findByRole('combobox', { name: '指标' });
    await fillRow();
    await userEvent.click(screen.getByRole('button', { name: /提交审核/ }));

    expect(await screen.findByText('请按提示修改后重新提交；本次未保存任何数据。')).toBeInTheDocument();
    // Once in the alert's list and once under the region field.
    await waitFor(() => expect(screen.getAllByText('地区代码 330100 不存在')).toHaveLength(2));
    expect(document.querySelector('.ant-form-item-has-error')).toHaveTextContent('地区');
  });

  it('confirms the submission and lists quality flags the office will see', async () => {
    mockEntry((body) =>
      jsonResponse(201, (body as { value: number }[]).map(() => observation({ value: 10, flags: [OUTLIER] }))),
    );
    renderApp(<DataPage me={fgwUser()} />, { route: '/indicators/data?tab=entry' });
    await screen.findByRole('combobox', { name: '指标' });
    await fillRow();
    await userEvent.click(screen.getByRole('button', { name: /提交审核/ }));

    expect(await screen.findByText('已提交 1 条数据，待改革办审核')).toBeInTheDocument();
    expect(screen.getByText(/以下数据存在质量提示/)).toBeInTheDocument();
    expect(screen.getByText('偏离均值')).toBeInTheDocument();
  });
});

describe('DataPage · file import', () => {
  it('uploads a csv, shows per-row errors and blocks the commit until the file is fixed', async () => {
    const uploads: FormData[] = [];
    mockApi({
      'GET /api/indicators/v1/regions': () => jsonResponse(200, REGIONS),
      'POST /api/indicators/v1/observations/imports': async (request) => {
        uploads.push(await request.formData());
        return jsonResponse(201, {
          id: 'imp-1',
          filename: 'obs.csv',
          layout: 'long',
          status: 'preview',
          errors: [],
          valid: 1,
          invalid: 1,
          rows: [
            { row_number: 2, column: '数值', indicator: 'GP-05', region: '330100', period: '2024', value: 83.1, errors: [] },
            { row_number: 3, column: '数值', indicator: 'GP-07', region: '330100', period: '2024', value: 88, errors: ['第3行：无权录入指标 GP-07（非本单位牵头）'] },
          ],
        });
      },
    });
    renderApp(<DataPage me={fgwUser()} />, { route: '/indicators/data?tab=import' });

    const file = new File(['指标代码,地区,期间,数值,来源\n'], 'obs.csv', { type: 'text/csv' });
    await userEvent.upload(document.querySelector<HTMLInputElement>('input[type=file]')!, file);
    await userEvent.type(screen.getByLabelText('期间（宽表无期间列时填写）'), '2024');
    await userEvent.click(screen.getByRole('button', { name: '上传并预览' }));

    expect(await screen.findByText('第3行：无权录入指标 GP-07（非本单位牵头）')).toBeInTheDocument();
    expect(uploads[0].get('period')).toBe('2024');
    expect(uploads[0].get('file')).toBeTruthy();
    expect(screen.getByText('有 1 行存在错误，请修改文件后重新上传；修改前不能导入。')).toBeInTheDocument();
    expect(screen.getAllByText('杭州市').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: /确认导入 1 条/ })).toBeDisabled();
  });
});
