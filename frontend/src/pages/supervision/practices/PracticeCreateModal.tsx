import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import type { TaskRead } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import type { BestPracticeRead } from './shared';

interface PracticeForm {
  title: string;
  summary: string;
  evidence: string;
  unit_id?: string;
}

/**
 * 形成最佳实践案例: from a task at 成果固化 or later, by its managers. The title starts as the task's;
 * the unit is the lead unit unless one of the responsible units is chosen.
 */
export function PracticeCreateModal({
  task,
  asOf,
  onClose,
  onCreated,
}: {
  task: TaskRead;
  asOf?: string;
  onClose: () => void;
  onCreated: (practice: BestPracticeRead) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PracticeForm>();
  const unitChoices = [task.lead_unit, ...task.responsible_units].filter((unit): unit is NonNullable<typeof unit> => !!unit);
  const create = useMutation({
    mutationFn: async (values: PracticeForm) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/best-practices', {
          params: { query: { as_of: asOf } },
          body: {
            task_code: task.code,
            title: values.title.trim(),
            summary: values.summary.trim(),
            evidence: values.evidence.trim(),
            unit_id: values.unit_id ?? null,
          },
        }),
      ),
    onSuccess: (practice) => {
      void message.success(t('bp.created', { code: practice.code }));
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      onCreated(practice);
    },
  });
  const text = (key: 'bp.titleRequired' | 'bp.summaryRequired' | 'bp.evidenceRequired') => [
    { required: true, whitespace: true, min: 2, message: t(key) },
  ];

  return (
    <Modal
      open
      title={t('bp.createTitle')}
      okText={t('bp.publish')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((values) => create.mutate(values)).catch(() => undefined)}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('bp.fromTask', { code: task.code, title: task.title })}</Typography.Paragraph>
      <Form<PracticeForm> form={form} layout="vertical" initialValues={{ title: task.title, unit_id: task.lead_unit?.id }}>
        <Form.Item name="title" label={t('bp.title')} rules={text('bp.titleRequired')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="summary" label={t('bp.summary')} rules={text('bp.summaryRequired')}>
          <Input.TextArea rows={4} maxLength={8000} />
        </Form.Item>
        <Form.Item name="evidence" label={t('bp.evidence')} rules={text('bp.evidenceRequired')} extra={t('bp.evidenceHint')}>
          <Input.TextArea rows={3} maxLength={8000} />
        </Form.Item>
        {unitChoices.length > 1 && (
          <Form.Item name="unit_id" label={t('bp.unit')} extra={t('bp.unitHint')}>
            <Select options={unitChoices.map((unit) => ({ value: unit.id, label: unit.short_name || unit.name }))} />
          </Form.Item>
        )}
      </Form>
      {create.error && <ProblemAlert error={create.error} />}
    </Modal>
  );
}
