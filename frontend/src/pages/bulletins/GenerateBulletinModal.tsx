import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { tasksApi } from '../../api/http';
import { unwrap } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { DATE } from '../../tasks/hooks';
import { BULLETINS_KEY } from './api';
import { periodLabel, pickerFormat } from './parts';
import { defaultPeriod, parsePeriod, PERIOD_KIND, periodOf } from './periods';
import { BULLETIN_KINDS, type BulletinKind } from './types';

interface Values {
  kind: BulletinKind;
  period: Dayjs;
  as_of?: Dayjs | null;
  title?: string;
}

const startOf = (kind: BulletinKind) => parsePeriod(defaultPeriod(PERIOD_KIND[kind]))!.start;

/** 生成通报: computes the chosen period now and stores it as a draft, then opens it. */
export function GenerateBulletinModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'monthly';
  const picked = Form.useWatch('period', form);
  const period = picked ? parsePeriod(periodOf(PERIOD_KIND[kind], picked)) : undefined;

  const create = useMutation({
    mutationFn: async (values: Values) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/bulletins', {
          body: {
            kind: values.kind,
            period: periodOf(PERIOD_KIND[values.kind], values.period),
            as_of: values.as_of ? values.as_of.format(DATE) : null,
            title: values.title?.trim() || null,
          },
        }),
      ),
    onSuccess: (bulletin) => {
      void message.success(t('bl.gen.done'));
      void queryClient.invalidateQueries({ queryKey: BULLETINS_KEY });
      queryClient.setQueryData([...BULLETINS_KEY, 'detail', bulletin.id], bulletin);
      onClose();
      navigate(`/bulletins/${bulletin.id}`);
    },
  });

  return (
    <Modal
      open={open}
      title={t('bl.gen.title')}
      okText={t('bl.gen.submit')}
      cancelText={t('bl.cancel')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((values) => create.mutate(values)).catch(() => undefined)}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('bl.gen.hint')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'monthly', period: startOf('monthly') }}
        onValuesChange={(changed: Partial<Values>) => {
          create.reset();
          if (changed.kind) form.setFieldsValue({ period: startOf(changed.kind), as_of: null });
        }}
      >
        <Form.Item name="kind" label={t('bl.gen.kind')} rules={[{ required: true, message: t('bl.gen.kindRequired') }]}>
          <Select aria-label={t('bl.gen.kind')} options={BULLETIN_KINDS.map((value) => ({ value, label: t(`bl.kind.${value}`) }))} />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('bl.period.label')}
          extra={period ? t('bl.gen.periodRange', { label: periodLabel(period, t), start: period.start.format(DATE), end: period.end.format(DATE) }) : undefined}
          rules={[{ required: true, message: t('bl.gen.periodRequired') }]}
        >
          <DatePicker
            aria-label={t('bl.period.label')}
            picker={PERIOD_KIND[kind] === 'month' ? 'month' : PERIOD_KIND[kind]}
            format={pickerFormat(PERIOD_KIND[kind])}
            disabledDate={(day) => day.isAfter(dayjs(), 'day')}
            className="full-width"
          />
        </Form.Item>
        <Form.Item
          name="as_of"
          label={t('bl.gen.asOf')}
          extra={t('bl.gen.asOfHint')}
          dependencies={['period', 'kind']}
          rules={[
            {
              validator: (_, value: Dayjs | null | undefined) =>
                !value || !period || !value.isBefore(period.start, 'day')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('bl.gen.asOfBefore', { start: period.start.format(DATE) }))),
            },
          ]}
        >
          <DatePicker aria-label={t('bl.gen.asOf')} className="full-width" placeholder={t('bl.asOfDefault')} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('bl.gen.titleLabel')}
          extra={t('bl.gen.titleHint')}
          rules={[
            {
              validator: (_, value: string | undefined) => {
                const text = (value ?? '').trim();
                return !text || text.length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('bl.gen.titleLength')));
              },
            },
          ]}
        >
          <Input maxLength={200} allowClear placeholder={period ? t('bl.gen.titleDefault', { period: periodLabel(period, t) }) : undefined} />
        </Form.Item>
      </Form>
      {create.error && <ProblemAlert error={create.error} />}
    </Modal>
  );
}
