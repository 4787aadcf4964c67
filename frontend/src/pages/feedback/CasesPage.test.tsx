import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { FGW, me, office, SCJG, scjgUser } from '../../test/fixtures';
import { CasesPage } from './CasesPage';
import { assignedCase, caseItem, caseList, categories, publicOptions, summary } from './testData';
import { choose, queryOf, unitPage, Where } from './testUtils';

const DESKTOP_WIDTH = window.innerWidth;

function setWidth(width: number) {
  Object.defineProperty(window, 'innerWidth', { configurable: true, writable: true, value: width });
  window.dispatchEvent(new Event('resize'));
}

afterEach(() => setWidth(DESKTOP_WIDTH));

const NEW = caseItem({ case_no: 'FK20261121-000062', title: '办理施工许可被要求重复提交材料', due_at: '2026-11-28T23:59:59+08:00' });
const RETURNED = caseItem({
  case_no: 'FK20261118-000050',
  title: '食品经营许可变更迟迟未办',
  status: 'returned',
  status_label: '已退回',
  due_at: '2026-11-24T23:59:59+08:00',
  deadline_state: 'approaching',
});
const REOPENED = caseItem({
  case_no: 'FK20261101-000030',
  title: '涉企检查过于频繁',
  status: 'reopened',
  status_label: '重办',
  due_at: '2026-11-21T23:59:59+08:00',
  deadline_state: 'overdue',
});

function mockCases({ byStatus = {}, list = caseList([]), failList = false }: { byStatus?: Record<string, ReturnType<typeof caseList>>; list?: ReturnType<typeof caseList>; failList?: boolean } = {}) {
  const listCalls: Record<string, string>[] = [];
  const assigned: unknown[] = [];
  const fetchMock = mockApi({
    'GET /api/feedback/v1/cases/summary': () => jsonResponse(200, summary()),
    'GET /api/feedback/v1/categories': () => jsonResponse(200, categories),
    'GET /api/feedback/v1/public/options': () => jsonResponse(200, publicOptions),
    'GET /api/auth/v1/units': () => jsonResponse(200, unitPage()),
    'GET /api/feedback/v1/cases': (request) => {
      const query = queryOf(request);
      listCalls.push(query);
      if (failList) return jsonResponse(500, { status: 500, code: 'internal', title: '服务器错误', detail: '服务暂时不可用，请稍后再试。' });
      if (query.status && byStatus[query.status]) return jsonResponse(200, byStatus[query.status]);
      return jsonResponse(200, query.status ? caseList([]) : list);
    },
    // The assign dialog asks for the dispatch suggestions; none here.
    'GET /api/feedback/v1/cases/FK20261121-000062/suggestions': () =>
      jsonResponse(200, {
        case_no: 'FK20261121-000062', mode: 'rules', model_version: null, note: null, categories: [], units: [], co_units: [],
        explanation: { category_terms: [], unit_terms: [], similar_case_nos: [] }, similar_cases: [], decisions: [],
      }),
    'POST /api/feedback/v1/cases/FK20261121-000062/assign': async (request) => {
      assigned.push(await request.json());
      return jsonResponse(200, assignedCase({ case_no: 'FK20261121-000062' }));
    },
  });
  return { listCalls, assigned, fetchMock };
}

function renderCases(user: Me, route = '/feedback') {
  return renderApp(
    <Routes>
      <Route path="/feedback" element={<CasesPage me={user} />} />
      <Route path="*" element={<Where />} />
    </Routes>,
    { route },
  );
}

const rowTitles = () => [...document.querySelectorAll('.fb-table .fb-row')].map((row) => row.getAttribute('data-row-key'));

