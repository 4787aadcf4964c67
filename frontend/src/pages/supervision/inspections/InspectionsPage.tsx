import { useState, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Empty, Grid, Input, List, Select, Space, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import { WARNINGS, type Me, type Warning } from '../../../api/types';
import { LoadError } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { isReadOnly } from '../../../nav/menu';
import { asOfSuffix, DATE, defaultYear, filterUnitOption, formatDate, unitOptions, usePlans, useUnits } from '../../../tasks/hooks';
import { WARNING_COLORS, WarningTag } from '../../../tasks/tags';
import { SupervisionNav } from '../SupervisionNav';
import { KEYS } from './api';
import { InspectionForm } from './InspectionForm';
import { recordsInspections } from './permissions';
import {
  hasRecordFilters,
  hasRectificationFilters,
  parseInspectionQuery,
  RECORD_FILTERS,
  RECTIFICATION_FILTERS,
  type InspectionQuery,
  type Tab,
} from './query';
import { KindTag, RectStatusTag, SeverityTag } from './tags';
import { INSPECTION_KINDS, isUnverified, RECTIFICATION_STATUSES, rectificationsOf, type InspectionRead, type RectificationRead } from './types';
import './inspections.css';
import { useUrlParams } from '../../../components/useUrlParams';

const PAGE_SIZE = 20;

type Update = (changes: Record<string, string | number | undefined>, keepPage?: boolean) => void;

function useInspectionState() {
  const plans = usePlans();
  const [params, update] = useUrlParams();
  const query = parseInspectionQuery(params, defaultYear(plans.data));
  const years = [...new Set([...(plans.data ?? []).map((p) => p.year), query.year])].sort((a, b) => b - a);
  return { query, update, years, plansPending: plans.isPending };
}

/** The inspection's target: the task (code and title) and/or the unit. */
export function Target({ inspection, asOf }: { inspection: InspectionRead; asOf?: string }) {
  return (
    <div className="insp-target">
      {inspection.unit && <div className="insp-target-unit">{inspection.unit.short_name || inspection.unit.name}</div>}
      {inspection.task_code && (
        <div className="insp-target-task">
          <Link to={`/tasks/${encodeURIComponent(inspection.task_code)}${asOfSuffix(asOf)}`} onClick={(event) => event.stopPropagation()}>
            {inspection.task_code}
          </Link>{' '}
          <Typography.Text type="secondary">{inspection.task_title}</Typography.Text>
        </div>
      )}
    </div>
  );
}

/** Findings and the rectifications still open (with how many of those are red). */
function FindingCounts({ inspection }: { inspection: InspectionRead }) {
  const { t } = useI18n();
  const open = rectificationsOf(inspection).filter(isUnverified);
  const red = open.filter((r) => r.warning === 'red').length;
  return (
    <Space size={[4, 4]} wrap className="insp-counts">
      <span className="nowrap">{t('insp.findingsCount', { count: inspection.findings.length })}</span>
      {open.length > 0 ? (
        <Tag color={red ? 'red' : 'orange'} className="insp-open" data-open={open.length}>
          {t('insp.openCount', { count: open.length })}
          {red > 0 && ` · ${t('insp.redCount', { count: red })}`}
        </Tag>
      ) : (
        <Typography.Text type="secondary" className="insp-open" data-open={0}>
          {t('insp.noOpen')}
        </Typography.Text>
      )}
    </Space>
  );
}

function RecordsTab({ query, update, years, plansPending }: { query: InspectionQuery; update: Update; years: number[]; plansPending: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const units = useUnits();
  const isPhone = Grid.useBreakpoint().md === false;
  const [code, setCode] = useState(query.task_code ?? '');
  const inspections = useQuery({
    queryKey: [...KEYS.inspections, 'list', query.year, query.kind, query.unit_id, query.task_code, query.from, query.to, query.page, query.as_of],
    enabled: !plansPending,
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await tasksApi.GET('/api/tasks/v1/inspections', {
          params: {
            query: {
              year: query.year,
              kind: query.kind,
              unit_id: query.unit_id,
              task_code: query.task_code,
              date_from: query.from,
              date_to: query.to,
              as_of: query.as_of,
              page: query.page,
              page_size: PAGE_SIZE,
            },
          },
        }),
      ),
  });
  const open = (inspection: InspectionRead) => navigate(`/supervision/inspections/${encodeURIComponent(inspection.code)}${asOfSuffix(query.as_of)}`);

  const columns: TableProps<InspectionRead>['columns'] = [
    {
      title: t('insp.col.code'),
      key: 'code',
      className: 'nowrap',
      render: (_, inspection) => (
        <Link to={`/supervision/inspections/${encodeURIComponent(inspection.code)}${asOfSuffix(query.as_of)}`} onClick={(event) => event.stopPropagation()}>
          {inspection.code}
        </Link>
      ),
    },
    { title: t('insp.col.kind'), key: 'kind', render: (_, inspection) => <KindTag kind={inspection.kind} /> },
    { title: t('insp.col.target'), key: 'target', className: 'insp-target-cell', render: (_, inspection) => <Target inspection={inspection} asOf={query.as_of} /> },
    { title: t('insp.col.date'), key: 'date', className: 'nowrap', render: (_, inspection) => formatDate(inspection.inspected_on) },
    { title: t('insp.col.inspectors'), key: 'inspectors', render: (_, inspection) => inspection.inspectors.join('、') },
    { title: t('insp.col.findings'), key: 'findings', render: (_, inspection) => <FindingCounts inspection={inspection} /> },
  ];
  const pagination = {
    current: query.page,
    pageSize: PAGE_SIZE,
    total: inspections.data?.total ?? 0,
    showSizeChanger: false,
    showTotal: (total: number) => t('insp.total', { total }),
    onChange: (page: number) => update({ page: page > 1 ? page : undefined }, true),
  };
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={hasRecordFilters(query) ? t('insp.emptyFiltered') : t('insp.empty')} />;

  return (
    <Space direction="vertical" size="middle" className="full-width">
      <Space wrap className="insp-filters">
        <Select
          aria-label={t('insp.year')}
          value={query.year}
          onChange={(year) => update({ year })}
          options={years.map((year) => ({ value: year, label: t('insp.yearOption', { year }) }))}
          className="insp-year"
        />
        <Select
          allowClear
          aria-label={t('insp.col.kind')}
          placeholder={t('insp.filter.kind')}
          value={query.kind}
          onChange={(kind) => update({ kind })}
          options={INSPECTION_KINDS.map((kind) => ({ value: kind, label: t(`insp.kind.${kind}`) }))}
          className="insp-filter"
        />
        <Select
          allowClear
          showSearch
          aria-label={t('insp.filter.unit')}
          placeholder={t('insp.filter.unit')}
          value={query.unit_id}
          onChange={(unit_id) => update({ unit_id })}
          options={unitOptions(units.data)}
          filterOption={filterUnitOption}
          loading={units.isPending}
          className="insp-filter"
          popupMatchSelectWidth={false}
        />
        <Input.Search
          allowClear
          aria-label={t('insp.filter.task')}
          placeholder={t('insp.filter.task')}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          onSearch={(value) => update({ task_code: value.trim() || undefined })}
          className="insp-filter"
        />
        <DatePicker.RangePicker
          aria-label={t('insp.filter.dates')}
          value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
          onChange={(range) => update({ from: range?.[0]?.format(DATE), to: range?.[1]?.format(DATE) })}
          allowEmpty={[true, true]}
          placeholder={[t('insp.filter.from'), t('insp.filter.to')]}
          className="insp-range"
        />
        {hasRecordFilters(query) && (
          <Button
            type="link"
            onClick={() => {
              setCode('');
              update(Object.fromEntries(RECORD_FILTERS.map((key) => [key, undefined])));
            }}
          >
            {t('insp.reset')}
          </Button>
        )}
      </Space>
      <LoadError error={inspections.error} />
      {isPhone ? (
        <List<InspectionRead>
          className="insp-cards"
          loading={inspections.isFetching || plansPending}
          dataSource={inspections.data?.items}
          pagination={(inspections.data?.total ?? 0) > PAGE_SIZE ? { ...pagination, size: 'small' } : false}
          locale={{ emptyText: empty }}
          renderItem={(inspection) => (
            <List.Item className="insp-card" onClick={() => open(inspection)}>
              <div className="insp-card-body">
                <Space wrap size={[4, 4]}>
                  <KindTag kind={inspection.kind} />
                  <Link to={`/supervision/inspections/${encodeURIComponent(inspection.code)}${asOfSuffix(query.as_of)}`} onClick={(event) => event.stopPropagation()}>
                    {inspection.code}
                  </Link>
                  <Typography.Text type="secondary">{formatDate(inspection.inspected_on)}</Typography.Text>
                </Space>
                <Target inspection={inspection} asOf={query.as_of} />
                <Typography.Text type="secondary">{t('insp.byInspectors', { names: inspection.inspectors.join('、') })}</Typography.Text>
                <FindingCounts inspection={inspection} />
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<InspectionRead>
          rowKey="id"
          size="middle"
          className="insp-table"
          scroll={{ x: 'max-content' }}
          loading={inspections.isFetching || plansPending}
          columns={columns}
          dataSource={inspections.data?.items}
          onRow={(inspection) => ({ onClick: () => open(inspection), className: 'insp-row' })}
          pagination={pagination}
          locale={{ emptyText: empty }}
        />
      )}
    </Space>
  );
}

/** 红牌 n / 黄牌 n / 正常 n; a click filters by it, a second click clears it. */
function CountTags({ counts, active, onPick }: { counts: Record<string, number>; active?: Warning; onPick: (w?: Warning) => void }) {
  const { t, label } = useI18n();
  return (
    <Space wrap size={[4, 4]} className="count-tags rect-counts">
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
            {t('insp.countTag', { label: label('warning', warning), count: counts[warning] ?? 0 })}
          </Tag>
        );
      })}
    </Space>
  );
}

