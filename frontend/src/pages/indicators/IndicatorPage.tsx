import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Empty, Progress, Result, Row, Select, Space, Spin, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiError, problemMessage } from '../../api/problem';
import { STATUSES, WARNINGS, type IndicatorRead, type LinkedTask, type Me, type TaskStatus, type Warning } from '../../api/types';
import { LoadError } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { PeerBarChart, TrendChart } from '../../indicators/charts';
import { formatNumber, isPeriod, periodLabel, sortPeriodsDesc } from '../../indicators/format';
import {
  periodChoices,
  useClassSuggestion,
  useFrameworks,
  useIndicator,
  useLeaderboard,
  useLinkedTasks,
  useRegionSets,
  useTrend,
  useUrlState,
} from '../../indicators/hooks';
import { SyntheticBanner } from '../../indicators/tags';
import { recordsOfficial } from '../../indicators/permissions';
import { useUnits } from '../../tasks/hooks';
import { StatusTag, WarningTag } from '../../tasks/tags';
import { LeaderboardTable } from './LeaderboardTable';
import { OfficialResultForm } from './OfficialResultForm';
import { StatusCard } from './StatusCard';

const isStatus = (value: string): value is TaskStatus => (STATUSES as readonly string[]).includes(value);
const isWarning = (value: string): value is Warning => (WARNINGS as readonly string[]).includes(value);

/** Name, framework, unit, direction, lead unit, target and links of the indicator. */
function Header({ indicator }: { indicator: IndicatorRead }) {
  const { t, label } = useI18n();
  const frameworks = useFrameworks();
  const units = useUnits();
  const framework = frameworks.data?.find((f) => f.code === indicator.framework_code);
  const lead = units.data?.find((unit) => unit.code === indicator.lead_unit_code);
  const items = [
    { key: 'framework', label: t('ind.framework'), children: framework?.name ?? indicator.framework_code },
    { key: 'unit', label: t('ind.unit'), children: indicator.unit || '—' },
    { key: 'direction', label: t('ind.direction'), children: indicator.higher_is_better ? t('ind.higherBetter') : t('ind.lowerBetter') },
    { key: 'lead', label: t('ind.leadUnit'), children: lead ? lead.name : (indicator.lead_unit_code ?? '—') },
    { key: 'target', label: t('ind.valueTarget'), children: indicator.target === null ? '—' : `${formatNumber(indicator.target, indicator.decimals)} ${indicator.unit}` },
    { key: 'env', label: t('ind.environment'), children: indicator.environment ? label('env', indicator.environment) : '—' },
    ...(indicator.parent_code
      ? [{ key: 'parent', label: t('ind.parent'), children: <Link to={`/indicators/${encodeURIComponent(indicator.parent_code)}`}>{indicator.parent_code}</Link> }]
      : []),
    ...(indicator.links.length
      ? [
          {
            key: 'links',
            label: t('ind.links'),
            children: indicator.links.map((code) => (
              <Link key={code} to={`/indicators/${encodeURIComponent(code)}`}>
                <Tag className="indicator-link">{code}</Tag>
              </Link>
            )),
          },
        ]
      : []),
    ...(indicator.description ? [{ key: 'desc', label: t('ind.description'), span: 'filled' as const, children: indicator.description }] : []),
  ];
  return <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, lg: 3 }} items={items} styles={{ label: { whiteSpace: 'nowrap' } }} />;
}

