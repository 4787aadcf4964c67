import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import { ENVIRONMENTS, type Environment, type Me } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { DATE, filterUnitOption, unitOptions, useUnits } from '../../../tasks/hooks';
import { isOffice } from '../../../tasks/permissions';
import { PILOT_UNIT_KINDS, type PilotRead } from './shared';

interface PilotForm {
  title: string;
  description: string;
  goal?: string;
  unit_id: string;
  environment: Environment;
  start_date: Dayjs;
  end_date: Dayjs;
}

/** 设立基层创新试点 (office, or a special group in its own environment). */
export function PilotCreateModal({ me, asOf, onClose, onCreated }: { me: Me; asOf?: string; onClose: () => void; onCreated: (pilot: PilotRead) => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const units = useUnits();
  const [form] = Form.useForm<PilotForm>();
  // A special group sets up pilots only in its own environment.
  const ownEnvironment = isOffice(me) ? undefined : (me.environment ?? undefined);
  const create = useMutation({
    mutationFn: async (values: PilotForm) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/pilots', {
          params: { query: { as_of: asOf } },
          body: {
            title: values.title.trim(),
            description: values.description.trim(),
            goal: values.goal?.trim() || null,
            unit_id: values.unit_id,
            environment: values.environment,
            start_date: values.start_date.format(DATE),
            end_date: values.end_date.format(DATE),
          },
        }),
      ),
    onSuccess: (pilot) => {
      void message.success(t('pilot.created', { code: pilot.code }));
      void queryClient.invalidateQueries({ queryKey: ['tasks', 'pilots'] });
      onCreated(pilot);
    },
  });
  const pilotUnits = unitOptions(units.data?.filter((unit) => PILOT_UNIT_KINDS.includes(unit.kind)));

  return (
    <Modal
      open
      title={t('pilot.createTitle')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((values) => create.mutate(values)).catch(() => undefined)}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<PilotForm> form={form} layout="vertical" initialValues={{ environment: ownEnvironment }}>
        <Form.Item name="title" label={t('pilot.title')} rules={[{ required: true, whitespace: true, min: 2, message: t('pilot.titleRequired') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('pilot.description')}
          extra={t('pilot.descriptionHint')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('pilot.descriptionRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={8000} />
        </Form.Item>
        <Form.Item name="goal" label={t('pilot.goal')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="unit_id" label={t('pilot.unit')} extra={t('pilot.unitHint')} rules={[{ required: true, message: t('pilot.unitRequired') }]}>
          <Select showSearch options={pilotUnits} filterOption={filterUnitOption} loading={units.isPending} />
        </Form.Item>
        <Form.Item name="environment" label={t('pilot.environment')} rules={[{ required: true, message: t('pilot.environmentRequired') }]}>
          <Select
            disabled={!!ownEnvironment}
            options={ENVIRONMENTS.map((code) => ({ value: code, label: label('env', code) }))}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="start_date" label={t('pilot.startDate')} rules={[{ required: true, message: t('pilot.startRequired') }]}>
              <DatePicker className="full-width" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="end_date"
              label={t('pilot.endDate')}
              dependencies={['start_date']}
              rules={[
                { required: true, message: t('pilot.endRequired') },
                ({ getFieldValue }) => ({
                  validator: (_, value?: Dayjs) => {
                    const start = getFieldValue('start_date') as Dayjs | undefined;
                    return !value || !start || !value.isBefore(start, 'day') ? Promise.resolve() : Promise.reject(new Error(t('pilot.endBeforeStart')));
                  },
                }),
              ]}
            >
              <DatePicker className="full-width" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {create.error && <ProblemAlert error={create.error} />}
    </Modal>
  );
}
