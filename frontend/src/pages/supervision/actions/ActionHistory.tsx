import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Pagination, Space, Spin, Timeline, Typography } from 'antd';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import type { AuditEntry } from '../../../api/types';
import { LoadError } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { formatTime, useUnits } from '../../../tasks/hooks';
import { diffLines, isRecord } from '../../../tasks/format';

const PAGE_SIZE = 50;

const ACTION_COLORS: Record<string, string> = {
  'special_action.create': 'green',
  'special_action.node_complete': 'green',
  'special_action.node_delete': 'red',
  'special_action.task_unlink': 'red',
};

const KNOWN_ACTIONS = new Set([
  'special_action.create',
  'special_action.update',
  'special_action.node_add',
  'special_action.node_update',
  'special_action.node_delete',
  'special_action.node_complete',
  'special_action.task_link',
  'special_action.task_unlink',
]);

const KNOWN_FIELDS = new Set([
  'name',
  'kind',
  'goal',
  'leading_official',
  'lead_unit_id',
  'team_unit_ids',
  'environment',
  'measures',
  'title',
  'due_date',
  'done_date',
  'evidence',
  'nodes',
  'node',
  'task_codes',
  'task_code',
]);

/** Values of an action's audit entries for people: unit names, labels, lists, nodes as 标题（日期）. */
export function useActionValueFormatter() {
  const { t, label } = useI18n();
  const units = useUnits();
  return useMemo(() => {
    const names = new Map((units.data ?? []).map((unit) => [unit.id, unit.short_name || unit.name]));
    const fieldLabel = (field: string) => (KNOWN_FIELDS.has(field) ? t(`act.field.${field}` as MessageKey) : field);
    const format = (field: string, value: unknown): string => {
      if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return t('history.empty');
      if (Array.isArray(value)) return value.map((item) => format(field, item)).join(field === 'measures' ? '；' : '、');
      if (isRecord(value)) {
        if (typeof value.title === 'string') return value.due_date ? `${value.title}（${String(value.due_date)}）` : value.title;
        return Object.entries(value)
          .map(([key, inner]) => `${fieldLabel(key)}：${format(key, inner)}`)
          .join('；');
      }
      if ((field === 'lead_unit_id' || field === 'team_unit_ids') && typeof value === 'string') return names.get(value) ?? value;
      if (field === 'kind' && (value === 'city' || value === 'extra')) return t(`act.kind.${value}`);
      if (field === 'environment' && typeof value === 'string') return label('env', value);
      return String(value);
    };
    return { format, fieldLabel };
  }, [units.data, t, label]);
}

/** What one entry did, as lines: changed fields before → after, created fields, nodes and task codes. */
export function ActionEntryDetail({ detail }: { detail: Record<string, unknown> }) {
  const { t } = useI18n();
  const { format, fieldLabel } = useActionValueFormatter();
  const lines: string[] = [];
  const { before, after, ...rest } = detail;
  if (typeof rest.node === 'string') lines.push(`${fieldLabel('node')}：${rest.node}`);
  if (isRecord(before) && isRecord(after)) {
    for (const change of diffLines(before, after)) {
      lines.push(
        `${fieldLabel(change.field)}：${t('history.arrow', { before: format(change.field, change.before), after: format(change.field, change.after) })}`,
      );
    }
  } else if (isRecord(after)) {
    for (const [key, value] of Object.entries(after)) {
      if (value !== null && value !== '' && !(Array.isArray(value) && !value.length)) lines.push(`${fieldLabel(key)}：${format(key, value)}`);
    }
  } else if (Array.isArray(after)) {
    lines.push(`${fieldLabel('nodes')}：${format('nodes', after)}`);
  } else if (isRecord(before)) {
    lines.push(`${fieldLabel('node')}：${format('node', before)}`);
  }
  for (const [key, value] of Object.entries(rest)) {
    if (key === 'node' || value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) continue;
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

/** The action's timeline from the audit log: who did what and when, newest first. */
export function ActionHistory({ code }: { code: string }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const history = useQuery({
    queryKey: ['tasks', 'special-actions', 'history', code, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await tasksApi.GET('/api/tasks/v1/special-actions/{code}/history', {
          params: { path: { code }, query: { page, page_size: PAGE_SIZE } },
        }),
      ),
  });
  if (history.error) return <LoadError error={history.error} />;
  if (!history.data) return <Spin />;
  if (!history.data.items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.none')} />;
  return (
    <Space direction="vertical" className="full-width">
      <Typography.Text type="secondary">{t('history.total', { total: history.data.total })}</Typography.Text>
      <Timeline
        className="history-timeline act-history"
        items={history.data.items.map((entry: AuditEntry) => ({
          key: entry.id,
          color: ACTION_COLORS[entry.action] ?? 'blue',
          children: (
            <div className="history-item" data-action={entry.action}>
              <Typography.Text strong>{KNOWN_ACTIONS.has(entry.action) ? t(`act.history.${entry.action}` as MessageKey) : entry.action}</Typography.Text>{' '}
              <Typography.Text type="secondary">{t('history.by', { actor: entry.actor, time: formatTime(entry.occurred_at) })}</Typography.Text>
              <ActionEntryDetail detail={entry.detail} />
            </div>
          ),
        }))}
      />
      {history.data.total > PAGE_SIZE && <Pagination simple current={page} pageSize={PAGE_SIZE} total={history.data.total} onChange={setPage} />}
    </Space>
  );
}
