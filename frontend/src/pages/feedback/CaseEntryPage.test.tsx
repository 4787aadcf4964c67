import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { CaseEntryPage, entryBody } from './CaseEntryPage';
import { categories, publicOptions } from './testData';
import { choose, Where } from './testUtils';

function mockEntry(answer: (body: Record<string, unknown>) => Response) {
  const sent: Record<string, unknown>[] = [];
  mockApi({
    'GET /api/feedback/v1/categories': () => jsonResponse(200, categories),
    'GET /api/feedback/v1/public/options': () => jsonResponse(200, publicOptions),
    'POST /api/feedback/v1/cases': async (request) => {
      const body = (await request.json()) as Record<string, unknown>;
      sent.push(body);
      return answer(body);
    },
  });
  return sent;
}

function renderEntry() {
  return renderApp(
    <Routes>
      <Route path="/feedback/new" element={<CaseEntryPage />} />
      <Route path="*" element={<Where />} />
    </Routes>,
    { route: '/feedback/new' },
  );
}

/** Picks a node of an antd TreeSelect by its title. */
async function chooseTree(combobox: HTMLElement, title: string) {
  await userEvent.click(combobox);
  await userEvent.type(combobox, title);
  const node = await waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>('.ant-select-tree-node-content-wrapper')].find((el) => el.title === title);
    if (!found) throw new Error(`no tree node ${title}`);
    return found;
  });
  await userEvent.click(node);
}

async function fillRequired() {
  await choose(screen.getByRole('combobox', { name: '诉求类型' }), '投诉');
  await chooseTree(screen.getByRole('combobox', { name: '诉求分类' }), '用电报装');
  await userEvent.type(screen.getByLabelText('标题'), '体验官反映：用电报装环节多');
  await userEvent.type(screen.getByLabelText('诉求内容'), '体验官走访企业时了解到用电报装需跑多个部门。');
}

describe('CaseEntryPage', { timeout: 30_000 }, () => {
  it('checks the credit code and phone, enters the case and shows its tracking code', async () => {
    const sent = mockEntry(() =>
      jsonResponse(201, {
        case_no: 'FK20261122-000065',
        tracking_code: 'K7PQ-M2XA-9RTB',
        status: 'received',
        received_at: '2026-11-22T10:00:00+08:00',
        due_at: '2026-11-27T23:59:59+08:00',
      }),
    );
    renderEntry();

    await choose(await screen.findByRole('combobox', { name: '来源渠道' }), '政企恳谈会');
    await userEvent.type(screen.getByLabelText('来源说明'), '11 月政企恳谈会');
    await fillRequired();
    await userEvent.type(screen.getByLabelText('统一社会信用代码'), '91330106MA2CFXX77A');
    await userEvent.type(screen.getByLabelText('联系电话'), '1381234');
    await userEvent.click(screen.getByRole('button', { name: /登\s*记/ }));

    expect(await screen.findByText('统一社会信用代码校验位不正确，请核对')).toBeInTheDocument();
    expect(screen.getByText('联系电话格式不正确，请填写 11 位手机号或带区号的固定电话')).toBeInTheDocument();
    expect(sent).toHaveLength(0);

    await userEvent.clear(screen.getByLabelText('统一社会信用代码'));
    await userEvent.type(screen.getByLabelText('统一社会信用代码'), 'y1330106ma2cx1234b');
    await userEvent.clear(screen.getByLabelText('联系电话'));
    await userEvent.type(screen.getByLabelText('联系电话'), '0571-87654321');
    await userEvent.click(screen.getByRole('button', { name: /登\s*记/ }));

    expect(await screen.findByText('已登记诉求 FK20261122-000065')).toBeInTheDocument();
    expect(screen.getByText('K7PQ-M2XA-9RTB')).toBeInTheDocument();
    expect(sent[0]).toMatchObject({
      channel: 'salon',
      source_detail: '11 月政企恳谈会',
      type: 'complaint',
      category_code: 'utilities.power',
      credit_code: 'Y1330106MA2CX1234B',
      contact_phone: '057187654321',
      anonymous: false,
      received_at: null,
    });

    await userEvent.click(screen.getByRole('button', { name: '查看诉求' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/feedback/cases/FK20261122-000065');
  });

  it('puts the API’s field messages on the form', async () => {
    mockEntry(() =>
      jsonResponse(422, {
        status: 422,
        code: 'validation_failed',
        title: '提交的内容有误',
        detail: '请按提示修改标注的字段后重试。',
        errors: [{ field: 'category_code', code: 'unknown_category', message: '诉求分类不存在或已停用' }],
      }),
    );
    renderEntry();
    await screen.findByRole('combobox', { name: '来源渠道' });
    await fillRequired();
    await userEvent.click(screen.getByRole('button', { name: /登\s*记/ }));

    const alert = await screen.findByText('请按提示修改标注的字段后重试。');
    expect(alert).toBeInTheDocument();
    const field = document.querySelector('.ant-form-item-has-error') as HTMLElement;
    expect(within(field).getByText('诉求分类')).toBeInTheDocument();
    expect((await within(field).findAllByText('诉求分类不存在或已停用')).length).toBeGreaterThan(0);
  });

  it('keeps nothing personal for an anonymous suggestion', () => {
    const body = entryBody({
      channel: 'media',
      type: 'suggestion',
      anonymous: true,
      category_code: 'other',
      title: '建议',
      description: '建议延长办事时间',
      enterprise_name: '某公司',
      contact_phone: '13812341234',
    });
    expect(body).toMatchObject({ anonymous: true, enterprise_name: null, contact_phone: null, credit_code: null });
    expect(entryBody({ channel: 'media', type: 'complaint', anonymous: true, category_code: 'other', title: 'x', description: 'y' }).anonymous).toBe(false);
  });
});
