import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, List, Modal, Select, Space, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, EditOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { tasksApi } from '../../api/http';
import { unwrap } from '../../api/problem';
import type { AdjustmentRead, Me, PlanRead, TaskRead } from '../../api/types';
import { LoadError, ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { diffLines, isRecord, useValueFormatter } from '../../tasks/format';
import { DATE, filterUnitOption, formatTime, unitOptions, useUnits } from '../../tasks/hooks';
import { isOffice, managesTask } from '../../tasks/permissions';
import { AdjustmentStatusTag } from '../../tasks/tags';

interface RequestForm {
  reason: string;
  deadline?: Dayjs | null;
  responsible_unit_ids: string[];
}

function RequestAdjustment({ task, asOf, onDone }: { task: TaskRead; asOf?: string; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const units = useUnits();
  const [form] = Form.useForm<RequestForm>();
  const currentUnits = task.responsible_units.map((unit) => unit.id);
  const request = useMutation({
    mutationFn: async ({ reason, changes }: { reason: string; changes: Record<string, unknown> }) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/tasks/{code}/adjustments', {
          params: { path: { code: task.code }, query: { as_of: asOf } },
          body: { reason, changes },
        }),
      ),
    onSuccess: () => {
      void message.success(t('adjust.requested'));
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      onDone();
    },
  });

  const finish = (values: RequestForm) => {
    const changes: Record<string, unknown> = {};
    const deadline = values.deadline ? values.deadline.format(DATE) : null;
    if (deadline && deadline !== task.deadline) {
      changes.deadline = deadline;
      if (task.continuous) changes.continuous = false;
    }
    const wanted = values.responsible_unit_ids ?? [];
    if ([...wanted].sort().join() !== [...currentUnits].sort().join()) changes.responsible_unit_ids = wanted;
    if (!Object.keys(changes).length) {
      form.setFields([{ name: 'deadline', errors: [t('adjust.nothingChanged')] }]);
      return;
    }
    request.mutate({ reason: values.reason.trim(), changes });
  };

  return (
    <Card size="small" title={t('adjust.request')} className="adjust-form">
      <Alert type="info" showIcon message={t('adjust.requestHint')} className="adjust-hint" />
      <Form<RequestForm>
        form={form}
        layout="vertical"
        initialValues={{ deadline: task.deadline ? dayjs(task.deadline) : null, responsible_unit_ids: currentUnits }}
        onFinish={finish}
      >
        <Form.Item name="reason" label={t('adjust.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('adjust.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="deadline" label={t('adjust.newDeadline')}>
          {/* Enter confirms the typed date; it must not also submit the whole request. */}
          <DatePicker onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()} />
        </Form.Item>
        <Form.Item name="responsible_unit_ids" label={t('adjust.newResponsible')}>
          <Select
            mode="multiple"
            showSearch
            options={unitOptions(units.data).filter((option) => option.value !== task.lead_unit?.id)}
            filterOption={filterUnitOption}
            loading={units.isPending}
          />
        </Form.Item>
        {request.error && <ProblemAlert error={request.error} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={request.isPending}>
            {t('common.submit')}
          </Button>
          <Button onClick={onDone}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

function DecisionModal({ adjustment, decision, asOf, onClose }: { adjustment: AdjustmentRead; decision: 'approve' | 'reject'; asOf?: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ comment?: string }>();
  const decide = useMutation({
    mutationFn: async (comment?: string) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/adjustments/{adjustment_id}/decision', {
          params: { path: { adjustment_id: adjustment.id }, query: { as_of: asOf } },
          body: { decision, comment: comment?.trim() || null },
        }),
      ),
    onSuccess: () => {
      void message.success(t('adjust.decided'));
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={decision === 'approve' ? t('adjust.approveTitle') : t('adjust.rejectTitle')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(({ comment }) => decide.mutate(comment)).catch(() => undefined)}
      okText={decision === 'approve' ? t('adjust.approve') : t('adjust.reject')}
      okButtonProps={{ danger: decision === 'reject' }}
      confirmLoading={decide.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="comment"
          label={t('adjust.comment')}
          rules={decision === 'reject' ? [{ required: true, whitespace: true, message: t('adjust.rejectCommentRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
      {decide.error && <ProblemAlert error={decide.error} />}
    </Modal>
  );
}

function Changes({ adjustment }: { adjustment: AdjustmentRead }) {
  const { t } = useI18n();
  const { format, fieldLabel } = useValueFormatter();
  const before = isRecord(adjustment.before) ? adjustment.before : {};
  const changes = isRecord(adjustment.changes) ? adjustment.changes : {};
  return (
    <ul className="history-detail">
      {diffLines(before, changes).map((change) => (
        <li key={change.field}>
          {fieldLabel(change.field)}：{t('history.arrow', { before: format(change.field, change.before), after: format(change.field, change.after) })}
        </li>
      ))}
    </ul>
  );
}

/** Adjustment requests of a published plan's task: the managers request, the office decides. */
export function AdjustmentsPanel({ me, task, plan, asOf }: { me: Me; task: TaskRead; plan?: PlanRead; asOf?: string }) {
  const { t } = useI18n();
  const [formOpen, setFormOpen] = useState(false);
  const [deciding, setDeciding] = useState<{ adjustment: AdjustmentRead; decision: 'approve' | 'reject' } | null>(null);
  const adjustments = useQuery({
    queryKey: ['tasks', 'adjustments', task.code],
    queryFn: async () => unwrap(await tasksApi.GET('/api/tasks/v1/tasks/{code}/adjustments', { params: { path: { code: task.code } } })),
  });
  const canRequest = plan?.status === 'published' && managesTask(me, task);
  const items = [...(adjustments.data ?? [])].sort((a, b) => b.requested_at.localeCompare(a.requested_at));

  return (
    <Space direction="vertical" size="middle" className="full-width">
      {canRequest && !formOpen && (
        <Button icon={<EditOutlined />} onClick={() => setFormOpen(true)}>
          {t('adjust.request')}
        </Button>
      )}
      {canRequest && formOpen && <RequestAdjustment task={task} asOf={asOf} onDone={() => setFormOpen(false)} />}
      <LoadError error={adjustments.error} />
      <List<AdjustmentRead>
        itemLayout="vertical"
        loading={adjustments.isPending}
        dataSource={items}
        locale={{ emptyText: <Empty description={t('adjust.none')} /> }}
        renderItem={(adjustment) => (
          <List.Item
            className="adjust-item"
            actions={
              isOffice(me) && adjustment.status === 'pending'
                ? [
                    <Button key="approve" type="primary" size="small" icon={<CheckOutlined />} onClick={() => setDeciding({ adjustment, decision: 'approve' })}>
                      {t('adjust.approve')}
                    </Button>,
                    <Button key="reject" danger size="small" icon={<CloseOutlined />} onClick={() => setDeciding({ adjustment, decision: 'reject' })}>
                      {t('adjust.reject')}
                    </Button>,
                  ]
                : undefined
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <AdjustmentStatusTag status={adjustment.status} />
                  <span>{adjustment.reason}</span>
                </Space>
              }
              description={t('adjust.requestedBy', { user: adjustment.requested_by, time: formatTime(adjustment.requested_at) })}
            />
            <Changes adjustment={adjustment} />
            {adjustment.decided_by && (
              <Typography.Text type="secondary">
                {t('adjust.decidedBy', { user: adjustment.decided_by, time: formatTime(adjustment.decided_at) })}
                {adjustment.decision_comment && ` · ${adjustment.decision_comment}`}
              </Typography.Text>
            )}
          </List.Item>
        )}
      />
      {deciding && <DecisionModal adjustment={deciding.adjustment} decision={deciding.decision} asOf={asOf} onClose={() => setDeciding(null)} />}
    </Space>
  );
}
