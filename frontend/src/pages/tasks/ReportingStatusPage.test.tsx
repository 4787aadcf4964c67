import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReportingStatus, UnitReporting } from '../../api/types';
import { ReportingStatusPage, sortReporting } from './ReportingStatusPage';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { FGW, GAIB, SCJG, fgwUser, office, plan } from '../../test/fixtures';

const unit = (ref: { id: string; name: string; short_name: string }, counts: Partial<UnitReporting>): UnitReporting => ({
  unit: { id: ref.id, name: ref.name, short_name: ref.short_name },
  expected: 0,
  on_time: 0,
  late: 0,
  missing: 0,
  missing_tasks: [],
  ...counts,
});

const MISSING_CODES = Array.from({ length: 10 }, (_, i) => `2026-SC-${String(i + 1).padStart(3, '0')}`);

// Deliberately out of order: the page sorts by missing, then late.
const STATUS: ReportingStatus = {
  period_start: '2026-10-01',
  period_end: '2026-10-31',
  due: '2026-11-05',
  units: [
    unit(GAIB, { expected: 4, on_time: 4 }),
    unit(FGW, { expected: 12, on_time: 9, late: 1, missing: 2, missing_tasks: ['2026-FG-002', '2026-FG-007'] }),
    unit(SCJG, { expected: 20, on_time: 7, late: 3, missing: 10, missing_tasks: MISSING_CODES }),
  ],
};

function mockStatus(body: ReportingStatus = STATUS) {
  const queries: Record<string, string>[] = [];
  mockApi({
    'GET /api/tasks/v1/plans': () => jsonResponse(200, [plan()]),
    'GET /api/tasks/v1/reporting-status': (request) => {
      queries.push(Object.fromEntries(new URL(request.url).searchParams));
      return jsonResponse(200, body);
    },
  });
  return queries;
}

function setWidth(width: number) {
  Object.defineProperty(window, 'innerWidth', { configurable: true, writable: true, value: width });
  window.dispatchEvent(new Event('resize'));
}

describe('sortReporting', () => {
  it('puts most missing first, then most late, then by name', () => {
    const rows = sortReporting([
      unit({ id: 'a', name: 'A 局', short_name: 'A' }, { missing: 0, late: 5 }),
      unit({ id: 'b', name: 'B 局', short_name: 'B' }, { missing: 2, late: 0 }),
      unit({ id: 'c', name: 'C 局', short_name: 'C' }, { missing: 2, late: 1 }),
      unit({ id: 'd', name: 'D 局', short_name: 'D' }, { missing: 0, late: 0 }),
    ]);
    expect(rows.map((row) => row.unit.id)).toEqual(['c', 'b', 'a', 'd']);
  });
});

describe('ReportingStatusPage', () => {
  it('shows the last closed period and each unit, missing first, with red missing and gold late counts', async () => {
    const queries = mockStatus();
    renderApp(<ReportingStatusPage me={office()} />, { route: '/tasks/reporting?year=2026&as_of=2026-11-22' });

    expect(await screen.findByText(/上一报送期 2026-10-01 至 2026-10-31，报送截止 2026-11-05/)).toBeInTheDocument();
    expect(queries.at(-1)).toEqual({ year: '2026', as_of: '2026-11-22' });

    const rows = [...document.querySelectorAll<HTMLElement>('.rs-table .rs-row')];
    expect(rows.map((row) => row.querySelector('td')!.textContent)).toEqual(['市市场监管局', '市发改委', '市委改革办']);
    expect(rows[0]).toHaveClass('rs-row-missing');
    expect(rows[2]).toHaveClass('rs-row-ok');
    expect(rows[0].querySelector('[data-kind=missing]')).toHaveClass('ant-tag-red');
    expect(rows[0].querySelector('[data-kind=missing]')).toHaveTextContent('10');
    expect(rows[0].querySelector('[data-kind=late]')).toHaveClass('ant-tag-gold');
    expect(rows[2].querySelector('[data-kind=missing]')).not.toHaveClass('ant-tag');
    expect(rows[1]).toHaveTextContent('75%');

    // Missing tasks link to the task (keeping the as-of date); long lists start folded.
    expect(within(rows[1]).getByText('2026-FG-007').closest('a')).toHaveAttribute('href', '/tasks/2026-FG-007?as_of=2026-11-22');
    expect(within(rows[0]).queryByText('2026-SC-010')).not.toBeInTheDocument();
    await userEvent.click(within(rows[0]).getByRole('button', { name: '全部 10 项' }));
    expect(within(rows[0]).getByText('2026-SC-010')).toBeInTheDocument();

    // Totals over the units.
    const summary = document.querySelector<HTMLElement>('.rs-summary')!;
    expect(within(summary).getByText('缺报').closest('.ant-statistic')).toHaveTextContent('12');
    expect(within(summary).getByText('迟报').closest('.ant-statistic')).toHaveTextContent('4');
  });

  it('tells a lead unit it sees its own row and says so when nothing was due', async () => {
    const queries = mockStatus({ ...STATUS, units: [] });
    renderApp(<ReportingStatusPage me={fgwUser()} />, { route: '/tasks/reporting?year=2026' });

    expect(await screen.findByText('上一报送期没有应报的任务')).toBeInTheDocument();
    expect(screen.getByText('只显示本单位的报送情况。')).toBeInTheDocument();
    await waitFor(() => expect(queries.at(-1)).toEqual({ year: '2026' }));
  });

  it('lists units as cards on a phone', async () => {
    const width = window.innerWidth;
    setWidth(390);
    try {
      mockStatus();
      renderApp(<ReportingStatusPage me={office()} />, { route: '/tasks/reporting?year=2026' });
      await screen.findByText(/上一报送期 2026-10-01/);
      const cards = await waitFor(() => {
        const found = [...document.querySelectorAll<HTMLElement>('.rs-card')];
        if (!found.length) throw new Error('no cards yet');
        return found;
      });
      expect(cards.map((card) => card.dataset.state)).toEqual(['missing', 'missing', 'ok']);
      expect(document.querySelector('.rs-table')).not.toBeInTheDocument();
    } finally {
      setWidth(width);
    }
  });
});
