import { Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n/I18nProvider';
import { filterUnitOption, unitOptions, useUnits } from '../../../tasks/hooks';
import { SEVERITIES, type FindingCreate, type Severity } from './types';

/** A finding as the form holds it. */
export interface FindingValues {
  description?: string;
  severity?: Severity;
  requires_rectification?: boolean;
  owner_unit_id?: string;
  deadline_days?: number;
}

export const NEW_FINDING: FindingValues = { severity: 'general', requires_rectification: false, deadline_days: 10 };

/** The findings of the form as the API takes them: a rectification only when one is required. */
export function findingsBody(findings: FindingValues[] | undefined): FindingCreate[] {
  return (findings ?? []).map((finding) => ({
    description: (finding.description ?? '').trim(),
    severity: finding.severity ?? 'general',
    requires_rectification: !!finding.requires_rectification,
    rectification: finding.requires_rectification
      ? { owner_unit_id: finding.owner_unit_id ?? null, deadline_days: finding.deadline_days ?? 10 }
      : null,
  }));
}

/** The findings list of a form (`findings`): description, severity and, when 需整改, owner unit and working days. */
export function FindingsFields({ min = 0 }: { min?: number }) {
  const { t } = useI18n();
  const units = useUnits();
  const options = unitOptions(units.data);
  return (
    <Form.List
      name="findings"
      rules={
        min > 0
          ? [
              {
                validator: async (_, list: unknown[] | undefined) => {
                  if ((list?.length ?? 0) < min) throw new Error(t('insp.form.findingsRequired'));
                },
              },
            ]
          : []
      }
    >
      {(fields, { add, remove }, { errors }) => (
        <Space direction="vertical" className="full-width insp-findings">
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              className="insp-finding-card"
              title={t('insp.form.findingN', { n: index + 1 })}
              extra={
                <Button
                  type="text"
                  danger
                  size="small"
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={t('insp.form.removeFinding', { n: index + 1 })}
                />
              }
            >
              <Form.Item
                name={[field.name, 'description']}
                label={t('insp.finding.description')}
                rules={[{ required: true, whitespace: true, min: 2, message: t('insp.form.descriptionRequired') }]}
              >
                <Input.TextArea rows={2} maxLength={4000} />
              </Form.Item>
              <Form.Item name={[field.name, 'severity']} label={t('insp.finding.severity')}>
                <Radio.Group
                  optionType="button"
                  options={SEVERITIES.map((severity) => ({ value: severity, label: t(`insp.severity.${severity}`) }))}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'requires_rectification']} valuePropName="checked" className="insp-requires">
                <Checkbox>{t('insp.finding.requiresRectification')}</Checkbox>
              </Form.Item>
              <Form.Item noStyle dependencies={[['findings', field.name, 'requires_rectification']]}>
                {({ getFieldValue }) =>
                  getFieldValue(['findings', field.name, 'requires_rectification']) ? (
                    <Space wrap align="start" className="insp-rect-fields">
                      <Form.Item name={[field.name, 'owner_unit_id']} label={t('insp.finding.owner')} extra={t('insp.form.ownerDefault')}>
                        <Select
                          allowClear
                          showSearch
                          options={options}
                          filterOption={filterUnitOption}
                          loading={units.isPending}
                          placeholder={t('insp.form.ownerPlaceholder')}
                          className="insp-owner-select"
                          popupMatchSelectWidth={false}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'deadline_days']}
                        label={t('insp.finding.deadlineDays')}
                        extra={t('insp.form.deadlineHint')}
                        rules={[{ required: true, type: 'integer', min: 1, max: 250, message: t('insp.form.deadlineRequired') }]}
                      >
                        <InputNumber min={1} max={250} precision={0} suffix={t('insp.workingDays')} />
                      </Form.Item>
                    </Space>
                  ) : null
                }
              </Form.Item>
            </Card>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ ...NEW_FINDING })}>
            {t('insp.form.addFinding')}
          </Button>
          <Form.ErrorList errors={errors} />
        </Space>
      )}
    </Form.List>
  );
}
