import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Result, Row, Space, Spin, Statistic, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { tasksApi } from '../../../api/http';
import { ApiError, unwrap } from '../../../api/problem';
import type { Me } from '../../../api/types';
import { LoadError } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { isReadOnly } from '../../../nav/menu';
import { asOfSuffix, useAsOf } from '../../../tasks/hooks';
import { plansAction, runsAction } from '../../../tasks/permissions';
import { WarningTag } from '../../../tasks/tags';
import { ActionForm } from './ActionForm';
import { ActionHistory } from './ActionHistory';
import { ActionNodes } from './ActionNodes';
import { ActionTasks } from './ActionTasks';
import { ActionProgress, KindTag } from './parts';
import type { ActionPage } from './types';
import './actions.css';

const TABS = ['nodes', 'tasks', 'history'] as const;
type TabKey = (typeof TABS)[number];

function Overview({ action }: { action: ActionPage }) {
  const { t, label } = useI18n();
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
      styles={{ label: { whiteSpace: 'nowrap' } }}
      items={[
        { key: 'official', label: t('act.field.leading_official'), children: <strong>{action.leading_official}</strong> },
        { key: 'lead', label: t('act.field.lead_unit_id'), children: action.lead_unit?.name ?? '—' },
        {
          key: 'team',
          label: t('act.teamCount', { count: action.team.length }),
          span: 'filled' as const,
          children: action.team.length ? (
            <Space wrap size={[4, 4]} className="act-team">
              {action.team.map((unit) => (
                <Tag key={unit.id}>{unit.short_name || unit.name}</Tag>
              ))}
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('act.noTeam')}</Typography.Text>
          ),
        },
        { key: 'env', label: t('act.field.environment'), children: action.environment ? label('env', action.environment) : t('act.environmentNone') },
        { key: 'year', label: t('act.year'), children: action.year },
        { key: 'goal', label: t('act.field.goal'), span: 'filled' as const, children: <div className="pre-wrap">{action.goal || '—'}</div> },
      ]}
    />
  );
}

function Measures({ action }: { action: ActionPage }) {
  const { t } = useI18n();
  if (!action.measures.length) return <Typography.Text type="secondary">{t('act.noMeasures')}</Typography.Text>;
  return (
    <ol className="act-measures">
      {action.measures.map((measure, i) => (
        <li key={i} className="pre-wrap">
          {measure}
        </li>
      ))}
    </ol>
  );
}

function ProgressCard({ action }: { action: ActionPage }) {
  const { t } = useI18n();
  const c = action.counts;
  return (
    <Card size="small" title={t('act.progress')} className="act-progress-card">
      <ActionProgress action={action} detailed />
      <Row gutter={[8, 8]} className="act-stats">
        <Col span={12}>
          <Statistic title={t('act.stat.nodes')} value={c.nodes_done} suffix={`/ ${c.nodes}`} />
        </Col>
        <Col span={12}>
          <Statistic
            title={t('act.stat.overdue')}
            value={c.nodes_overdue}
            valueStyle={c.nodes_overdue ? { color: '#cf1322' } : undefined}
          />
        </Col>
        <Col span={12}>
          <Statistic title={t('act.stat.tasks')} value={c.tasks_completed} suffix={`/ ${c.tasks}`} />
        </Col>
        <Col span={12}>
          <Statistic
            title={t('act.stat.taskWarnings')}
            value={t('act.stat.redYellow', { red: c.tasks_red, yellow: c.tasks_yellow })}
            valueStyle={c.tasks_red ? { color: '#cf1322' } : c.tasks_yellow ? { color: '#d48806' } : undefined}
          />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" className="act-rule">
        {t('act.rule')}
      </Typography.Paragraph>
    </Card>
  );
}

/** One special action's page: "一个行动、一名领导、一个团队、一抓到底". */
export function ActionDetailPage({ me }: { me: Me }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const [asOf, setAsOf] = useAsOf();
  const [editing, setEditing] = useState(false);
  const action = useQuery({
    queryKey: ['tasks', 'special-actions', 'detail', code, asOf],
    queryFn: async () =>
      unwrap(await tasksApi.GET('/api/tasks/v1/special-actions/{code}', { params: { path: { code }, query: { as_of: asOf } } })),
  });
  const tab: TabKey = TABS.find((key) => key === params.get('tab')) ?? 'nodes';
  const setTab = (key: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('tab', key);
        return next;
      },
      { replace: true },
    );
  const cameFromApp = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;
  const back = () => (cameFromApp ? navigate(-1) : navigate(`/supervision/actions${asOfSuffix(asOf)}`));

  if (action.error) {
    const status = action.error instanceof ApiError ? (action.error.problem as { status?: number } | undefined)?.status : undefined;
    return status === 404 || status === 403 || status === 422 ? (
      <Result status="404" title={t('act.notFound')} subTitle={t('act.notFoundHint')} extra={<Button onClick={back}>{t('act.backToList')}</Button>} />
    ) : (
      <LoadError error={action.error} />
    );
  }
  if (!action.data) return <Spin className="page-spin" />;

  const data = action.data;
  const writable = !isReadOnly(me.roles);
  const canPlan = writable && plansAction(me, data.environment);
  const canRun = writable && runsAction(me, data);
  return (
    <Space direction="vertical" size="middle" className="full-width act-detail">
      <div className="page-header">
        <Space align="start" className="act-heading">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('common.back')} />
          <div>
            <Typography.Text type="secondary" className="act-code">
              {data.code} · {t('act.yearOption', { year: data.year })}
            </Typography.Text>
            <Typography.Title level={4} className="page-title">
              {data.name}
            </Typography.Title>
            <Space wrap size={[4, 4]}>
              <WarningTag warning={data.warning} />
              <KindTag kind={data.kind} />
              {data.environment && <Tag>{label('env', data.environment)}</Tag>}
            </Space>
          </div>
        </Space>
        <Space wrap>
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
          {canPlan && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} className="act-edit">
              {t('act.edit')}
            </Button>
          )}
        </Space>
      </div>

      {data.calendar_notices.map((notice) => (
        <Alert key={notice} type="warning" showIcon message={notice} />
      ))}
      {data.warning !== 'none' && (
        <Alert
          type={data.warning === 'red' ? 'error' : 'warning'}
          showIcon
          className="act-warning"
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
          <Space direction="vertical" size="middle" className="full-width">
            <Card size="small" title={t('act.overview')}>
              <Overview action={data} />
            </Card>
            <Card size="small" title={t('act.measuresCount', { count: data.measures.length })}>
              <Measures action={data} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <ProgressCard action={data} />
        </Col>
      </Row>

      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'nodes',
              label: t('act.tab.nodes', { count: data.counts.nodes }),
              children: <ActionNodes action={data} canRun={canRun} canPlan={canPlan} asOf={asOf} />,
            },
            {
              key: 'tasks',
              label: t('act.tab.tasks', { count: data.counts.tasks }),
              children: <ActionTasks action={data} canRun={canRun} asOf={asOf} />,
            },
            { key: 'history', label: t('act.tab.history'), children: <ActionHistory code={data.code} /> },
          ]}
        />
      </Card>

      {editing && (
        <ActionForm me={me} mode={{ kind: 'edit', action: data }} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
      )}
    </Space>
  );
}
