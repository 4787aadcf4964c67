import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, List, Result, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { tasksApi } from '../../../api/http';
import { ApiError, unwrap } from '../../../api/problem';
import type { Me } from '../../../api/types';
import { errorText, LoadError, ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { isReadOnly } from '../../../nav/menu';
import { asOfSuffix, DATE, filterUnitOption, formatDate, formatTime, unitOptions, useAsOf, useUnits } from '../../../tasks/hooks';
import { isOffice, recordsReplication } from '../../../tasks/permissions';
import { downloadEvidence, type BestPracticeRead, type ReplicationRead } from './shared';

interface ReplicationForm {
  unit_id?: string;
  adopted_on: Dayjs;
  note?: string;
}

/** 记录复制推广: the office picks any other unit; an adopting unit records its own adoption. */
function ReplicationFormCard({ me, practice, asOf, onDone }: { me: Me; practice: BestPracticeRead; asOf?: string; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const units = useUnits();
  const [form] = Form.useForm<ReplicationForm>();
  const office = isOffice(me);
  const today = asOf ? dayjs(asOf) : dayjs();
  const adopted = new Set(practice.replications.map((r) => r.unit?.id));
  const record = useMutation({
    mutationFn: async (values: ReplicationForm) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/best-practices/{code}/replications', {
          params: { path: { code: practice.code }, query: { as_of: asOf } },
          body: { unit_id: office ? values.unit_id : null, adopted_on: values.adopted_on.format(DATE), note: values.note?.trim() || null },
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(['tasks', 'practices', 'detail', practice.code, asOf], updated);
      void message.success(t('bp.replicated'));
      void queryClient.invalidateQueries({ queryKey: ['tasks', 'practices', 'list'] });
      onDone();
    },
  });
  const choices = unitOptions(units.data).filter((option) => option.value !== practice.unit?.id && !adopted.has(option.value));
  return (
    <Card size="small" title={t('bp.replicate')} className="replication-form">
      <Form<ReplicationForm> form={form} layout="vertical" initialValues={{ adopted_on: today }} onFinish={(values) => record.mutate(values)}>
        {office ? (
          <Form.Item name="unit_id" label={t('bp.replicateUnit')} rules={[{ required: true, message: t('bp.replicateUnitRequired') }]}>
            <Select showSearch options={choices} filterOption={filterUnitOption} loading={units.isPending} />
          </Form.Item>
        ) : (
          <Typography.Paragraph>{t('bp.ownUnit', { unit: me.unit.short_name || me.unit.name })}</Typography.Paragraph>
        )}
        <Form.Item name="adopted_on" label={t('bp.adoptedOn')} rules={[{ required: true, message: t('bp.adoptedOnRequired') }]}>
          <DatePicker disabledDate={(day) => day.isAfter(today, 'day')} onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()} />
        </Form.Item>
        <Form.Item name="note" label={t('bp.note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        {record.error && <ProblemAlert error={record.error} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={record.isPending}>
            {t('common.submit')}
          </Button>
          <Button onClick={onDone}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** Whether and how this user may record a replication now, with the reason shown when a unit may not. */
function replicationState(me: Me, practice: BestPracticeRead): { allowed: boolean; note?: 'own' | { date: string } } {
  if (isReadOnly(me.roles)) return { allowed: false };
  if (isOffice(me)) return { allowed: recordsReplication(me, practice) };
  if (practice.unit?.id === me.unit.id) return { allowed: false, note: 'own' };
  const earlier = practice.replications.find((r) => r.unit?.id === me.unit.id);
  if (earlier) return { allowed: false, note: { date: earlier.adopted_on } };
  return { allowed: recordsReplication(me, practice) };
}

/** One best practice: summary, evidence (with its files), source task, and who adopted it when. */
export function PracticeDetailPage({ me }: { me: Me }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const [asOf] = useAsOf();
  const [formOpen, setFormOpen] = useState(false);
  const practice = useQuery({
    queryKey: ['tasks', 'practices', 'detail', code, asOf],
    queryFn: async () =>
      unwrap(await tasksApi.GET('/api/tasks/v1/best-practices/{code}', { params: { path: { code }, query: { as_of: asOf } } })),
  });
  const cameFromApp = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;
  const back = () => (cameFromApp ? navigate(-1) : navigate(`/supervision/practices${asOfSuffix(asOf)}`));

  if (practice.error) {
    const status = practice.error instanceof ApiError ? (practice.error.problem as { status?: number } | undefined)?.status : undefined;
    return status === 404 || status === 403 ? (
      <Result status="404" title={t('bp.notFound')} extra={<Button onClick={back}>{t('bp.back')}</Button>} />
    ) : (
      <LoadError error={practice.error} />
    );
  }
  if (!practice.data) return <Spin className="page-spin" />;

  const data = practice.data;
  const state = replicationState(me, data);
  const replications = [...data.replications].sort((a, b) => a.adopted_on.localeCompare(b.adopted_on));
  return (
    <Space direction="vertical" size="middle" className="full-width practice-detail">
      <div className="page-header">
        <Space align="start" className="task-heading">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('bp.back')} />
          <div>
            <Typography.Text type="secondary" className="task-code">
              {data.code}
            </Typography.Text>
            <Typography.Title level={4} className="page-title">
              {data.title}
            </Typography.Title>
            <Space wrap size={[4, 4]}>
              <Tag>{label('env', data.environment)}</Tag>
              <Tag color={data.adoption_count ? 'green' : 'default'}>{t('bp.adoptions', { count: data.adoption_count })}</Tag>
            </Space>
          </div>
        </Space>
      </div>

      <Card size="small" title={t('bp.basics')}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={[
            { key: 'unit', label: t('bp.unit'), children: data.unit?.name ?? '—' },
            {
              key: 'task',
              label: t('bp.sourceTask'),
              children: <Link to={`/tasks/${encodeURIComponent(data.task_code)}${asOfSuffix(asOf)}`}>{data.task_code}</Link>,
            },
            { key: 'published', label: t('bp.publishedAt'), children: formatTime(data.published_at) },
            { key: 'by', label: t('bp.createdBy'), children: data.created_by },
            { key: 'summary', label: t('bp.summary'), span: 'filled' as const, children: <div className="pre-wrap">{data.summary}</div> },
            { key: 'evidence', label: t('bp.evidence'), span: 'filled' as const, children: <div className="pre-wrap">{data.evidence}</div> },
          ]}
        />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('bp.attachments')}>
            <List
              dataSource={data.attachments}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bp.noAttachments')} /> }}
              renderItem={(file) => (
                <List.Item
                  className="practice-file"
                  actions={[
                    <Button
                      key="download"
                      type="link"
                      size="small"
                      icon={<DownloadOutlined />}
                      aria-label={`${t('bp.download')} ${file.filename}`}
                      onClick={() =>
                        void downloadEvidence(data.code, file).catch((error: unknown) =>
                          message.error(errorText(error, t('bp.downloadFailed'))),
                        )
                      }
                    >
                      {t('bp.download')}
                    </Button>,
                  ]}
                >
                  <Space size={4} wrap>
                    <PaperClipOutlined />
                    <span className="pre-wrap">{file.filename}</span>
                    <Typography.Text type="secondary">{t('bp.size', { size: Math.max(1, Math.round(file.size / 1024)) })}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={t('bp.replications')}
            extra={
              state.allowed && !formOpen ? (
                <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)}>
                  {t('bp.replicate')}
                </Button>
              ) : undefined
            }
          >
            <Space direction="vertical" size="middle" className="full-width">
              {state.note === 'own' && <Alert type="info" showIcon message={t('bp.isOwnPractice')} />}
              {typeof state.note === 'object' && <Alert type="success" showIcon message={t('bp.alreadyAdopted', { date: formatDate(state.note.date) })} />}
              {state.allowed && formOpen && <ReplicationFormCard me={me} practice={data} asOf={asOf} onDone={() => setFormOpen(false)} />}
              <List<ReplicationRead>
                dataSource={replications}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bp.noReplications')} /> }}
                renderItem={(replication) => (
                  <List.Item className="replication-item" data-unit={replication.unit?.id}>
                    <Space direction="vertical" size={2} className="full-width">
                      <Space wrap size={[8, 4]}>
                        <Typography.Text strong>{replication.unit?.name ?? '—'}</Typography.Text>
                        <Tag color="green">
                          {t('bp.adoptedOn')} {formatDate(replication.adopted_on)}
                        </Tag>
                      </Space>
                      {replication.note && <div className="pre-wrap">{replication.note}</div>}
                      <Typography.Text type="secondary">
                        {t('bp.recordedBy', { user: replication.recorded_by, time: formatTime(replication.recorded_at) })}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            </Space>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
