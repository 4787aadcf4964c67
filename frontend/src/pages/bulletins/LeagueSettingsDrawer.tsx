import { useEffect } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Drawer, Form, Input, InputNumber, Row, Space, Spin, Typography } from 'antd';
import { tasksApi } from '../../api/http';
import { unwrap } from '../../api/problem';
import { LoadError, ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTime } from '../../tasks/hooks';
import { BULLETINS_KEY, useLeagueSettings } from './api';
import type { LeagueSettings } from './types';

/** The API's defaults (league/schemas.py LeagueSettingsUpdate): "恢复默认" fills these. */
export const DEFAULT_SETTINGS: LeagueSettings = {
  on_time_weight: 40,
  report_weight: 20,
  evaluation_weight: 30,
  discipline_weight: 10,
  red_deduction: 2,
  yellow_deduction: 1,
  rectification_deduction: 2,
  min_items: 3,
  issuing_unit: null,
  number_format: '杭营商改〔{year}〕{n}号',
};

const WEIGHTS = ['on_time_weight', 'report_weight', 'evaluation_weight', 'discipline_weight'] as const;
const DEDUCTIONS = ['red_deduction', 'yellow_deduction', 'rectification_deduction'] as const;

/** The 文号 format may use {year} and must use {n}; nothing else in braces (the API's rule). */
export function numberFormatProblem(value: string): 'missingN' | 'unknown' | undefined {
  const placeholders: string[] = value.match(/\{[^}]*\}/g) ?? [];
  if (!placeholders.includes('{n}')) return 'missingN';
  if (placeholders.some((p) => p !== '{year}' && p !== '{n}')) return 'unknown';
  return undefined;
}

/** The example number the format gives, as the office will see it on the first bulletin of the year. */
const example = (format: string, year: number) => format.replaceAll('{year}', String(year)).replaceAll('{n}', '1');

type Values = Omit<LeagueSettings, 'issuing_unit'> & { issuing_unit?: string | null };