/** Due date, and how many working days it was given. */
function Due({ r }: { r: RectificationRead }) {
  const { t } = useI18n();
  return (
    <div className="rect-due">
      <div className="nowrap">{formatDate(r.due_date)}</div>
      <Typography.Text type="secondary" className="nowrap">
        {t('rect.deadlineDays', { days: r.deadline_days })}
      </Typography.Text>
    </div>
  );
}

function WarningCell({ r }: { r: RectificationRead }) {
  return (
    <div className="rect-warning">
      <WarningTag warning={r.warning} />
      {r.warning_reasons.length > 0 && (
        <Typography.Text type="secondary" className="rect-reasons">
          {r.warning_reasons.join('；')}
        </Typography.Text>
      )}
    </div>
  );
}

function RectificationsTab({ query, update, years, plansPending }: { query: InspectionQuery; update: Update; years: number[]; plansPending: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const units = useUnits();
  const isPhone = Grid.useBreakpoint().md === false;
  const list = useQuery({
    queryKey: [...KEYS.rectifications, 'list', query.year, query.owner, query.status, query.warning, query.as_of, query.page],
    enabled: !plansPending,
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await tasksApi.GET('/api/tasks/v1/rectifications', {
          params: {
            query: {
              year: query.year,
              unit_id: query.owner,
              status: query.status,
              warning: query.warning,
              as_of: query.as_of,
              page: query.page,
              page_size: PAGE_SIZE,
            },
          },
        }),
      ),
  });
  const href = (r: RectificationRead) => `/supervision/rectifications/${r.id}${asOfSuffix(query.as_of)}`;
  const finding = (r: RectificationRead) => (
    <div className="rect-finding">
      <Link to={href(r)} onClick={(event) => event.stopPropagation()}>
        {r.finding}
      </Link>
      <div>
        <Typography.Text type="secondary">
          {r.inspection_code}
          {r.task_code ? ` · ${r.task_code}` : ''}
        </Typography.Text>{' '}
        <SeverityTag severity={r.severity} />
      </div>
    </div>
  );
  const columns: TableProps<RectificationRead>['columns'] = [
    { title: t('rect.col.finding'), key: 'finding', className: 'rect-finding-cell', render: (_, r) => finding(r) },
    { title: t('rect.col.owner'), key: 'owner', className: 'nowrap', render: (_, r) => r.owner_unit?.short_name ?? '—' },
    { title: t('rect.col.issued'), key: 'issued', className: 'nowrap', render: (_, r) => formatDate(r.issued_on) },
    { title: t('rect.col.due'), key: 'due', render: (_, r) => <Due r={r} /> },
    { title: t('rect.col.status'), key: 'status', render: (_, r) => <RectStatusTag rectification={r} /> },
    { title: t('rect.col.warning'), key: 'warning', className: 'rect-warning-cell', render: (_, r) => <WarningCell r={r} /> },
  ];
  const pagination = {
    current: query.page,
    pageSize: PAGE_SIZE,
    total: list.data?.total ?? 0,
    showSizeChanger: false,
    showTotal: (total: number) => t('insp.total', { total }),
    onChange: (page: number) => update({ page: page > 1 ? page : undefined }, true),
  };
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={hasRectificationFilters(query) ? t('rect.emptyFiltered') : t('rect.empty')} />;

  return (
    <Space direction="vertical" size="middle" className="full-width">
      <CountTags counts={list.data?.counts ?? {}} active={query.warning} onPick={(warning) => update({ warning })} />
      <Space wrap className="insp-filters">
        <Select
          aria-label={t('insp.year')}
          value={query.year}
          onChange={(year) => update({ year })}
          options={years.map((year) => ({ value: year, label: t('insp.yearOption', { year }) }))}
          className="insp-year"
        />
        <Select
          allowClear
          showSearch
          aria-label={t('rect.filter.owner')}
          placeholder={t('rect.filter.owner')}
          value={query.owner}
          onChange={(owner) => update({ owner })}
          options={unitOptions(units.data)}
          filterOption={filterUnitOption}
          loading={units.isPending}
          className="insp-filter"
          popupMatchSelectWidth={false}
        />
        <Select
          allowClear
          aria-label={t('rect.filter.status')}
          placeholder={t('rect.filter.status')}
          value={query.status}
          onChange={(status) => update({ status })}
          options={RECTIFICATION_STATUSES.map((status) => ({ value: status, label: t(`rect.status.${status}`) }))}
          className="insp-filter"
        />
        {hasRectificationFilters(query) && (
          <Button type="link" onClick={() => update(Object.fromEntries(RECTIFICATION_FILTERS.map((key) => [key, undefined])))}>
            {t('insp.reset')}
          </Button>
        )}
      </Space>
      {list.data?.calendar_notices.map((notice) => <Alert key={notice} type="warning" showIcon message={notice} />)}
      <LoadError error={list.error} />
      {isPhone ? (
        <List<RectificationRead>
          className="rect-cards"
          loading={list.isFetching || plansPending}
          dataSource={list.data?.items}
          pagination={(list.data?.total ?? 0) > PAGE_SIZE ? { ...pagination, size: 'small' } : false}
          locale={{ emptyText: empty }}
          renderItem={(r) => (
            <List.Item className="rect-card" data-warning={r.warning} onClick={() => navigate(href(r))}>
              <div className="insp-card-body">
                <Space wrap size={[4, 4]}>
                  <WarningTag warning={r.warning} />
                  <RectStatusTag rectification={r} />
                  <Typography.Text strong>{r.owner_unit?.short_name ?? '—'}</Typography.Text>
                </Space>
                {finding(r)}
                <Typography.Text type="secondary">{t('rect.dueLine', { date: formatDate(r.due_date), days: r.deadline_days })}</Typography.Text>
                {r.warning_reasons.length > 0 && <Typography.Text type="secondary">{r.warning_reasons.join('；')}</Typography.Text>}
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<RectificationRead>
          rowKey="id"
          size="middle"
          className="rect-table"
          scroll={{ x: 'max-content' }}
          loading={list.isFetching || plansPending}
          columns={columns}
          dataSource={list.data?.items}
          rowClassName={(r) => `rect-row ledger-row-${r.warning}`}
          onRow={(r) => ({ onClick: () => navigate(href(r)) })}
          pagination={pagination}
          locale={{ emptyText: empty }}
        />
      )}
    </Space>
  );
}

/** 督察整改: inspection records (with the record form for the office and special groups) and rectifications. */
export function InspectionsPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { query, update, years, plansPending } = useInspectionState();
  const [formOpen, setFormOpen] = useState(false);
  const canRecord = recordsInspections(me) && !isReadOnly(me.roles);

  const extra = (
    <Space wrap>
      <Space.Compact>
        <Space.Addon className="ledger-addon">{t('ledger.asOf')}</Space.Addon>
        <DatePicker
          aria-label={t('ledger.asOf')}
          value={query.as_of ? dayjs(query.as_of) : null}
          onChange={(value) => update({ as_of: value ? value.format(DATE) : undefined })}
          placeholder={t('ledger.asOfToday')}
          className="ledger-asof"
        />
      </Space.Compact>
      {canRecord && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)}>
          {t('insp.record')}
        </Button>
      )}
    </Space>
  );
  const props = { query, update, years, plansPending };
  return (
    <Space direction="vertical" size="small" className="full-width inspections-page">
      <SupervisionNav active="inspections" extra={extra} />
      <Tabs
        activeKey={query.tab}
        onChange={(tab) => update({ tab: tab === 'records' ? undefined : tab })}
        items={[
          { key: 'records' satisfies Tab, label: t('insp.tab.records'), children: query.tab === 'records' && <RecordsTab {...props} /> },
          { key: 'rectifications' satisfies Tab, label: t('insp.tab.rectifications'), children: query.tab === 'rectifications' && <RectificationsTab {...props} /> },
        ]}
      />
      {formOpen && (
        <InspectionForm
          me={me}
          year={query.year}
          asOf={query.as_of}
          onClose={() => setFormOpen(false)}
          onCreated={(inspection) => {
            setFormOpen(false);
            navigate(`/supervision/inspections/${encodeURIComponent(inspection.code)}${asOfSuffix(query.as_of)}`);
          }}
        />
      )}
    </Space>
  );
}
