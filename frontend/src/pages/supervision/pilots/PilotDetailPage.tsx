import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Progress,
  Result,
  Row,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, EditOutlined, RocketOutlined, StopOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { tasksApi } from '../../../api/http';
import { ApiError, unwrap } from '../../../api/problem';
import type { Me } from '../../../api/types';
import { LoadError, ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { isReadOnly } from '../../../nav/menu';
import { asOfSuffix, DATE, formatDate, formatTime, useAsOf, useUnits } from '../../../tasks/hooks';
import { feedsBackOnPilot, plansPilots } from '../../../tasks/permissions';
import { StatusTag } from '../../../tasks/tags';
import { PilotDecisionModal } from './PilotDecisionModal';
import { DECISION_COLORS, DECISIONS, PilotStatusTag, type Decision, type DecisionRead, type PilotRead, type PilotTaskRef } from './shared';

interface FeedbackForm {
  content: string;
  progress_note?: string;
  reported_on: Dayjs;
}

/** 情况反馈 by the pilot unit or the office: content, an optional progress note, a date within the pilot up to today. */
function FeedbackFormCard({ pilot, asOf, onDone }: { pilot: PilotRead; asOf?: string; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FeedbackForm>();
  const today = asOf ? dayjs(asOf) : dayjs();
  const add = useMutation({
    mutationFn: async (values: FeedbackForm) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/pilots/{code}/feedback', {
          params: { path: { code: pilot.code }, query: { as_of: asOf } },
          body: {
            content: values.content.trim(),
            progress_note: values.progress_note?.trim() || null,
            reported_on: values.reported_on.format(DATE),
          },
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(['tasks', 'pilots', 'detail', pilot.code, asOf], updated);
      void message.success(t('pilot.feedbackAdded'));
      void queryClient.invalidateQueries({ queryKey: ['tasks', 'pilots', 'list'] });
      form.resetFields();
      onDone();
    },
  });
  return (
    <Card size="small" title={t('pilot.addFeedback')} className="pilot-feedback-form">
      <Form<FeedbackForm> form={form} layout="vertical" initialValues={{ reported_on: today }} onFinish={(values) => add.mutate(values)}>
        <Form.Item name="content" label={t('pilot.feedbackContent')} rules={[{ required: true, whitespace: true, min: 2, message: t('pilot.feedbackContentRequired') }]}>
          <Input.TextArea rows={3} maxLength={8000} />
        </Form.Item>
        <Form.Item name="progress_note" label={t('pilot.progressNote')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="reported_on" label={t('pilot.reportedOn')} rules={[{ required: true, message: t('pilot.reportedOnRequired') }]}>
          <DatePicker
            disabledDate={(day) => day.isBefore(dayjs(pilot.start_date), 'day') || day.isAfter(today, 'day')}
            onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
          />
        </Form.Item>
        {add.error && <ProblemAlert error={add.error} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('common.submit')}
          </Button>
          <Button onClick={onDone}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** What a decision changed: adjusted fields before → after; a roll-out's districts, deadline and tasks. */
function DecisionChanges({ decision, asOf }: { decision: DecisionRead; asOf?: string }) {
  const { t } = useI18n();
  const units = useUnits();
  const changes = decision.changes;
  if (decision.decision === 'adjust') {
    const lines = (['description', 'goal', 'end_date'] as const)
      .filter((field) => changes[field] && typeof changes[field] === 'object')
      .map((field) => {
        const change = changes[field] as { before?: unknown; after?: unknown };
        const show = (value: unknown) => (value === null || value === undefined || value === '' ? t('history.empty') : String(value));
        return { field, text: `${t(`pilot.field.${field}`)}：${t('history.arrow', { before: show(change.before), after: show(change.after) })}` };
      });
    if (!lines.length) return null;
    return (
      <ul className="pilot-decision-changes">
        {lines.map((line) => (
          <li key={line.field} className="pre-wrap">
            {line.text}
          </li>
        ))}
      </ul>
    );
  }
  if (decision.decision === 'roll_out') {
    const names = new Map((units.data ?? []).map((unit) => [unit.id, unit.short_name || unit.name]));
    const ids = Array.isArray(changes.district_unit_ids) ? (changes.district_unit_ids as string[]) : [];
    const codes = Array.isArray(changes.task_codes) ? (changes.task_codes as string[]) : [];
    return (
      <ul className="pilot-decision-changes">
        {ids.length > 0 && <li>{t('pilot.rolledTo', { units: ids.map((id) => names.get(id) ?? id).join('、') })}</li>}
        {typeof changes.deadline === 'string' && <li>{t('pilot.rolledDeadline', { date: formatDate(changes.deadline) })}</li>}
        {codes.length > 0 && (
          <li>
            {t('pilot.rolledTasks')}
            <Space wrap size={[8, 0]}>
              {codes.map((code) => (
                <Link key={code} to={`/tasks/${encodeURIComponent(code)}${asOfSuffix(asOf)}`}>
                  {code}
                </Link>
              ))}
            </Space>
          </li>
        )}
      </ul>
    );
  }
  return null;
}

function TaskList({ tasks, asOf }: { tasks: PilotTaskRef[]; asOf?: string }) {
  const { t, label } = useI18n();
  return (
    <List<PilotTaskRef>
      dataSource={tasks}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pilot.tasksNone')} /> }}
      renderItem={(task) => (
        <List.Item className="pilot-task" data-code={task.code}>
          <Space direction="vertical" size={2} className="full-width">
            <Space wrap size={[8, 4]}>
              <Link to={`/tasks/${encodeURIComponent(task.code)}${asOfSuffix(asOf)}`}>{task.code}</Link>
              <StatusTag status={task.status} />
              <Tag color="purple">{label('lifecycle', task.lifecycle_stage)}</Tag>
            </Space>
            <Typography.Text>{task.title}</Typography.Text>
            <Space wrap size={[12, 0]}>
              <Typography.Text type="secondary">{task.lead_unit?.short_name ?? '—'}</Typography.Text>
              <Typography.Text type="secondary">
                {t('ledger.col.deadline')} {task.deadline ? formatDate(task.deadline) : t('common.continuous')}
              </Typography.Text>
            </Space>
            <Progress percent={task.progress} size="small" format={(value) => t('pilot.taskProgress', { value: value ?? 0 })} />
          </Space>
        </List.Item>
      )}
    />
  );
}

const DECISION_ICONS: Record<Decision, ReactNode> = { adjust: <EditOutlined />, roll_out: <RocketOutlined />, stop: <StopOutlined /> };

/** One pilot: what is tried, goal, unit, period, status; its feedback, decisions and rolled-out tasks. */
export function PilotDetailPage({ me }: { me: Me }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const [asOf] = useAsOf();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [feedbackOpen, setFeedbackOpen] = useState(false);
  const pilot = useQuery({
    queryKey: ['tasks', 'pilots', 'detail', code, asOf],
    queryFn: async () => unwrap(await tasksApi.GET('/api/tasks/v1/pilots/{code}', { params: { path: { code }, query: { as_of: asOf } } })),
  });
  const cameFromApp = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;
  const back = () => (cameFromApp ? navigate(-1) : navigate(`/supervision/pilots${asOfSuffix(asOf)}`));

  if (pilot.error) {
    const status = pilot.error instanceof ApiError ? (pilot.error.problem as { status?: number } | undefined)?.status : undefined;
    return status === 404 || status === 403 ? (
      <Result status="404" title={t('pilot.notFound')} extra={<Button onClick={back}>{t('pilot.back')}</Button>} />
    ) : (
      <LoadError error={pilot.error} />
    );
  }
  if (!pilot.data) return <Spin className="page-spin" />;

  const data = pilot.data;
  const running = data.status === 'running';
  const writable = !isReadOnly(me.roles);
  const canDecide = running && writable && plansPilots(me, data.environment);
  const canFeedBack = running && writable && feedsBackOnPilot(me, data);
  const feedback = [...data.feedback].sort((a, b) => b.reported_on.localeCompare(a.reported_on) || b.created_at.localeCompare(a.created_at));
  const decisions = [...data.decisions].sort((a, b) => b.decided_at.localeCompare(a.decided_at));

  return (
    <Space direction="vertical" size="middle" className="full-width pilot-detail">
      <div className="page-header">
        <Space align="start" className="task-heading">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('pilot.back')} />
          <div>
            <Typography.Text type="secondary" className="task-code">
              {data.code}
            </Typography.Text>
            <Typography.Title level={4} className="page-title">
              {data.title}
            </Typography.Title>
            <Space wrap size={[4, 4]}>
              <PilotStatusTag status={data.status} />
              <Tag>{label('env', data.environment)}</Tag>
            </Space>
          </div>
        </Space>
        {canDecide && (
          <Space wrap className="pilot-decide">
            {DECISIONS.map((decision) => (
              <Button
                key={decision}
                type={decision === 'roll_out' ? 'primary' : 'default'}
                danger={decision === 'stop'}
                icon={DECISION_ICONS[decision]}
                onClick={() => setDeciding(decision)}
              >
                {t(`pilot.decision.${decision}`)}
              </Button>
            ))}
          </Space>
        )}
      </div>

      {!running && <Alert type="info" showIcon message={t('pilot.concluded', { status: t(`pilot.status.${data.status}`) })} />}

      <Card size="small" title={t('pilot.basics')}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={[
            { key: 'unit', label: t('pilot.unit'), children: data.unit?.name ?? '—' },
            { key: 'env', label: t('pilot.environment'), children: label('env', data.environment) },
            { key: 'period', label: t('pilot.col.period'), children: t('pilot.period', { start: formatDate(data.start_date), end: formatDate(data.end_date) }) },
            { key: 'status', label: t('pilot.col.status'), children: <PilotStatusTag status={data.status} /> },
            { key: 'created', label: t('pilot.createdBy'), children: t('pilot.byAt', { user: data.created_by, time: formatTime(data.created_at) }) },
            ...(data.concluded_at ? [{ key: 'concluded', label: t('pilot.concludedAt'), children: formatTime(data.concluded_at) }] : []),
            { key: 'description', label: t('pilot.description'), span: 'filled' as const, children: <div className="pre-wrap">{data.description}</div> },
            { key: 'goal', label: t('pilot.goal'), span: 'filled' as const, children: <div className="pre-wrap">{data.goal || '—'}</div> },
          ]}
        />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={`${t('pilot.feedback')}（${data.feedback.length}）`}
            extra={
              canFeedBack && !feedbackOpen ? (
                <Button size="small" type="primary" onClick={() => setFeedbackOpen(true)}>
                  {t('pilot.addFeedback')}
                </Button>
              ) : undefined
            }
          >
            <Space direction="vertical" size="middle" className="full-width">
              {canFeedBack && feedbackOpen && <FeedbackFormCard pilot={data} asOf={asOf} onDone={() => setFeedbackOpen(false)} />}
              {feedback.length ? (
                <Timeline
                  className="pilot-feedback"
                  items={feedback.map((entry) => ({
                    key: entry.id,
                    children: (
                      <div className="pilot-feedback-item">
                        <Typography.Text strong>{formatDate(entry.reported_on)}</Typography.Text>{' '}
                        <Typography.Text type="secondary">
                          {[entry.unit?.short_name, entry.author].filter(Boolean).join(' · ')}
                        </Typography.Text>
                        <div className="pre-wrap">{entry.content}</div>
                        {entry.progress_note && (
                          <Typography.Text type="secondary" className="pre-wrap">
                            {t('pilot.progressNoteLine', { note: entry.progress_note })}
                          </Typography.Text>
                        )}
                      </div>
                    ),
                  }))}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pilot.feedbackNone')} />
              )}
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Space direction="vertical" size="middle" className="full-width">
            <Card size="small" title={t('pilot.decisions')}>
              <List<DecisionRead>
                dataSource={decisions}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pilot.decisionsNone')} /> }}
                renderItem={(decision) => (
                  <List.Item className="pilot-decision" data-decision={decision.decision}>
                    <Space direction="vertical" size={2} className="full-width">
                      <Space wrap size={[4, 4]}>
                        <Tag color={DECISION_COLORS[decision.decision]}>{t(`pilot.decision.${decision.decision}`)}</Tag>
                        <Typography.Text type="secondary">{t('pilot.byAt', { user: decision.decided_by, time: formatTime(decision.decided_at) })}</Typography.Text>
                      </Space>
                      <div className="pre-wrap">{decision.comment}</div>
                      <DecisionChanges decision={decision} asOf={asOf} />
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
            <Card size="small" title={`${t('pilot.tasks')}（${data.tasks.length}）`}>
              <TaskList tasks={data.tasks} asOf={asOf} />
            </Card>
          </Space>
        </Col>
      </Row>

      {deciding && <PilotDecisionModal pilot={data} decision={deciding} asOf={asOf} onClose={() => setDeciding(null)} />}
    </Space>
  );
}
