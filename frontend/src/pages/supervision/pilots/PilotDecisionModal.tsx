import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import { CATEGORIES, type Category } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { DATE, filterUnitOption, unitOptions, useUnits } from '../../../tasks/hooks';
import type { Decision, DecisionCreate, PilotRead } from './shared';

interface DecisionForm {
  comment: string;
  description?: string;
  goal?: string;
  end_date?: Dayjs | null;
  district_unit_ids?: string[];
  deadline?: Dayjs | null;
  category?: Category;
}

/** The request body of a decision: adjust sends only what changed; roll out its districts and deadline. */
export function decisionBody(decision: Decision, pilot: PilotRead, values: DecisionForm): DecisionCreate {
  const body: DecisionCreate = { decision, comment: values.comment.trim() };
  if (decision === 'adjust') {
    const description = values.description?.trim();
    const goal = values.goal?.trim();
    const end = values.end_date?.format(DATE);
    if (description && description !== pilot.description) body.description = description;
    if (goal && goal !== (pilot.goal ?? '')) body.goal = goal;
    if (end && end !== pilot.end_date) body.end_date = end;
  } else if (decision === 'roll_out') {
    body.district_unit_ids = values.district_unit_ids;
    body.deadline = values.deadline?.format(DATE);
    body.category = values.category ?? 'signature';
  }
  return body;
}

/**
 * 作出决定 on a running pilot: 调整完善 (what changes), 全面推开 (districts from the unit directory and a deadline:
 * one ledger task each) or 终止. Each asks for confirmation before it is sent; roll-out and stop end the pilot.
 */
export function PilotDecisionModal({ pilot, decision, asOf, onClose }: { pilot: PilotRead; decision: Decision; asOf?: string; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const units = useUnits();
  const [form] = Form.useForm<DecisionForm>();
  const today = asOf ? dayjs(asOf) : dayjs();
  const decide = useMutation({
    mutationFn: async (body: DecisionCreate) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/pilots/{code}/decisions', {
          params: { path: { code: pilot.code }, query: { as_of: asOf } },
          body,
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(['tasks', 'pilots', 'detail', pilot.code, asOf], updated);
      void message.success(decision === 'roll_out' ? t('pilot.decided.roll_out', { count: updated.tasks.length }) : t(`pilot.decided.${decision}`));
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      onClose();
    },
  });

  const confirmAndSend = (values: DecisionForm) => {
    const body = decisionBody(decision, pilot, values);
    const content =
      decision === 'roll_out'
        ? t('pilot.confirm.roll_out', { count: body.district_unit_ids?.length ?? 0, year: values.deadline?.year() ?? '' })
        : t(`pilot.confirm.${decision}`);
    modal.confirm({
      title: t(`pilot.decision.${decision}`),
      content,
      okText: t(`pilot.decision.${decision}`),
      okButtonProps: { danger: decision === 'stop' },
      cancelText: t('common.cancel'),
      onOk: () => decide.mutate(body),
    });
  };

  const districts = unitOptions(units.data?.filter((unit) => unit.kind === 'district'));
  const commentKey = `pilot.comment.${decision}` as const;
  return (
    <Modal
      open
      title={`${t(`pilot.decision.${decision}`)} · ${pilot.code}`}
      okText={t(`pilot.decision.${decision}`)}
      okButtonProps={{ danger: decision === 'stop' }}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(confirmAndSend).catch(() => undefined)}
      confirmLoading={decide.isPending}
      destroyOnHidden
    >
      {decision === 'adjust' && <Alert type="info" showIcon message={t('pilot.adjustHint')} style={{ marginBottom: 16 }} />}
      <Form<DecisionForm>
        form={form}
        layout="vertical"
        initialValues={
          decision === 'adjust'
            ? { description: pilot.description, goal: pilot.goal ?? '', end_date: dayjs(pilot.end_date) }
            : { category: 'signature', district_unit_ids: [] }
        }
      >
        {decision === 'adjust' && (
          <>
            <Form.Item name="description" label={t('pilot.newDescription')} rules={[{ required: true, whitespace: true, min: 2, message: t('pilot.descriptionRequired') }]}>
              <Input.TextArea rows={4} maxLength={8000} />
            </Form.Item>
            <Form.Item name="goal" label={t('pilot.newGoal')}>
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
            <Form.Item
              name="end_date"
              label={t('pilot.newEndDate')}
              rules={[{ required: true, message: t('pilot.endRequired') }]}
            >
              <DatePicker className="full-width" disabledDate={(day) => day.isBefore(dayjs(pilot.start_date), 'day')} />
            </Form.Item>
          </>
        )}
        {decision === 'roll_out' && (
          <>
            <Form.Item
              name="district_unit_ids"
              label={t('pilot.districts')}
              extra={t('pilot.districtsHint')}
              rules={[{ required: true, type: 'array', min: 1, message: t('pilot.districtsRequired') }]}
            >
              <Select mode="multiple" showSearch options={districts} filterOption={filterUnitOption} loading={units.isPending} />
            </Form.Item>
            <Form.Item name="deadline" label={t('pilot.deadline')} rules={[{ required: true, message: t('pilot.deadlineRequired') }]}>
              <DatePicker className="full-width" disabledDate={(day) => day.isBefore(today, 'day')} />
            </Form.Item>
            <Form.Item name="category" label={t('pilot.category')}>
              <Select options={CATEGORIES.map((code) => ({ value: code, label: label('category', code) }))} />
            </Form.Item>
          </>
        )}
        <Form.Item name="comment" label={t(commentKey)} rules={[{ required: true, whitespace: true, min: 2, message: t('pilot.commentRequired') }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
      {decide.error && <ProblemAlert error={decide.error} />}
    </Modal>
  );
}
