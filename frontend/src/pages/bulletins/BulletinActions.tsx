import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { tasksApi } from '../../api/http';
import { unwrap } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { DATE } from '../../tasks/hooks';
import { BULLETINS_KEY, INBOX_KEY } from './api';
import type { BulletinRead } from './types';

function useStore() {
  const queryClient = useQueryClient();
  return (bulletin: BulletinRead) => {
    queryClient.setQueryData([...BULLETINS_KEY, 'detail', bulletin.id], bulletin);
    void queryClient.invalidateQueries({ queryKey: [...BULLETINS_KEY, 'list'] });
  };
}

/** Recomputes a draft from today's data (optionally for another statistics date or with a new title). */
export function RegenerateModal({ bulletin, onClose }: { bulletin: BulletinRead; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const store = useStore();
  const [form] = Form.useForm<{ as_of: Dayjs; title: string }>();
  const regenerate = useMutation({
    mutationFn: async (values: { as_of: Dayjs; title: string }) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/bulletins/{bulletin_id}/regenerate', {
          params: { path: { bulletin_id: bulletin.id } },
          body: { as_of: values.as_of.format(DATE), title: values.title.trim() === bulletin.title ? null : values.title.trim() },
        }),
      ),
    onSuccess: (updated) => {
      store(updated);
      void message.success(t('bl.regen.done'));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('bl.regen.title')}
      okText={t('bl.regen.submit')}
      cancelText={t('bl.cancel')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((values) => regenerate.mutate(values)).catch(() => undefined)}
      confirmLoading={regenerate.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('bl.regen.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ as_of: dayjs(bulletin.as_of), title: bulletin.title }}>
        <Form.Item
          name="as_of"
          label={t('bl.gen.asOf')}
          rules={[
            { required: true, message: t('bl.regen.asOfRequired') },
            {
              validator: (_, value: Dayjs | null) =>
                !value || !value.isBefore(dayjs(bulletin.period_start), 'day')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('bl.gen.asOfBefore', { start: bulletin.period_start }))),
            },
          ]}
        >
          <DatePicker aria-label={t('bl.gen.asOf')} className="full-width" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('bl.gen.titleLabel')}
          rules={[
            { required: true, whitespace: true, message: t('bl.regen.titleRequired') },
            { min: 2, max: 200, message: t('bl.gen.titleLength') },
          ]}
        >
          <Input.TextArea autoSize maxLength={200} />
        </Form.Item>
      </Form>
      {regenerate.error && <ProblemAlert error={regenerate.error} />}
    </Modal>
  );
}

/** Numbers, dates and delivers a draft; it can never change afterwards. */
export function PublishModal({ bulletin, onClose, onPublished }: { bulletin: BulletinRead; onClose: () => void; onPublished: (b: BulletinRead) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const store = useStore();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ issued_on: Dayjs }>();
  const earliest = dayjs(bulletin.as_of);
  const publish = useMutation({
    mutationFn: async (values: { issued_on: Dayjs }) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/bulletins/{bulletin_id}/publish', {
          params: { path: { bulletin_id: bulletin.id } },
          body: { issued_on: values.issued_on.format(DATE) },
        }),
      ),
    onSuccess: (published) => {
      store(published);
      void queryClient.invalidateQueries({ queryKey: INBOX_KEY });
      void message.success(t('bl.pub.done', { number: published.number ?? '' }));
      onPublished(published);
      onClose();
    },
  });
  const today = dayjs().startOf('day');
  return (
    <Modal
      open
      title={t('bl.pub.title')}
      okText={t('bl.pub.submit')}
      okButtonProps={{ danger: true }}
      cancelText={t('bl.cancel')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((values) => publish.mutate(values)).catch(() => undefined)}
      confirmLoading={publish.isPending}
      destroyOnHidden
    >
      <Alert type="warning" showIcon message={t('bl.pub.warning')} className="bl-modal-alert" />
      <Typography.Paragraph strong>{bulletin.title}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ issued_on: today.isBefore(earliest) ? earliest : today }}>
        <Form.Item
          name="issued_on"
          label={t('bl.pub.issuedOn')}
          extra={t('bl.pub.issuedOnHint', { asOf: bulletin.as_of })}
          rules={[
            { required: true, message: t('bl.pub.issuedOnRequired') },
            {
              validator: (_, value: Dayjs | null) =>
                !value || !value.isBefore(earliest, 'day') ? Promise.resolve() : Promise.reject(new Error(t('bl.pub.issuedBefore', { asOf: bulletin.as_of }))),
            },
          ]}
        >
          <DatePicker aria-label={t('bl.pub.issuedOn')} className="full-width" disabledDate={(day) => day.isBefore(earliest, 'day')} />
        </Form.Item>
      </Form>
      {publish.error && <ProblemAlert error={publish.error} />}
    </Modal>
  );
}
