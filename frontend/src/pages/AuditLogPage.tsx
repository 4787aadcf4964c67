import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, Segmented, Space, Table, Typography, type TableProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { authApi, feedbackApi, indicatorsApi, tasksApi } from '../api/http';
import { unwrap } from '../api/problem';
import type { AuditEntry } from '../api/types';
import { LoadError } from '../components/ProblemAlert';
import { useI18n } from '../i18n/I18nProvider';

const SERVICES = ['auth', 'tasks', 'indicators', 'feedback'] as const;
type Service = (typeof SERVICES)[number];
const PAGE_SIZES = [20, 50, 100];

interface Filters {
  actor?: string;
  action?: string;
  entity_type?: string;
  entity_id?: string;
  request_id?: string;
  occurred_from?: string;
  occurred_to?: string;
}

interface FormValues {
  actor?: string;
  action?: string;
  entity_type?: string;
  entity_id?: string;
  request_id?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

type Query = Filters & { page: number; page_size: number };

/** Each service keeps its own log under the same path and schema. */
async function fetchLog(service: Service, query: Query) {
  const options = { params: { query } };
  switch (service) {
    case 'auth':
      return unwrap(await authApi.GET('/api/auth/v1/audit-log', options));
    case 'tasks':
      return unwrap(await tasksApi.GET('/api/tasks/v1/audit-log', options));
    case 'indicators':
      return unwrap(await indicatorsApi.GET('/api/indicators/v1/audit-log', options));
    case 'feedback':
      return unwrap(await feedbackApi.GET('/api/feedback/v1/audit-log', options));
  }
}

/** Blank fields are no filter; the time range goes out with its offset, as the API requires. */
function toFilters({ range, ...text }: FormValues): Filters {
  const filters: Filters = {};
  for (const [key, value] of Object.entries(text) as [keyof Omit<FormValues, 'range'>, string | undefined][]) {
    if (value?.trim()) filters[key] = value.trim();
  }
  if (range?.[0]) filters.occurred_from = range[0].format();
  if (range?.[1]) filters.occurred_to = range[1].format();
  return filters;
}

/** 审计日志: the reform office and auditors search every service's append-only audit log. */
export function AuditLogPage() {
  const { t, label } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const [service, setService] = useState<Service>('auth');
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = useQuery({
    queryKey: ['audit-log', service, filters, page, pageSize],
    placeholderData: keepPreviousData,
    queryFn: () => fetchLog(service, { ...filters, page, page_size: pageSize }),
  });

  const columns: TableProps<AuditEntry>['columns'] = [
    {
      title: t('audit.occurredAt'),
      dataIndex: 'occurred_at',
      render: (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm:ss'),
    },
    { title: t('audit.actor'), dataIndex: 'actor' },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (action: string) => {
        const text = label('action', action);
        return text === action ? action : `${text}（${action}）`;
      },
    },
    { title: t('audit.entityType'), dataIndex: 'entity_type' },
    { title: t('audit.entityId'), dataIndex: 'entity_id' },
    { title: t('audit.requestId'), dataIndex: 'request_id' },
  ];

  return (
    <Space direction="vertical" size="middle" className="full-width">
      <Typography.Title level={3}>{t('audit.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('audit.intro')}</Typography.Paragraph>
      <Segmented<Service>
        value={service}
        onChange={(value) => {
          setService(value);
          setPage(1);
        }}
        options={SERVICES.map((code) => ({ value: code, label: t(`audit.service.${code}`) }))}
      />
      <Form
        form={form}
        layout="inline"
        onFinish={(values) => {
          setFilters(toFilters(values));
          setPage(1);
        }}
      >
        <Form.Item name="actor">
          <Input allowClear placeholder={t('audit.actor')} aria-label={t('audit.actor')} />
        </Form.Item>
        <Form.Item name="action">
          <Input allowClear placeholder={t('audit.actionHint')} aria-label={t('audit.action')} />
        </Form.Item>
        <Form.Item name="entity_type">
          <Input allowClear placeholder={t('audit.entityType')} aria-label={t('audit.entityType')} />
        </Form.Item>
        <Form.Item name="entity_id">
          <Input allowClear placeholder={t('audit.entityId')} aria-label={t('audit.entityId')} />
        </Form.Item>
        <Form.Item name="request_id">
          <Input allowClear placeholder={t('audit.requestId')} aria-label={t('audit.requestId')} />
        </Form.Item>
        <Form.Item name="range" label={t('audit.range')}>
          <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('audit.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
                setPage(1);
              }}
            >
              {t('audit.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <LoadError error={query.error} />
      <Table
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        loading={query.isFetching}
        columns={columns}
        dataSource={query.data?.items}
        expandable={{
          rowExpandable: (entry) => Object.keys(entry.detail).length > 0,
          expandedRowRender: (entry) => (
            <pre aria-label={t('audit.detail')} style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
              {JSON.stringify(entry.detail, null, 2)}
            </pre>
          ),
        }}
        onChange={({ current, pageSize: size }) => {
          setPage(current ?? 1);
          setPageSize(size ?? pageSize);
        }}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (count) => t('audit.total', { total: count }),
        }}
      />
    </Space>
  );
}
