import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../../api/types';
import type { CaseRead } from '../../../feedback/types';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { fgwUser, me, office, scjgUser } from '../../../test/fixtures';
import { CaseDetailPage } from '../CaseDetailPage';
import { assignedCase } from '../testData';
import { unitPage } from '../testUtils';
import { mayBeFlagged } from './RepeatPanel';
import { repeatFlag } from './testData';

const NO = 'FK20261120-000061';
const PATH = `/api/feedback/v1/cases/${NO}`;
const OK = /确\s*定/;

const flaggedCase = (overrides: Partial<CaseRead> = {}) => {
  const base = assignedCase({ repeat_of: 'FK20261102-000040' });
  return {
    ...base,
    events: base.events.map((e) => (e.event === 'received' ? { ...e, detail: { ...e.detail, repeat_of: 'FK20261102-000040' } } : e)),
    ...overrides,
  };
};

function mockFlag(data: CaseRead, flag = repeatFlag(), answers: Record<string, () => Response> = {}) {
  const posts: { key: string; body: unknown }[] = [];
  mockApi({
    [`GET ${PATH}`]: () => jsonResponse(200, data),
    [`GET ${PATH}/repeat`]: () => jsonResponse(200, flag),
    'GET /api/auth/v1/units': () => jsonResponse(200, unitPage()),
    ...Object.fromEntries(
      Object.entries(answers).map(([key, answer]) => [
        key,
        async (request: Request) => {
          posts.push({ key, body: await request.json() });
          return answer();
        },
      ]),
    ),
  });
  return posts;
}

function renderCase(user: Me) {
  return renderApp(
    <Routes>
      <Route path="/feedback/cases/:caseNo" element={<CaseDetailPage me={user} />} />
    </Routes>,
    { route: `/feedback/cases/${NO}` },
  );
}

describe('RepeatPanel on the case page', { timeout: 30_000 }, () => {
  it('fetches the flag only for a case intake linked to an earlier one', () => {
    expect(mayBeFlagged(assignedCase())).toBe(false);
    expect(mayBeFlagged(flaggedCase())).toBe(true);
    // Dismissed since: the live link is gone, the received event still names it.
    expect(mayBeFlagged(flaggedCase({ repeat_of: null }))).toBe(true);
  });

  it('lets the main unit dismiss a suspected repeat with a reason, after asking', async () => {
    const posts = mockFlag(flaggedCase(), repeatFlag(), {
      [`POST ${PATH}/repeat/dismiss`]: () =>
        jsonResponse(200, repeatFlag({ status: 'dismissed', status_label: '已排除', counts_against_one_time_resolution: false, decided_by: 'scjg', decided_at: '2026-11-21T09:00:00+08:00', decision_comment: '新的报装申请' })),
    });
    renderCase(scjgUser());

    const panel = (await screen.findByText('疑似重复（待确认）')).closest('.fb2-repeat') as HTMLElement;
    expect(within(panel).getByRole('link', { name: 'FK20261102-000040' })).toHaveAttribute('href', '/feedback/cases/FK20261102-000040');
    expect(within(panel).getByText('厂房用电报装迟迟未接电')).toBeInTheDocument();
    expect(within(panel).getByText('统一社会信用代码相同，相似度 0.26')).toBeInTheDocument();
    expect(within(panel).getByText('计入：FK20261102-000040 不再算一次化解')).toBeInTheDocument();

    await userEvent.click(within(panel).getByRole('button', { name: /排除重复/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getAllByRole('button', { name: /排除重复/ }).at(-1)!);
    expect(await within(dialog).findByText('请填写排除理由（2～500 字）')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText('排除理由'), '新的报装申请');
    await userEvent.click(within(dialog).getAllByRole('button', { name: /排除重复/ }).at(-1)!);
    expect(await screen.findByText('排除 FK20261120-000061 与 FK20261102-000040 的重复关联？')).toBeInTheDocument();
    await userEvent.click(screen.getAllByRole('button', { name: OK }).at(-1)!);
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0].body).toEqual({ reason: '新的报装申请' });
    expect(await screen.findByText('不计入')).toBeInTheDocument();
    // Dismissed: it may be confirmed after all, not dismissed twice.
    const after = document.querySelector('.fb2-repeat') as HTMLElement;
    expect(within(after).getByRole('button', { name: /确认重复/ })).toBeInTheDocument();
    expect(within(after).queryByRole('button', { name: /排除重复/ })).toBeNull();
  });

  it('lets the office confirm, and shows a co-unit and a leader the flag without buttons', async () => {
    const posts = mockFlag(flaggedCase(), repeatFlag(), {
      [`POST ${PATH}/repeat/confirm`]: () => jsonResponse(200, repeatFlag({ status: 'confirmed', status_label: '已确认重复' })),
    });
    const view = renderCase(office());
    const panel = (await screen.findByText('疑似重复（待确认）')).closest('.fb2-repeat') as HTMLElement;
    await userEvent.click(within(panel).getByRole('button', { name: /确认重复/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getAllByRole('button', { name: /确认重复/ }).at(-1)!);
    await userEvent.click(await waitFor(() => screen.getAllByRole('button', { name: OK }).at(-1)!));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0].body).toEqual({ comment: null });
    expect(await screen.findByText('已确认重复')).toBeInTheDocument();
    view.unmount();

    for (const user of [fgwUser(), me('leader', ['leader'])]) {
      const again = renderCase(user);
      const shown = (await screen.findByText('疑似重复（待确认）')).closest('.fb2-repeat') as HTMLElement;
      expect(within(shown).queryByRole('button')).toBeNull();
      again.unmount();
    }
  });

  it('shows nothing when the case was never flagged', async () => {
    mockApi({
      [`GET ${PATH}`]: () => jsonResponse(200, assignedCase()),
      'GET /api/auth/v1/units': () => jsonResponse(200, unitPage()),
    });
    renderCase(office());
    await screen.findByRole('heading', { name: '新厂房用电报装超时' });
    expect(document.querySelector('.fb2-repeat')).toBeNull();
  });
});
