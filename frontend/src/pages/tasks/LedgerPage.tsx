import { useState, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
  Button,
  DatePicker,
  Drawer,
  Input,
  List,
  Popconfirm,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { AuditOutlined, BarChartOutlined, BellOutlined, CheckOutlined, DownloadOutlined, FileTextOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { dispositionFilename, saveDownload, tasksApi } from '../../api/http';
import { ApiError, unwrap } from '../../api/problem';
import {
  BENCHMARK_CLASSES,
  CATEGORIES,
  ENVIRONMENTS,
  STATUSES,
  WARNINGS,
  type Me,
  type PlanRead,
  type TaskRead,
  type Warning,
} from '../../api/types';
import { errorText, LoadError } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { asOfSuffix, DATE, defaultYear, filterUnitOption, formatTime, unitOptions, usePlans, useUnits } from '../../tasks/hooks';
import { canExport, canImport, isOffice, seesNotices, seesReporting } from '../../tasks/permissions';
import { Deadline, PlanStatusTag, StatusTag, WARNING_COLORS, WarningTag } from '../../tasks/tags';
import { ColumnSettings, useColumnChoice, type ColumnChoice } from './ColumnSettings';
import { apiQuery, exportQuery, FILTER_KEYS, hasFilters, PAGE_SIZES, parseLedgerQuery, SORTS, type LedgerQuery } from './ledgerQuery';
import { useUrlParams } from '../../components/useUrlParams';

const COLUMN_STORAGE_KEY = 'reform.ledger.columns';
const OPTIONAL_COLUMNS = [
  'warning',
  'progress',
  'status',
  'deadline',
  'lead',
  'responsible',
  'environment',
  'category',
  'benchmark',
  'official',
  'latest',
  'updated',
];
const DEFAULT_COLUMNS = ['warning', 'progress', 'status', 'deadline', 'lead', 'responsible', 'environment'];

/** The ledger's URL state and setters; filters and sort restart paging. */
function useLedgerState(plans: PlanRead[] | undefined) {
  const [params, update] = useUrlParams();
  const query = parseLedgerQuery(params, defaultYear(plans));
  const clearFilters = () => update(Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined])));
  return { query, update, clearFilters };
}

function CountTags({ counts, active, onPick }: { counts: Record<string, number>; active?: Warning; onPick: (w?: Warning) => void }) {
  const { t, label } = useI18n();
  return (
    <Space wrap size={[4, 4]} className="count-tags">
      <Typography.Text type="secondary">{t('ledger.counts')}</Typography.Text>
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
            {t('ledger.countTag', { label: label('warning', warning), count: counts[warning] ?? 0 })}
          </Tag>
        );
      })}
    </Space>
  );
}

