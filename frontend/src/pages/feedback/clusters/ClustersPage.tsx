import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  Alert,
  Button,
  Empty,
  Form,
  Grid,
  Input,
  InputNumber,
  List,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
  type TableProps,
} from 'antd';
import { BulbOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { feedbackApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import type { Me } from '../../../api/types';
import type { components } from '../../../api/schema/feedback';
import { LoadError } from '../../../components/ProblemAlert';
import { categoryTree, useCategories } from '../../../feedback/hooks';
import { useI18n } from '../../../i18n/I18nProvider';
import { isReadOnly } from '../../../nav/menu';
import { currentQuarter, periodLabel, PeriodSelect } from '../league/period';
import { Sparkline } from '../ratings/bars';
import { FormModal } from './FormModal';
import { CLUSTER_LIST_KEY, CLUSTER_PAGE_SIZE, CLUSTER_STATUSES, useClusterFilters, useClusterList } from './hooks';
import { decidesClusters, type ClusterListItem } from './permissions';
import { ClusterStatusTag } from './tags';
import './clusters.css';

type SuggestResult = components['schemas']['SuggestResult'];

/** Cases per month as tiny bars. */
export function ClusterTrend({ trend }: { trend: ClusterListItem['trend'] }) {
  const { t } = useI18n();
  if (!trend.length) return <>—</>;
  return (
    <Sparkline
      label={t('fb2.cluster.trend')}
      unit={t('fb2.unitCases')}
      points={trend.map((p) => ({ key: p.month, label: p.month, value: p.count }))}
    />
  );
}

function SuggestModal({ onClose, onDone }: { onClose: () => void; onDone: (result: SuggestResult) => void }) {
  const { t } = useI18n();
  const categories = useCategories();
  const queryClient = useQueryClient();
  return (
    <FormModal<{ period: string; category?: string; threshold?: number | null }>
      title={t('fb2.suggest.title')}
      okText={t('fb2.suggest.run')}
      initialValues={{ period: currentQuarter() }}
      onClose={onClose}
      onSubmit={async (values) => {
        const result = unwrap(
          await feedbackApi.POST('/api/feedback/v1/clusters/suggest', {
            body: { period: values.period, category: values.category || null, threshold: values.threshold ?? null },
          }),
        );
        void queryClient.invalidateQueries({ queryKey: CLUSTER_LIST_KEY });
        onDone(result);
      }}
    >
      <Typography.Paragraph type="secondary">{t('fb2.suggest.hint')}</Typography.Paragraph>
      <Form.Item name="period" label={t('fb2.period.label')} rules={[{ required: true, message: t('fb2.period.required') }]}>
        <PeriodSelect />
      </Form.Item>
      <Form.Item name="category" label={t('fb2.filter.category')} extra={t('fb2.suggest.categoryHint')}>
        <TreeSelect
          allowClear
          aria-label={t('fb2.filter.category')}
          placeholder={t('fb2.suggest.allCategories')}
          treeData={categoryTree(categories.data)}
          loading={categories.isPending}
          showSearch
          treeNodeFilterProp="title"
        />
      </Form.Item>
      <Form.Item name="threshold" label={t('fb2.suggest.threshold')} extra={t('fb2.suggest.thresholdHint')}>
        <InputNumber min={0.05} max={0.95} step={0.01} placeholder="0.20" aria-label={t('fb2.suggest.threshold')} />
      </Form.Item>
    </FormModal>
  );
}

function SuggestOutcome({ result, onClose }: { result: SuggestResult; onClose: () => void }) {
  const { t } = useI18n();
  const links = (codes: string[]) =>
    codes.length ? (
      <Space wrap size={[8, 0]}>
        {codes.map((code) => (
          <Link key={code} to={`/feedback/clusters/${encodeURIComponent(code)}`}>
            {code}
          </Link>
        ))}
      </Space>
    ) : (
      t('fb2.none')
    );
  return (
    <Alert
      type="success"
      showIcon
      closable
      onClose={onClose}
      className="fb2-suggest-result"
      message={t('fb2.suggest.done', { period: result.period.label, examined: result.examined, threshold: result.threshold.toFixed(2) })}
      description={
        <div className="fb2-suggest-lines">
          <div>
            {t('fb2.suggest.created', { count: result.created.length })}：{links(result.created)}
          </div>
          <div>
            {t('fb2.suggest.kept', { count: result.kept.length })}：{links(result.kept)}
          </div>
          <div>{t('fb2.suggest.withdrawn', { count: result.withdrawn.length, codes: result.withdrawn.join('、') || t('fb2.none') })}</div>
          {result.skipped_dismissed > 0 && <div>{t('fb2.suggest.skipped', { count: result.skipped_dismissed })}</div>}
        </div>
      }
    />
  );
}

/** 举一反三: the system's suggested groups of similar cases and the office's decisions on them. */
export function ClustersPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;
  const { filters, update, clear, filtered } = useClusterFilters();
  const list = useClusterList(filters);
  const categories = useCategories();
  const [text, setText] = useState(filters.q ?? '');
  const [suggesting, setSuggesting] = useState(false);
  const [outcome, setOutcome] = useState<SuggestResult | null>(null);
  const canSuggest = decidesClusters(me) && !isReadOnly(me.roles);
  const open = (item: ClusterListItem) => navigate(`/feedback/clusters/${encodeURIComponent(item.code)}`);
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('fb2.cluster.emptyFiltered') : t('fb2.cluster.empty')} />;
  const pagination = {
    current: filters.page,
    pageSize: CLUSTER_PAGE_SIZE,
    total: list.data?.total ?? 0,
    showSizeChanger: false,
    showTotal: (total: number) => t('fb2.cluster.total', { total }),
    onChange: (page: number) => update({ page: page > 1 ? page : undefined }, true),
  };

  const columns: TableProps<ClusterListItem>['columns'] = [
    {
      key: 'code',
      title: t('fb2.cluster.col.code'),
      fixed: 'left',
      className: 'nowrap',
      render: (_, item) => (
        <Space direction="vertical" size={2}>
          <Link to={`/feedback/clusters/${encodeURIComponent(item.code)}`} onClick={(event) => event.stopPropagation()}>
            {item.code}
          </Link>
          <ClusterStatusTag status={item.status} />
        </Space>
      ),
    },
    {
      key: 'title',
      title: t('fb2.cluster.col.title'),
      className: 'fb2-title-cell',
      render: (_, item) => (
        <>
          <div>{item.title}</div>
          <Space wrap size={[4, 4]} className="fb2-keywords">
            {item.keywords.slice(0, 4).map((word) => (
              <Tag key={word} bordered={false}>
                {word}
              </Tag>
            ))}
          </Space>
        </>
      ),
    },
    { key: 'category', title: t('fb2.cluster.col.category'), render: (_, item) => item.category.path },
    { key: 'period', title: t('fb2.cluster.col.period'), className: 'nowrap', render: (_, item) => item.period.label },
    { key: 'size', title: t('fb2.cluster.col.size'), align: 'right', className: 'nowrap', render: (_, item) => item.case_count },
    { key: 'districts', title: t('fb2.cluster.col.districts'), align: 'right', render: (_, item) => item.district_count },
    { key: 'units', title: t('fb2.cluster.col.units'), align: 'right', render: (_, item) => item.unit_count },
    { key: 'trend', title: t('fb2.cluster.col.trend'), render: (_, item) => <ClusterTrend trend={item.trend} /> },
    {
      key: 'task',
      title: t('fb2.cluster.col.task'),
      className: 'nowrap',
      render: (_, item) =>
        item.task_code ? (
          <Link to={`/tasks/${encodeURIComponent(item.task_code)}`} onClick={(event) => event.stopPropagation()}>
            {item.task_code}
          </Link>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" className="full-width fb2-page fb2-clusters">
      <div className="page-header">
        <div>
          <Typography.Title level={4} className="page-title">
            {t('fb2.cluster.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('fb2.cluster.subtitle')}</Typography.Text>
        </div>
        {canSuggest && (
          <Button type="primary" icon={<BulbOutlined />} onClick={() => setSuggesting(true)}>
            {t('fb2.suggest.button')}
          </Button>
        )}
      </div>

      {outcome && <SuggestOutcome result={outcome} onClose={() => setOutcome(null)} />}

      <Space wrap className="fb2-filters">
        <PeriodSelect allowClear value={filters.period} onChange={(period) => update({ period })} placeholder={t('fb2.filter.period')} />
        <TreeSelect
          allowClear
          className="fb2-filter"
          aria-label={t('fb2.filter.category')}
          placeholder={t('fb2.filter.category')}
          value={filters.category}
          onChange={(category: string | undefined) => update({ category })}
          treeData={categoryTree(categories.data)}
          loading={categories.isPending}
          showSearch
          treeNodeFilterProp="title"
          popupMatchSelectWidth={false}
        />
        <Select
          allowClear
          className="fb2-filter"
          aria-label={t('fb2.filter.status')}
          placeholder={t('fb2.filter.status')}
          value={filters.status}
          onChange={(status) => update({ status })}
          options={CLUSTER_STATUSES.map((code) => ({ value: code, label: t(`fb2.cluster.status.${code}`) }))}
        />
        <Select
          allowClear
          className="fb2-filter"
          aria-label={t('fb2.filter.hasTask')}
          placeholder={t('fb2.filter.hasTask')}
          value={filters.has_task === undefined ? undefined : filters.has_task ? 'yes' : 'no'}
          onChange={(value) => update({ has_task: value })}
          options={[
            { value: 'yes', label: t('fb2.filter.hasTaskYes') },
            { value: 'no', label: t('fb2.filter.hasTaskNo') },
          ]}
        />
        <Input.Search
          allowClear
          className="fb2-search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onSearch={(value) => update({ q: value.trim() || undefined })}
          placeholder={t('fb2.cluster.search')}
          aria-label={t('fb2.cluster.search')}
        />
        {filtered && (
          <Button
            type="link"
            onClick={() => {
              setText('');
              clear();
            }}
          >
            {t('fb2.filter.reset')}
          </Button>
        )}
      </Space>

      <LoadError error={list.error} />
      {isPhone ? (
        <List<ClusterListItem>
          className="fb2-cards"
          loading={list.isFetching}
          dataSource={list.data?.items}
          locale={{ emptyText: empty }}
          pagination={{ ...pagination, size: 'small', simple: true }}
          renderItem={(item) => (
            <List.Item key={item.code} className="fb2-card" data-cluster={item.code}>
              <div className="fb2-card-body">
                <Space wrap size={[4, 4]}>
                  <Link to={`/feedback/clusters/${encodeURIComponent(item.code)}`}>{item.code}</Link>
                  <ClusterStatusTag status={item.status} />
                  {item.task_code && <Tag color="blue">{t('fb2.cluster.taskTag', { code: item.task_code })}</Tag>}
                </Space>
                <div className="fb2-card-title">{item.title}</div>
                <Typography.Text type="secondary">
                  {[item.category.name, item.period.label].join(' · ')}
                </Typography.Text>
                <Space wrap size={[12, 4]}>
                  <span>{t('fb2.cluster.sizeLine', { cases: item.case_count, districts: item.district_count, units: item.unit_count })}</span>
                  <ClusterTrend trend={item.trend} />
                </Space>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<ClusterListItem>
          rowKey="code"
          size="middle"
          className="fb2-table"
          scroll={{ x: 'max-content' }}
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items}
          locale={{ emptyText: empty }}
          rowClassName={(item) => `fb2-row fb2-row-${item.status}`}
          onRow={(item) => ({ onClick: () => open(item) })}
          pagination={pagination}
        />
      )}
      {filters.period && (
        <Typography.Text type="secondary">{t('fb2.cluster.periodHint', { period: periodLabel(filters.period, t) })}</Typography.Text>
      )}
      {suggesting && <SuggestModal onClose={() => setSuggesting(false)} onDone={setOutcome} />}
    </Space>
  );
}
