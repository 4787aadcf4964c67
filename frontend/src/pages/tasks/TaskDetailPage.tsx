import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Progress, Result, Row, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { tasksApi } from '../../api/http';
import { ApiError, unwrap } from '../../api/problem';
import type { Me, TaskRead } from '../../api/types';
import { LoadError } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { areasForRoles, isReadOnly } from '../../nav/menu';
import { formatTime, useAsOf, usePlans } from '../../tasks/hooks';
import { managesTask } from '../../tasks/permissions';
import { Deadline, StatusTag, WarningTag } from '../../tasks/tags';
import { AdjustmentsPanel } from './AdjustmentsPanel';
import { HistoryPanel } from './HistoryPanel';
import { LifecyclePanel } from './LifecyclePanel';
import { MilestonesPanel } from './MilestonesPanel';
import { ReportsPanel } from './ReportsPanel';

const TABS = ['milestones', 'reports', 'adjustments', 'lifecycle', 'history'] as const;
type TabKey = (typeof TABS)[number];

function Basics({ task, me }: { task: TaskRead; me: Me }) {
  const { t, label } = useI18n();
  // Units without 指标对标 (unit, district) keep the ledger filtered by the indicator.
  const opensIndicators = areasForRoles(me.roles).includes('indicators');
  const dash = (value: string | null | undefined) => value || '—';
  const items = [
    { key: 'env', label: t('field.environment'), children: label('env', task.environment) },
    { key: 'category', label: t('field.category'), children: label('category', task.category) },
    { key: 'group', label: t('field.special_group'), children: dash(task.special_group) },
    { key: 'lead', label: t('field.lead_unit_id'), children: task.lead_unit?.name ?? '—' },
    {
      key: 'responsible',
      label: t('field.responsible_unit_ids'),
      children: task.responsible_units.map((unit) => unit.name).join('、') || '—',
    },
    { key: 'deadline', label: t('field.deadline'), children: <Deadline task={task} /> },
    {
      key: 'benchmark',
      label: t('field.benchmark_class'),
      children: task.benchmark_class ? `${label('benchmark', task.benchmark_class)}${task.benchmark_city ? ` · ${task.benchmark_city}` : ''}` : '—',
    },
    { key: 'official', label: t('field.leading_official'), children: dash(task.leading_official) },
    {
      key: 'contact',
      label: t('task.contact'),
      children: [task.contact_name, task.contact_phone].filter(Boolean).join(' ') || '—',
    },
    { key: 'lifecycle', label: t('task.lifecycle'), children: label('lifecycle', task.lifecycle_stage) },
    { key: 'source', label: t('task.source'), children: label('source', task.source) },
    { key: 'year', label: t('task.year'), children: task.year },
    { key: 'measures', label: t('field.measures'), span: 'filled' as const, children: <div className="pre-wrap">{dash(task.measures)}</div> },
    { key: 'goal', label: t('field.goal'), span: 'filled' as const, children: <div className="pre-wrap">{dash(task.goal)}</div> },
    {
      key: 'indicators',
      label: t('field.indicator_codes'),
      children: task.indicator_codes.length
        ? (
            <Space wrap size={[4, 4]} className="task-indicators">
              {task.indicator_codes.map((code) => {
                const ledger = `/tasks?year=${task.year}&indicator=${encodeURIComponent(code)}`;
                return opensIndicators ? (
                  <span key={code} className="task-indicator">
                    <Link to={`/indicators/${encodeURIComponent(code)}`}>
                      <Tag className="indicator-link">{code}</Tag>
                    </Link>
                    <Link to={ledger} className="indicator-ledger-link" title={t('task.indicatorTasks', { code })}>
                      {t('task.indicatorTasksShort')}
                    </Link>
                  </span>
                ) : (
                  <Link key={code} to={ledger} title={t('task.indicatorTasks', { code })}>
                    <Tag className="indicator-link">{code}</Tag>
                  </Link>
                );
              })}
            </Space>
          )
        : '—',
    },
    { key: 'tags', label: t('field.tags'), children: task.tags.length ? task.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—' },
  ];
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
      styles={{ label: { whiteSpace: 'nowrap' } }}
      items={items}
    />
  );
}

