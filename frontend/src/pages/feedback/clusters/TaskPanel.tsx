import { Link } from 'react-router-dom';
import { Alert, Descriptions, Progress, Space, Typography } from 'antd';
import { STATUSES, WARNINGS, type TaskStatus, type Warning } from '../../../api/types';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatDate, formatTime } from '../../../tasks/hooks';
import { StatusTag, WarningTag } from '../../../tasks/tags';
import type { ClusterRead } from './permissions';

type TaskLink = NonNullable<ClusterRead['task']>;

const isStatus = (value: string | null | undefined): value is TaskStatus => STATUSES.some((s) => s === value);
const isWarning = (value: string | null | undefined): value is Warning => WARNINGS.some((w) => w === value);

/** The reform task a cluster became, read live from the task ledger (or its code alone when tasks-api is down). */
export function TaskPanel({ task }: { task: TaskLink }) {
  const { t } = useI18n();
  const link = (
    <Link to={`/tasks/${encodeURIComponent(task.code)}`} className="fb2-task-link">
      {task.code}
    </Link>
  );
  if (!task.available) {
    return (
      <Space direction="vertical" className="full-width" data-task-state="unavailable">
        <Alert type="warning" showIcon message={t('fb2.task.unavailable')} description={t('fb2.task.unavailableHint')} />
        <div>
          {t('fb2.task.code')}：{link}
        </div>
      </Space>
    );
  }
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      data-task-state="available"
      items={[
        { key: 'code', label: t('fb2.task.code'), children: link },
        { key: 'title', label: t('fb2.task.title'), children: <span className="fb2-break">{task.title ?? '—'}</span> },
        {
          key: 'status',
          label: t('fb2.task.status'),
          children: isStatus(task.status) ? <StatusTag status={task.status} /> : (task.status ?? '—'),
        },
        {
          key: 'warning',
          label: t('fb2.task.warning'),
          children: isWarning(task.warning) ? <WarningTag warning={task.warning} reasons={task.warning_reasons} /> : '—',
        },
        {
          key: 'progress',
          label: t('fb2.task.progress'),
          children: task.progress === null || task.progress === undefined ? '—' : <Progress percent={task.progress} size="small" className="fb2-progress" />,
        },
        { key: 'deadline', label: t('fb2.task.deadline'), children: formatDate(task.deadline) },
        { key: 'lead', label: t('fb2.task.leadUnit'), children: task.lead_unit ?? '—' },
        {
          key: 'linked',
          label: t('fb2.task.linked'),
          children: (
            <Typography.Text type="secondary">
              {[formatTime(task.linked_at), task.linked_by].filter(Boolean).join(' · ')}
            </Typography.Text>
          ),
        },
        ...(task.warning_reasons?.length
          ? [{ key: 'reasons', label: t('fb2.task.reasons'), span: 'filled' as const, children: task.warning_reasons.join('；') }]
          : []),
      ]}
    />
  );
}
