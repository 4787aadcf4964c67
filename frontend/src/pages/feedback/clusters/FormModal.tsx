import type { ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { App, Form, Modal, type FormInstance } from 'antd';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';

/**
 * A small form in a modal. `confirm` (for steps that cannot be undone) asks once more before sending; a refusal
 * from the API (409 state, 403 role, 422 fields, 503 another service down) shows inside the modal.
 */
export function FormModal<V extends object>({
  title,
  okText,
  danger,
  confirm,
  onSubmit,
  onClose,
  children,
  initialValues,
  form: given,
  width,
}: {
  title: string;
  okText: string;
  danger?: boolean;
  confirm?: (values: V) => string | undefined;
  onSubmit: (values: V) => Promise<unknown>;
  onClose: () => void;
  children: ReactNode;
  initialValues?: Partial<V>;
  form?: FormInstance<V>;
  width?: number;
}) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [own] = Form.useForm<V>();
  const form = given ?? own;
  const submit = useMutation({ mutationFn: onSubmit, onSuccess: onClose });
  const send = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const question = confirm?.(values);
    if (!question) {
      submit.mutate(values);
      return;
    }
    modal.confirm({
      title: t('fb2.confirmTitle', { action: title }),
      content: question,
      okText: t('fb2.confirmOk'),
      cancelText: t('fb2.cancel'),
      okButtonProps: { danger },
      onOk: () => submit.mutateAsync(values).catch(() => undefined),
    });
  };
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('fb2.cancel')}
      okButtonProps={{ danger }}
      onOk={() => void send()}
      onCancel={onClose}
      confirmLoading={submit.isPending}
      destroyOnHidden
      width={width}
      className="fb2-modal"
    >
      <Form<V> form={form} layout="vertical" initialValues={initialValues}>
        {children}
      </Form>
      {submit.error && <ProblemAlert error={submit.error} title={t('fb2.actionFailed')} />}
    </Modal>
  );
}
