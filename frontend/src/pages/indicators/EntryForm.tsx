import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { indicatorsApi } from '../../api/http';
import { unwrap } from '../../api/problem';
import type { IndicatorRead, Me, ObservationIn, ObservationRead } from '../../api/types';
import { fieldErrors, ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { DEFAULT_PERIODS, PERIOD_PATTERN, formatValue } from '../../indicators/format';
import { useIndicatorList, useRegions } from '../../indicators/hooks';
import { mayEnter } from '../../indicators/permissions';
import { FlagTags } from '../../indicators/tags';

/** The demo city; preselected as the region most entries are for (any region can be chosen). */
export const SERVED_REGION = '330100';

interface EntryRow {
  indicator?: string;
  region?: string;
  period?: string;
  value?: number | null;
  source?: string;
}

interface EntryValues {
  rows: EntryRow[];
}

const FIELDS = ['indicator', 'region', 'period', 'value', 'source'] as const;

/** Indicator options grouped by framework, only those the user may enter. */
function indicatorOptions(indicators: IndicatorRead[], me: Me, frameworkLabel: (code: string) => string) {
  const groups = new Map<string, { label: string; value: string; search: string }[]>();
  for (const indicator of indicators.filter((i) => mayEnter(me, i))) {
    const list = groups.get(indicator.framework_code) ?? [];
    list.push({
      value: indicator.code,
      label: `${indicator.code} ${indicator.name}${indicator.unit ? `（${indicator.unit}）` : ''}`,
      search: `${indicator.code} ${indicator.name}`.toLowerCase(),
    });
    groups.set(indicator.framework_code, list);
  }
  return [...groups].map(([framework, options]) => ({ label: frameworkLabel(framework), title: framework, options }));
}

/**
 * Values entered by a lead unit (its own indicators), a special group (its environment's) or the office
 * (any), several rows at once; all are saved or none, and arrive for the office's review.
 */
export function EntryForm({ me }: { me: Me }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<EntryValues>();
  const queryClient = useQueryClient();
  const catalog = useIndicatorList();
  const regions = useRegions();
  const [saved, setSaved] = useState<ObservationRead[] | null>(null);
  const options = indicatorOptions(catalog.data ?? [], me, (code) => label('framework', code));
  const byCode = new Map((catalog.data ?? []).map((indicator) => [indicator.code, indicator]));
  const initialRow: EntryRow = { region: SERVED_REGION };

  const submit = useMutation({
    mutationFn: async (rows: ObservationIn[]) => unwrap(await indicatorsApi.POST('/api/indicators/v1/observations', { body: rows })),
    onMutate: () => setSaved(null),
    onSuccess: (created) => {
      setSaved(created);
      form.setFieldsValue({ rows: [initialRow] });
      void queryClient.invalidateQueries({ queryKey: ['indicators', 'observations'] });
    },
    onError: (error) => {
      // Per-row messages ("0.indicator") go on their fields as well as in the alert.
      const fields = fieldErrors(error).flatMap((e) => {
        const match = /^(\d+)\.(\w+)$/.exec(e.field ?? '');
        if (!match || !(FIELDS as readonly string[]).includes(match[2])) return [];
        const name = ['rows', Number(match[1]), match[2] as (typeof FIELDS)[number]] as ['rows', number, (typeof FIELDS)[number]];
        return [{ name, errors: [e.message ?? ''] }];
      });
      if (fields.length) form.setFields(fields);
    },
  });

  const onFinish = ({ rows }: EntryValues) =>
    submit.mutate(
      rows.map((row) => ({
        indicator: row.indicator!,
        region: row.region!,
        period: row.period!.trim(),
        value: row.value!,
        source: row.source!.trim(),
        method: 'reported',
      })),
    );

  // A chosen indicator suggests its framework's current period when none is typed yet.
  const onValuesChange = (changed: Partial<EntryValues>) => {
    changed.rows?.forEach((row, index) => {
      if (!row?.indicator) return;
      const current = form.getFieldValue(['rows', index, 'period']);
      const framework = byCode.get(row.indicator)?.framework_code;
      if (!current && framework && DEFAULT_PERIODS[framework]) form.setFieldValue(['rows', index, 'period'], DEFAULT_PERIODS[framework]);
    });
  };

  const noIndicators = !catalog.isPending && options.length === 0;
  return (
    <Card size="small" title={t('data.entryTitle')} className="entry-card">
      <Typography.Paragraph type="secondary">{t('data.entryHint')}</Typography.Paragraph>
      {noIndicators && <Alert type="info" showIcon message={t('data.noEnterable')} className="entry-alert" />}
      <Form<EntryValues>
        form={form}
        layout="vertical"
        className="entry-form"
        initialValues={{ rows: [initialRow] }}
        onFinish={onFinish}
        onValuesChange={onValuesChange}
        disabled={noIndicators}
      >
        <Form.List name="rows">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <div key={field.key} className="entry-row" data-row={index}>
                  <Row gutter={[12, 0]} align="bottom">
                    <Col xs={24} md={24} lg={8}>
                      <Form.Item
                        name={[field.name, 'indicator']}
                        label={t('data.indicator')}
                        rules={[{ required: true, message: t('data.indicatorRequired') }]}
                      >
                        <Select
                          aria-label={t('data.indicator')}
                          showSearch
                          placeholder={t('data.indicatorPlaceholder')}
                          loading={catalog.isPending}
                          options={options}
                          filterOption={(input, option) => ((option as { search?: string })?.search ?? '').includes(input.trim().toLowerCase())}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={8} lg={4}>
                      <Form.Item name={[field.name, 'region']} label={t('data.region')} rules={[{ required: true, message: t('data.regionRequired') }]}>
                        <Select
                          aria-label={t('data.region')}
                          showSearch
                          optionFilterProp="label"
                          loading={regions.isPending}
                          options={(regions.data ?? []).map((region) => ({ value: region.code, label: region.name }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={8} lg={3}>
                      <Form.Item
                        name={[field.name, 'period']}
                        label={t('data.period')}
                        rules={[
                          { required: true, message: t('data.periodRequired') },
                          { pattern: PERIOD_PATTERN, message: t('data.periodInvalid') },
                        ]}
                      >
                        <Input aria-label={t('data.period')} placeholder="2026-Q3" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={8} lg={3}>
                      <Form.Item name={[field.name, 'value']} label={t('data.value')} rules={[{ required: true, message: t('data.valueRequired') }]}>
                        <InputNumber aria-label={t('data.value')} className="full-width" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={20} lg={5}>
                      <Form.Item
                        name={[field.name, 'source']}
                        label={t('data.source')}
                        rules={[{ required: true, whitespace: true, message: t('data.sourceRequired') }, { max: 200 }]}
                      >
                        <Input aria-label={t('data.source')} placeholder={t('data.sourcePlaceholder')} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={4} lg={1}>
                      <Form.Item label={<span className="sr-only">{t('data.removeRow')}</span>}>
                        <Button
                          icon={<DeleteOutlined />}
                          aria-label={t('data.removeRow')}
                          disabled={fields.length === 1}
                          onClick={() => remove(field.name)}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                </div>
              ))}
              <Space wrap>
                <Button icon={<PlusOutlined />} onClick={() => add({ ...initialRow })} disabled={fields.length >= 50}>
                  {t('data.addRow')}
                </Button>
                <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={submit.isPending}>
                  {t('data.submit')}
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
      {submit.error && (
        <div className="entry-result">
          <ProblemAlert error={submit.error} />
        </div>
      )}
      {saved && (
        <div className="entry-result">
          <Alert
            type={saved.some((o) => o.flags.length) ? 'warning' : 'success'}
            showIcon
            message={t('data.submitted', { count: saved.length })}
            description={
              saved.some((o) => o.flags.length) ? (
                <>
                  <div>{t('data.flagsNote')}</div>
                  <ul className="problem-fields">
                    {saved
                      .filter((o) => o.flags.length)
                      .map((o) => (
                        <li key={o.id}>
                          {o.indicator} {o.indicator_name} · {o.region_name} · {o.period} · {formatValue(o.value, byCode.get(o.indicator)?.unit ?? '')}：
                          <FlagTags flags={o.flags} /> {o.flags.map((f) => f.message).join('；')}
                        </li>
                      ))}
                  </ul>
                </>
              ) : undefined
            }
          />
        </div>
      )}
    </Card>
  );
}
