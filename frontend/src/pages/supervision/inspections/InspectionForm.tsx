import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Drawer, Form, Grid, Input, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import type { Me } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { DATE, filterUnitOption, unitOptions, useUnits } from '../../../tasks/hooks';
import { KEYS } from './api';
import { FindingsFields, findingsBody, type FindingValues } from './FindingsFields';
import { TaskSelect } from './TaskSelect';
import { INSPECTION_KINDS, type InspectionCreate, type InspectionKind, type InspectionRead } from './types';

interface Values {
  kind: InspectionKind;
  task_code?: string;
  unit_id?: string;
  inspected_on: Dayjs;
  method: string;
  inspectors: string[];
  summary?: string;
  findings?: FindingValues[];
}

/** The record form's values as the API takes them. */
export function inspectionBody(values: Values): InspectionCreate {
  return {
    kind: values.kind,
    task_code: values.task_code || null,
    unit_id: values.unit_id || null,
    inspected_on: values.inspected_on.format(DATE),
    method: values.method.trim(),
    inspectors: [...new Set(values.inspectors.map((name) => name.trim()).filter(Boolean))],
    summary: values.summary?.trim() || null,
    findings: findingsBody(values.findings),
  };
}

/**
 * 登记督察: kind, target (a task, a unit, or a unit's work on a task), date, method, inspectors, summary and the
 * findings with their rectification requirements. Dated no later than `as_of`.
 */
export function InspectionForm({
  me,
  year,
  asOf,
  onClose,
  onCreated,
}: {
  me: Me;
  year: number;
  asOf?: string;
  onClose: () => void;
  onCreated: (inspection: InspectionRead) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const isPhone = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<Values>();
  const units = useUnits();
  const today = asOf ? dayjs(asOf) : dayjs();
  const pickedDate = Form.useWatch('inspected_on', form);
  const taskYear = pickedDate?.year() ?? year;
  const create = useMutation({
    mutationFn: async (values: Values) =>
      unwrap(await tasksApi.POST('/api/tasks/v1/inspections', { params: { query: { as_of: asOf } }, body: inspectionBody(values) })),
    onSuccess: (inspection) => {
      void message.success(t('insp.form.created', { code: inspection.code }));
      void queryClient.invalidateQueries({ queryKey: KEYS.inspections });
      void queryClient.invalidateQueries({ queryKey: KEYS.rectifications });
      onCreated(inspection);
    },
  });
  const defaultDate = today.year() === year ? today : dayjs(`${year}-12-31`).isAfter(today) ? today : dayjs(`${year}-12-31`);

  return (
    <Drawer
      open
      title={t('insp.form.title')}
      width={isPhone ? '100%' : 640}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
            {t('insp.form.submit')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        className="insp-form"
        initialValues={{ kind: 'on_site', inspected_on: defaultDate, inspectors: [], findings: [] }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item name="kind" label={t('insp.col.kind')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={INSPECTION_KINDS.map((kind) => ({ value: kind, label: t(`insp.kind.${kind}`) }))} />
        </Form.Item>
        <Typography.Paragraph type="secondary" className="insp-target-hint">
          {t('insp.form.targetHint')}
        </Typography.Paragraph>
        <Form.Item name="task_code" label={t('insp.form.task')}>
          <TaskSelect year={taskYear} environment={me.roles.includes('reform_office') ? null : me.environment} />
        </Form.Item>
        <Form.Item
          name="unit_id"
          label={t('insp.form.unit')}
          dependencies={['task_code']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_, unit?: string) => {
                if (!unit && !getFieldValue('task_code')) throw new Error(t('insp.form.targetRequired'));
              },
            }),
          ]}
        >
          <Select
            allowClear
            showSearch
            options={unitOptions(units.data)}
            filterOption={filterUnitOption}
            loading={units.isPending}
            placeholder={t('insp.form.unitPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="inspected_on" label={t('insp.col.date')} rules={[{ required: true, message: t('insp.form.dateRequired') }]}>
          <DatePicker disabledDate={(day) => day.isAfter(today, 'day')} allowClear={false} />
        </Form.Item>
        <Form.Item
          name="method"
          label={t('insp.field.method')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('insp.form.methodRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={2000} placeholder={t('insp.form.methodPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="inspectors"
          label={t('insp.col.inspectors')}
          extra={t('insp.form.inspectorsHint')}
          rules={[
            {
              validator: async (_, names: string[] | undefined) => {
                const cleaned = (names ?? []).map((name) => name.trim()).filter(Boolean);
                if (!cleaned.length) throw new Error(t('insp.form.inspectorsRequired'));
                if (cleaned.some((name) => name.length > 50)) throw new Error(t('insp.form.inspectorTooLong'));
                if (cleaned.length > 20) throw new Error(t('insp.form.inspectorsTooMany'));
              },
            },
          ]}
        >
          <Select mode="tags" suffixIcon={null} notFoundContent={null} tokenSeparators={[',', '，', '、', ' ']} placeholder={t('insp.form.inspectorsPlaceholder')} />
        </Form.Item>
        <Form.Item name="summary" label={t('insp.field.summary')}>
          <Input.TextArea rows={3} maxLength={8000} showCount />
        </Form.Item>
        <Typography.Title level={5}>{t('insp.findings')}</Typography.Title>
        <FindingsFields />
        {create.error && <ProblemAlert error={create.error} />}
      </Form>
    </Drawer>
  );
}
