import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Grid, Input, List, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import { ENVIRONMENTS, type Environment, type Me } from '../../../api/types';
import { LoadError } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { isReadOnly } from '../../../nav/menu';
import { filterUnitOption, formatDate, unitOptions, useAsOf, useUnits } from '../../../tasks/hooks';
import { plansPilots } from '../../../tasks/permissions';
import { SupervisionNav } from '../SupervisionNav';
import { PilotCreateModal } from './PilotCreateModal';
import { PILOT_STATUSES, PILOT_UNIT_KINDS, PilotStatusTag, pilotPath, useListParams, type PilotBrief, type PilotStatus } from './shared';

const FILTERS = ['status', 'environment', 'unit_id', 'year', 'q'] as const;
const FIRST_YEAR = 2020;

/** 基层创新试点: every pilot the user sees, filtered by status, environment, unit, start year and text. */
export function PilotsPage({ me }: { me: Me }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;
  const [asOf] = useAsOf();
  const units = useUnits();
  const { values, page, pageSize, update, filtered, clear } = useListParams(FILTERS);
  const [text, setText] = useState(values.q ?? '');
  const [creating, setCreating] = useState(false);
  const year = values.year && /^\d{4}$/.test(values.year) ? Number(values.year) : undefined;

  const pilots = useQuery({
    queryKey: ['tasks', 'pilots', 'list', values, page, pageSize, asOf],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await tasksApi.GET('/api/tasks/v1/pilots', {
          params: {
            query: {
              status: values.status as PilotStatus | undefined,
              environment: values.environment as Environment | undefined,
              unit_id: values.unit_id,
              year,
              q: values.q,
              page,
              page_size: pageSize,
              as_of: asOf,
            },
          },
        }),
      ),
  });

  const canCreate = plansPilots(me) && !isReadOnly(me.roles);
  const years = Array.from({ length: dayjs().year() + 2 - FIRST_YEAR }, (_, i) => dayjs().year() + 1 - i);
  const open = (pilot: PilotBrief) => navigate(pilotPath(pilot.code, asOf));
  const period = (pilot: PilotBrief) => t('pilot.period', { start: formatDate(pilot.start_date), end: formatDate(pilot.end_date) });
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('pilot.emptyFiltered') : t('pilot.empty')} />;
  const pagination = {
    current: page,
    pageSize,
    total: pilots.data?.total ?? 0,
    showSizeChanger: !isPhone,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (total: number) => t('pilot.total', { total }),
    onChange: (next: number, size: number) =>
      update({ page: next > 1 ? next : undefined, page_size: size === 20 ? undefined : size }, size === pageSize),
  };

  const columns: TableProps<PilotBrief>['columns'] = [
    {
      key: 'code',
      title: t('pilot.col.code'),
      className: 'nowrap',
      render: (_, pilot) => (
        <Link to={pilotPath(pilot.code, asOf)} onClick={(event) => event.stopPropagation()}>
          {pilot.code}
        </Link>
      ),
    },
    { key: 'title', title: t('pilot.col.title'), dataIndex: 'title', className: 'ledger-title-cell' },
    { key: 'unit', title: t('pilot.col.unit'), className: 'nowrap', render: (_, pilot) => pilot.unit?.short_name || pilot.unit?.name || '—' },
    { key: 'environment', title: t('pilot.col.environment'), className: 'nowrap', render: (_, pilot) => label('env', pilot.environment) },
    { key: 'period', title: t('pilot.col.period'), className: 'nowrap', render: (_, pilot) => period(pilot) },
    { key: 'status', title: t('pilot.col.status'), render: (_, pilot) => <PilotStatusTag status={pilot.status} /> },
    {
      key: 'feedback',
      title: t('pilot.col.feedback'),
      align: 'right',
      render: (_, pilot) => t('pilot.feedbackCount', { count: pilot.feedback_count }),
    },
  ];

  const selectProps = { allowClear: true, className: 'ledger-filter', popupMatchSelectWidth: false };
  return (
    <Space direction="vertical" size="middle" className="full-width pilots-page">
      <SupervisionNav
        active="pilots"
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('pilot.create')}
            </Button>
          )
        }
      />
      <Typography.Text type="secondary">{t('pilot.hint')}</Typography.Text>

      <Space wrap className="pilot-filters">
        <Select
          {...selectProps}
          aria-label={t('pilot.filterStatus')}
          placeholder={t('pilot.filterStatus')}
          value={values.status}
          onChange={(status) => update({ status })}
          options={PILOT_STATUSES.map((status) => ({ value: status, label: t(`pilot.status.${status}`) }))}
        />
        <Select
          {...selectProps}
          aria-label={t('pilot.filterEnvironment')}
          placeholder={t('pilot.filterEnvironment')}
          value={values.environment}
          onChange={(environment) => update({ environment })}
          options={ENVIRONMENTS.map((code) => ({ value: code, label: label('env', code) }))}
        />
        <Select
          {...selectProps}
          showSearch
          aria-label={t('pilot.filterUnit')}
          placeholder={t('pilot.filterUnit')}
          value={values.unit_id}
          onChange={(unit_id) => update({ unit_id })}
          options={unitOptions(units.data?.filter((unit) => PILOT_UNIT_KINDS.includes(unit.kind)))}
          filterOption={filterUnitOption}
          loading={units.isPending}
        />
        <Select
          {...selectProps}
          aria-label={t('pilot.filterYear')}
          placeholder={t('pilot.filterYear')}
          value={year}
          onChange={(value?: number) => update({ year: value })}
          options={years.map((value) => ({ value, label: t('pilot.yearOption', { year: value }) }))}
        />
        <Input.Search
          allowClear
          aria-label={t('pilot.search')}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onSearch={(value) => update({ q: value.trim() || undefined })}
          placeholder={t('pilot.search')}
          className="ledger-search"
        />
        {filtered && (
          <Button
            type="link"
            onClick={() => {
              setText('');
              clear();
            }}
          >
            {t('pilot.reset')}
          </Button>
        )}
      </Space>

      <LoadError error={pilots.error} />
      {isPhone ? (
        <List<PilotBrief>
          className="pilot-cards"
          loading={pilots.isFetching}
          dataSource={pilots.data?.items}
          locale={{ emptyText: empty }}
          pagination={(pilots.data?.total ?? 0) > pageSize ? { ...pagination, size: 'small' } : false}
          renderItem={(pilot) => (
            <List.Item className="pilot-card" data-code={pilot.code}>
              <Card size="small" className="full-width" hoverable onClick={() => open(pilot)}>
                <Space direction="vertical" size={4} className="full-width">
                  <Space wrap size={[4, 4]}>
                    <PilotStatusTag status={pilot.status} />
                    <Link to={pilotPath(pilot.code, asOf)} onClick={(event) => event.stopPropagation()}>
                      {pilot.code}
                    </Link>
                  </Space>
                  <Typography.Text strong>{pilot.title}</Typography.Text>
                  <Typography.Text type="secondary">
                    {pilot.unit?.short_name ?? '—'} · {label('env', pilot.environment)}
                  </Typography.Text>
                  <Space wrap size={[4, 4]}>
                    <Typography.Text type="secondary">{period(pilot)}</Typography.Text>
                    <Tag>{`${t('pilot.col.feedback')} ${t('pilot.feedbackCount', { count: pilot.feedback_count })}`}</Tag>
                  </Space>
                </Space>
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table<PilotBrief>
          rowKey="id"
          size="middle"
          className="pilot-table"
          scroll={{ x: 'max-content' }}
          loading={pilots.isFetching}
          columns={columns}
          dataSource={pilots.data?.items}
          locale={{ emptyText: empty }}
          onRow={(pilot) => ({ onClick: () => open(pilot), style: { cursor: 'pointer' } })}
          pagination={pagination}
        />
      )}

      {creating && (
        <PilotCreateModal me={me} asOf={asOf} onClose={() => setCreating(false)} onCreated={(pilot) => navigate(pilotPath(pilot.code, asOf))} />
      )}
    </Space>
  );
}
