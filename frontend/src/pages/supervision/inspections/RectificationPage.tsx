import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Space,
  Spin,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { ArrowLeftOutlined, CheckOutlined, PaperClipOutlined, RollbackOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { tasksApi } from '../../../api/http';
import { ApiError, unwrap } from '../../../api/problem';
import type { Me } from '../../../api/types';
import { errorText, LoadError, ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { isReadOnly } from '../../../nav/menu';
import { asOfSuffix, formatDate, useAsOf } from '../../../tasks/hooks';
import { WarningTag } from '../../../tasks/tags';
import { downloadRectificationAttachment, KEYS, uploadRectificationAttachment, useRectification } from './api';
import { decidesRectifications, ownsRectification } from './permissions';
import { KindTag, RectStatusTag, SeverityTag } from './tags';
import type { RectificationRead } from './types';
import './inspections.css';

type Decision = 'verify' | 'return';

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx';
const MAX_ATTACHMENTS = 10;

function Attachments({ r }: { r: RectificationRead }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  if (!r.attachments.length) return <Typography.Text type="secondary">{t('rect.noAttachments')}</Typography.Text>;
  return (
    <Space wrap className="rect-attachments">
      {r.attachments.map((attachment) => (
        <Button
          key={attachment.index}
          type="link"
          size="small"
          icon={<PaperClipOutlined />}
          onClick={() =>
            void downloadRectificationAttachment(r.id, attachment.index, attachment.filename).catch((error: unknown) =>
              message.error(errorText(error, t('error.loadFailed'))),
            )
          }
        >
          {attachment.filename}
        </Button>
      ))}
    </Space>
  );
}

/** The owner unit's evidence: files are added at once (while open), the text goes with the submission. */
function SubmitEvidence({ r, asOf }: { r: RectificationRead; asOf?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ evidence: string }>();
  const [uploading, setUploading] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: KEYS.rectifications });
  const submit = useMutation({
    mutationFn: async (evidence: string) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/rectifications/{rectification_id}/submit', {
          params: { path: { rectification_id: r.id }, query: { as_of: asOf } },
          body: { evidence: evidence.trim() },
        }),
      ),
    onSuccess: () => {
      void message.success(t('rect.submitDone'));
      refresh();
      void queryClient.invalidateQueries({ queryKey: KEYS.inspections });
    },
  });
  return (
    <Card size="small" title={t('rect.submitTitle')} className="rect-submit">
      <Form form={form} layout="vertical" initialValues={{ evidence: r.evidence ?? '' }} onFinish={({ evidence }) => submit.mutate(evidence)}>
        <Form.Item
          name="evidence"
          label={t('rect.evidence')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('rect.evidenceRequired') }]}
        >
          <Input.TextArea rows={5} maxLength={8000} showCount placeholder={t('rect.evidencePlaceholder')} />
        </Form.Item>
        <Form.Item label={t('rect.attachments')} extra={t('rect.attachmentsHint')}>
          <Space direction="vertical" className="full-width">
            <Attachments r={r} />
            {r.attachments.length < MAX_ATTACHMENTS && (
              <Upload
                showUploadList={false}
                accept={ACCEPT}
                customRequest={({ file, onSuccess, onError }) => {
                  setUploading(true);
                  uploadRectificationAttachment(r.id, file as File, asOf)
                    .then((saved) => {
                      onSuccess?.(saved);
                      void message.success(t('rect.attachmentAdded'));
                      refresh();
                    })
                    .catch((error: Error) => {
                      onError?.(error);
                      void message.error(errorText(error, t('error.loadFailed')));
                    })
                    .finally(() => setUploading(false));
                }}
              >
                <Button icon={<UploadOutlined />} loading={uploading}>
                  {t('rect.addAttachment')}
                </Button>
              </Upload>
            )}
          </Space>
        </Form.Item>
        {submit.error && <ProblemAlert error={submit.error} />}
        <Popconfirm
          title={t('rect.submit')}
          description={<div className="confirm-text">{t('rect.submitConfirm', { date: asOf ?? dayjs().format('YYYY-MM-DD') })}</div>}
          onConfirm={() => form.submit()}
        >
          <Button type="primary" icon={<SendOutlined />} loading={submit.isPending}>
            {t('rect.submit')}
          </Button>
        </Popconfirm>
      </Form>
    </Card>
  );
}

