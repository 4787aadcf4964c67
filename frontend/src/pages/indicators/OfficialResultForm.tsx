import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import { TrophyOutlined } from '@ant-design/icons';
import { indicatorsApi } from '../../api/http';
import { unwrap } from '../../api/problem';
import type { OfficialResultIn } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { PERIOD_PATTERN } from '../../indicators/format';
import { useRegions } from '../../indicators/hooks';

interface Values {
  region?: string;
  period?: string;
  rank?: number | null;
  group_label?: string;
  score?: number | null;
  source?: string;
}

/** The request body from the form: trimmed text, empty optional fields as null. */
export function officialBody(indicator: string, values: Values): OfficialResultIn {
  const group = values.group_label?.trim();
  return {
    indicator,
    region: values.region!,
    period: values.period!.trim(),
    rank: values.rank ?? null,
    group_label: group ? group : null,
    score: values.score ?? null,
    source: values.source!.trim(),
  };
}

/**
 * 录入官方公布结果 (the reform office): the rank, group or score an evaluator published for one indicator,
 * region and period. Recorded once and never overwritten; a second try gets the API's 409 in Chinese.
 */
export function OfficialResultForm({ indicator, region, period }: { indicator: string; region?: string; period?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const regions = useRegions();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();

  const save = useMutation({
    mutationFn: async (body: OfficialResultIn) => unwrap(await indicatorsApi.POST('/api/indicators/v1/official-results', { body })),
    onSuccess: () => {
      void message.success(t('off.saved'));
      setOpen(false);
      // The status card shows official_rank; the overview may too.
      void queryClient.invalidateQueries({ queryKey: ['indicators', 'leaderboard', indicator] });
      void queryClient.invalidateQueries({ queryKey: ['indicators', 'overview'] });
    },
  });

  const show = () => {
    // The modal destroys its form on close: every opening starts from the served city and the shown period.
    save.reset();
    setOpen(true);
  };

  return (
    <>
      <Button icon={<TrophyOutlined />} onClick={show} className="official-button">
        {t('off.button')}
      </Button>
      <Modal
        open={open}
        title={t('off.title', { code: indicator })}
        onCancel={() => setOpen(false)}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: save.isPending }}
        onOk={() => form.submit()}
        destroyOnHidden
        className="official-modal"
      >
        <Typography.Paragraph type="secondary">{t('off.hint')}</Typography.Paragraph>
        <Form<Values>
          form={form}
          layout="vertical"
          className="official-form"
          initialValues={{ region, period }}
          onFinish={(values) => save.mutate(officialBody(indicator, values))}>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name="region" label={t('off.region')} rules={[{ required: true, message: t('data.regionRequired') }]}>
                <Select
                  aria-label={t('off.region')}
                  showSearch
                  optionFilterProp="label"
                  loading={regions.isPending}
                  options={(regions.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name="period"
                label={t('off.period')}
                extra={t('off.periodHint')}
                rules={[
                  { required: true, message: t('data.periodRequired') },
                  { pattern: PERIOD_PATTERN, message: t('off.periodInvalid') },
                ]}
              >
                <Input aria-label={t('off.period')} placeholder="2025" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item name="rank" label={t('off.rank')}>
                <InputNumber aria-label={t('off.rank')} min={1} max={1000} precision={0} className="full-width" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item name="group_label" label={t('off.group')} rules={[{ max: 50 }]}>
                <Input aria-label={t('off.group')} placeholder={t('off.groupPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item
                name="score"
                label={t('off.score')}
                dependencies={['rank', 'group_label']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, score) =>
                      score != null || getFieldValue('rank') != null || getFieldValue('group_label')?.trim()
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('off.oneOf'))),
                  }),
                ]}
              >
                <InputNumber aria-label={t('off.score')} className="full-width" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="source"
                label={t('off.source')}
                rules={[{ required: true, whitespace: true, message: t('off.sourceRequired') }, { max: 200 }]}
              >
                <Input aria-label={t('off.source')} placeholder={t('off.sourcePlaceholder')} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <ProblemAlert error={save.error} title={t('off.failed')} />
      </Modal>
    </>
  );
}
