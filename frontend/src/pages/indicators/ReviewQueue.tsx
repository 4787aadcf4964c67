import { useState } from 'react';
import { Link } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Typography, type TableProps } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { indicatorsApi } from '../../api/http';
import { unwrap } from '../../api/problem';
import type { ObservationRead, ObservationStatus } from '../../api/types';
import { LoadError, ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { formatNumber } from '../../indicators/format';
import { useUrlState } from '../../indicators/hooks';
import { FlagTags, ObservationStatusTag } from '../../indicators/tags';
import { formatTime } from '../../tasks/hooks';

const PAGE_SIZE = 50;

type Decision = 'approve' | 'return';

/** Entered values, newest first: the office's approval queue (submitted) or everyone's record of entries. */
export function useObservations(status: ObservationStatus | undefined, page: number) {
  return useQuery({
    queryKey: ['indicators', 'observations', status ?? 'all', page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await indicatorsApi.GET('/api/indicators/v1/observations', {
          params: { query: { status, page, page_size: PAGE_SIZE } },
        }),
      ),
  });
}

/** Columns shared by the queue and the record list. */
export function useObservationColumns(): NonNullable<TableProps<ObservationRead>['columns']> {
  const { t, label } = useI18n();
  return [
    {
      title: t('data.indicator'),
      key: 'indicator',
      render: (_, o) => (
        <div className="obs-indicator">
          <Link to={`/indicators/${encodeURIComponent(o.indicator)}?period=${encodeURIComponent(o.period)}`} className="task-code">
            {o.indicator}
          </Link>
          <div>{o.indicator_name}</div>
        </div>
      ),
    },
    { title: t('data.region'), dataIndex: 'region_name', key: 'region', render: (name: string) => <span className="nowrap">{name}</span> },
    { title: t('data.period'), dataIndex: 'period', key: 'period', render: (period: string) => <span className="nowrap">{period}</span> },
    { title: t('data.value'), key: 'value', align: 'right', render: (_, o) => formatNumber(o.value) },
    {
      title: t('data.flags'),
      key: 'flags',
      render: (_, o) =>
        o.flags.length ? (
          <div className="obs-flags">
            <FlagTags flags={o.flags} />
            {o.flags.map((flag) => (
              <div key={flag.code}>
                <Typography.Text type="warning" className="obs-flag-message">
                  {flag.message}
                </Typography.Text>
              </div>
            ))}
          </div>
        ) : (
          <Typography.Text type="secondary">{t('data.noFlags')}</Typography.Text>
        ),
    },
    { title: t('data.source'), dataIndex: 'source', key: 'source', render: (source: string) => <div className="obs-source">{source}</div> },
    { title: t('data.method'), key: 'method', render: (_, o) => <span className="nowrap">{label('method', o.method)}</span> },
    {
      title: t('data.submittedBy'),
      key: 'submitted',
      render: (_, o) => (
        <span className="nowrap">
          {o.submitted_by}
          <br />
          <Typography.Text type="secondary">{formatTime(o.submitted_at)}</Typography.Text>
        </span>
      ),
    },
  ];
}

/** Approve or return the chosen entries; a return needs a comment, and so does approving flagged entries. */
function ReviewDialog({
  decision,
  selected,
  onClose,
  onDone,
}: {
  decision: Decision | null;
  selected: ObservationRead[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ comment?: string }>();
  const flagged = selected.filter((o) => o.flags.length).length;
  const review = useMutation({
    mutationFn: async ({ comment }: { comment?: string }) =>
      unwrap(
        await indicatorsApi.POST('/api/indicators/v1/observations/review', {
          body: { ids: selected.map((o) => o.id), decision: decision!, comment: comment?.trim() || null },
        }),
      ),
    onSuccess: (reviewed) => {
      void message.success(decision === 'approve' ? t('data.approvedDone', { count: reviewed.length }) : t('data.returnedDone', { count: reviewed.length }));
      void queryClient.invalidateQueries({ queryKey: ['indicators'] });
      form.resetFields();
      review.reset();
      onDone();
    },
  });
  const close = () => {
    form.resetFields();
    review.reset();
    onClose();
  };
  return (
    <Modal
      open={decision !== null}
      title={decision === 'approve' ? t('data.approveTitle', { count: selected.length }) : t('data.returnTitle', { count: selected.length })}
      okText={decision === 'approve' ? t('data.approve') : t('data.return')}
      okButtonProps={{ danger: decision === 'return', loading: review.isPending }}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => review.mutate(values)} className="review-form">
        {decision === 'approve' && flagged > 0 && (
          <Alert type="warning" showIcon className="review-hint" message={t('data.flaggedHint', { count: flagged })} />
        )}
        <Form.Item
          name="comment"
          label={t('data.comment')}
          rules={decision === 'return' ? [{ required: true, whitespace: true, message: t('data.commentRequired') }] : []}
        >
          <Input.TextArea aria-label={t('data.comment')} rows={3} maxLength={2000} placeholder={decision === 'return' ? t('data.returnPlaceholder') : t('data.commentPlaceholder')} />
        </Form.Item>
      </Form>
      {review.error && <ProblemAlert error={review.error} />}
    </Modal>
  );
}

/** The reform office's queue of submitted values, with multi-select approve and return. */
export function ReviewQueue() {
  const { t } = useI18n();
  const { params, update } = useUrlState();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const queue = useObservations('submitted', page);
  const columns = useObservationColumns();
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [decision, setDecision] = useState<Decision | null>(null);
  const rows = queue.data?.items ?? [];
  const selected = rows.filter((o) => selectedIds.includes(o.id));

  return (
    <Card size="small" title={t('data.queueTitle', { count: queue.data?.total ?? 0 })} className="review-queue">
      <LoadError error={queue.error} />
      <Space wrap className="queue-actions">
        <Button type="primary" icon={<CheckOutlined />} disabled={!selected.length} onClick={() => setDecision('approve')}>
          {t('data.approveSelected', { count: selected.length })}
        </Button>
        <Button danger icon={<RollbackOutlined />} disabled={!selected.length} onClick={() => setDecision('return')}>
          {t('data.returnSelected', { count: selected.length })}
        </Button>
      </Space>
      <Table<ObservationRead>
        className="queue-table"
        size="small"
        rowKey="id"
        loading={queue.isFetching}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        rowSelection={{ selectedRowKeys: selectedIds, onChange: (keys) => setSelectedIds(keys.map(String)) }}
        rowClassName={(o) => (o.flags.length ? 'obs-row-flagged' : '')}
        locale={{ emptyText: t('data.queueEmpty') }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: queue.data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          onChange: (next) => {
            setSelectedIds([]);
            update({ page: next === 1 ? undefined : next });
          },
        }}
      />
      <ReviewDialog
        decision={decision}
        selected={selected}
        onClose={() => setDecision(null)}
        onDone={() => {
          setDecision(null);
          setSelectedIds([]);
        }}
      />
    </Card>
  );
}