function ProgressCard({ task }: { task: TaskRead }) {
  const { t } = useI18n();
  const behind = task.expected_progress !== null && task.progress < task.expected_progress;
  return (
    <Card size="small" title={t('task.progress')} className="progress-card">
      <div className="progress-line">
        <Typography.Text>{t('task.actual')}</Typography.Text>
        <Progress
          percent={task.progress}
          format={(value) => `${value}%`}
          strokeColor={task.warning === 'red' ? '#ff4d4f' : task.status === 'completed' ? '#52c41a' : undefined}
        />
      </div>
      <div className="progress-line">
        <Typography.Text type="secondary">{t('task.expected')}</Typography.Text>
        {task.expected_progress === null ? (
          <Typography.Text type="secondary">{t('task.noExpected')}</Typography.Text>
        ) : (
          <Progress
            percent={task.expected_progress}
            status="normal"
            format={(value) => `${value}%`}
            strokeColor={behind ? '#faad14' : '#bfbfbf'}
          />
        )}
      </div>
      {task.latest_report && (
        <div className="latest-report">
          <Typography.Text type="secondary">
            {t('task.latestReport')} · {task.latest_report.unit?.short_name ?? ''} · {formatTime(task.latest_report.submitted_at)}
          </Typography.Text>
          <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} className="pre-wrap">
            {task.latest_report.content}
          </Typography.Paragraph>
        </div>
      )}
    </Card>
  );
}

/** One task: details, warning, progress, milestones, reports, adjustments and its timeline. */
export function TaskDetailPage({ me }: { me: Me }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const [asOf, setAsOf] = useAsOf();
  const plans = usePlans();
  const task = useQuery({
    queryKey: ['tasks', 'detail', code, asOf],
    queryFn: async () =>
      unwrap(await tasksApi.GET('/api/tasks/v1/tasks/{code}', { params: { path: { code }, query: { as_of: asOf } } })),
  });
  const tab: TabKey = TABS.find((key) => key === params.get('tab')) ?? 'milestones';
  const setTab = (key: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('tab', key);
        next.delete('report');
        return next;
      },
      { replace: true },
    );
  // Back to where the user came from (the ledger keeps its filters in the URL), else to the ledger.
  const cameFromApp = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;
  const back = () => (cameFromApp ? navigate(-1) : navigate(`/tasks${asOf ? `?as_of=${asOf}` : ''}`));

  if (task.error) {
    const notFound = task.error instanceof ApiError && [403, 404].includes((task.error.problem as { status?: number })?.status ?? 0);
    return notFound ? (
      <Result status="404" title={t('task.notFound')} extra={<Button onClick={back}>{t('task.back')}</Button>} />
    ) : (
      <LoadError error={task.error} />
    );
  }
  if (!task.data) return <Spin className="page-spin" />;

  const data = task.data;
  const plan = plans.data?.find((p) => p.year === data.year);
  const canManage = managesTask(me, data) && !isReadOnly(me.roles);
  return (
    <Space direction="vertical" size="middle" className="full-width task-detail">
      <div className="page-header">
        <Space align="start" className="task-heading">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('common.back')} />
          <div>
            <Typography.Text type="secondary" className="task-code">
              {data.code}
            </Typography.Text>
            <Typography.Title level={4} className="page-title">
              {data.title}
            </Typography.Title>
            <Space wrap size={[4, 4]}>
              <WarningTag warning={data.warning} />
              <StatusTag status={data.status} />
              <Tag>{label('env', data.environment)}</Tag>
              <Tag color="purple" className="lifecycle-tag">{t('lc.stageTag', { stage: label('lifecycle', data.lifecycle_stage) })}</Tag>
            </Space>
          </div>
        </Space>
        <Space.Compact>
          <Space.Addon className="ledger-addon">{t('ledger.asOf')}</Space.Addon>
          <DatePicker
            aria-label={t('ledger.asOf')}
            value={asOf ? dayjs(asOf) : null}
            onChange={setAsOf}
            placeholder={t('ledger.asOfToday')}
            className="ledger-asof"
          />
        </Space.Compact>
      </div>

      {data.warning !== 'none' && (
        <Alert
          type={data.warning === 'red' ? 'error' : 'warning'}
          showIcon
          message={`${label('warning', data.warning)} · ${t('task.warningReasons')}`}
          description={
            <ul className="warning-reasons">
              {data.warning_reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          }
        />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('task.basics')}>
            <Basics task={data} me={me} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <ProgressCard task={data} />
        </Col>
      </Row>

      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'milestones',
              label: t('task.tab.milestones'),
              children: <MilestonesPanel task={data} canManage={canManage} asOf={asOf} />,
            },
            {
              key: 'reports',
              label: t('task.tab.reports'),
              children: <ReportsPanel me={me} task={data} asOf={asOf} openForm={params.get('report') === '1'} />,
            },
            {
              key: 'adjustments',
              label: t('task.tab.adjustments'),
              children: <AdjustmentsPanel me={me} task={data} plan={plan} asOf={asOf} />,
            },
            { key: 'lifecycle', label: t('lc.tab'), children: <LifecyclePanel me={me} task={data} asOf={asOf} /> },
            { key: 'history', label: t('task.tab.history'), children: <HistoryPanel code={data.code} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
