import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Grid,
  List,
  Modal,
  Row,
  Select,
  Space,
  Spin,
  Switch,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { LockOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import type { Me } from '../../../api/types';
import { LoadError, ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatDate, formatTime } from '../../../tasks/hooks';
import { freezesBaselines } from '../../../tasks/permissions';
import { StepList, StepOwner, StepStateTag } from './items';
import type { MapFilters } from './TimelineView';
import type { Baseline, ComparisonItem, SlipReason, UnitSlippage } from './types';

const SLIP_COLORS: Record<SlipReason, string> = { moved: 'orange', done_late: 'gold', open_past_plan: 'red' };
const COUNT_KEYS = ['planned', 'on_plan', 'slipped', 'moved', 'done_late', 'open_past_plan', 'removed', 'added'] as const;

/** The quarter a date falls in (1–4). */
export const quarterOf = (date: dayjs.Dayjs) => Math.floor(date.month() / 3) + 1;

function FreezeModal({ year, asOf, onClose, onFrozen }: { year: number; asOf?: string; onClose: () => void; onFrozen: (b: Baseline) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const today = asOf ? dayjs(asOf) : dayjs();
  const [quarter, setQuarter] = useState(today.year() === year ? quarterOf(today) : 1);
  const freeze = useMutation({
    mutationFn: async () => unwrap(await tasksApi.POST('/api/tasks/v1/battle-map/baselines', { body: { year, quarter } })),
    onSuccess: (baseline) => {
      void message.success(t('bm.frozen', { year: baseline.year, quarter: baseline.quarter, count: baseline.item_count }));
      void queryClient.invalidateQueries({ queryKey: ['tasks', 'battle-map'] });
      onFrozen(baseline);
    },
  });
  return (
    <Modal
      open
      title={t('bm.freezeTitle')}
      onCancel={onClose}
      okText={t('bm.freezeOk')}
      okButtonProps={{ danger: true }}
      onOk={() => freeze.mutate()}
      confirmLoading={freeze.isPending}
      destroyOnHidden
    >
      <Space direction="vertical" className="full-width">
        <Space wrap>
          <Typography.Text>{t('bm.freezeQuarter', { year })}</Typography.Text>
          <Select
            aria-label={t('bm.quarter')}
            value={quarter}
            onChange={setQuarter}
            options={[1, 2, 3, 4].map((q) => ({ value: q, label: t('bm.quarterOption', { quarter: q }) }))}
            className="bm-quarter"
          />
        </Space>
        <Alert type="warning" showIcon message={t('bm.freezeConfirm', { year, quarter })} />
        {freeze.error && <ProblemAlert error={freeze.error} />}
      </Space>
    </Modal>
  );
}

function SlipTags({ item }: { item: ComparisonItem }) {
  const { t } = useI18n();
  // A removed step shows as such in the state column; it is counted apart, not as slipped.
  if (item.removed) return null;
  if (!item.slipped) return <Tag color="green">{t('bm.onPlan')}</Tag>;
  return (
    <Space wrap size={[2, 2]}>
      {item.slip_reasons.map((reason) => (
        <Tag key={reason} color={SLIP_COLORS[reason]} data-reason={reason}>
          {reason === 'moved' && item.moved_days ? t('bm.movedDays', { days: item.moved_days }) : t(`bm.slip.${reason}`)}
        </Tag>
      ))}
    </Space>
  );
}

function Comparison({ baseline, filters, slippedOnly }: { baseline: Baseline; filters: MapFilters; slippedOnly: boolean }) {
  const { t } = useI18n();
  const isPhone = Grid.useBreakpoint().md === false;
  const comparison = useQuery({
    queryKey: ['tasks', 'battle-map', 'comparison', baseline.id, filters.environment, filters.asOf],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await tasksApi.GET('/api/tasks/v1/battle-map/baselines/{baseline_id}/comparison', {
          params: { path: { baseline_id: baseline.id }, query: { environment: filters.environment, as_of: filters.asOf } },
        }),
      ),
  });
  if (comparison.error) return <LoadError error={comparison.error} />;
  if (!comparison.data) return <Spin className="page-spin" />;
  const data = comparison.data;
  const items = slippedOnly ? data.items.filter((item) => item.slipped || item.removed) : data.items;

  const columns: TableProps<ComparisonItem>['columns'] = [
    {
      key: 'title',
      title: t('bm.col.step'),
      className: 'bm-step-cell',
      render: (_, item) => (
        <div>
          <div>{item.title}</div>
          <StepOwner item={item} asOf={filters.asOf} short />
        </div>
      ),
    },
    { key: 'unit', title: t('bm.col.unit'), className: 'nowrap', render: (_, item) => item.lead_unit?.short_name ?? '—' },
    { key: 'planned', title: t('bm.col.planned'), className: 'nowrap', render: (_, item) => formatDate(item.planned_due) },
    {
      key: 'current',
      title: t('bm.col.current'),
      className: 'nowrap',
      render: (_, item) =>
        item.current_due === null ? '—' : item.current_due !== item.planned_due ? <Typography.Text type="warning">{formatDate(item.current_due)}</Typography.Text> : formatDate(item.current_due),
    },
    { key: 'done', title: t('bm.col.doneDate'), className: 'nowrap', render: (_, item) => formatDate(item.done_date) },
    { key: 'state', title: t('bm.col.state'), render: (_, item) => <StepStateTag state={item.state} /> },
    { key: 'slip', title: t('bm.col.slip'), render: (_, item) => (item.removed ? '—' : <SlipTags item={item} />) },
  ];
  const unitColumns: TableProps<UnitSlippage>['columns'] = [
    { key: 'unit', title: t('bm.col.unit'), fixed: 'left', render: (_, row) => row.unit?.short_name ?? row.unit?.name ?? '—' },
    { key: 'planned', title: t('bm.count.planned'), dataIndex: 'planned', align: 'right' },
    {
      key: 'slipped',
      title: t('bm.count.slipped'),
      align: 'right',
      render: (_, row) => (row.slipped ? <Typography.Text type="danger" strong>{row.slipped}</Typography.Text> : 0),
    },
    { key: 'moved', title: t('bm.count.moved'), dataIndex: 'moved', align: 'right' },
    { key: 'done_late', title: t('bm.count.done_late'), dataIndex: 'done_late', align: 'right' },
    { key: 'open_past_plan', title: t('bm.count.open_past_plan'), dataIndex: 'open_past_plan', align: 'right' },
    { key: 'removed', title: t('bm.count.removed'), dataIndex: 'removed', align: 'right' },
  ];
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={slippedOnly ? t('bm.noSlips') : t('bm.noFrozen')} />;

  return (
    <Space direction="vertical" size="middle" className="full-width bm-comparison">
      {data.calendar_notices.map((notice) => (
        <Alert key={notice} type="warning" showIcon message={notice} />
      ))}
      <Space wrap size={[4, 4]} className="bm-comparison-counts">
        {COUNT_KEYS.map((key) => (
          <Tag key={key} data-count={key} color={key === 'slipped' && data.counts.slipped ? 'red' : key === 'on_plan' ? 'green' : undefined}>
            {t('bm.countTag', { label: t(`bm.count.${key}`), count: data.counts[key] ?? 0 })}
          </Tag>
        ))}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('bm.comparisonTitle', { year: baseline.year, quarter: baseline.quarter })}>
            {isPhone ? (
              <List<ComparisonItem>
                className="bm-compare-list"
                dataSource={items}
                pagination={items.length > 20 ? { pageSize: 20, size: 'small' } : false}
                locale={{ emptyText: empty }}
                renderItem={(item) => (
                  <List.Item className={`bm-compare-card${item.slipped ? ' bm-compare-slipped' : ''}`}>
                    <div className="bm-step-body">
                      <Typography.Text strong>{item.title}</Typography.Text>
                      <StepOwner item={item} asOf={filters.asOf} short />
                      <Typography.Text type="secondary">
                        {item.lead_unit?.short_name ?? '—'} · {t('bm.plannedVsCurrent', { planned: item.planned_due, current: item.current_due ?? '—' })}
                        {item.done_date && ` · ${t('bm.done', { date: item.done_date })}`}
                      </Typography.Text>
                      <Space wrap size={[4, 4]}>
                        <StepStateTag state={item.state} />
                        <SlipTags item={item} />
                      </Space>
                      {item.note && <Typography.Text type="secondary">{item.note}</Typography.Text>}
                    </div>
                  </List.Item>
                )}
              />
            ) : (
              <Table<ComparisonItem>
                size="small"
                rowKey={(item) => `${item.kind}-${item.item_id}`}
                className="bm-compare-table"
                scroll={{ x: 'max-content' }}
                columns={columns}
                dataSource={items}
                rowClassName={(item) => (item.slipped ? 'bm-row-slipped' : item.removed ? 'bm-row-removed' : '')}
                expandable={{
                  rowExpandable: (item) => !!item.note,
                  expandedRowRender: (item) => <Typography.Text type="secondary">{item.note}</Typography.Text>,
                  columnTitle: '',
                }}
                pagination={items.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
                locale={{ emptyText: empty }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" size="middle" className="full-width">
            <Card size="small" title={t('bm.slipByUnit')}>
              <Table<UnitSlippage>
                size="small"
                rowKey="unit_id"
                className="bm-slip-units"
                scroll={{ x: 'max-content' }}
                columns={unitColumns}
                dataSource={data.by_unit}
                pagination={data.by_unit.length > 20 ? { pageSize: 20, size: 'small' } : false}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bm.noUnits')} /> }}
              />
            </Card>
            <Card size="small" title={t('bm.addedTitle', { count: data.added.length })}>
              <StepList items={data.added} asOf={filters.asOf} empty={t('bm.noAdded')} />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

/** 季度计划对比: the year's frozen quarterly baselines, freezing one (office), and plan versus actual for a chosen one. */
export function BaselinesView({
  me,
  filters,
  baselineId,
  onBaseline,
}: {
  me: Me;
  filters: MapFilters;
  baselineId?: string;
  onBaseline: (id: string | undefined) => void;
}) {
  const { t } = useI18n();
  const [freezing, setFreezing] = useState(false);
  const [slippedOnly, setSlippedOnly] = useState(false);
  const baselines = useQuery({
    queryKey: ['tasks', 'battle-map', 'baselines', filters.year],
    queryFn: async () =>
      unwrap(await tasksApi.GET('/api/tasks/v1/battle-map/baselines', { params: { query: { year: filters.year, page_size: 50 } } })),
  });
  const list = [...(baselines.data?.items ?? [])].sort((a, b) => b.quarter - a.quarter);
  const chosen = list.find((b) => b.id === baselineId) ?? list[0];

  const columns: TableProps<Baseline>['columns'] = [
    { key: 'quarter', title: t('bm.quarter'), render: (_, b) => <strong>{t('bm.baselineName', { year: b.year, quarter: b.quarter })}</strong> },
    { key: 'taken', title: t('bm.takenAt'), className: 'nowrap', render: (_, b) => formatTime(b.taken_at) },
    { key: 'by', title: t('bm.takenBy'), render: (_, b) => (b.taken_by === 'system' ? t('bm.system') : b.taken_by) },
    { key: 'items', title: t('bm.itemCount'), dataIndex: 'item_count', align: 'right' },
    {
      key: 'open',
      title: '',
      render: (_, b) =>
        b.id === chosen?.id ? (
          <Tag color="blue">{t('bm.viewing')}</Tag>
        ) : (
          <Button size="small" type="link" onClick={() => onBaseline(b.id)}>
            {t('bm.compare')}
          </Button>
        ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" className="full-width bm-baselines">
      <div className="ledger-bar">
        <Typography.Text type="secondary" className="bm-baseline-intro">
          {t('bm.baselineIntro')}
        </Typography.Text>
        {freezesBaselines(me) && (
          <Button type="primary" icon={<LockOutlined />} onClick={() => setFreezing(true)} className="bm-freeze">
            {t('bm.freeze')}
          </Button>
        )}
      </div>
      <LoadError error={baselines.error} />
      <Table<Baseline>
        size="small"
        rowKey="id"
        className="bm-baseline-table"
        scroll={{ x: 'max-content' }}
        loading={baselines.isPending}
        columns={columns}
        dataSource={list}
        pagination={false}
        rowClassName={(b) => (b.id === chosen?.id ? 'bm-baseline-active' : '')}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bm.noBaselines', { year: filters.year })} /> }}
      />
      {chosen && (
        <>
          <Space wrap className="bm-compare-options">
            <Switch checked={slippedOnly} onChange={setSlippedOnly} aria-label={t('bm.slippedOnly')} />
            <Typography.Text>{t('bm.slippedOnly')}</Typography.Text>
            {filters.action && <Typography.Text type="secondary">{t('bm.actionFilterIgnored')}</Typography.Text>}
          </Space>
          <Comparison baseline={chosen} filters={filters} slippedOnly={slippedOnly} />
        </>
      )}
      {freezing && (
        <FreezeModal
          year={filters.year}
          asOf={filters.asOf}
          onClose={() => setFreezing(false)}
          onFrozen={(b) => {
            setFreezing(false);
            onBaseline(b.id);
          }}
        />
      )}
    </Space>
  );
}