/** Every entry the user may see (a lead unit: its own indicators'), with status and review comment. */
export function EntryRecords() {
  const { t, label } = useI18n();
  const { params, update } = useUrlState();
  const raw = params.get('status');
  const status = (['submitted', 'approved', 'returned'] as const).find((s) => s === raw);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const records = useObservations(status, page);
  const base = useObservationColumns();
  const columns: TableProps<ObservationRead>['columns'] = [
    ...base,
    { title: t('data.status'), key: 'status', render: (_, o) => <ObservationStatusTag status={o.status} /> },
    {
      title: t('data.reviewComment'),
      key: 'review',
      render: (_, o) =>
        o.reviewed_by ? (
          <div className="obs-review">
            {o.review_comment && <div>{o.review_comment}</div>}
            <Typography.Text type="secondary">
              {o.reviewed_by} · {formatTime(o.reviewed_at)}
            </Typography.Text>
          </div>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Card size="small" title={t('data.recordsTitle', { count: records.data?.total ?? 0 })}>
      <LoadError error={records.error} />
      <Space wrap className="queue-actions">
        <Typography.Text type="secondary">{t('data.status')}</Typography.Text>
        {([undefined, 'submitted', 'approved', 'returned'] as const).map((value) => (
          <Button key={value ?? 'all'} size="small" type={status === value ? 'primary' : 'default'} onClick={() => update({ status: value, page: undefined })}>
            {value ? label('obsStatus', value) : t('data.allStatuses')}
          </Button>
        ))}
      </Space>
      <Table<ObservationRead>
        size="small"
        rowKey="id"
        loading={records.isFetching}
        columns={columns}
        dataSource={records.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: records.data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          onChange: (next) => update({ page: next === 1 ? undefined : next }),
        }}
      />
    </Card>
  );
}