/** The ledger's tasks that name the indicator; tasks-api being down (503) is said in its own words. */
function LinkedTasks({ code }: { code: string }) {
  const { t, label } = useI18n();
  const tasks = useLinkedTasks(code);
  const columns: TableProps<LinkedTask>['columns'] = [
    {
      title: t('ind.col.task'),
      key: 'task',
      render: (_, task) => (
        <div className="linked-task">
          <Link to={`/tasks/${encodeURIComponent(task.code)}`} className="task-code">
            {task.code}
          </Link>
          <div>{task.title}</div>
        </div>
      ),
    },
    { title: t('ind.col.status'), key: 'status', render: (_, task) => (isStatus(task.status) ? <StatusTag status={task.status} /> : task.status) },
    { title: t('ind.col.warning'), key: 'warning', render: (_, task) => (isWarning(task.warning) ? <WarningTag warning={task.warning} /> : task.warning) },
    { title: t('ind.col.progress'), key: 'progress', render: (_, task) => <Progress percent={task.progress} size="small" className="linked-progress" /> },
    { title: t('ind.col.lead'), key: 'lead', render: (_, task) => <span className="nowrap">{task.lead_unit ?? '—'}</span> },
    { title: t('ind.col.benchmark'), key: 'class', render: (_, task) => (task.benchmark_class ? <Tooltip title={label('benchmark', task.benchmark_class)}><Tag>{t('ind.classShort', { c: task.benchmark_class })}</Tag></Tooltip> : '—') },
  ];
  let body;
  if (tasks.error) {
    const problem = tasks.error instanceof ApiError ? tasks.error.problem : undefined;
    const unavailable = (problem as { status?: number } | undefined)?.status === 503;
    body = unavailable ? (
      <Alert
        type="warning"
        showIcon
        message={(problem as { title?: string }).title ?? t('ind.tasksUnavailable')}
        description={problemMessage(problem)}
        action={
          <Button size="small" icon={<ReloadOutlined />} onClick={() => void tasks.refetch()}>
            {t('shell.retry')}
          </Button>
        }
      />
    ) : (
      <LoadError error={tasks.error} />
    );
  } else {
    body = (
      <Table<LinkedTask>
        className="linked-tasks"
        size="small"
        rowKey="code"
        loading={tasks.isPending}
        columns={columns}
        dataSource={tasks.data}
        pagination={(tasks.data?.length ?? 0) > 10 ? { pageSize: 10, size: 'small' } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ind.noTasks')} /> }}
      />
    );
  }
  return (
    <Card size="small" title={t('ind.linkedTasks', { count: tasks.data?.length ?? 0 })} className="linked-tasks-card">
      {body}
    </Card>
  );
}

function ClassSuggestionCard({ code, period }: { code: string; period?: string }) {
  const { t, label } = useI18n();
  const suggestion = useClassSuggestion(code, period);
  return (
    <Card size="small" title={t('ind.classSuggestion')} className="class-suggestion">
      <LoadError error={suggestion.error} />
      {suggestion.isPending && period && <Spin />}
      {suggestion.data && (
        <Space direction="vertical" size={4}>
          {suggestion.data.suggested ? (
            <Tag color={suggestion.data.suggested === 'A' ? 'orange' : 'green'} className="class-tag">
              {label('benchmark', suggestion.data.suggested)}
            </Tag>
          ) : (
            <Tag>{t('ind.noSuggestion')}</Tag>
          )}
          <Typography.Text>{suggestion.data.reason}</Typography.Text>
          <Typography.Text type="secondary">{t('ind.classCNote')}</Typography.Text>
        </Space>
      )}
    </Card>
  );
}

/** One indicator: the served city's standing, its trend, the peers' league table and the tasks meant to move it. */
export function IndicatorPage({ me }: { me: Me }) {
  const { t, lang, label } = useI18n();
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const { params, update } = useUrlState();
  const regionSet = params.get('region_set') || undefined;
  const indicator = useIndicator(code);
  const regionSets = useRegionSets();
  const trend = useTrend(code, regionSet);
  const chosen = params.get('period');
  const choices = periodChoices(trend.data?.map((point) => point.period), indicator.data?.framework_code, chosen);
  // Without a period in the URL, wait for the trend: it says which periods have data.
  const period = isPeriod(chosen) ? chosen : trend.data && indicator.data ? choices.period : undefined;
  const board = useLeaderboard(code, period, regionSet);
  const cameFromApp = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;
  const back = () => (cameFromApp ? navigate(-1) : navigate('/indicators'));

  if (indicator.error) {
    const notFound = indicator.error instanceof ApiError && (indicator.error.problem as { status?: number })?.status === 404;
    return notFound ? (
      <Result status="404" title={t('ind.notFound')} extra={<Button onClick={back}>{t('ind.backToOverview')}</Button>} />
    ) : (
      <LoadError error={indicator.error} />
    );
  }
  if (!indicator.data) return <Spin className="page-spin" />;
  const data = indicator.data;
  const items = board.data?.items ?? [];
  const benchmarkName = items.find((item) => item.benchmark)?.region_name;
  const periods = sortPeriodsDesc([...choices.periods, period]);

  return (
    <Space direction="vertical" size="middle" className="full-width indicator-page">
      <div className="page-header">
        <Space align="start" className="task-heading">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('common.back')} />
          <div>
            <Typography.Text type="secondary" className="task-code">
              {data.code}
            </Typography.Text>
            <Typography.Title level={4} className="page-title">
              {data.name}
            </Typography.Title>
            <Space wrap size={[4, 4]}>
              <Tag color="blue">{label('framework', data.framework_code)}</Tag>
              <Tag>{data.higher_is_better ? t('ind.higherBetter') : t('ind.lowerBetter')}</Tag>
              {data.unit && <Tag>{t('ind.unitIs', { unit: data.unit })}</Tag>}
              {data.kind !== 'leaf' && <Tag color="geekblue">{label('indKind', data.kind)}</Tag>}
              {data.advantage && <Tag color="gold">{t('ind.advantage')}</Tag>}
            </Space>
          </div>
        </Space>
        <Space wrap>
          <Select
            aria-label={t('ind.period')}
            className="period-select"
            value={period}
            placeholder={t('ind.period')}
            options={periods.map((value) => ({ value, label: periodLabel(value, lang) }))}
            onChange={(value: string) => update({ period: value })}
          />
          <Select
            aria-label={t('ind.regionSet')}
            className="region-set-select"
            value={regionSet ?? ''}
            options={[
              { value: '', label: t('ind.regionSetDefault') },
              ...(regionSets.data ?? []).map((set) => ({ value: set.code, label: label('regionSet', set.code) })),
            ]}
            onChange={(value: string) => update({ region_set: value || undefined })}
          />
          {recordsOfficial(me) && <OfficialResultForm indicator={data.code} region={board.data?.served.region} period={period} />}
        </Space>
      </div>

      <Card size="small">
        <Header indicator={data} />
      </Card>

      <SyntheticBanner synthetic={board.data?.synthetic} />
      <LoadError error={board.error} />

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          {board.data ? (
            <StatusCard status={board.data.served} unit={data.unit} decimals={data.decimals} higherIsBetter={data.higher_is_better} benchmarkName={benchmarkName} />
          ) : (
            <Card size="small" title={t('ind.statusTitle', { city: '…' })}>
              <Spin />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('ind.trendTitle')} className="trend-card">
            <LoadError error={trend.error} />
            {trend.isPending ? (
              <Spin />
            ) : trend.data?.length ? (
              <TrendChart
                points={trend.data}
                unit={data.unit}
                ariaLabel={t('ind.trendTitle')}
                labels={{ value: t('ind.value'), rank: t('ind.rank'), rankOf: (rank, of) => t('ind.rankOf', { rank, of }), rankShort: (rank) => t('ind.rankN', { rank }) }}
              />
            ) : (
              <Empty description={t('ind.noData')} />
            )}
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('ind.peerChartTitle', { period: period ? periodLabel(period, lang) : '' })} className="peer-card">
            {board.data ? (
              items.some((item) => item.value !== null) ? (
                <PeerBarChart
                  items={items}
                  unit={data.unit}
                  ariaLabel={t('ind.peerChartTitle', { period: periodLabel(board.data.period, lang) })}
                  labels={{ benchmark: (city, value) => t('ind.benchmarkLine', { city, value }) }}
                />
              ) : (
                <Empty description={t('ind.noData')} />
              )
            ) : (
              <Spin />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('ind.leaderboardTitle')} className="leaderboard-card">
            <LeaderboardTable items={items} unit={data.unit} loading={board.isPending && !!period} />
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <LinkedTasks code={data.code} />
        </Col>
        <Col xs={24} xl={8}>
          <ClassSuggestionCard code={data.code} period={period} />
        </Col>
      </Row>
    </Space>
  );
}