function PendingAdjustments({ asOf }: { asOf?: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const pending = useQuery({
    queryKey: ['tasks', 'adjustments', 'pending'],
    queryFn: async () =>
      unwrap(await tasksApi.GET('/api/tasks/v1/adjustments', { params: { query: { status: 'pending', page_size: 100 } } })),
  });
  const total = pending.data?.total ?? 0;
  if (!total) return null;
  return (
    <>
      <Badge count={total} size="small">
        <Button icon={<AuditOutlined />} onClick={() => setOpen(true)}>
          {t('ledger.pendingAdjustments', { count: total })}
        </Button>
      </Badge>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('ledger.pendingAdjustmentsTitle')} width={420}>
        <List
          dataSource={pending.data?.items}
          renderItem={(adjustment) => (
            <List.Item
              actions={[
                <Link key="open" to={`/tasks/${encodeURIComponent(adjustment.task_code)}${asOfSuffix(asOf, { tab: 'adjustments' })}`}>
                  {t('adjust.view')}
                </Link>,
              ]}
            >
              <List.Item.Meta
                title={adjustment.task_code}
                description={
                  <>
                    <div>{adjustment.reason}</div>
                    <Typography.Text type="secondary">
                      {t('adjust.requestedBy', { user: adjustment.requested_by, time: formatTime(adjustment.requested_at) })}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Drawer>
    </>
  );
}

/** What the last "发出提示单" did, shown with a link to that day's notices. */
interface NoticesRun {
  date: string;
  issued: number;
  skipped: number;
}

/** Office and leader actions of the ledger toolbar. */
function LedgerActions({ me, query, plan, onNoticesRun }: { me: Me; query: LedgerQuery; plan?: PlanRead; onNoticesRun: (run: NoticesRun) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const asOfLabel = query.as_of ?? dayjs().format(DATE);

  const exporting = useMutation({
    mutationFn: async () => {
      const { data, error, response } = await tasksApi.GET('/api/tasks/v1/tasks/export.xlsx', {
        params: { query: exportQuery(query) },
        parseAs: 'blob',
      });
      // The problem document's Chinese detail is what the error message shows.
      if (error !== undefined || !data) throw new ApiError(error);
      const fallback = `${query.year}年任务台账.xlsx`;
      saveDownload({ blob: data as Blob, filename: dispositionFilename(response.headers.get('Content-Disposition'), fallback) });
    },
    onError: (error) => void message.error(errorText(error, t('ledger.exportFailed'))),
  });

  const publish = useMutation({
    mutationFn: async (year: number) =>
      unwrap(await tasksApi.POST('/api/tasks/v1/plans/{year}/publish', { params: { path: { year } } })),
    onSuccess: (published) => {
      void message.success(t('ledger.published', { year: published.year }));
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
    onError: (error) => void message.error(errorText(error, t('error.loadFailed'))),
  });

  const runNotices = useMutation({
    mutationFn: async () =>
      unwrap(await tasksApi.POST('/api/tasks/v1/reminder-notices/run', { params: { query: { as_of: query.as_of } } })),
    onSuccess: (result) => {
      void message.success(t('ledger.noticesIssued', { issued: result.issued, skipped: result.already_issued }));
      onNoticesRun({ date: query.as_of ?? dayjs().format(DATE), issued: result.issued, skipped: result.already_issued });
    },
    onError: (error) => void message.error(errorText(error, t('error.loadFailed'))),
  });

  return (
    <Space wrap>
      {isOffice(me) && <PendingAdjustments asOf={query.as_of} />}
      {seesReporting(me) && (
        <Button icon={<BarChartOutlined />} onClick={() => navigate(`/tasks/reporting${asOfSuffix(query.as_of, { year: String(query.year) })}`)}>
          {t('ledger.reporting')}
        </Button>
      )}
      {seesNotices(me) && (
        <Button icon={<FileTextOutlined />} onClick={() => navigate('/tasks/notices')}>
          {t('ledger.notices')}
        </Button>
      )}
      {canImport(me) && (
        <Button icon={<UploadOutlined />} onClick={() => navigate(`/tasks/import?year=${query.year}`)}>
          {t('ledger.import')}
        </Button>
      )}
      {canExport(me) && (
        <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()}>
          {exporting.isPending ? t('ledger.exporting') : t('ledger.export')}
        </Button>
      )}
      {isOffice(me) && plan?.status === 'published' && (
        <Popconfirm title={t('ledger.runNotices')} description={t('ledger.runNoticesConfirm', { date: asOfLabel })} onConfirm={() => runNotices.mutateAsync().catch(() => undefined)}>
          <Button icon={<BellOutlined />} loading={runNotices.isPending}>
            {t('ledger.runNotices')}
          </Button>
        </Popconfirm>
      )}
      {isOffice(me) && plan?.status === 'draft' && (
        <Popconfirm
          title={t('ledger.publish')}
          description={<div className="confirm-text">{t('ledger.publishConfirm', { year: plan.year })}</div>}
          onConfirm={() => publish.mutateAsync(plan.year).catch(() => undefined)}
        >
          <Button type="primary" icon={<SendOutlined />} loading={publish.isPending}>
            {t('ledger.publish')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

export function LedgerPage({ me }: { me: Me }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const plans = usePlans();
  const units = useUnits();
  const { query, update, clearFilters } = useLedgerState(plans.data);
  const [text, setText] = useState(query.q ?? '');
  const columnChoice = useColumnChoice(COLUMN_STORAGE_KEY, OPTIONAL_COLUMNS, DEFAULT_COLUMNS);
  const [noticesRun, setNoticesRun] = useState<NoticesRun | null>(null);

  const tasks = useQuery({
    queryKey: ['tasks', 'list', query],
    // Without the plans the default year is a guess; waiting avoids loading a year twice.
    enabled: !plans.isPending,
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await tasksApi.GET('/api/tasks/v1/tasks', { params: { query: apiQuery(query) } })),
  });

  const plan = plans.data?.find((p) => p.year === query.year);
  const years = [...new Set([...(plans.data ?? []).map((p) => p.year), query.year])].sort((a, b) => b - a);
  const options = unitOptions(units.data);
  const openTask = (task: TaskRead) => navigate(`/tasks/${encodeURIComponent(task.code)}${asOfSuffix(query.as_of)}`);

  const allColumns: (NonNullable<TableProps<TaskRead>['columns']>[number] & { key: string })[] = [
    {
      key: 'code',
      title: t('ledger.col.code'),
      dataIndex: 'code',
      width: 130,
      fixed: 'left',
      className: 'nowrap',
      render: (code: string) => (
        <Link to={`/tasks/${encodeURIComponent(code)}${asOfSuffix(query.as_of)}`} onClick={(event) => event.stopPropagation()}>
          {code}
        </Link>
      ),
    },
    { key: 'title', title: t('ledger.col.title'), dataIndex: 'title', className: 'ledger-title-cell' },
    {
      key: 'warning',
      title: t('ledger.col.warning'),
      render: (_, task) => <WarningTag warning={task.warning} reasons={task.warning_reasons} />,
    },
    {
      key: 'progress',
      title: t('ledger.col.progress'),
      width: 150,
      render: (_, task) => (
        <div className="ledger-progress">
          <Progress
            percent={task.progress}
            size="small"
            format={(value) => `${value}%`}
            strokeColor={task.warning === 'red' ? '#ff4d4f' : task.status === 'completed' ? '#52c41a' : undefined}
          />
          {task.expected_progress !== null && (
            <Typography.Text type="secondary" className="ledger-expected">
              {t('ledger.expected', { value: task.expected_progress })}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { key: 'status', title: t('ledger.col.status'), render: (_, task) => <StatusTag status={task.status} /> },
    { key: 'deadline', title: t('ledger.col.deadline'), className: 'nowrap', render: (_, task) => <Deadline task={task} /> },
    { key: 'lead', title: t('ledger.col.lead'), className: 'nowrap', render: (_, task) => task.lead_unit?.short_name ?? '—' },
    {
      key: 'responsible',
      title: t('ledger.col.responsible'),
      className: 'ledger-units-cell',
      render: (_, task) => task.responsible_units.map((unit) => unit.short_name).join('、') || '—',
    },
    { key: 'environment', title: t('ledger.col.environment'), render: (_, task) => label('env', task.environment) },
    { key: 'category', title: t('ledger.col.category'), render: (_, task) => label('category', task.category) },
    { key: 'benchmark', title: t('ledger.col.benchmark'), render: (_, task) => task.benchmark_class ?? '—' },
    { key: 'official', title: t('ledger.col.official'), render: (_, task) => task.leading_official ?? '—' },
    {
      key: 'latest',
      title: t('ledger.col.latest'),
      className: 'ledger-latest-cell',
      render: (_, task) =>
        task.latest_report ? (
          <Typography.Paragraph ellipsis={{ rows: 2 }} className="ledger-latest">
            {task.latest_report.content}
          </Typography.Paragraph>
        ) : (
          '—'
        ),
    },
    { key: 'updated', title: t('ledger.col.updated'), render: (_, task) => formatTime(task.updated_at) },
  ];
  const choices: ColumnChoice[] = allColumns.map((column) => ({
    key: column.key,
    title: String(column.title),
    fixed: !OPTIONAL_COLUMNS.includes(column.key),
  }));
  const columns = allColumns.filter((column) => !OPTIONAL_COLUMNS.includes(column.key) || columnChoice.visible.includes(column.key));

  const selectProps = { allowClear: true, className: 'ledger-filter' };
  return (
    <Space direction="vertical" size="middle" className="full-width">
      <div className="page-header">
        <Space wrap align="center">
          <Typography.Title level={4} className="page-title">
            {t('ledger.title')}
          </Typography.Title>
          <Select
            aria-label={t('ledger.year')}
            value={query.year}
            onChange={(year) => update({ year })}
            options={years.map((year) => ({ value: year, label: t('ledger.yearOption', { year }) }))}
            className="ledger-year"
          />
          {plan && <PlanStatusTag plan={plan} />}
          {plan && <Typography.Text type="secondary">{t('ledger.planTasks', { count: plan.task_count ?? 0 })}</Typography.Text>}
        </Space>
        <LedgerActions me={me} query={query} plan={plan} onNoticesRun={setNoticesRun} />
      </div>

      {noticesRun && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setNoticesRun(null)}
          className="notices-run"
          message={t('ledger.noticesRun', { date: noticesRun.date, issued: noticesRun.issued, skipped: noticesRun.skipped })}
          action={<Link to={`/tasks/notices?issued_on=${noticesRun.date}`}>{t('ledger.noticesView')}</Link>}
        />
      )}

      {plans.isSuccess && !plan && <Alert type="info" showIcon message={t('ledger.noPlan', { year: query.year })} />}

      <Space wrap className="ledger-filters">
        <Select
          {...selectProps}
          placeholder={t('ledger.filterEnvironment')}
          value={query.environment}
          onChange={(environment) => update({ environment })}
          options={ENVIRONMENTS.map((code) => ({ value: code, label: label('env', code) }))}
        />
        <Select
          {...selectProps}
          placeholder={t('ledger.filterCategory')}
          value={query.category}
          onChange={(category) => update({ category })}
          options={CATEGORIES.map((code) => ({ value: code, label: label('category', code) }))}
        />
        <Select
          {...selectProps}
          placeholder={t('ledger.filterBenchmark')}
          value={query.benchmark_class}
          onChange={(benchmark_class) => update({ benchmark_class })}
          options={BENCHMARK_CLASSES.map((code) => ({ value: code, label: label('benchmark', code) }))}
          popupMatchSelectWidth={false}
        />
        <Select
          {...selectProps}
          showSearch
          placeholder={t('ledger.filterLead')}
          value={query.lead_unit_id}
          onChange={(lead_unit_id) => update({ lead_unit_id })}
          options={options}
          filterOption={filterUnitOption}
          loading={units.isPending}
          popupMatchSelectWidth={false}
        />
        <Select
          {...selectProps}
          showSearch
          placeholder={t('ledger.filterResponsible')}
          value={query.responsible_unit_id}
          onChange={(responsible_unit_id) => update({ responsible_unit_id })}
          options={options}
          filterOption={filterUnitOption}
          loading={units.isPending}
          popupMatchSelectWidth={false}
        />
        <Select
          {...selectProps}
          placeholder={t('ledger.filterStatus')}
          value={query.status}
          onChange={(status) => update({ status })}
          options={STATUSES.map((code) => ({ value: code, label: label('status', code) }))}
        />
        <Input.Search
          allowClear
          value={text}
          onChange={(event) => setText(event.target.value)}
          onSearch={(value) => update({ q: value.trim() || undefined })}
          placeholder={t('ledger.search')}
          className="ledger-search"
        />
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
        <Select
          aria-label={t('ledger.sort')}
          value={query.sort}
          onChange={(sort) => update({ sort })}
          options={SORTS.map((sort) => ({ value: sort, label: t(`ledger.sort.${sort}`) }))}
          className="ledger-sort"
          popupMatchSelectWidth={false}
        />
        {query.indicator && (
          <Tag closable onClose={() => update({ indicator: undefined })} className="ledger-indicator">
            {t('ledger.indicator', { code: query.indicator })}
          </Tag>
        )}
        {hasFilters(query) && (
          <Button
            type="link"
            onClick={() => {
              setText('');
              clearFilters();
            }}
          >
            {t('ledger.reset')}
          </Button>
        )}
      </Space>

      <div className="ledger-bar">
        <CountTags counts={tasks.data?.counts ?? {}} active={query.warning} onPick={(warning) => update({ warning })} />
        <ColumnSettings
          columns={choices}
          visible={columnChoice.visible}
          onChange={columnChoice.setVisible}
          onReset={columnChoice.reset}
        />
      </div>

      {tasks.data?.calendar_notices.map((notice) => <Alert key={notice} type="warning" showIcon message={notice} />)}
      <LoadError error={tasks.error ?? plans.error} />

      <Table<TaskRead>
        rowKey="id"
        size="middle"
        className="ledger-table"
        scroll={{ x: 'max-content' }}
        loading={tasks.isFetching || plans.isPending}
        columns={columns}
        dataSource={tasks.data?.items}
        rowClassName={(task) => `ledger-row ledger-row-${task.warning}`}
        onRow={(task) => ({ onClick: () => openTask(task) })}
        onChange={({ current, pageSize }) =>
          update({ page: current && current > 1 ? current : undefined, page_size: pageSize === 20 ? undefined : pageSize }, true)
        }
        pagination={{
          current: query.page,
          pageSize: query.page_size,
          total: tasks.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (total) => t('ledger.total', { total }),
        }}
      />
    </Space>
  );
}