/** The office's settings of a plan year: weights, deductions, the minimum item count, issuing unit and 文号 format. */
export function LeagueSettingsDrawer({ year, open, onClose }: { year: number; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const settings = useLeagueSettings(year, open);
  const format = Form.useWatch('number_format', form) ?? '';

  useEffect(() => {
    if (open && settings.data) form.setFieldsValue({ ...settings.data, issuing_unit: settings.data.issuing_unit ?? '' });
  }, [open, settings.data, form]);

  const save = useMutation({
    mutationFn: async (values: Values) =>
      unwrap(
        await tasksApi.PUT('/api/tasks/v1/league-table/settings', {
          params: { query: { year } },
          body: { ...values, issuing_unit: values.issuing_unit?.trim() || null, number_format: values.number_format.trim() },
        }),
      ),
    onSuccess: () => {
      void message.success(t('bl.set.saved'));
      void queryClient.invalidateQueries({ queryKey: BULLETINS_KEY });
      onClose();
    },
  });

  const weightsNotAllZero = () => ({
    validator: () => {
      const total = WEIGHTS.reduce((sum, name) => sum + (Number(form.getFieldValue(name)) || 0), 0);
      return total > 0 ? Promise.resolve() : Promise.reject(new Error(t('bl.set.weightsZero')));
    },
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('bl.set.title', { year })}
      width={480}
      destroyOnHidden
      className="bl-settings"
      footer={
        <Space className="bl-settings-footer">
          <Button onClick={() => form.setFieldsValue({ ...DEFAULT_SETTINGS, issuing_unit: '' })}>{t('bl.set.defaults')}</Button>
          <Button onClick={onClose}>{t('bl.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            disabled={!settings.data}
            onClick={() => void form.validateFields().then((values) => save.mutate(values)).catch(() => undefined)}
          >
            {t('bl.set.save')}
          </Button>
        </Space>
      }
    >
      <LoadError error={settings.error} />
      {settings.isPending && <Spin className="page-spin" />}
      {settings.data && (
        <>
          <Typography.Paragraph type="secondary" className="bl-settings-state">
            {settings.data.customized
              ? t('bl.set.changedBy', { user: settings.data.updated_by ?? '', time: formatTime(settings.data.updated_at) })
              : t('bl.set.isDefault')}
          </Typography.Paragraph>
          <Form<Values> form={form} layout="vertical" requiredMark={false} onValuesChange={() => save.reset()}>
            <Typography.Title level={5}>{t('bl.set.weights')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('bl.set.weightsHint')}</Typography.Paragraph>
            <Row gutter={12}>
              {WEIGHTS.map((name, i) => (
                <Col xs={12} key={name}>
                  <Form.Item
                    name={name}
                    label={t(`bl.set.${name}`)}
                    dependencies={i === 0 ? WEIGHTS.slice(1) : undefined}
                    rules={[
                      { required: true, message: t('bl.set.required') },
                      { type: 'integer', min: 0, max: 100, message: t('bl.set.weightRange') },
                      ...(i === 0 ? [weightsNotAllZero] : []),
                    ]}
                  >
                    <InputNumber min={0} max={100} precision={0} className="full-width" aria-label={t(`bl.set.${name}`)} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            <Typography.Title level={5}>{t('bl.set.deductions')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('bl.set.deductionsHint')}</Typography.Paragraph>
            <Row gutter={12}>
              {DEDUCTIONS.map((name) => (
                <Col xs={12} sm={8} key={name}>
                  <Form.Item
                    name={name}
                    label={t(`bl.set.${name}`)}
                    rules={[
                      { required: true, message: t('bl.set.required') },
                      { type: 'number', min: 0, max: 100, message: t('bl.set.deductionRange') },
                    ]}
                  >
                    <InputNumber min={0} max={100} step={0.5} precision={2} className="full-width" aria-label={t(`bl.set.${name}`)} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            <Form.Item
              name="min_items"
              label={t('bl.set.min_items')}
              extra={t('bl.set.minItemsHint')}
              rules={[
                { required: true, message: t('bl.set.required') },
                { type: 'integer', min: 0, max: 1000, message: t('bl.set.minItemsRange') },
              ]}
            >
              <InputNumber min={0} max={1000} precision={0} aria-label={t('bl.set.min_items')} />
            </Form.Item>
            <Typography.Title level={5}>{t('bl.set.bulletin')}</Typography.Title>
            <Form.Item
              name="issuing_unit"
              label={t('bl.set.issuing_unit')}
              extra={t('bl.set.issuingUnitHint')}
              rules={[
                {
                  validator: (_, value: string | undefined) => {
                    const text = (value ?? '').trim();
                    return !text || (text.length >= 2 && text.length <= 128)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('bl.set.issuingUnitLength')));
                  },
                },
              ]}
            >
              <Input maxLength={128} allowClear />
            </Form.Item>
            <Form.Item
              name="number_format"
              label={t('bl.set.number_format')}
              extra={format && !numberFormatProblem(format) ? t('bl.set.formatExample', { example: example(format.trim(), year) }) : t('bl.set.formatHint')}
              rules={[
                { required: true, whitespace: true, message: t('bl.set.required') },
                { min: 3, max: 64, message: t('bl.set.formatLength') },
                {
                  validator: (_, value: string | undefined) => {
                    const problem = value ? numberFormatProblem(value) : undefined;
                    return problem ? Promise.reject(new Error(t(`bl.set.format.${problem}`))) : Promise.resolve();
                  },
                },
              ]}
            >
              <Input maxLength={64} />
            </Form.Item>
          </Form>
          {save.error && <ProblemAlert error={save.error} />}
          <Alert type="info" showIcon message={t('bl.set.appliesTo')} className="bl-settings-note" />
        </>
      )}
    </Drawer>
  );
}
