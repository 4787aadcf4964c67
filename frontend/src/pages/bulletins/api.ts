import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { dispositionFilename, saveDownload, tasksApi } from '../../api/http';
import { ApiError, unwrap } from '../../api/problem';
import type { BulletinStatus, BulletinKind } from './types';

// Every query of the area lives under ['bulletins', …] so a change (publish, settings) refreshes them all;
// the inbox under ['inbox', …] (the header bell and the inbox page share it).
export const BULLETINS_KEY = ['bulletins'] as const;
export const INBOX_KEY = ['inbox'] as const;

/** The live league table for a period and an optional statistics date. */
export function useLeague(period: string | undefined, asOf: string | undefined) {
  return useQuery({
    queryKey: [...BULLETINS_KEY, 'league', period ?? null, asOf ?? null],
    enabled: !!period,
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(await tasksApi.GET('/api/tasks/v1/league-table', { params: { query: { period: period!, as_of: asOf } } })),
  });
}

/** The weights, deductions and bulletin settings of a plan year. */
export function useLeagueSettings(year: number, enabled = true) {
  return useQuery({
    queryKey: [...BULLETINS_KEY, 'settings', year],
    enabled,
    queryFn: async () => unwrap(await tasksApi.GET('/api/tasks/v1/league-table/settings', { params: { query: { year } } })),
  });
}

export interface BulletinFilters {
  year?: number;
  kind?: BulletinKind;
  status?: BulletinStatus;
  page: number;
  page_size: number;
}

/** Past bulletins: drafts first, then by issue date, newest first. */
export function useBulletins(filters: BulletinFilters, enabled = true) {
  return useQuery({
    queryKey: [...BULLETINS_KEY, 'list', filters],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await tasksApi.GET('/api/tasks/v1/bulletins', { params: { query: filters } })),
  });
}

/** One bulletin with its frozen snapshot and how many units received and read it. */
export function useBulletin(id: string | undefined) {
  return useQuery({
    queryKey: [...BULLETINS_KEY, 'detail', id ?? null],
    enabled: !!id,
    staleTime: 60_000,
    queryFn: async () => unwrap(await tasksApi.GET('/api/tasks/v1/bulletins/{bulletin_id}', { params: { path: { bulletin_id: id! } } })),
  });
}

export type DownloadFormat = 'docx' | 'xlsx';

/** Fetches a bulletin file with the bearer token and saves it under the server's file name. */
export async function downloadBulletin(id: string, format: DownloadFormat): Promise<void> {
  const path = format === 'docx' ? '/api/tasks/v1/bulletins/{bulletin_id}.docx' : '/api/tasks/v1/bulletins/{bulletin_id}.xlsx';
  const { data, error, response } = await tasksApi.GET(path, { params: { path: { bulletin_id: id } }, parseAs: 'blob' });
  if (error !== undefined || !data) throw new ApiError(error);
  saveDownload({ blob: data as Blob, filename: dispositionFilename(response.headers.get('Content-Disposition'), `bulletin-${id}.${format}`) });
}