describe('CasesPage', { timeout: 30_000 }, () => {
  it('gives the office its dispatch queue (new, returned, reopened by deadline) and assigns from it', async () => {
    const { listCalls, assigned } = mockCases({
      byStatus: { received: caseList([NEW]), returned: caseList([RETURNED]), reopened: caseList([REOPENED]) },
    });
    renderCases(office());

    await waitFor(() => expect(rowTitles()).toEqual(['FK20261101-000030', 'FK20261118-000050', 'FK20261121-000062']));
    expect(listCalls.map((q) => q.status).sort()).toEqual(['received', 'reopened', 'returned']);
    expect(listCalls.every((q) => q.page_size === '200' && !q.unit_id)).toBe(true);

    // The counts at the top.
    const stat = (key: string) => document.querySelector(`[data-stat="${key}"]`)!.textContent;
    expect(stat('dispatch')).toContain('6');
    expect(stat('assigned')).toContain('1 件超时未签收');
    expect(stat('overdue')).toContain('3');
    expect(screen.getByText('共 3 件，按办理时限由近到远排列')).toBeInTheDocument();
    expect(within(document.querySelector('[data-row-key="FK20261101-000030"]') as HTMLElement).getByText('超期')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /代为登记/ })).toBeInTheDocument();

    // Assign the new case to 市市场监管局 with 市发改委 as co-unit.
    const row = document.querySelector('[data-row-key="FK20261121-000062"]') as HTMLElement;
    await userEvent.click(within(row).getByRole('button', { name: /交\s*办/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('交办诉求 FK20261121-000062')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: /交\s*办/ }));
    expect(await within(dialog).findByText('请选择主办单位')).toBeInTheDocument();
    await choose(within(dialog).getByRole('combobox', { name: '主办单位' }), SCJG.short_name);
    await choose(within(dialog).getByRole('combobox', { name: '协办单位' }), FGW.short_name);
    await userEvent.click(within(dialog).getByRole('button', { name: /交\s*办/ }));
    await waitFor(() => expect(assigned).toEqual([{ unit_id: SCJG.id, co_unit_ids: [FGW.id], comment: null, accept_suggestion: false }]));
  });

  it('shows a unit its own queue by deadline, without dispatch actions, and filters by deadline state', async () => {
    const { listCalls } = mockCases({
      byStatus: {
        assigned: caseList([caseItem({ case_no: 'FK1', title: '甲', status: 'assigned', main_unit: SCJG, due_at: '2026-11-30T23:59:59+08:00' })]),
        in_progress: caseList([
          caseItem({ case_no: 'FK2', title: '乙', status: 'in_progress', main_unit: SCJG, due_at: '2026-11-23T23:59:59+08:00', deadline_state: 'approaching' }),
        ]),
      },
    });
    renderCases(scjgUser());

    await waitFor(() => expect(rowTitles()).toEqual(['FK2', 'FK1']));
    expect(listCalls.map((q) => q.status).sort()).toEqual(['accepted', 'assigned', 'in_progress']);
    expect(listCalls.every((q) => q.unit_id === SCJG.id)).toBe(true);
    expect(screen.queryByRole('button', { name: /交\s*办/ })).toBeNull();
    expect(within(document.querySelector('[data-row-key="FK2"]') as HTMLElement).getByText('临期')).toBeInTheDocument();
    // A unit has no dispatch view.
    expect(screen.queryByText('待交办', { selector: '.ant-segmented-item-label' })).toBeNull();

    // The 超期 count filters the queue.
    listCalls.length = 0;
    await userEvent.click(document.querySelector('[data-stat="overdue"]') as HTMLElement);
    await waitFor(() => expect(listCalls.length).toBe(3));
    expect(listCalls.every((q) => q.deadline_state === 'overdue')).toBe(true);
  });

  it('lets a leader browse all cases read-only, and shows a failed load', async () => {
    mockCases({ failList: true });
    renderCases(me('leader', ['leader']));

    expect(await screen.findByText('服务暂时不可用，请稍后再试。')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /代为登记/ })).toBeNull();
    expect(document.querySelector('.fb-views')).toBeNull();
    expect(screen.getByText('您有权查看的全部诉求，按受理时间由新到旧排列。')).toBeInTheDocument();
  });

  it('on a 390 px phone lists cases as cards with their deadline tags', async () => {
    setWidth(390);
    const { listCalls } = mockCases({ list: caseList([REOPENED, NEW], { total: 2 }) });
    renderCases(office(), '/feedback?view=all&type=complaint');

    await waitFor(() => expect(document.querySelectorAll('.fb-card')).toHaveLength(2));
    expect(listCalls[0]).toMatchObject({ type: 'complaint', page: '1', page_size: '20' });
    expect(document.querySelector('table')).toBeNull();
    // The filters fold behind one button on a phone; one is set here, so they stay open.
    expect(screen.getByRole('button', { name: /筛选（1）/ })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: '诉求类型' })).toBeInTheDocument();
    const card = document.querySelector('[data-case="FK20261101-000030"]') as HTMLElement;
    expect(card).toHaveAttribute('data-deadline', 'overdue');
    expect(within(card).getByText('涉企检查过于频繁')).toBeInTheDocument();
    expect(within(card).getByText('2026-11-21')).toBeInTheDocument();

    await userEvent.click(within(card).getByRole('button', { name: /查\s*看/ }));
    expect(screen.getByTestId('location')).toHaveTextContent('/feedback/cases/FK20261101-000030');
  });
});
