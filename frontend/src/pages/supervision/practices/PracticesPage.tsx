import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, Grid, Input, List, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import { ENVIRONMENTS, type Environment } from '../../../api/types';
import { LoadError } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { asOfSuffix, filterUnitOption, formatDate, unitOptions, useAsOf, useUnits } from '../../../tasks/hooks';
import { SupervisionNav } from '../SupervisionNav';
import { useListParams } from '../pilots/shared';
import { practicePath, type BestPracticeBrief } from './shared';

const FILTERS = ['environment', 'unit_id', 'adopted_by', 'q'] as const;

function Adoptions({ count }: { count: number }) {
  const { t } = useI18n();
  return (
    <Badge
      color={count ? 'green' : 'default'}
      text={<span className="nowrap">{t('bp.adoptions', { count })}</span>}
      data-count={count}
    />
  );
}

/** 最佳实践案例: every published case (all staff roles read them), with how many units adopted each. */
export function PracticesPage() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;
  const [asOf] = useAsOf();
  const units = useUnits();
  const { values, page, pageSize, update, filtered, clear } = useListParams(FILTERS);
  const [text, setText] = useState(values.q ?? '');

  const practices = useQuery({
    queryKey: ['tasks', 'practices', 'list', values, page, pageSize, asOf],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await tasksApi.GET('/api/tasks/v1/best-practices', {
          params: {
            query: {
              environment: values.environment as Environment | undefined,
              unit_id: values.unit_id,
              adopted_by: values.adopted_by,
              q: values.q,
              page,
              page_size: pageSize,
              as_of: asOf,
            },
          },
        }),
      ),
  });

  const options = unitOptions(units.data);
  const open = (practice: BestPracticeBrief) => navigate(practicePath(practice.code, asOf));
  const taskLink = (code: string) => (
    <Link to={`/tasks/${encodeURIComponent(code)}${asOfSuffix(asOf)}`} onClick={(event) => event.stopPropagation()}>
      {code}
    </Link>
  );
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('bp.emptyFiltered') : t('bp.empty')} />;
  const pagination = {
    current: page,
    pageSize,
    total: practices.data?.total ?? 0,
    showSizeChanger: !isPhone,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (total: number) => t('bp.total', { total }),
    onChange: (next: number, size: number) =>
      update({ page: next > 1 ? next : undefined, page_size: size === 20 ? undefined : size }, size === pageSize),
  };

  const columns: TableProps<BestPracticeBrief>['columns'] = [
    {
      key: 'code',
      title: t('bp.col.code'),
      className: 'nowrap',
      render: (_, practice) => (
        <Link to={practicePath(practice.code, asOf)} onClick={(event) => event.stopPropagation()}>
          {practice.code}
        </Link>
      ),
    },
    { key: 'title', title: t('bp.col.title'), dataIndex: 'title', className: 'ledger-title-cell' },
    { key: 'unit', title: t('bp.col.unit'), className: 'nowrap', render: (_, practice) => practice.unit?.short_name || practice.unit?.name || '—' },
    { key: 'environment', title: t('bp.col.environment'), className: 'nowrap', render: (_, practice) => label('env', practice.environment) },
    { key: 'task', title: t('bp.col.task'), className: 'nowrap', render: (_, practice) => taskLink(practice.task_code) },
    { key: 'published', title: t('bp.col.published'), className: 'nowrap', render: (_, practice) => formatDate(practice.published_at) },
    { key: 'adoptions', title: t('bp.col.adoptions'), render: (_, practice) => <Adoptions count={practice.adoption_count} /> },
  ];

  const selectProps = { allowClear: true, showSearch: true, className: 'ledger-filter', popupMatchSelectWidth: false, filterOption: filterUnitOption };
  return (
    <Space direction="vertical" size="middle" className="full-width practices-page">
      <SupervisionNav active="practices" />
      <Typography.Text type="secondary">{t('bp.listHint')}</Typography.Text>

      <Space wrap className="practice-filters">
        <Select
          allowClear
          className="ledger-filter"
          aria-label={t('ledger.filterEnvironment')}
          placeholder={t('ledger.filterEnvironment')}
          value={values.environment}
          onChange={(environment) => update({ environment })}
          options={ENVIRONMENTS.map((code) => ({ value: code, label: label('env', code) }))}
          popupMatchSelectWidth={false}
        />
        <Select
          {...selectProps}
          aria-label={t('bp.filterUnit')}
          placeholder={t('bp.filterUnit')}
          value={values.unit_id}
          onChange={(unit_id) => update({ unit_id })}
          options={options}
          loading={units.isPending}
        />
        <Select
          {...selectProps}
          aria-label={t('bp.filterAdopted')}
          placeholder={t('bp.filterAdopted')}
          value={values.adopted_by}
          onChange={(adopted_by) => update({ adopted_by })}
          options={options}
          loading={units.isPending}
        />
        <Input.Search
          allowClear
          aria-label={t('bp.search')}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onSearch={(value) => update({ q: value.trim() || undefined })}
          placeholder={t('bp.search')}
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
            {t('bp.reset')}
          </Button>
        )}
      </Space>

      <LoadError error={practices.error} />
      {isPhone ? (
        <List<BestPracticeBrief>
          className="practice-cards"
          loading={practices.isFetching}
          dataSource={practices.data?.items}
          locale={{ emptyText: empty }}
          pagination={(practices.data?.total ?? 0) > pageSize ? { ...pagination, size: 'small' } : false}
          renderItem={(practice) => (
            <List.Item className="practice-card" data-code={practice.code}>
              <Card size="small" className="full-width" hoverable onClick={() => open(practice)}>
                <Space direction="vertical" size={4} className="full-width">
                  <Space wrap size={[4, 4]}>
                    <Link to={practicePath(practice.code, asOf)} onClick={(event) => event.stopPropagation()}>
                      {practice.code}
                    </Link>
                    <Tag>{label('env', practice.environment)}</Tag>
                  </Space>
                  <Typography.Text strong>{practice.title}</Typography.Text>
                  <Typography.Text type="secondary">
                    {practice.unit?.short_name ?? '—'} · {formatDate(practice.published_at)}
                  </Typography.Text>
                  <Space wrap size={[12, 4]}>
                    <Adoptions count={practice.adoption_count} />
                    <span>
                      {t('bp.col.task')} {taskLink(practice.task_code)}
                    </span>
                  </Space>
                </Space>
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table<BestPracticeBrief>
          rowKey="id"
          size="middle"
          className="practice-table"
          scroll={{ x: 'max-content' }}
          loading={practices.isFetching}
          columns={columns}
          dataSource={practices.data?.items}
          locale={{ emptyText: empty }}
          onRow={(practice) => ({ onClick: () => open(practice), style: { cursor: 'pointer' } })}
          pagination={pagination}
        />
      )}
    </Space>
  );
}
