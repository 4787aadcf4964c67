import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, Empty, Form, List, Modal, Result, Space, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { tasksApi } from '../../../api/http';
import { ApiError, unwrap } from '../../../api/problem';
import type { Me } from '../../../api/types';
import { LoadError, ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { isReadOnly } from '../../../nav/menu';
import { asOfSuffix, formatDate, formatTime, useAsOf } from '../../../tasks/hooks';
import { WarningTag } from '../../../tasks/tags';
import { KEYS, useInspection } from './api';
import { FindingsFields, findingsBody, NEW_FINDING, type FindingValues } from './FindingsFields';
import { recordsInspections } from './permissions';
import { KindTag, RectStatusTag, SeverityTag } from './tags';
import { isUnverified, rectificationsOf, type FindingRead, type InspectionRead } from './types';
import './inspections.css';

/** 补充问题: findings found after the inspection was recorded. */
function AddFindingsModal({ inspection, asOf, onClose }: { inspection: InspectionRead; asOf?: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ findings: FindingValues[] }>();
  const add = useMutation({
    mutationFn: async (findings: FindingValues[]) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/inspections/{code}/findings', {
          params: { path: { code: inspection.code }, query: { as_of: asOf } },
          body: { findings: findingsBody(findings) },
        }),
      ),
    onSuccess: () => {
      void message.success(t('insp.addFindings.done'));
      void queryClient.invalidateQueries({ queryKey: KEYS.inspections });
      void queryClient.invalidateQueries({ queryKey: KEYS.rectifications });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('insp.addFindings.title', { code: inspection.code })}
      width={640}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.submit')}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ findings: [{ ...NEW_FINDING }] }} onFinish={(values) => add.mutate(values.findings)}>
        <FindingsFields min={1} />
      </Form>
      {add.error && <ProblemAlert error={add.error} />}
    </Modal>
  );
}

function FindingItem({ finding, asOf }: { finding: FindingRead; asOf?: string }) {
  const { t } = useI18n();
  const r = finding.rectification;
  return (
    <List.Item className="insp-finding" data-severity={finding.severity}>
      <div className="insp-finding-body">
        <Space wrap size={[4, 4]}>
          <Typography.Text strong>{t('insp.findingSeq', { seq: finding.seq })}</Typography.Text>
          <SeverityTag severity={finding.severity} />
          {!finding.requires_rectification && <Tag>{t('insp.noRectification')}</Tag>}
        </Space>
        <Typography.Paragraph className="pre-wrap insp-finding-text">{finding.description}</Typography.Paragraph>
        {r && (
          <Card size="small" className="insp-rect" data-warning={r.warning}>
            <Space wrap size={[8, 4]} className="insp-rect-line">
              <RectStatusTag rectification={r} />
              <WarningTag warning={r.warning} reasons={r.warning_reasons} />
              <span>{t('rect.ownerLine', { unit: r.owner_unit?.short_name ?? '—' })}</span>
              <span className="nowrap">{t('rect.dueLine', { date: formatDate(r.due_date), days: r.deadline_days })}</span>
              <Link to={`/supervision/rectifications/${r.id}${asOfSuffix(asOf)}`} className="insp-rect-link">
                {t('rect.open')} <RightOutlined />
              </Link>
            </Space>
            {r.warning_reasons.length > 0 && (
              <Typography.Text type="secondary" className="rect-reasons">
                {r.warning_reasons.join('；')}
              </Typography.Text>
            )}
          </Card>
        )}
      </div>
    </List.Item>
  );
}

/** One inspection: what was inspected, how, by whom, and each finding with its rectification. */
export function InspectionDetailPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const [asOf, setAsOf] = useAsOf();
  const [adding, setAdding] = useState(false);
  const inspection = useInspection(code, asOf);
  const cameFromApp = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;
  const back = () => (cameFromApp ? navigate(-1) : navigate(`/supervision/inspections${asOfSuffix(asOf)}`));

  if (inspection.error) {
    const status = inspection.error instanceof ApiError ? (inspection.error.problem as { status?: number } | undefined)?.status : undefined;
    return status === 404 || status === 403 ? (
      <Result status="404" title={t('insp.notFound')} extra={<Button onClick={back}>{t('insp.back')}</Button>} />
    ) : (
      <LoadError error={inspection.error} />
    );
  }
  if (!inspection.data) return <Spin className="page-spin" />;

  const data = inspection.data;
  const open = rectificationsOf(data).filter(isUnverified);
  const canAdd = recordsInspections(me) && !isReadOnly(me.roles);
  const items = [
    { key: 'kind', label: t('insp.col.kind'), children: <KindTag kind={data.kind} /> },
    { key: 'date', label: t('insp.col.date'), children: formatDate(data.inspected_on) },
    { key: 'unit', label: t('insp.form.unit'), children: data.unit?.name ?? '—' },
    {
      key: 'task',
      label: t('insp.form.task'),
      children: data.task_code ? (
        <span>
          <Link to={`/tasks/${encodeURIComponent(data.task_code)}${asOfSuffix(asOf)}`}>{data.task_code}</Link> {data.task_title}
        </span>
      ) : (
        '—'
      ),
    },
    { key: 'inspectors', label: t('insp.col.inspectors'), children: data.inspectors.join('、') },
    { key: 'created', label: t('insp.field.created'), children: t('insp.createdBy', { user: data.created_by, time: formatTime(data.created_at) }) },
    { key: 'method', label: t('insp.field.method'), span: 'filled' as const, children: <div className="pre-wrap">{data.method}</div> },
    { key: 'summary', label: t('insp.field.summary'), span: 'filled' as const, children: <div className="pre-wrap">{data.summary || '—'}</div> },
  ];
  const heading = data.task_title ?? data.unit?.name ?? data.code;
  return (
    <Space direction="vertical" size="middle" className="full-width insp-detail">
      <div className="page-header">
        <Space align="start">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('common.back')} />
          <div>
            <Typography.Text type="secondary">{data.code}</Typography.Text>
            <Typography.Title level={4} className="page-title">
              {heading}
            </Typography.Title>
            <Space wrap size={[4, 4]}>
              <KindTag kind={data.kind} />
              <Tag>{t('insp.findingsCount', { count: data.findings.length })}</Tag>
              {open.length > 0 && <Tag color="orange">{t('insp.openCount', { count: open.length })}</Tag>}
            </Space>
          </div>
        </Space>
        <Space wrap>
          <Space.Compact>
            <Space.Addon className="ledger-addon">{t('ledger.asOf')}</Space.Addon>
            <DatePicker aria-label={t('ledger.asOf')} value={asOf ? dayjs(asOf) : null} onChange={setAsOf} placeholder={t('ledger.asOfToday')} className="ledger-asof" />
          </Space.Compact>
          {canAdd && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('insp.addFindings')}
            </Button>
          )}
        </Space>
      </div>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }} styles={{ label: { whiteSpace: 'nowrap' } }} items={items} />
      <Card size="small" title={t('insp.findings')}>
        <List<FindingRead>
          className="insp-finding-list"
          dataSource={[...data.findings].sort((a, b) => a.seq - b.seq)}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('insp.noFindings')} /> }}
          renderItem={(finding) => <FindingItem finding={finding} asOf={asOf} />}
        />
      </Card>
      {adding && <AddFindingsModal inspection={data} asOf={asOf} onClose={() => setAdding(false)} />}
    </Space>
  );
}
