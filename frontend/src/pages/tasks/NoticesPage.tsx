import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Col, DatePicker, Empty, Grid, List, Row, Segmented, Space, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, ClockCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { tasksApi } from '../../api/http';
import { unwrap } from '../../api/problem';
import type { NoticeCounts, NoticeRead } from '../../api/types';
import { LoadError } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { asOfSuffix, DATE, formatDate, formatTime } from '../../tasks/hooks';
import { WarningTag } from '../../tasks/tags';
import { useUrlParams } from '../../components/useUrlParams';

const PAGE_SIZE = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VALID_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ACK = ['all', 'no', 'yes'] as const;
type Ack = (typeof ACK)[number];

/** The overview's state as it lives in the URL (`?issued_on=&acknowledged=yes|no&unit_id=&page=`). */
export function parseNoticeQuery(params: URLSearchParams) {
  const issued = params.get('issued_on');
  const unit = params.get('unit_id');
  const ack = params.get('acknowledged');
  const page = Number(params.get('page'));
  return {
    issued_on: issued && VALID_DATE.test(issued) && dayjs(issued).isValid() ? issued : undefined,
    unit_id: unit && UUID.test(unit) ? unit : undefined,
    acknowledged: (ack === 'yes' || ack === 'no' ? ack : 'all') as Ack,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** Acknowledged (by whom, when) or still waiting. */
function AckState({ notice }: { notice: NoticeRead }) {
  const { t } = useI18n();
  return notice.acknowledged_at ? (
    <Tooltip title={t('nt.acknowledgedAt', { user: notice.acknowledged_by ?? '', time: formatTime(notice.acknowledged_at) })}>
      <Tag color="green" icon={<CheckCircleOutlined />} className="nt-ack" data-ack="yes">
        {t('nt.ack.yes')}
      </Tag>
    </Tooltip>
  ) : (
    <Tag color="orange" icon={<ClockCircleOutlined />} className="nt-ack" data-ack="no">
      {t('nt.notAcknowledged')}
    </Tag>
  );
}

function Reply({ notice }: { notice: NoticeRead }) {
  const { t } = useI18n();
  if (!notice.reply) return <Typography.Text type="secondary">{t('nt.noReply')}</Typography.Text>;
  return (
    <div className="nt-reply">
      <Typography.Paragraph className="pre-wrap" ellipsis={{ rows: 2, expandable: true, symbol: t('wb.more') }}>
        {notice.reply}
      </Typography.Paragraph>
      <Typography.Text type="secondary">{t('nt.repliedAt', { time: formatTime(notice.replied_at) })}</Typography.Text>
    </div>
  );
}

/** The notice's full text and the tasks it names (with links). */
function NoticeBody({ notice }: { notice: NoticeRead }) {
  const { t } = useI18n();
  return (
    <div className="nt-body">
      <Typography.Text type="secondary">{t('nt.content')}</Typography.Text>
      <Typography.Paragraph className="pre-wrap nt-content">{notice.content}</Typography.Paragraph>
      <ul className="wb-notice-items">
        {notice.items.map((item) => (
          <li key={`${item.task_code}-${item.role}`}>
            <WarningTag warning={item.warning} /> <Link to={`/tasks/${encodeURIComponent(item.task_code)}${asOfSuffix(notice.issued_on)}`}>{item.task_code}</Link>{' '}
            {item.title}
            <Tag className="wb-role">{t(item.role === 'lead' ? 'wb.role.lead' : 'wb.role.responsible')}</Tag>
            {item.reasons.length > 0 && <Typography.Text type="secondary"> · {item.reasons.join('；')}</Typography.Text>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ItemCounts({ notice }: { notice: NoticeRead }) {
  const { t } = useI18n();
  const red = notice.items.filter((item) => item.warning === 'red').length;
  return <span className="nowrap">{t('nt.itemsCount', { red, yellow: notice.items.length - red })}</span>;
}

/** 提示单 overview for the office and leaders: per-unit counts, then the notices with their state and reply. */
export function NoticesPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;
  const [params, update] = useUrlParams((key, value) => key === 'acknowledged' && value === 'all');
  const query = parseNoticeQuery(params);

  const counts = useQuery({
    queryKey: ['tasks', 'notices', 'counts'],
    queryFn: async () => unwrap(await tasksApi.GET('/api/tasks/v1/reminder-notices/counts')),
  });
  const notices = useQuery({
    queryKey: ['tasks', 'notices', 'list', query],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await tasksApi.GET('/api/tasks/v1/reminder-notices', {
          params: {
            query: {
              issued_on: query.issued_on,
              unit_id: query.unit_id,
              acknowledged: query.acknowledged === 'all' ? undefined : query.acknowledged === 'yes',
              page: query.page,
              page_size: PAGE_SIZE,
            },
          },
        }),
      ),
  });

  const unitName = counts.data?.find((row) => row.unit_id === query.unit_id)?.unit_name;
  const filtered = !!(query.issued_on || query.unit_id || query.acknowledged !== 'all');
  const sortedCounts = [...(counts.data ?? [])].sort((a, b) => b.unacknowledged - a.unacknowledged || b.total - a.total);

  const countColumns: TableProps<NoticeCounts>['columns'] = [
    {
      title: t('nt.unit'),
      key: 'unit',
      render: (_, row) => (
        <Button type="link" size="small" className="nt-unit-link" onClick={() => update({ unit_id: row.unit_id })}>
          {row.unit_name}
        </Button>
      ),
    },
    { title: t('nt.total'), key: 'total', dataIndex: 'total', align: 'right' },
    {
      title: t('nt.unacknowledged'),
      key: 'unacknowledged',
      align: 'right',
      render: (_, row) =>
        row.unacknowledged ? (
          <Tag color="orange" className="nt-unack">
            {row.unacknowledged}
          </Tag>
        ) : (
          '0'
        ),
    },
  ];

  const columns: TableProps<NoticeRead>['columns'] = [
    {
      title: t('nt.unit'),
      key: 'unit',
      render: (_, notice) => (
        <div className="nt-unit">
          <div>{notice.unit_name}</div>
          <Typography.Text type="secondary" className="nt-number">
            {notice.number}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('nt.issuedOn'), key: 'issued', className: 'nowrap', render: (_, notice) => formatDate(notice.issued_on) },
    { title: t('nt.items'), key: 'items', render: (_, notice) => <ItemCounts notice={notice} /> },
    { title: t('nt.state'), key: 'ack', render: (_, notice) => <AckState notice={notice} /> },
    { title: t('nt.reply'), key: 'reply', className: 'nt-reply-cell', render: (_, notice) => <Reply notice={notice} /> },
  ];

  const pagination = {
    current: query.page,
    pageSize: PAGE_SIZE,
    total: notices.data?.total ?? 0,
    showSizeChanger: false,
    showTotal: (total: number) => t('nt.total.count', { total }),
    onChange: (page: number) => update({ page: page > 1 ? page : undefined }, true),
  };

  return (
    <Space direction="vertical" size="middle" className="full-width notices-page">
      <div className="page-header">
        <Space align="center">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/tasks')} aria-label={t('nt.back')} />
          <Typography.Title level={4} className="page-title">
            {t('nt.title')}
          </Typography.Title>
        </Space>
      </div>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('nt.byUnit')} className="nt-counts">
            <LoadError error={counts.error} />
            <Table<NoticeCounts>
              size="small"
              rowKey="unit_id"
              loading={counts.isPending}
              columns={countColumns}
              dataSource={sortedCounts}
              pagination={sortedCounts.length > 15 ? { pageSize: 15, size: 'small' } : false}
              rowClassName={(row) => (row.unit_id === query.unit_id ? 'nt-count-row nt-count-row-active' : 'nt-count-row')}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('nt.countsEmpty')} /> }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('nt.listTitle')} className="nt-list-card">
            <Space wrap className="nt-filters">
              <Space.Compact>
                <Space.Addon className="ledger-addon">{t('nt.issuedOn')}</Space.Addon>
                <DatePicker
                  aria-label={t('nt.issuedOn')}
                  value={query.issued_on ? dayjs(query.issued_on) : null}
                  onChange={(value) => update({ issued_on: value ? value.format(DATE) : undefined })}
                  placeholder={t('nt.anyDate')}
                />
              </Space.Compact>
              <Segmented<Ack>
                aria-label={t('nt.ack')}
                value={query.acknowledged}
                onChange={(value) => update({ acknowledged: value })}
                options={ACK.map((value) => ({ value, label: t(`nt.ack.${value}`) }))}
              />
              {query.unit_id && (
                <Tag closable onClose={() => update({ unit_id: undefined })} className="nt-unit-filter">
                  {t('nt.filterUnit', { unit: unitName ?? '…' })}
                </Tag>
              )}
              {filtered && (
                <Button type="link" onClick={() => update({ issued_on: undefined, unit_id: undefined, acknowledged: undefined })}>
                  {t('nt.reset')}
                </Button>
              )}
            </Space>
            <LoadError error={notices.error} />
            {isPhone ? (
              <List<NoticeRead>
                className="nt-list"
                itemLayout="vertical"
                loading={notices.isFetching}
                dataSource={notices.data?.items}
                pagination={(notices.data?.total ?? 0) > PAGE_SIZE ? { ...pagination, size: 'small' } : false}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('nt.empty')} /> }}
                renderItem={(notice) => (
                  <List.Item className="nt-card" data-ack={notice.acknowledged_at ? 'yes' : 'no'}>
                    <div className="nt-card-title">
                      <Badge status={notice.acknowledged_at ? 'success' : 'warning'} />
                      <strong>{notice.unit_name}</strong>
                      <Typography.Text type="secondary">
                        {notice.number} · {formatDate(notice.issued_on)}
                      </Typography.Text>
                    </div>
                    <Space size={[4, 4]} wrap>
                      <AckState notice={notice} />
                      <ItemCounts notice={notice} />
                    </Space>
                    <Typography.Paragraph className="pre-wrap nt-content" ellipsis={{ rows: 3, expandable: true, symbol: t('wb.more') }}>
                      {notice.content}
                    </Typography.Paragraph>
                    <Reply notice={notice} />
                  </List.Item>
                )}
              />
            ) : (
              <Table<NoticeRead>
                className="nt-table"
                size="small"
                rowKey="id"
                loading={notices.isFetching}
                columns={columns}
                dataSource={notices.data?.items}
                // No sideways scroll: an expanded notice's text wraps at the card's width.
                expandable={{ expandedRowRender: (notice) => <NoticeBody notice={notice} />, columnTitle: '' }}
                rowClassName={(notice) => `nt-row nt-row-${notice.acknowledged_at ? 'ack' : 'unack'}`}
                pagination={pagination}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('nt.empty')} /> }}
              />
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
