import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Empty, Grid, List, Select, Space, Statistic, Table, Tag, Typography, type TableProps } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { tasksApi } from '../../api/http';
import { unwrap } from '../../api/problem';
import type { Me, UnitReporting } from '../../api/types';
import { LoadError } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { asOfSuffix, DATE, defaultYear, formatDate, usePlans } from '../../tasks/hooks';
import { isOffice } from '../../tasks/permissions';

/** Most missing reports first, then most late ones, then by unit name (the order the office chases them in). */
export function sortReporting(units: readonly UnitReporting[]): UnitReporting[] {
  return [...units].sort((a, b) => b.missing - a.missing || b.late - a.late || a.unit.name.localeCompare(b.unit.name, 'zh-CN'));
}

const VALID_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MISSING_SHOWN = 8;

/** Red for missing reports, gold for late ones; zero stays plain. */
function CountTag({ value, color, kind }: { value: number; color: 'red' | 'gold'; kind: string }) {
  return value > 0 ? (
    <Tag color={color} className="rs-count" data-kind={kind}>
      {value}
    </Tag>
  ) : (
    <span className="rs-count rs-zero" data-kind={kind}>
      0
    </span>
  );
}

/** The missing task codes as links to the tasks; long lists start folded. */
function MissingTasks({ codes, asOf }: { codes: string[]; asOf?: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (!codes.length) return <Typography.Text type="secondary">—</Typography.Text>;
  const shown = open ? codes : codes.slice(0, MISSING_SHOWN);
  return (
    <Space wrap size={[4, 4]} className="rs-missing">
      {shown.map((code) => (
        <Link key={code} to={`/tasks/${encodeURIComponent(code)}${asOfSuffix(asOf)}`} className="rs-missing-task">
          <Tag color="red" bordered={false}>
            {code}
          </Tag>
        </Link>
      ))}
      {codes.length > MISSING_SHOWN && (
        <Button type="link" size="small" onClick={() => setOpen(!open)}>
          {open ? t('rs.collapse') : t('rs.showAll', { count: codes.length })}
        </Button>
      )}
    </Space>
  );
}

const onTimeRate = (unit: UnitReporting) => (unit.expected ? Math.round((unit.on_time / unit.expected) * 100) : null);

/** 报送情况: per unit, for the last closed reporting period, how many reports came on time, late or not at all. */
export function ReportingStatusPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const plans = usePlans();
  const rawYear = Number(params.get('year'));
  const year = Number.isInteger(rawYear) && rawYear >= 2000 && rawYear <= 2100 ? rawYear : defaultYear(plans.data);
  const rawAsOf = params.get('as_of');
  const asOf = rawAsOf && VALID_DATE.test(rawAsOf) && dayjs(rawAsOf).isValid() ? rawAsOf : undefined;
  const update = (changes: Record<string, string | number | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        return next;
      },
      { replace: true },
    );

  const status = useQuery({
    queryKey: ['tasks', 'reporting-status', year, asOf ?? null],
    enabled: !plans.isPending,
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(await tasksApi.GET('/api/tasks/v1/reporting-status', { params: { query: { year, as_of: asOf } } })),
  });
  const rows = sortReporting(status.data?.units ?? []);
  const totals = rows.reduce(
    (sum, unit) => ({
      expected: sum.expected + unit.expected,
      on_time: sum.on_time + unit.on_time,
      late: sum.late + unit.late,
      missing: sum.missing + unit.missing,
    }),
    { expected: 0, on_time: 0, late: 0, missing: 0 },
  );
  const years = [...new Set([...(plans.data ?? []).map((p) => p.year), year])].sort((a, b) => b - a);
  const ledgerLink = `/tasks${asOfSuffix(asOf, { year: String(year) })}`;
  const ownOnly = !isOffice(me) && !me.roles.some((role) => role === 'leader' || role === 'group_lead');

  const columns: TableProps<UnitReporting>['columns'] = [
    { title: t('rs.unit'), key: 'unit', className: 'nowrap', render: (_, row) => row.unit.short_name || row.unit.name },
    { title: t('rs.expected'), key: 'expected', dataIndex: 'expected', align: 'right' },
    { title: t('rs.onTime'), key: 'on_time', dataIndex: 'on_time', align: 'right' },
    { title: t('rs.late'), key: 'late', align: 'right', render: (_, row) => <CountTag value={row.late} color="gold" kind="late" /> },
    { title: t('rs.missing'), key: 'missing', align: 'right', render: (_, row) => <CountTag value={row.missing} color="red" kind="missing" /> },
    {
      title: t('rs.rate'),
      key: 'rate',
      align: 'right',
      render: (_, row) => {
        const rate = onTimeRate(row);
        return rate === null ? '—' : `${rate}%`;
      },
    },
    { title: t('rs.missingTasks'), key: 'tasks', className: 'rs-missing-cell', render: (_, row) => <MissingTasks codes={row.missing_tasks} asOf={asOf} /> },
  ];

  const rowState = (row: UnitReporting) => (row.missing ? 'missing' : row.late ? 'late' : 'ok');

  return (
    <Space direction="vertical" size="middle" className="full-width reporting-page">
      <div className="page-header">
        <Space wrap align="center">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(ledgerLink)} aria-label={t('rs.back')} />
          <Typography.Title level={4} className="page-title">
            {t('rs.title')}
          </Typography.Title>
          <Select
            aria-label={t('ledger.year')}
            value={year}
            onChange={(value) => update({ year: value })}
            options={years.map((value) => ({ value, label: t('ledger.yearOption', { year: value }) }))}
            className="ledger-year"
          />
        </Space>
        <Space.Compact>
          <Space.Addon className="ledger-addon">{t('ledger.asOf')}</Space.Addon>
          <DatePicker
            aria-label={t('ledger.asOf')}
            value={asOf ? dayjs(asOf) : null}
            onChange={(value) => update({ as_of: value ? value.format(DATE) : undefined })}
            placeholder={t('ledger.asOfToday')}
            className="ledger-asof"
          />
        </Space.Compact>
      </div>

      <LoadError error={status.error ?? plans.error} />
      {ownOnly && <Alert type="info" showIcon message={t('rs.ownOnly')} />}

      {status.data && (
        <Card size="small" className="rs-summary">
          <Typography.Paragraph className="rs-period" data-start={status.data.period_start} data-end={status.data.period_end}>
            {t('rs.period', {
              start: formatDate(status.data.period_start),
              end: formatDate(status.data.period_end),
              due: formatDate(status.data.due),
            })}
            <Typography.Text type="secondary"> · {t('rs.asOfHint')}</Typography.Text>
          </Typography.Paragraph>
          <Space size="large" wrap>
            <Statistic title={t('rs.units')} value={rows.length} />
            <Statistic title={t('rs.expected')} value={totals.expected} />
            <Statistic title={t('rs.onTime')} value={totals.on_time} valueStyle={{ color: '#389e0d' }} />
            <Statistic title={t('rs.late')} value={totals.late} valueStyle={{ color: '#d48806' }} />
            <Statistic title={t('rs.missing')} value={totals.missing} valueStyle={{ color: '#cf1322' }} />
          </Space>
        </Card>
      )}

      {isPhone ? (
        <List<UnitReporting>
          className="rs-list"
          loading={status.isFetching || plans.isPending}
          dataSource={rows}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rs.empty')} /> }}
          renderItem={(row) => (
            <List.Item className="rs-card" data-state={rowState(row)}>
              <div className="full-width">
                <div className="rs-card-title">
                  <strong>{row.unit.short_name || row.unit.name}</strong>
                  <Typography.Text type="secondary">
                    {t('rs.expected')} {row.expected} · {t('rs.onTime')} {row.on_time}
                  </Typography.Text>
                </div>
                <Space size="middle" className="rs-card-counts">
                  <span>
                    {t('rs.late')} <CountTag value={row.late} color="gold" kind="late" />
                  </span>
                  <span>
                    {t('rs.missing')} <CountTag value={row.missing} color="red" kind="missing" />
                  </span>
                </Space>
                {row.missing_tasks.length > 0 && <MissingTasks codes={row.missing_tasks} asOf={asOf} />}
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<UnitReporting>
          className="rs-table"
          size="middle"
          rowKey={(row) => row.unit.id}
          loading={status.isFetching || plans.isPending}
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(row) => `rs-row rs-row-${rowState(row)}`}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rs.empty')} /> }}
        />
      )}
    </Space>
  );
}
