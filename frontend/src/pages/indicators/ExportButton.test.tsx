import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ExportButton } from './ExportButton';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { office } from '../../test/fixtures';

/** Records what the browser would save: the object URL's blob and the link's download name. */
function captureDownloads() {
  const saved: { filename: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  // jsdom has no object URLs; restored after each test.
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => undefined;
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ filename: this.download, blob: blobs.get(this.href)! });
  });
  return saved;
}

function mockExport(status = 200) {
  localStorage.setItem('reform.access_token', 'a1');
  localStorage.setItem('reform.refresh_token', 'r1');
  const queries: Record<string, string>[] = [];
  const auth: (string | null)[] = [];
  mockApi({
    'GET /api/auth/v1/me': () => jsonResponse(200, office()),
    'GET /api/indicators/v1/observations/export': (request) => {
      const params = Object.fromEntries(new URL(request.url).searchParams);
      queries.push(params);
      auth.push(request.headers.get('Authorization'));
      if (status !== 200) return jsonResponse(status, { title: '参数错误', detail: '没有名为 moon 的指标体系。', status });
      return new Response(`${params.layout}.${params.format}`, {
        status: 200,
        headers: {
          'Content-Type': params.format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'Content-Disposition': `attachment; filename*=UTF-8''${params.framework}_${params.period}_${params.layout}.${params.format}`,
        },
      });
    },
  });
  return { queries, auth };
}

const { createObjectURL, revokeObjectURL } = URL;
afterEach(() => {
  URL.createObjectURL = createObjectURL;
  URL.revokeObjectURL = revokeObjectURL;
});

describe('ExportButton', () => {
  it('downloads the long Excel with the bearer token, and other layouts from the menu', async () => {
    const saved = captureDownloads();
    const api = mockExport();
    renderApp(<ExportButton framework="national" period="2025" />);

    await userEvent.click(screen.getByRole('button', { name: /导出数据/ }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(api.queries[0]).toEqual({ framework: 'national', period: '2025', layout: 'long', format: 'xlsx' });
    expect(saved[0].filename).toBe('national_2025_long.xlsx');
    expect(await saved[0].blob.text()).toBe('long.xlsx');
    expect(api.auth[0]).toBe('Bearer a1');

    await userEvent.click(screen.getByRole('button', { name: '更多导出格式' }));
    await userEvent.click(await screen.findByText('宽表 CSV'));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(api.queries[1]).toEqual({ framework: 'national', period: '2025', layout: 'wide', format: 'csv' });
    expect(saved[1].filename).toBe('national_2025_wide.csv');
  });

  it('shows the API\'s Chinese detail when the export fails', async () => {
    const saved = captureDownloads();
    mockExport(422);
    renderApp(<ExportButton framework="moon" period="2025" />);
    await userEvent.click(screen.getByRole('button', { name: /导出数据/ }));
    expect(await screen.findByText('没有名为 moon 的指标体系。')).toBeInTheDocument();
    expect(saved).toHaveLength(0);
  });
});
