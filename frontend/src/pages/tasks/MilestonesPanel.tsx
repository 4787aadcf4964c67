import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Empty, Form, Input, Modal, Space, Timeline, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { tasksApi } from '../../api/http';
import { unwrap } from '../../api/problem';
import type { MilestoneRead, TaskRead } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { DATE } from '../../tasks/hooks';
import { MILESTONE_COLORS, MilestoneStateTag } from '../../tasks/tags';

function CompleteModal({ milestone, asOf, onClose }: { milestone: MilestoneRead; asOf?: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ done_date: Dayjs; evidence: string }>();
  // The API refuses a completion date after the business date (as_of, default today).
  const latest = asOf ? dayjs(asOf) : dayjs();
  const complete = useMutation({
    mutationFn: async (values: { done_date: Dayjs; evidence: string }) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/milestones/{milestone_id}/complete', {
          params: { path: { milestone_id: milestone.id }, query: { as_of: asOf } },
          body: { done_date: values.done_date.format(DATE), evidence: values.evidence.trim() },
        }),
      ),
    onSuccess: () => {
      void message.success(t('task.milestoneCompleted'));
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('task.completeMilestoneTitle', { title: milestone.title })}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((values) => complete.mutate(values)).catch(() => undefined)}
      confirmLoading={complete.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ done_date: dayjs(milestone.due_date).isAfter(latest) ? latest : dayjs(milestone.due_date) }}>
        <Form.Item name="done_date" label={t('task.doneDate')} rules={[{ required: true, message: t('task.doneDateRequired') }]}>
          <DatePicker disabledDate={(day) => day.isAfter(latest, 'day')} />
        </Form.Item>
        <Form.Item
          name="evidence"
          label={t('task.evidence')}
          rules={[{ required: true, whitespace: true, message: t('task.evidenceRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={4000} placeholder={t('task.evidenceHint')} />
        </Form.Item>
      </Form>
      {complete.error && <ProblemAlert error={complete.error} />}
    </Modal>
  );
}

/** The task's quarterly nodes, coloured by state; the task's managers mark them done with evidence. */
export function MilestonesPanel({ task, canManage, asOf }: { task: TaskRead; canManage: boolean; asOf?: string }) {
  const { t } = useI18n();
  const [completing, setCompleting] = useState<MilestoneRead | null>(null);
  if (!task.milestones.length) return <Empty description={t('task.noMilestones')} />;
  return (
    <>
      <Timeline
        className="milestone-timeline"
        items={[...task.milestones]
          .sort((a, b) => a.seq - b.seq)
          .map((milestone) => ({
            key: milestone.id,
            color: MILESTONE_COLORS[milestone.state],
            children: (
              <div className="milestone-item" data-state={milestone.state}>
                <Space wrap size={[8, 4]}>
                  <Typography.Text strong>{milestone.title}</Typography.Text>
                  <MilestoneStateTag state={milestone.state} />
                </Space>
                <div>
                  <Typography.Text type="secondary">
                    {t('task.milestoneDue', { date: milestone.due_date })}
                    {milestone.done_date && ` · ${t('task.milestoneDone', { date: milestone.done_date })}`}
                  </Typography.Text>
                </div>
                {milestone.evidence && <div className="milestone-evidence">{t('task.milestoneEvidence', { evidence: milestone.evidence })}</div>}
                {canManage && milestone.state !== 'done' && (
                  <Button size="small" icon={<CheckOutlined />} onClick={() => setCompleting(milestone)} className="milestone-complete">
                    {t('task.completeMilestone')}
                  </Button>
                )}
              </div>
            ),
          }))}
      />
      {completing && <CompleteModal milestone={completing} asOf={asOf} onClose={() => setCompleting(null)} />}
    </>
  );
}