/** Verify or return a submitted rectification; returning needs a reason the unit can act on. */
function DecisionModal({ r, decision, asOf, onClose }: { r: RectificationRead; decision: Decision; asOf?: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ comment?: string }>();
  const decide = useMutation({
    mutationFn: async (comment: string | undefined) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/rectifications/{rectification_id}/decision', {
          params: { path: { rectification_id: r.id }, query: { as_of: asOf } },
          body: { decision, comment: comment?.trim() || null },
        }),
      ),
    onSuccess: () => {
      void message.success(decision === 'verify' ? t('rect.verifyDone') : t('rect.returnDone'));
      void queryClient.invalidateQueries({ queryKey: KEYS.rectifications });
      void queryClient.invalidateQueries({ queryKey: KEYS.inspections });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={decision === 'verify' ? t('rect.verifyTitle') : t('rect.returnTitle')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(({ comment }) => decide.mutate(comment)).catch(() => undefined)}
      okText={decision === 'verify' ? t('rect.verify') : t('rect.return')}
      okButtonProps={{ danger: decision === 'return' }}
      confirmLoading={decide.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {decision === 'verify' ? t('rect.verifyHint', { date: asOf ?? dayjs().format('YYYY-MM-DD') }) : t('rect.returnHint')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="comment"
          label={decision === 'verify' ? t('rect.verifyComment') : t('rect.returnReason')}
          rules={decision === 'return' ? [{ required: true, whitespace: true, message: t('rect.returnReasonRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
      {decide.error && <ProblemAlert error={decide.error} />}
    </Modal>
  );
}

/**
 * What happened to the rectification, from its own fields: issued, returned (count and the latest reason),
 * submitted, verified. The API keeps only the latest return reason on the record.
 */
function History({ r }: { r: RectificationRead }) {
  const { t } = useI18n();
  const items = [
    { key: 'issued', color: 'blue', children: t('rect.history.issued', { date: formatDate(r.issued_on), code: r.inspection_code, due: formatDate(r.due_date) }) },
  ];
  if (r.returned_count > 0) {
    items.push({
      key: 'returned',
      color: 'red',
      children: `${t('rect.history.returned', { count: r.returned_count })}${r.return_reason ? t('rect.history.lastReason', { reason: r.return_reason }) : ''}`,
    });
  }
  if (r.submitted_on) {
    items.push({ key: 'submitted', color: 'blue', children: t('rect.history.submitted', { date: formatDate(r.submitted_on), user: r.submitted_by ?? '—' }) });
  }
  if (r.verified_on) {
    items.push({
      key: 'verified',
      color: 'green',
      children: `${t('rect.history.verified', { date: formatDate(r.verified_on), user: r.verified_by ?? '—' })}${r.verification_comment ? t('rect.history.comment', { comment: r.verification_comment }) : ''}`,
    });
  }
  return <Timeline className="rect-history" items={items.map(({ key, color, children }) => ({ key, color, children: <span data-step={key}>{children}</span> }))} />;
}

/** One rectification: finding, owner, due date and warning; evidence and its submission; the office's decision. */
export function RectificationPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [asOf, setAsOf] = useAsOf();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const rectification = useRectification(id, asOf);
  const cameFromApp = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;
  const back = () => (cameFromApp ? navigate(-1) : navigate(`/supervision/inspections${asOfSuffix(asOf, { tab: 'rectifications' })}`));

  if (rectification.error) {
    const status = rectification.error instanceof ApiError ? (rectification.error.problem as { status?: number } | undefined)?.status : undefined;
    return status === 404 || status === 403 || status === 422 ? (
      <Result status="404" title={t('rect.notFound')} extra={<Button onClick={back}>{t('insp.back')}</Button>} />
    ) : (
      <LoadError error={rectification.error} />
    );
  }
  if (!rectification.data) return <Spin className="page-spin" />;

  const r = rectification.data;
  const writable = !isReadOnly(me.roles);
  const canSubmit = writable && ownsRectification(me, r) && r.status === 'open';
  const canDecide = writable && decidesRectifications(me) && r.status === 'submitted';
  const items = [
    {
      key: 'inspection',
      label: t('rect.field.inspection'),
      children: (
        <Space wrap size={[4, 4]}>
          <Link to={`/supervision/inspections/${encodeURIComponent(r.inspection_code)}${asOfSuffix(asOf)}`}>{r.inspection_code}</Link>
          <KindTag kind={r.inspection_kind} />
        </Space>
      ),
    },
    {
      key: 'task',
      label: t('insp.form.task'),
      children: r.task_code ? <Link to={`/tasks/${encodeURIComponent(r.task_code)}${asOfSuffix(asOf)}`}>{r.task_code}</Link> : '—',
    },
    { key: 'owner', label: t('rect.col.owner'), children: r.owner_unit?.name ?? '—' },
    { key: 'issued', label: t('rect.col.issued'), children: formatDate(r.issued_on) },
    { key: 'deadline', label: t('insp.finding.deadlineDays'), children: t('rect.deadlineDays', { days: r.deadline_days }) },
    { key: 'due', label: t('rect.col.due'), children: t('rect.dueAt', { date: formatDate(r.due_date) }) },
    { key: 'returned', label: t('rect.field.returnedCount'), children: r.returned_count },
  ];

  return (
    <Space direction="vertical" size="middle" className="full-width rect-detail">
      <div className="page-header">
        <Space align="start">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('common.back')} />
          <div>
            <Typography.Text type="secondary">{t('rect.title')}</Typography.Text>
            <Typography.Title level={4} className="page-title rect-title">
              {r.finding}
            </Typography.Title>
            <Space wrap size={[4, 4]}>
              <RectStatusTag rectification={r} />
              <WarningTag warning={r.warning} />
              <SeverityTag severity={r.severity} />
            </Space>
          </div>
        </Space>
        <Space wrap>
          <Space.Compact>
            <Space.Addon className="ledger-addon">{t('ledger.asOf')}</Space.Addon>
            <DatePicker aria-label={t('ledger.asOf')} value={asOf ? dayjs(asOf) : null} onChange={setAsOf} placeholder={t('ledger.asOfToday')} className="ledger-asof" />
          </Space.Compact>
          {canDecide && (
            <>
              <Button type="primary" icon={<CheckOutlined />} onClick={() => setDeciding('verify')}>
                {t('rect.verify')}
              </Button>
              <Button danger icon={<RollbackOutlined />} onClick={() => setDeciding('return')}>
                {t('rect.return')}
              </Button>
            </>
          )}
        </Space>
      </div>

      {r.warning !== 'none' && (
        <Alert type={r.warning === 'red' ? 'error' : 'warning'} showIcon message={r.warning_reasons.join('；') || t(`warning.${r.warning}`)} className="rect-warning-alert" />
      )}
      {r.status === 'open' && r.return_reason && (
        <Alert type="error" showIcon className="rect-returned" message={t('rect.returnedAlert', { count: r.returned_count })} description={r.return_reason} />
      )}

      <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }} styles={{ label: { whiteSpace: 'nowrap' } }} items={items} />

      {canSubmit ? (
        <SubmitEvidence r={r} asOf={asOf} />
      ) : (
        <Card size="small" title={t('rect.evidenceTitle')} className="rect-evidence">
          {r.status === 'open' ? (
            <Space direction="vertical" className="full-width">
              <Typography.Text type="secondary">{t('rect.notSubmitted')}</Typography.Text>
              {r.evidence && (
                <Typography.Paragraph type="secondary" className="pre-wrap rect-evidence-text">
                  {t('rect.previousEvidence', { evidence: r.evidence })}
                </Typography.Paragraph>
              )}
            </Space>
          ) : (
            <Space direction="vertical" className="full-width">
              <Typography.Text type="secondary">{t('rect.submittedBy', { user: r.submitted_by ?? '—', date: formatDate(r.submitted_on) })}</Typography.Text>
              <Typography.Paragraph className="pre-wrap rect-evidence-text">{r.evidence}</Typography.Paragraph>
            </Space>
          )}
          <Attachments r={r} />
        </Card>
      )}

      <Card size="small" title={t('rect.historyTitle')}>
        <History r={r} />
      </Card>
      {deciding && <DecisionModal r={r} decision={deciding} asOf={asOf} onClose={() => setDeciding(null)} />}
    </Space>
  );
}
