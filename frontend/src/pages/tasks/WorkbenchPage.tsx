import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Grid,
  Input,
  List,
  Modal,
  Row,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { CheckOutlined, EditOutlined, MessageOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { tasksApi } from '../../api/http';
import { unwrap } from '../../api/problem';
import type { Me, NoticeRead, ReportRead, TaskRead, Workbench } from '../../api/types';
import { errorText, LoadError, ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { asOfSuffix, formatDate, useAsOf } from '../../tasks/hooks';
import { Deadline, WarningTag } from '../../tasks/tags';

type ToReport = Workbench['to_report'][number];

const PHONE_ROWS = 5;
const NOTICE_ITEMS = 3;
const DESKTOP_ROWS = 10;

function Section({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  return (
    <Card
      size="small"
      className="wb-section"
      title={
        <Space>
          {title}
          {count !== undefined && <Badge count={count} showZero color={count ? '#1677ff' : '#d9d9d9'} />}
        </Space>
      }
    >
      {children}
    </Card>
  );
}

function ReplyModal({ notice, onClose }: { notice: NoticeRead; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reply: string }>();
  const reply = useMutation({
    mutationFn: async (text: string) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/reminder-notices/{notice_id}/reply', {
          params: { path: { notice_id: notice.id } },
          body: { reply: text },
        }),
      ),
    onSuccess: () => {
      void message.success(t('wb.replied'));
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('wb.replyTitle', { number: notice.number })}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(({ reply: text }) => reply.mutate(text.trim())).catch(() => undefined)}
      confirmLoading={reply.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="reply" label={t('wb.replyText')} rules={[{ required: true, whitespace: true, min: 2, message: t('wb.replyRequired') }]}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
      </Form>
      {reply.error && <ProblemAlert error={reply.error} />}
    </Modal>
  );
}

function NoticeCard({ notice, onReply }: { notice: NoticeRead; onReply: (n: NoticeRead) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [expanded, setExpanded] = useState(false);
  // A notice can list dozens of tasks; the first few are shown until asked for all.
  const items = expanded ? notice.items : notice.items.slice(0, NOTICE_ITEMS);
  const acknowledge = useMutation({
    mutationFn: async () =>
      unwrap(await tasksApi.POST('/api/tasks/v1/reminder-notices/{notice_id}/acknowledge', { params: { path: { notice_id: notice.id } } })),
    onSuccess: () => {
      void message.success(t('wb.acknowledged'));
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
    onError: (error) => void message.error(errorText(error, t('error.loadFailed'))),
  });
  return (
    <List.Item
      className="wb-notice"
      actions={[
        !notice.acknowledged_at && (
          <Button key="ack" type="primary" size="small" icon={<CheckOutlined />} loading={acknowledge.isPending} onClick={() => acknowledge.mutate()}>
            {t('wb.acknowledge')}
          </Button>
        ),
        <Button key="reply" size="small" icon={<MessageOutlined />} onClick={() => onReply(notice)}>
          {t('wb.reply')}
        </Button>,
      ].filter(Boolean)}
    >
      <List.Item.Meta
        title={t('wb.noticeTitle', { number: notice.number })}
        description={t('wb.issuedOn', { date: formatDate(notice.issued_on) })}
      />
      <Typography.Paragraph className="pre-wrap" ellipsis={{ rows: 3, expandable: true, symbol: t('wb.more') }}>
        {notice.content}
      </Typography.Paragraph>
      <ul className="wb-notice-items">
        {items.map((item) => (
          <li key={`${item.task_code}-${item.role}`}>
            <WarningTag warning={item.warning} /> {item.task_code} {item.title}
            <Tag className="wb-role">{t(`wb.role.${item.role}`)}</Tag>
            {item.reasons.length > 0 && <Typography.Text type="secondary"> · {item.reasons.join('；')}</Typography.Text>}
          </li>
        ))}
      </ul>
      {notice.items.length > NOTICE_ITEMS && (
        <Button type="link" size="small" onClick={() => setExpanded(!expanded)}>
          {expanded ? t('wb.collapse') : t('wb.showAll', { count: notice.items.length })}
        </Button>
      )}
    </List.Item>
  );
}

/** Tasks as a table on wide screens and as a list of cards on a phone. */
function TaskRows<T extends { key: string; task: TaskRead }>({
  rows,
  isPhone,
  extra,
  extraTitle = '',
  emptyText,
  action,
}: {
  rows: T[];
  isPhone: boolean;
  extra?: (row: T) => ReactNode;
  extraTitle?: string;
  emptyText: string;
  action: (row: T) => ReactNode;
}) {
  const { t } = useI18n();
  const [expanded, setExpanded] = useState(false);
  if (!rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  // Long lists start folded so the other sections stay within reach on a phone.
  const limit = isPhone ? PHONE_ROWS : DESKTOP_ROWS;
  const shown = expanded ? rows : rows.slice(0, limit);
  const more =
    rows.length > limit ? (
      <Button type="link" block onClick={() => setExpanded(!expanded)} className="wb-more">
        {expanded ? t('wb.collapse') : t('wb.showAll', { count: rows.length })}
      </Button>
    ) : null;
  if (isPhone) {
    return (
      <>
      <List
        className="wb-cards"
        dataSource={shown}
        renderItem={(row) => (
          <List.Item key={row.key} className="wb-card" data-warning={row.task.warning}>
            <div className="wb-card-body">
              <Space wrap size={[4, 4]}>
                <WarningTag warning={row.task.warning} />
                <Typography.Text type="secondary">{row.task.code}</Typography.Text>
              </Space>
              <div className="wb-card-title">{row.task.title}</div>
              {extra && <div className="wb-card-extra">{extra(row)}</div>}
              {row.task.warning_reasons.length > 0 && (
                <Typography.Text type="secondary" className="wb-card-reasons">
                  {row.task.warning_reasons.join('；')}
                </Typography.Text>
              )}
              <div className="wb-card-action">{action(row)}</div>
            </div>
          </List.Item>
        )}
      />
      {more}
      </>
    );
  }
  const columns: TableProps<T>['columns'] = [
    { title: t('ledger.col.code'), key: 'code', width: 130, render: (_, row) => row.task.code },
    { title: t('ledger.col.title'), key: 'title', render: (_, row) => row.task.title },
    ...(extra ? [{ title: extraTitle, key: 'extra', render: (_: unknown, row: T) => extra(row) }] : []),
    { title: t('ledger.col.deadline'), key: 'deadline', render: (_, row) => <Deadline task={row.task} /> },
    {
      title: t('ledger.col.warning'),
      key: 'warning',
      render: (_, row) => <WarningTag warning={row.task.warning} reasons={row.task.warning_reasons} />,
    },
    { title: '', key: 'action', align: 'right', render: (_, row) => action(row) },
  ];
  return (
    <>
      <Table<T> rowKey="key" size="small" pagination={false} columns={columns} dataSource={shown} scroll={{ x: 'max-content' }} />
      {more}
    </>
  );
}

/** 我的工作台: a unit's to-do list for this period; built to work on a 390 px phone. */
export function WorkbenchPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const [asOf, setAsOf] = useAsOf();
  const [replying, setReplying] = useState<NoticeRead | null>(null);
  const workbench = useQuery({
    queryKey: ['tasks', 'workbench', asOf],
    queryFn: async () => unwrap(await tasksApi.GET('/api/tasks/v1/workbench', { params: { query: { as_of: asOf } } })),
  });
  const toReply = useQuery({
    queryKey: ['tasks', 'notices', 'acknowledged'],
    queryFn: async () =>
      unwrap(await tasksApi.GET('/api/tasks/v1/reminder-notices', { params: { query: { acknowledged: true, page_size: 20 } } })),
    select: (page) => page.items.filter((notice) => !notice.reply),
  });

  const openTask = (code: string, report = false) =>
    navigate(`/tasks/${encodeURIComponent(code)}${asOfSuffix(asOf, report ? { tab: 'reports', report: '1' } : {})}`);

  const data = workbench.data;
  const stats = [
    { key: 'total', title: t('wb.total'), color: undefined },
    { key: 'red', title: t('wb.red'), color: '#cf1322' },
    { key: 'yellow', title: t('wb.yellow'), color: '#d48806' },
    { key: 'none', title: t('wb.none'), color: '#389e0d' },
  ];

  return (
    <Space direction="vertical" size="middle" className="full-width workbench">
      <div className="page-header">
        <div>
          <Typography.Title level={4} className="page-title">
            {t('wb.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('wb.unit', { unit: data?.unit?.name ?? me.unit.name })}</Typography.Text>
        </div>
        <Space.Compact>
          <Space.Addon className="ledger-addon">{t('ledger.asOf')}</Space.Addon>
          <DatePicker
            aria-label={t('ledger.asOf')}
            value={asOf ? dayjs(asOf) : null}
            onChange={setAsOf}
            placeholder={t('ledger.asOfToday')}
            className="ledger-asof"
            inputReadOnly={isPhone}
          />
        </Space.Compact>
      </div>
      <LoadError error={workbench.error} />
      {!data && !workbench.error && <Spin className="page-spin" />}
      {data && (
        <>
          <Row gutter={[12, 12]}>
            {stats.map((stat) => (
              <Col key={stat.key} xs={12} md={6}>
                <Card size="small" className="wb-stat">
                  <Statistic title={stat.title} value={data.counts[stat.key] ?? 0} valueStyle={stat.color ? { color: stat.color } : undefined} />
                </Card>
              </Col>
            ))}
          </Row>
          {data.calendar_notices.map((notice) => (
            <Alert key={notice} type="warning" showIcon message={notice} />
          ))}

          <Section title={t('wb.toReport')} count={data.to_report.length}>
            <TaskRows<ToReport & { key: string }>
              rows={data.to_report.map((item) => ({ ...item, key: item.task.code }))}
              isPhone={isPhone}
              emptyText={t('wb.toReportEmpty')}
              extra={(item) => (isPhone ? t('wb.period', { start: item.period_start, end: item.period_end }) : t('report.period', { start: item.period_start, end: item.period_end }))}
              extraTitle={t('wb.periodTitle')}
              action={(item) => (
                <Button type="primary" size="small" icon={<EditOutlined />} onClick={() => openTask(item.task.code, true)}>
                  {t('wb.reportNow')}
                </Button>
              )}
            />
          </Section>

          <Section title={t('wb.returned')} count={data.returned_reports.length}>
            <List<ReportRead>
              itemLayout="vertical"
              dataSource={data.returned_reports}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('wb.returnedEmpty')} /> }}
              renderItem={(report) => (
                <List.Item
                  className="wb-returned"
                  actions={[
                    <Button key="again" size="small" type="primary" onClick={() => openTask(report.task_code, true)}>
                      {t('wb.resubmit')}
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={report.task_code}
                    description={t('report.period', { start: report.period_start, end: report.period_end })}
                  />
                  {report.review_comment && <Typography.Text type="danger">{t('report.comment', { comment: report.review_comment })}</Typography.Text>}
                </List.Item>
              )}
            />
          </Section>

          <Section title={t('wb.notices')} count={data.notices_to_acknowledge.length}>
            <List<NoticeRead>
              itemLayout="vertical"
              dataSource={data.notices_to_acknowledge}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('wb.noticesEmpty')} /> }}
              renderItem={(notice) => <NoticeCard key={notice.id} notice={notice} onReply={setReplying} />}
            />
          </Section>

          {toReply.data && toReply.data.length > 0 && (
            <Section title={t('wb.toReply')} count={toReply.data.length}>
              <List<NoticeRead>
                itemLayout="vertical"
                dataSource={toReply.data}
                renderItem={(notice) => <NoticeCard key={notice.id} notice={notice} onReply={setReplying} />}
              />
            </Section>
          )}

          <Section title={t('wb.warned')} count={data.warned_tasks.length}>
            <TaskRows<{ key: string; task: TaskRead }>
              rows={data.warned_tasks.map((task) => ({ key: task.code, task }))}
              isPhone={isPhone}
              emptyText={t('wb.warnedEmpty')}
              action={(row) => (
                <Button size="small" onClick={() => openTask(row.task.code)}>
                  {t('wb.open')}
                </Button>
              )}
            />
          </Section>
        </>
      )}
      {replying && <ReplyModal notice={replying} onClose={() => setReplying(null)} />}
    </Space>
  );
}
