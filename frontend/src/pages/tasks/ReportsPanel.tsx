import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, InputNumber, List, Modal, Space, Tag, Typography, Upload, type UploadFile } from 'antd';
import { CheckOutlined, EditOutlined, PaperClipOutlined, RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import { tasksApi } from '../../api/http';
import { unwrap } from '../../api/problem';
import type { Me, ReportRead, TaskRead } from '../../api/types';
import { errorText, LoadError, ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { downloadAttachment, uploadAttachment } from '../../tasks/attachments';
import { formatTime } from '../../tasks/hooks';
import { reportsOnTask, reviewsReports } from '../../tasks/permissions';
import { ReportStatusTag } from '../../tasks/tags';

type Decision = 'approve' | 'return';

/** Approve or return a submitted report; returning needs a comment the unit can act on. */
export function ReviewModal({ report, decision, asOf, onClose }: { report: ReportRead; decision: Decision; asOf?: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ comment?: string }>();
  const review = useMutation({
    mutationFn: async (comment: string | undefined) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/reports/{report_id}/review', {
          params: { path: { report_id: report.id }, query: { as_of: asOf } },
          body: { decision, comment: comment?.trim() || null },
        }),
      ),
    onSuccess: () => {
      void message.success(decision === 'approve' ? t('report.approveDone') : t('report.returnedDone'));
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={decision === 'approve' ? t('report.approveTitle') : t('report.returnTitle')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(({ comment }) => review.mutate(comment)).catch(() => undefined)}
      okText={decision === 'approve' ? t('report.approve') : t('report.return')}
      okButtonProps={{ danger: decision === 'return' }}
      confirmLoading={review.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph className="report-content" ellipsis={{ rows: 4, expandable: true }}>
        {report.content}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="comment"
          label={t('report.reviewComment')}
          rules={decision === 'return' ? [{ required: true, whitespace: true, message: t('report.returnCommentRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
      {review.error && <ProblemAlert error={review.error} />}
    </Modal>
  );
}

interface ReportForm {
  content: string;
  progress: number;
}

function SubmitForm({ task, asOf, onDone }: { task: TaskRead; asOf?: string; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ReportForm>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const submit = useMutation({
    mutationFn: async (values: ReportForm) => {
      const report = unwrap(
        await tasksApi.POST('/api/tasks/v1/tasks/{code}/reports', {
          params: { path: { code: task.code }, query: { as_of: asOf } },
          body: { content: values.content.trim(), progress: values.progress },
        }),
      );
      // Attachments belong to a saved report; a failed one leaves the report in place and says why.
      for (const file of files) {
        try {
          await uploadAttachment(report.id, file.originFileObj as File, asOf);
        } catch (error) {
          void message.error(t('report.attachFailed', { name: file.name, reason: errorText(error, '') }));
        }
      }
      return report;
    },
    onSuccess: () => {
      void message.success(t('report.submitDone'));
      form.resetFields();
      setFiles([]);
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      onDone();
    },
  });
  return (
    <Card size="small" title={t('report.submitTitle')} className="report-form">
      <Form<ReportForm> form={form} layout="vertical" initialValues={{ progress: task.progress }} onFinish={(values) => submit.mutate(values)}>
        <Form.Item
          name="content"
          label={t('report.content')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('report.contentRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={8000} showCount />
        </Form.Item>
        <Form.Item
          name="progress"
          label={t('report.progress')}
          extra={t('report.progressNow', { value: task.progress })}
          rules={[{ required: true, message: t('report.progressRequired') }]}
        >
          <InputNumber min={0} max={100} precision={0} suffix="%" />
        </Form.Item>
        <Form.Item label={t('report.attachments')} extra={t('report.attachmentsHint')}>
          <Upload
            multiple
            fileList={files}
            accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx"
            beforeUpload={(file) => {
              setFiles((current) => [...current, { uid: file.uid, name: file.name, originFileObj: file } as UploadFile]);
              return false;
            }}
            onRemove={(file) => setFiles((current) => current.filter((f) => f.uid !== file.uid))}
          >
            <Button icon={<PaperClipOutlined />}>{t('report.chooseFiles')}</Button>
          </Upload>
        </Form.Item>
        {submit.error && <ProblemAlert error={submit.error} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={submit.isPending}>
            {t('common.submit')}
          </Button>
          <Button onClick={onDone}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

function AddAttachment({ report, asOf }: { report: ReportRead; asOf?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return (
    <Upload
      showUploadList={false}
      accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx"
      customRequest={({ file, onSuccess, onError }) => {
        uploadAttachment(report.id, file as File, asOf)
          .then((saved) => {
            onSuccess?.(saved);
            void message.success(t('report.attachmentAdded'));
            void queryClient.invalidateQueries({ queryKey: ['tasks'] });
          })
          .catch((error: Error) => {
            onError?.(error);
            void message.error(errorText(error, t('error.loadFailed')));
          });
      }}
    >
      <Button size="small" icon={<UploadOutlined />}>
        {t('report.addAttachment')}
      </Button>
    </Upload>
  );
}

/** Progress reports of a task, newest first, with the submit form and the review actions. */
export function ReportsPanel({ me, task, asOf, openForm }: { me: Me; task: TaskRead; asOf?: string; openForm: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [formOpen, setFormOpen] = useState(openForm);
  const [reviewing, setReviewing] = useState<{ report: ReportRead; decision: Decision } | null>(null);
  const reports = useQuery({
    queryKey: ['tasks', 'reports', task.code, asOf],
    queryFn: async () =>
      unwrap(await tasksApi.GET('/api/tasks/v1/tasks/{code}/reports', { params: { path: { code: task.code }, query: { as_of: asOf } } })),
  });
  const canReport = reportsOnTask(me, task);
  const canReview = reviewsReports(me, task);
  const items = [...(reports.data ?? [])].sort((a, b) => b.submitted_at.localeCompare(a.submitted_at));

  return (
    <Space direction="vertical" size="middle" className="full-width">
      {canReport && !formOpen && (
        <Button type="primary" icon={<EditOutlined />} onClick={() => setFormOpen(true)}>
          {t('report.submitButton')}
        </Button>
      )}
      {canReport && formOpen && <SubmitForm task={task} asOf={asOf} onDone={() => setFormOpen(false)} />}
      <LoadError error={reports.error} />
      <List<ReportRead>
        className="report-list"
        itemLayout="vertical"
        loading={reports.isPending}
        dataSource={items}
        locale={{ emptyText: <Empty description={t('report.none')} /> }}
        renderItem={(report) => {
          const actions = [];
          if (canReview && report.status === 'submitted') {
            actions.push(
              <Button key="approve" type="primary" size="small" icon={<CheckOutlined />} onClick={() => setReviewing({ report, decision: 'approve' })}>
                {t('report.approve')}
              </Button>,
              <Button key="return" danger size="small" icon={<RollbackOutlined />} onClick={() => setReviewing({ report, decision: 'return' })}>
                {t('report.return')}
              </Button>,
            );
          }
          if (report.status === 'submitted' && report.unit?.id === me.unit.id) {
            actions.push(<AddAttachment key="attach" report={report} asOf={asOf} />);
          }
          return (
            <List.Item className="report-item" data-status={report.status} actions={actions}>
              <List.Item.Meta
                title={
                  <Space wrap size={[8, 4]}>
                    <span>{report.unit?.short_name ?? '—'}</span>
                    <ReportStatusTag status={report.status} />
                    {report.late && <Tag color="orange">{t('report.late')}</Tag>}
                    <Typography.Text type="secondary">{t('report.period', { start: report.period_start, end: report.period_end })}</Typography.Text>
                    <Tag>{t('common.percent', { value: report.progress })}</Tag>
                  </Space>
                }
                description={t('report.by', { user: report.submitted_by, time: formatTime(report.submitted_at) })}
              />
              <div className="report-content">{report.content}</div>
              {report.attachments.length > 0 && (
                <Space wrap className="report-attachments">
                  {report.attachments.map((attachment) => (
                    <Button
                      key={attachment.index}
                      type="link"
                      size="small"
                      icon={<PaperClipOutlined />}
                      onClick={() =>
                        void downloadAttachment(report.id, attachment.index, attachment.filename).catch((error: unknown) =>
                          message.error(errorText(error, t('error.loadFailed'))),
                        )
                      }
                    >
                      {attachment.filename}
                    </Button>
                  ))}
                </Space>
              )}
              {report.reviewed_by && (
                <div className="report-review">
                  <Typography.Text type="secondary">
                    {t('report.reviewedBy', { user: report.reviewed_by, time: formatTime(report.reviewed_at) })}
                  </Typography.Text>
                  {report.review_comment && (
                    <div>
                      <Typography.Text type={report.status === 'returned' ? 'danger' : undefined}>
                        {t('report.comment', { comment: report.review_comment })}
                      </Typography.Text>
                    </div>
                  )}
                </div>
              )}
            </List.Item>
          );
        }}
      />
      {reviewing && <ReviewModal report={reviewing.report} decision={reviewing.decision} asOf={asOf} onClose={() => setReviewing(null)} />}
    </Space>
  );
}
