import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { FGW, me, office, scjgUser } from '../../../test/fixtures';
import { rectification } from './fixtures';
import type { RectificationRead } from './types';
import { RectificationPage } from './RectificationPage';
import { COMMON_ROUTES, query, SLOW } from './testUtils';

const ID = '7d6f2b1a-0000-4000-8000-000000000001';
const BASE = `/api/tasks/v1/rectifications/${ID}`;

function renderPage(user: Me, data: RectificationRead, extra: Record<string, (request: Request) => Response | Promise<Response>> = {}, search = '') {
  mockApi({ ...COMMON_ROUTES, [`GET ${BASE}`]: () => jsonResponse(200, data), ...extra });
  return renderApp(
    <Routes>
      <Route path="/supervision/rectifications/:id" element={<RectificationPage me={user} />} />
    </Routes>,
    { route: `/supervision/rectifications/${ID}${search}` },
  );
}

describe('RectificationPage', () => {
  it('lets the owner unit upload evidence and submit it for the as-of date, after confirming', async () => {
    const uploads: string[] = [];
    const submitted: { body: unknown; query: Record<string, string> }[] = [];
    renderPage(scjgUser(), rectification(), {
      [`POST ${BASE}/attachments`]: async (request) => {
        const form = await request.formData();
        // jsdom loses the part's file name on the way through Request; the file part and its type arrive.
        uploads.push((form.get('file') as Blob).type);
        return jsonResponse(201, rectification({ attachments: [{ index: 0, filename: '整改台账.pdf', content_type: 'application/pdf', size: 10 }] }));
      },
      [`POST ${BASE}/submit`]: async (request) => {
        submitted.push({ body: await request.json(), query: query(request) });
        return jsonResponse(200, rectification({ status: 'submitted', evidence: '已精简材料 3 项', submitted_on: '2026-10-08', submitted_by: 'scjg' }));
      },
    }, '?as_of=2026-10-08');

    expect(await screen.findByRole('heading', { name: '窗口“一件事”办理材料未精简' }, SLOW)).toBeInTheDocument();
    expect(screen.getByText('整改已逾期（应于 2026-10-09 前完成并通过核验）')).toBeInTheDocument();
    // The office's decision is not offered to the unit.
    expect(screen.queryByRole('button', { name: /核验通过/ })).not.toBeInTheDocument();

    const file = new File(['%PDF'], '整改台账.pdf', { type: 'application/pdf' });
    const input = document.querySelector<HTMLInputElement>('.rect-submit input[type=file]')!;
    await userEvent.upload(input, file);
    await waitFor(() => expect(uploads).toEqual(['application/pdf']));
    expect(await screen.findByText('佐证材料已上传')).toBeInTheDocument();

    const form = screen.getByText('报送整改情况').closest('.rect-submit') as HTMLElement;
    await userEvent.click(within(form).getByRole('button', { name: /报送整改/ }));
    const confirm = await screen.findByRole('tooltip');
    expect(within(confirm).getByText(/报送日期为 2026-10-08/)).toBeInTheDocument();
    await userEvent.click(within(confirm).getByRole('button', { name: /确\s*定|OK/ }));
    expect(await within(form).findByText('请填写整改情况（至少 2 个字）')).toBeInTheDocument();
    expect(submitted).toHaveLength(0);

    await userEvent.type(within(form).getByLabelText('整改情况及佐证说明'), '已精简材料 3 项');
    await userEvent.click(within(form).getByRole('button', { name: /报送整改/ }));
    await userEvent.click(within(await screen.findByRole('tooltip')).getByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() => expect(submitted).toEqual([{ body: { evidence: '已精简材料 3 项' }, query: { as_of: '2026-10-08' } }]));
  }, 30_000);

  it('shows why a submission was refused', async () => {
    renderPage(scjgUser(), rectification({ returned_count: 1, return_reason: '佐证材料不全' }), {
      [`POST ${BASE}/submit`]: () =>
        jsonResponse(409, { title: '状态冲突', status: 409, code: 'rectifications.not_open', detail: '该整改事项已报送或已核验，不能再次报送。' }),
    });
    // A returned rectification says why it came back.
    expect(await screen.findByText('已被退回 1 次，请按退回原因继续整改后重新报送', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByText('佐证材料不全')).toBeInTheDocument();
    const form = screen.getByText('报送整改情况').closest('.rect-submit') as HTMLElement;
    await userEvent.type(within(form).getByLabelText('整改情况及佐证说明'), '补齐材料');
    await userEvent.click(within(form).getByRole('button', { name: /报送整改/ }));
    await userEvent.click(within(await screen.findByRole('tooltip')).getByRole('button', { name: /确\s*定|OK/ }));
    expect(await within(form).findByText('该整改事项已报送或已核验，不能再次报送。')).toBeInTheDocument();
  }, 30_000);

  it('lets the office return a submission only with a reason, and verify it', async () => {
    const decisions: unknown[] = [];
    const submitted = rectification({
      status: 'submitted',
      evidence: '已精简材料 3 项',
      submitted_on: '2026-10-08',
      submitted_by: 'scjg',
      attachments: [{ index: 0, filename: '整改台账.pdf', content_type: 'application/pdf', size: 10 }],
    });
    renderPage(office(), submitted, {
      [`POST ${BASE}/decision`]: async (request) => {
        decisions.push(await request.json());
        return jsonResponse(200, rectification({ status: 'open', returned_count: 1, return_reason: '请补充现场照片' }));
      },
    });
    expect(await screen.findByText('已精简材料 3 项', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /整改台账\.pdf/ })).toBeInTheDocument();
    expect(screen.getByText('scjg 于 2026-10-08 报送')).toBeInTheDocument();
    // The office does not submit evidence.
    expect(screen.queryByText('报送整改情况')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /退回重改/ }));
    let dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: /退回重改/ }));
    expect(await within(dialog).findByText('退回须填写原因，便于责任单位继续整改')).toBeInTheDocument();
    expect(decisions).toHaveLength(0);
    await userEvent.type(within(dialog).getByLabelText('退回原因'), '请补充现场照片');
    await userEvent.click(within(dialog).getByRole('button', { name: /退回重改/ }));
    await waitFor(() => expect(decisions).toEqual([{ decision: 'return', comment: '请补充现场照片' }]));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await userEvent.click(screen.getByRole('button', { name: /核验通过/ }));
    dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/核验通过后整改事项办结，不能撤销/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: /核验通过/ }));
    await waitFor(() => expect(decisions).toEqual([{ decision: 'return', comment: '请补充现场照片' }, { decision: 'verify', comment: null }]));
  }, 30_000);

  it('shows leaders the history read-only', async () => {
    renderPage(
      me('leader', ['leader'], FGW),
      rectification({
        status: 'verified',
        warning: 'none',
        warning_reasons: [],
        evidence: '已精简材料 3 项',
        submitted_on: '2026-10-12',
        submitted_by: 'scjg',
        verified_on: '2026-10-14',
        verified_by: 'office',
        verification_comment: '整改到位',
        returned_count: 1,
        return_reason: '请补充现场照片',
      }),
    );
    expect(await screen.findByText('已核验', {}, SLOW)).toBeInTheDocument();
    const history = document.querySelector<HTMLElement>('.rect-history')!;
    expect(within(history).getByText('2026-09-24 督察 DC-2026-001 下达整改，2026-10-09 到期')).toBeInTheDocument();
    expect(within(history).getByText('被退回 1 次，最近一次原因：请补充现场照片')).toBeInTheDocument();
    expect(within(history).getByText('2026-10-12 scjg 报送整改情况')).toBeInTheDocument();
    expect(within(history).getByText('2026-10-14 office 核验通过：整改到位')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /核验通过|退回重改|报送整改/ })).not.toBeInTheDocument();
    // No warning once verified.
    expect(document.querySelector('.rect-warning-alert')).toBeNull();
  }, 30_000);
});
