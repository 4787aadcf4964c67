import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, DatePicker, Empty, Row, Segmented, Space, Spin, Statistic, Table, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import { LoadError } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { StepList } from './items';
import type { MapFilters } from './TimelineView';
import type { MapItem, UnitDispatch } from './types';

const LISTS = ['due', 'done', 'slipped', 'carried'] as const;
type StatKey = 'due' | 'done' | 'done_late' | 'overdue' | 'open' | 'slipped' | 'carried_over';
type ListKey = (typeof LISTS)[number];

const pickList = (key: ListKey, items: MapItem[], carried: MapItem[]): MapItem[] => {
  if (key === 'carried') return carried;
  if (key === 'done') return items.filter((item) => item.state === 'done' || item.state === 'done_late');
  if (key === 'slipped') return items.filter((item) => item.state === 'overdue' || item.state === 'done_late');
  return items;
};

/** 本月调度: what falls due in a month, what got done, what slipped, what is carried over, per lead unit. */
export function DispatchView({ filters, month, onMonth }: { filters: MapFilters; month: string; onMonth: (month: string) => void }) {
  const { t } = useI18n();
  const [list, setList] = useState<ListKey>('due');
  const dispatch = useQuery({
    queryKey: ['tasks', 'battle-map', 'dispatch', filters, month],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await tasksApi.GET('/api/tasks/v1/battle-map/dispatch', {
          params: { query: { month, environment: filters.environment, special_action: filters.action, as_of: filters.asOf } },
        }),
      ),
  });

  const columns: TableProps<UnitDispatch>['columns'] = [
    { key: 'unit', title: t('bm.col.unit'), fixed: 'left', render: (_, row) => row.unit?.short_name ?? row.unit?.name ?? '—' },
    { key: 'due', title: t('bm.col.due'), dataIndex: 'due', align: 'right' },
    { key: 'done', title: t('bm.col.done'), dataIndex: 'done', align: 'right' },
    { key: 'done_late', title: t('bm.col.doneLate'), dataIndex: 'done_late', align: 'right' },
    {
      key: 'overdue',
      title: t('bm.col.overdue'),
      align: 'right',
      render: (_, row) => (row.overdue ? <Typography.Text type="danger">{row.overdue}</Typography.Text> : 0),
    },
    { key: 'open', title: t('bm.col.open'), dataIndex: 'open', align: 'right' },
    {
      key: 'slipped',
      title: t('bm.col.slipped'),
      align: 'right',
      render: (_, row) => (row.slipped ? <Typography.Text type="danger" strong>{row.slipped}</Typography.Text> : 0),
    },
    {
      key: 'carried',
      title: t('bm.col.carried'),
      align: 'right',
      render: (_, row) => (row.carried_over ? <Typography.Text type="warning" strong>{row.carried_over}</Typography.Text> : 0),
    },
  ];

  const picker = (
    <Space.Compact>
      <Space.Addon className="ledger-addon">{t('bm.month')}</Space.Addon>
      <DatePicker
        picker="month"
        aria-label={t('bm.month')}
        allowClear={false}
        value={dayjs(`${month}-01`)}
        onChange={(value) => value && onMonth(value.format('YYYY-MM'))}
        format="YYYY-MM"
        disabledDate={(day) => day.year() !== filters.year}
        className="bm-month-picker"
      />
    </Space.Compact>
  );
  if (dispatch.error)
    return (
      <Space direction="vertical" className="full-width">
        {picker}
        <LoadError error={dispatch.error} />
      </Space>
    );
  if (!dispatch.data) return <Spin className="page-spin" />;
  const data = dispatch.data;
  const c = data.counts;
  const stats: { key: StatKey; value: number; color?: string }[] = [
    { key: 'due', value: c.due ?? 0 },
    { key: 'done', value: c.done ?? 0, color: '#389e0d' },
    { key: 'done_late', value: c.done_late ?? 0, color: c.done_late ? '#d48806' : undefined },
    { key: 'overdue', value: c.overdue ?? 0, color: c.overdue ? '#cf1322' : undefined },
    { key: 'open', value: c.open ?? 0 },
    { key: 'slipped', value: c.slipped ?? 0, color: c.slipped ? '#cf1322' : undefined },
    { key: 'carried_over', value: c.carried_over ?? 0, color: c.carried_over ? '#d48806' : undefined },
  ];
  const listCounts: Record<ListKey, number> = {
    due: data.items.length,
    done: pickList('done', data.items, []).length,
    slipped: pickList('slipped', data.items, []).length,
    carried: data.carried_over.length,
  };

  return (
    <Space direction="vertical" size="middle" className="full-width bm-dispatch">
      <Space wrap align="center">
        {picker}
        <Typography.Text type="secondary">{t('bm.dispatchAsOf', { date: data.as_of })}</Typography.Text>
      </Space>
      {data.calendar_notices.map((notice) => (
        <Alert key={notice} type="warning" showIcon message={notice} />
      ))}
      <Row gutter={[8, 8]} className="bm-stats">
        {stats.map((stat) => (
          <Col key={stat.key} xs={12} sm={8} md={6} lg={3}>
            <Card size="small" className={`bm-stat bm-stat-${stat.key}`}>
              <Statistic title={t(`bm.stat.${stat.key}`)} value={stat.value} valueStyle={stat.color ? { color: stat.color } : undefined} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={13}>
          <Card size="small" title={t('bm.dispatchLists', { month })}>
            <Segmented<ListKey>
              aria-label={t('bm.dispatchLists', { month })}
              value={list}
              onChange={setList}
              className="bm-list-switch"
              options={LISTS.map((key) => ({ value: key, label: t(`bm.list.${key}`, { count: listCounts[key] }) }))}
            />
            <StepList items={pickList(list, data.items, data.carried_over)} asOf={filters.asOf} empty={t(`bm.listEmpty.${list}`)} />
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card size="small" title={t('bm.byUnit')}>
            <Table<UnitDispatch>
              size="small"
              rowKey="unit_id"
              className="bm-unit-table"
              scroll={{ x: 'max-content' }}
              columns={columns}
              dataSource={data.by_unit}
              pagination={data.by_unit.length > 20 ? { pageSize: 20, size: 'small' } : false}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bm.noUnits')} /> }}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
