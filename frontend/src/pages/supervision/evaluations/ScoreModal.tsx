import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import type { UnitRef } from '../../../api/types';
import { fieldErrors, ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { EVAL_KEY } from './api';
import { points, totalOf, type EvaluationKind, type EvaluationRead, type RubricRead } from './types';

interface Values {
  item_scores: Record<string, number | null>;
  comment?: string;
}

/** Who is scored on what: a task, a period, a kind and the evaluated unit. */
export interface ScoreTarget {
  taskCode: string;
  taskTitle: string;
  period: string;
  kind: EvaluationKind;
  unit: UnitRef | null;
}

/** The live total of the form's item scores against the rubric's 100. */
function LiveTotal({ rubric }: { rubric: RubricRead }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<Values>();
  const scores = (Form.useWatch('item_scores', form) as Values['item_scores'] | undefined) ?? {};
  const max = rubric.items.reduce((sum, item) => sum + item.max_points, 0);
  return (
    <div className="eval-total-line" aria-live="polite">
      <Typography.Text type="secondary">{t('eval.total')}</Typography.Text>
      <span className="eval-total" data-testid="eval-live-total">
        {points(totalOf(scores))}
      </span>
      <Typography.Text type="secondary">/ {points(max)}</Typography.Text>
    </div>
  );
}

/**
 * Scores one unit item by item (0 to each item's maximum), the total adding up live; corrects an existing
 * evaluation. An automatic full mark (rank rule) keeps its items: only the comment can change.
 */
export function ScoreModal({
  rubric,
  target,
  existing,
  onClose,
}: {
  rubric: RubricRead;
  target: ScoreTarget;
  existing?: EvaluationRead;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const locked = !!existing?.auto;
  const save = useMutation({
    mutationFn: async (values: Values) => {
      const item_scores = Object.fromEntries(rubric.items.map((item) => [item.key, values.item_scores[item.key] ?? 0]));
      const comment = values.comment?.trim() || null;
      if (existing) {
        return unwrap(
          await tasksApi.PATCH('/api/tasks/v1/evaluations/{evaluation_id}', {
            params: { path: { evaluation_id: existing.id } },
            body: locked ? { comment } : { item_scores, comment },
          }),
        );
      }
      return unwrap(
        await tasksApi.POST('/api/tasks/v1/evaluations', {
          body: {
            task_code: target.taskCode,
            period: target.period,
            kind: target.kind,
            evaluated_unit_id: target.kind === 'lead_on_responsible' ? target.unit?.id ?? null : null,
            item_scores,
            comment,
          },
        }),
      );
    },
    onSuccess: (saved) => {
      if (saved.auto && !existing?.auto) void message.info(t('eval.autoApplied'));
      else void message.success(existing ? t('eval.updated') : t('eval.created'));
      void queryClient.invalidateQueries({ queryKey: EVAL_KEY });
      onClose();
    },
    onError: (error) => {
      // Per-item messages from the API (`item_scores.<key>`) go next to their fields.
      const fields = fieldErrors(error)
        .filter((e) => e.field?.startsWith('item_scores.'))
        .map((e) => ({ name: ['item_scores', e.field!.slice('item_scores.'.length)] as ['item_scores', string], errors: [e.message ?? ''] }));
      if (fields.length) form.setFields(fields);
    },
  });
  const initial: Values = {
    item_scores: Object.fromEntries(rubric.items.map((item) => [item.key, existing?.item_scores[item.key] ?? null])),
    comment: existing?.comment ?? '',
  };
  return (
    <Modal
      open
      title={existing ? t('eval.editTitle') : t('eval.scoreTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('eval.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <div className="eval-score-target">
        <Typography.Text strong>{target.unit?.name ?? '—'}</Typography.Text>
        <div>
          <Typography.Text type="secondary">
            {target.taskCode} {target.taskTitle} · {target.period}
          </Typography.Text>
        </div>
      </div>
      {locked && <Alert type="info" showIcon className="eval-auto-alert" message={t('eval.autoLocked')} description={existing?.auto_reason} />}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(values) => save.mutate(values)} className="eval-score-form">
        {rubric.items.map((item) => (
          <Form.Item
            key={item.key}
            name={['item_scores', item.key]}
            label={t('eval.itemLabel', { name: item.name, max: points(item.max_points) })}
            rules={[
              { required: true, message: t('eval.itemRequired', { name: item.name }) },
              { type: 'number', min: 0, max: item.max_points, message: t('eval.itemRange', { name: item.name, max: points(item.max_points) }) },
            ]}
          >
            <InputNumber step={1} precision={2} disabled={locked} className="eval-item-input" />
          </Form.Item>
        ))}
        {!locked && (
          <Space className="eval-quick">
            <Button
              size="small"
              type="link"
              onClick={() => form.setFieldsValue({ item_scores: Object.fromEntries(rubric.items.map((item) => [item.key, item.max_points])) })}
            >
              {t('eval.fullMarks')}
            </Button>
          </Space>
        )}
        <LiveTotal rubric={rubric} />
        <Form.Item name="comment" label={t('eval.comment')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
      {save.error && <ProblemAlert error={save.error} />}
    </Modal>
  );
}
