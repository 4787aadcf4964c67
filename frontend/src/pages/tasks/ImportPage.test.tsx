import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ImportPage } from './ImportPage';
import type { ImportPreview, PreviewRow } from '../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { FGW, SCJG } from '../../test/fixtures';

function row(n: number, overrides: Partial<PreviewRow> = {}): PreviewRow {
  return {
    row_number: n,
    action: 'create',
    code: `2026-SC-${String(n).padStart(3, '0')}`,
    title: `改革任务 ${n}`,
    environment: 'market',
    category: 'key',
    lead_unit: FGW,
    responsible_units: [SCJG],
    deadline: '2026-06-30',
    continuous: false,
    milestones: [],
    errors: [],
    ...overrides,
  };
}

const badRow = row(5, {
  action: 'invalid',
  lead_unit: null,
  errors: [{ row: 5, column: '牵头单位', field: 'lead_unit', message: '单位“市发改局”不在单位目录中' }],
});

function preview(rows: PreviewRow[], fileErrors: ImportPreview['errors'] = []): ImportPreview {
  const invalid = rows.filter((r) => r.action === 'invalid').length;
  return {
    id: 'imp-1',
    year: 2026,
    filename: '2026年任务清单.xlsx',
    status: 'preview',
    rows,
    errors: [...fileErrors, ...rows.flatMap((r) => r.errors)],
    summary: {
      rows: rows.length,
      valid: rows.length - invalid,
      invalid,
      create: rows.filter((r) => r.action === 'create').length,
      update: rows.filter((r) => r.action === 'update').length,
      unchanged: rows.filter((r) => r.action === 'unchanged').length,
    },
  };
}

const xlsx = () => new File(['PK'], '2026年任务清单.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });

async function uploadFile() {
  const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
  await userEvent.upload(input, xlsx());
  await userEvent.click(screen.getByRole('button', { name: '上传并预览' }));
}

describe('ImportPage', () => {
  it('shows every row error and refuses to commit until a clean file is uploaded', async () => {
    const previews = [
      preview([row(4), badRow], [{ row: null, column: '完成时限', field: null, message: '缺少“完成时限”列' }]),
      preview([row(4), row(5, { action: 'update' }), row(6, { action: 'unchanged' })]),
    ];
    const commits: Request[] = [];
    const uploads: Request[] = [];
    mockApi({
      'POST /api/tasks/v1/imports': (request) => {
        uploads.push(request);
        return jsonResponse(201, previews[uploads.length - 1]);
      },
      'POST /api/tasks/v1/imports/imp-1/commit': (request) => {
        commits.push(request);
        return jsonResponse(200, { id: 'imp-1', year: 2026, created: 1, updated: 1, unchanged: 1 });
      },
    });
    renderApp(<ImportPage />, { route: '/tasks/import?year=2026' });

    await uploadFile();

    // The error row: its action, its highlighted row and the row/column/message sentence.
    const errorText = await screen.findByText('第 5 行 · 牵头单位：单位“市发改局”不在单位目录中');
    const tr = errorText.closest('tr')!;
    expect(tr).toHaveClass('import-row-error');
    expect(within(tr).getByText('有错误')).toBeInTheDocument();
    expect(screen.getByText('缺少“完成时限”列')).toBeInTheDocument();
    expect(screen.getByText(/有 2 处错误/)).toBeInTheDocument();
    const commit = screen.getByRole('button', { name: '确认导入' });
    expect(commit).toBeDisabled();
    await userEvent.click(commit);
    expect(commits).toHaveLength(0);

    // The summary counts.
    const summary = document.querySelector('.import-summary')!;
    expect(within(summary as HTMLElement).getByText('有错误').closest('.ant-statistic')).toHaveTextContent('1');

    // Fixing the file and uploading again unlocks the commit.
    await userEvent.click(screen.getByRole('button', { name: '重新上传' }));
    await uploadFile();
    expect(await screen.findByText('全部 3 行核对无误，可以确认导入。')).toBeInTheDocument();
    expect(document.querySelector('.import-table [data-action=update]')).toHaveTextContent('更新');
    expect(document.querySelector('.import-table [data-action=unchanged]')).toHaveTextContent('无变化');
    expect(screen.getByRole('button', { name: '确认导入' })).toBeEnabled();
    await userEvent.click(screen.getByRole('button', { name: '确认导入' }));

    expect(await screen.findByText('导入完成')).toBeInTheDocument();
    expect(screen.getByText('2026 年任务清单：新增 1 项，更新 1 项，无变化 1 项。')).toBeInTheDocument();
    expect(commits).toHaveLength(1);
    expect(screen.getByRole('button', { name: '返回任务台账' })).toBeInTheDocument();
  });

  it('shows the API problem when the upload is refused', async () => {
    mockApi({
      'POST /api/tasks/v1/imports': () =>
        jsonResponse(413, { title: '文件过大', status: 413, code: 'imports.too_large', detail: '任务清单文件不能超过 10 MB。' }),
    });
    renderApp(<ImportPage />, { route: '/tasks/import?year=2026' });
    await uploadFile();
    expect(await screen.findByText('任务清单文件不能超过 10 MB。')).toBeInTheDocument();
  });
});
