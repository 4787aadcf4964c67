import { useState, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Empty, Grid, List, Segmented, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import { ENVIRONMENTS, WARNINGS, type Environment, type Me, type Warning } from '../../../api/types';
import { LoadError } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { isReadOnly } from '../../../nav/menu';
import { asOfSuffix, defaultYear, usePlans, useAsOf } from '../../../tasks/hooks';
import { createsActions } from '../../../tasks/permissions';
import { WARNING_COLORS, WarningTag } from '../../../tasks/tags';
import { SupervisionNav } from '../SupervisionNav';
import { ActionForm } from './ActionForm';
import { ActionCounts, ActionProgress, KindTag } from './parts';
import { ACTION_KINDS, type ActionKind, type ActionSummary } from './types';
import './actions.css';
import { useUrlParams } from '../../../components/useUrlParams';

const PAGE_SIZE = 20;

export interface ActionsQuery {
  year: number;
  kind?: ActionKind;
  environment?: Environment;
  warning?: Warning;
  page: number;
}

/** The list's filters as they live in the URL (`?year=&kind=&environment=&warning=&page=`; `as_of` apart). */
export function parseActionsQuery(params: URLSearchParams, fallbackYear: number): ActionsQuery {
  const year = Number(params.get('year'));
  const page = Number(params.get('page'));
  const pick = <T extends string>(key: string, allowed: readonly T[]) => allowed.find((value) => value === params.get(key));
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : fallbackYear,
    kind: pick('kind', ACTION_KINDS),
    environment: pick('environment', ENVIRONMENTS),
    warning: pick('warning', WARNINGS),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

function WarningCounts({ counts, active, onPick }: { counts: Record<string, number>; active?: Warning; onPick: (w?: Warning) => void }) {
  const { t, label } = useI18n();
  return (
    <Space wrap size={[4, 4]} className="count-tags">
      <Typography.Text type="secondary">{t('act.warningCounts')}</Typography.Text>
      {WARNINGS.map((warning) => {
        const pressed = active === warning;
        const toggle = () => onPick(pressed ? undefined : warning);
        return (
          <Tag
            key={warning}
            role="button"
            tabIndex={0}
            aria-pressed={pressed}
            data-warning={warning}
            color={WARNING_COLORS[warning]}
            icon={pressed ? <CheckOutlined /> : undefined}
            className={pressed ? 'count-tag count-tag-active' : 'count-tag'}
            onClick={toggle}
            onKeyDown={(event: KeyboardEvent) => (event.key === 'Enter' || event.key === ' ') && toggle()}
          >
            {t('act.countTag', { label: label('warning', warning), count: counts[warning] ?? 0 })}
          </Tag>
        );
      })}
    </Space>
  );
}

/** 专项行动 ("12+N"): the year's actions with their rolled-up progress and warning; the office and special groups start new ones. */
export function ActionsPage({ me }: { me: Me }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;
  const plans = usePlans();
  const [params, update] = useUrlParams();
  const [asOf, setAsOf] = useAsOf();
  const query = parseActionsQuery(params, defaultYear(plans.data));
  const [creating, setCreating] = useState(false);

  const actions = useQuery({
    queryKey: ['tasks', 'special-actions', 'list', query, asOf],
    enabled: !plans.isPending,
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await tasksApi.GET('/api/tasks/v1/special-actions', {
          params: {
            query: {
              year: query.year,
              kind: query.kind,
              environment: query.environment,
              warning: query.warning,
              as_of: asOf,
              page: query.page,
              page_size: PAGE_SIZE,
            },
          },
        }),
      ),
  });

  const years = [...new Set([...(plans.data ?? []).map((p) => p.year), query.year, dayjs().year()])].sort((a, b) => b - a);
  const counts = actions.data?.counts ?? {};
  const mayCreate = createsActions(me) && !isReadOnly(me.roles);
  const href = (action: ActionSummary) => `/supervision/actions/${encodeURIComponent(action.code)}${asOfSuffix(asOf)}`;
  const filtered = !!(query.kind || query.environment || query.warning);

  const columns: TableProps<ActionSummary>['columns'] = [
    {
      key: 'name',
      title: t('act.col.name'),
      className: 'act-name-cell',
      render: (_, action) => (
        <div>
          <Link to={href(action)} onClick={(event) => event.stopPropagation()} className="act-name-link">
            {action.name}
          </Link>
          <div>
            <Typography.Text type="secondary" className="act-code">
              {action.code}
            </Typography.Text>{' '}
            <KindTag kind={action.kind} />
            {action.environment && <Tag>{label('env', action.environment)}</Tag>}
          </div>
        </div>
      ),
    },
    { key: 'official', title: t('act.col.official'), className: 'nowrap', render: (_, action) => action.leading_official },
    { key: 'lead', title: t('act.col.lead'), className: 'nowrap', render: (_, action) => action.lead_unit?.short_name ?? '—' },
    { key: 'progress', title: t('act.col.progress'), width: 170, render: (_, action) => <ActionProgress action={action} /> },
    {
      key: 'warning',
      title: t('act.col.warning'),
      render: (_, action) => <WarningTag warning={action.warning} reasons={action.warning_reasons} />,
    },
    { key: 'counts', title: t('act.col.counts'), render: (_, action) => <ActionCounts action={action} /> },
  ];

  const pagination = {
    current: query.page,
    pageSize: PAGE_SIZE,
    total: actions.data?.total ?? 0,
    showSizeChanger: false,
    showTotal: (total: number) => t('act.total', { total }),
    onChange: (page: number) => update({ page: page > 1 ? page : undefined }, true),
  };
  const empty = (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('act.emptyFiltered') : t('act.empty', { year: query.year })}>
      {mayCreate && !filtered && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('act.new')}
        </Button>
      )}
    </Empty>
  );

  return (
    <Space direction="vertical" size="middle" className="full-width actions-page">
      <SupervisionNav
        active="actions"
        extra={
          mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} className="act-new">
              {t('act.new')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary" className="act-intro">
        {t('act.intro')}
      </Typography.Paragraph>

      <Space wrap className="act-filters">
        <Select
          aria-label={t('act.year')}
          value={query.year}
          onChange={(year) => update({ year })}
          options={years.map((year) => ({ value: year, label: t('act.yearOption', { year }) }))}
          className="act-year"
        />
        <Segmented<'all' | ActionKind>
          aria-label={t('act.field.kind')}
          value={query.kind ?? 'all'}
          onChange={(kind) => update({ kind: kind === 'all' ? undefined : kind })}
          options={[
            { value: 'all', label: t('act.kind.all') },
            ...ACTION_KINDS.map((kind) => ({ value: kind, label: t(`act.kind.${kind}`) })),
          ]}
        />
        <Select
          allowClear
          placeholder={t('act.filterEnvironment')}
          value={query.environment}
          onChange={(environment) => update({ environment })}
          options={ENVIRONMENTS.map((code) => ({ value: code, label: label('env', code) }))}
          className="act-filter"
        />
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
        {filtered && (
          <Button type="link" onClick={() => update({ kind: undefined, environment: undefined, warning: undefined })}>
            {t('act.reset')}
          </Button>
        )}
      </Space>

      <div className="ledger-bar">
        <WarningCounts counts={counts} active={query.warning} onPick={(warning) => update({ warning })} />
        <Typography.Text type="secondary" className="act-kind-counts">
          {t('act.kindCounts', { city: counts.city ?? 0, extra: counts.extra ?? 0 })}
        </Typography.Text>
      </div>

      <LoadError error={actions.error ?? plans.error} />

      {isPhone ? (
        <List<ActionSummary>
          className="act-list"
          loading={actions.isFetching || plans.isPending}
          dataSource={actions.data?.items}
          pagination={(actions.data?.total ?? 0) > PAGE_SIZE ? { ...pagination, size: 'small' } : false}
          locale={{ emptyText: empty }}
          renderItem={(action) => (
            <List.Item className={`act-card act-card-${action.warning}`} onClick={() => navigate(href(action))}>
              <div className="act-card-body">
                <Link to={href(action)} className="act-name-link" onClick={(event) => event.stopPropagation()}>
                  {action.name}
                </Link>
                <Space wrap size={[4, 4]}>
                  <Typography.Text type="secondary">{action.code}</Typography.Text>
                  <KindTag kind={action.kind} />
                  <WarningTag warning={action.warning} />
                </Space>
                <Typography.Text type="secondary" className="act-card-people">
                  {t('act.cardPeople', { official: action.leading_official, unit: action.lead_unit?.short_name ?? '—' })}
                </Typography.Text>
                <ActionProgress action={action} detailed />
                <ActionCounts action={action} />
                {action.warning_reasons.length > 0 && (
                  <Typography.Text type={action.warning === 'red' ? 'danger' : 'warning'} className="act-card-reasons">
                    {action.warning_reasons.join('；')}
                  </Typography.Text>
                )}
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<ActionSummary>
          rowKey="id"
          size="middle"
          className="act-table"
          scroll={{ x: 'max-content' }}
          loading={actions.isFetching || plans.isPending}
          columns={columns}
          dataSource={actions.data?.items}
          rowClassName={(action) => `act-row act-row-${action.warning}`}
          onRow={(action) => ({ onClick: () => navigate(href(action)) })}
          pagination={pagination}
          locale={{ emptyText: empty }}
        />
      )}

      {creating && (
        <ActionForm
          me={me}
          mode={{ kind: 'create', year: query.year }}
          onClose={() => setCreating(false)}
          onSaved={(code) => navigate(`/supervision/actions/${encodeURIComponent(code)}`)}
        />
      )}
    </Space>
  );
}
