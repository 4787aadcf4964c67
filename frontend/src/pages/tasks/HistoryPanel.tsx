import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Pagination, Space, Spin, Timeline, Typography } from 'antd';
import { tasksApi } from '../../api/http';
import { unwrap } from '../../api/problem';
import type { AuditEntry } from '../../api/types';
import { LoadError } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTime } from '../../tasks/hooks';
import { diffLines, HIDDEN_DETAIL_KEYS, isRecord, useValueFormatter } from '../../tasks/format';

const PAGE_SIZE = 50;

const ACTION_COLORS: Record<string, string> = {
  'report.approved': 'green',
  'milestone.complete': 'green',
  'adjustment.approve': 'green',
  'report.returned': 'red',
  'adjustment.reject': 'red',
  'adjustment.request': 'orange',
};

/** What an entry changed, as lines a person reads: field: before → after, then the other details. */
export function EntryDetail({ detail }: { detail: Record<string, unknown> }) {
  const { t } = useI18n();
  const { format, fieldLabel } = useValueFormatter();
  const lines: string[] = [];
  const { before, after } = detail;
  if (isRecord(before) && isRecord(after)) {
    for (const change of diffLines(before, after)) {
      lines.push(
        `${fieldLabel(change.field)}：${t('history.arrow', { before: format(change.field, change.before), after: format(change.field, change.after) })}`,
      );
    }
  } else if (Array.isArray(after)) {
    lines.push(format('milestone', after));
  }
  for (const [key, value] of Object.entries(detail)) {
    if (HIDDEN_DETAIL_KEYS.has(key) || value === null || value === undefined || value === '') continue;
    lines.push(`${fieldLabel(key)}：${format(key, value)}`);
  }
  if (!lines.length) return null;
  return (
    <ul className="history-detail">
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}

/** The task's timeline: every recorded action, who and when, newest first. */
export function HistoryPanel({ code }: { code: string }) {
  const { t, label } = useI18n();
  const [page, setPage] = useState(1);
  const history = useQuery({
    queryKey: ['tasks', 'history', code, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await tasksApi.GET('/api/tasks/v1/tasks/{code}/history', {
          params: { path: { code }, query: { page, page_size: PAGE_SIZE } },
        }),
      ),
  });
  if (history.error) return <LoadError error={history.error} />;
  if (!history.data) return <Spin />;
  if (!history.data.items.length) return <Empty description={t('history.none')} />;
  return (
    <Space direction="vertical" className="full-width">
      <Typography.Text type="secondary">{t('history.total', { total: history.data.total })}</Typography.Text>
      <Timeline
        className="history-timeline"
        items={history.data.items.map((entry: AuditEntry) => ({
          key: entry.id,
          color: ACTION_COLORS[entry.action] ?? 'blue',
          children: (
            <div className="history-item" data-action={entry.action}>
              <Typography.Text strong>{label('action', entry.action)}</Typography.Text>{' '}
              <Typography.Text type="secondary">{t('history.by', { actor: entry.actor, time: formatTime(entry.occurred_at) })}</Typography.Text>
              <EntryDetail detail={entry.detail} />
            </div>
          ),
        }))}
      />
      {history.data.total > PAGE_SIZE && (
        <Pagination simple current={page} pageSize={PAGE_SIZE} total={history.data.total} onChange={setPage} />
      )}
    </Space>
  );
}
