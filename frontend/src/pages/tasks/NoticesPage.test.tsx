import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { NoticeRead } from '../../api/types';
import { NoticesPage, parseNoticeQuery } from './NoticesPage';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { FGW, SCJG } from '../../test/fixtures';

function notice(overrides: Partial<NoticeRead> = {}): NoticeRead {
  return {
    id: 'n1',
    number: 'TS-20261122-001',
    unit_id: SCJG.id,
    unit_name: SCJG.name,
    issued_on: '2026-11-22',
    content: '市市场监管局：截至 2026-11-22，贵单位有 1 项红牌任务、1 项黄牌任务，请抓紧推进。',
    items: [
      { task_code: '2026-SC-051', title: '推进市场准入负面清单区县试点扩面', warning: 'red', reasons: ['已超过完成时限（2026-06-30）仍未完成'], role: 'lead' },
      { task_code: '2026-SC-007', title: '健全企业信用修复协同推进机制', warning: 'yellow', reasons: [], role: 'responsible' },
    ],
    created_at: '2026-11-22T01:00:00Z',
    acknowledged_at: null,
    acknowledged_by: null,
    reply: null,
    replied_at: null,
    webhook_status: 'disabled',
    ...overrides,
  };
}

const NOTICES = [
  notice(),
  notice({
    id: 'n2',
    number: 'TS-20261122-002',
    unit_id: FGW.id,
    unit_name: FGW.name,
    items: [notice().items[1]],
    acknowledged_at: '2026-11-22T03:00:00Z',
    acknowledged_by: 'fgw',
    reply: '已督促责任处室本周内完成。',
    replied_at: '2026-11-22T05:30:00Z',
  }),
];

function mockNotices() {
  const queries: Record<string, string>[] = [];
  mockApi({
    'GET /api/tasks/v1/reminder-notices/counts': () =>
      jsonResponse(200, [
        { unit_id: FGW.id, unit_name: FGW.name, total: 3, unacknowledged: 0 },
        { unit_id: SCJG.id, unit_name: SCJG.name, total: 4, unacknowledged: 2 },
      ]),
    'GET /api/tasks/v1/reminder-notices': (request) => {
      queries.push(Object.fromEntries(new URL(request.url).searchParams));
      return jsonResponse(200, { items: NOTICES, total: 2, page: 1, page_size: 20 });
    },
  });
  return queries;
}

describe('parseNoticeQuery', () => {
  it('keeps valid filters and drops the rest', () => {
    expect(parseNoticeQuery(new URLSearchParams('issued_on=2026-11-22&acknowledged=no&unit_id=x&page=2'))).toEqual({
      issued_on: '2026-11-22',
      unit_id: undefined,
      acknowledged: 'no',
      page: 2,
    });
    expect(parseNoticeQuery(new URLSearchParams('issued_on=22.11.2026&acknowledged=maybe&page=-1'))).toEqual({
      issued_on: undefined,
      unit_id: undefined,
      acknowledged: 'all',
      page: 1,
    });
  });
});

describe('NoticesPage', () => {
  it('shows counts per unit and the notices with state and reply; filters go to the API and the URL', async () => {
    const queries = mockNotices();
    renderApp(<NoticesPage />, { route: '/tasks/notices?issued_on=2026-11-22&acknowledged=no' });

    const table = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('.nt-table');
      if (!found?.textContent?.includes('TS-20261122-001')) throw new Error('no notices yet');
      return found;
    });
    expect(queries.at(-1)).toEqual({ issued_on: '2026-11-22', acknowledged: 'false', page: '1', page_size: '20' });

    // Counts: most unacknowledged first, the count in orange.
    const counts = [...document.querySelectorAll<HTMLElement>('.nt-counts .nt-count-row')];
    expect(counts.map((row) => row.querySelector('td')!.textContent)).toEqual([SCJG.name, FGW.name]);
    expect(within(counts[0]).getByText('2')).toHaveClass('ant-tag-orange');

    const first = within(table).getByText('TS-20261122-001').closest('tr')!;
    expect(within(first).getByText('未签收')).toBeInTheDocument();
    expect(within(first).getByText('1 红 / 1 黄')).toBeInTheDocument();
    expect(within(first).getByText('未回复')).toBeInTheDocument();
    const second = within(table).getByText('TS-20261122-002').closest('tr')!;
    expect(within(second).getByText('已签收')).toBeInTheDocument();
    expect(within(second).getByText('已督促责任处室本周内完成。')).toBeInTheDocument();

    // The notice text and its tasks are one click away.
    expect(screen.queryByText(/贵单位有 1 项红牌任务/)).not.toBeInTheDocument();
    await userEvent.click(within(first).getByRole('button', { name: /展开行|Expand row/ }));
    expect(await screen.findByText(/贵单位有 1 项红牌任务/)).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: '2026-SC-051' })[0]).toHaveAttribute('href', '/tasks/2026-SC-051?as_of=2026-11-22');

    // A unit in the counts filters the list by it.
    await userEvent.click(within(counts[1]).getByRole('button', { name: FGW.name }));
    await waitFor(() => expect(queries.at(-1)?.unit_id).toBe(FGW.id));
    expect(screen.getByText(`单位：${FGW.name}`)).toBeInTheDocument();

    // 全部 clears the acknowledgement filter; 清空筛选 clears everything.
    await userEvent.click(screen.getByText('全部'));
    await waitFor(() => expect(queries.at(-1)?.acknowledged).toBeUndefined());
    await userEvent.click(screen.getByRole('button', { name: '清空筛选' }));
    await waitFor(() => expect(queries.at(-1)).toEqual({ page: '1', page_size: '20' }));
  });
});
