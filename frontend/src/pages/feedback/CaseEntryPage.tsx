import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Col, DatePicker, Form, Input, Result, Row, Select, Space, TreeSelect, Typography, type FormInstance } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { feedbackApi } from '../../api/http';
import { unwrap } from '../../api/problem';
import { fieldErrors, ProblemAlert } from '../../components/ProblemAlert';
import { categoryTree, FEEDBACK_KEY, useCategories, useFeedbackOptions } from '../../feedback/hooks';
import { checkCreditCode, checkIdNumber, checkPhone } from '../../feedback/identifiers';
import { CASE_TYPES, STAFF_CHANNELS, type CaseCreated, type CaseType, type StaffCaseCreate, type StaffChannel } from '../../feedback/types';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDate } from '../../tasks/hooks';

interface EntryValues {
  channel: StaffChannel;
  source_detail?: string;
  external_id?: string;
  received_at?: Dayjs;
  type: CaseType;
  category_code: string;
  title: string;
  description: string;
  desired_outcome?: string;
  enterprise_name?: string;
  credit_code?: string;
  contact_name?: string;
  contact_phone?: string;
  contact_id_number?: string;
  district?: string;
  address?: string;
  anonymous?: boolean;
}

const blank = (value: string | undefined) => value?.trim() || null;

/** The values as the API takes them (normalised codes and numbers, empty text as null). */
export function entryBody(values: EntryValues): StaffCaseCreate {
  const anonymous = values.type === 'suggestion' && !!values.anonymous;
  const normalised = <P,>(value: string | undefined, check: (v: string) => { ok: true; value: string } | { ok: false; problem: P }) => {
    if (!value?.trim()) return null;
    const result = check(value);
    return result.ok ? result.value : value.trim();
  };
  return {
    channel: values.channel,
    source_detail: blank(values.source_detail),
    external_id: blank(values.external_id),
    received_at: values.received_at ? values.received_at.format() : null,
    type: values.type,
    category_code: values.category_code,
    title: values.title.trim(),
    description: values.description.trim(),
    desired_outcome: blank(values.desired_outcome),
    enterprise_name: anonymous ? null : blank(values.enterprise_name),
    credit_code: anonymous ? null : normalised(values.credit_code, checkCreditCode),
    contact_name: anonymous ? null : blank(values.contact_name),
    contact_phone: anonymous ? null : normalised(values.contact_phone, checkPhone),
    contact_id_number: anonymous ? null : normalised(values.contact_id_number, checkIdNumber),
    district: values.district ?? null,
    address: blank(values.address),
    anonymous,
  };
}

/** Puts the API's per-field messages (422 `errors[].field`) on the form's fields. */
function showFieldErrors(form: FormInstance<EntryValues>, error: unknown) {
  const known = new Set(Object.keys(form.getFieldsValue(true)));
  const fields = fieldErrors(error)
    .filter((e): e is { field: string; message: string } => !!e.field && known.has(e.field))
    .map((e) => ({ name: e.field as keyof EntryValues, errors: [e.message] }));
  if (fields.length) form.setFields(fields);
}

/** 代为登记: the office or a unit enters a case heard from an experience officer, a salon, the media or an inspection. */
export function CaseEntryPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EntryValues>();
  const categories = useCategories();
  const options = useFeedbackOptions();
  const [created, setCreated] = useState<CaseCreated | null>(null);
  const type = Form.useWatch('type', form);
  const anonymous = Form.useWatch('anonymous', form) && type === 'suggestion';

  const submit = useMutation({
    mutationFn: async (values: EntryValues) => unwrap(await feedbackApi.POST('/api/feedback/v1/cases', { body: entryBody(values) })),
    onSuccess: (result) => {
      setCreated(result);
      void queryClient.invalidateQueries({ queryKey: [FEEDBACK_KEY, 'cases'] });
    },
    onError: (error) => showFieldErrors(form, error),
  });

  if (created) {
    return (
      <Result
        status="success"
        title={t('fb.entry.created', { caseNo: created.case_no })}
        subTitle={
          <Space direction="vertical" size={2}>
            <span>
              {t('fb.entry.trackingCode')}
              <Typography.Text copyable strong className="fb-tracking-code">
                {created.tracking_code}
              </Typography.Text>
            </span>
            <span>{t('fb.entry.due', { date: formatDate(created.due_at) })}</span>
            <span>{t('fb.entry.trackingHint')}</span>
          </Space>
        }
        extra={[
          <Button key="open" type="primary" onClick={() => navigate(`/feedback/cases/${encodeURIComponent(created.case_no)}`)}>
            {t('fb.entry.open')}
          </Button>,
          <Button
            key="again"
            onClick={() => {
              form.resetFields();
              submit.reset();
              setCreated(null);
            }}
          >
            {t('fb.entry.again')}
          </Button>,
        ]}
      />
    );
  }

  const typeLimit = (code: CaseType) => options.data?.types.find((item) => item.code === code)?.time_limit_working_days;
  const validator = <P extends string>(check: (v: string) => { ok: true; value: string } | { ok: false; problem: P }, messageFor: (p: P) => string) => ({
    validator: (_: unknown, value: string | undefined) => {
      if (!value?.trim()) return Promise.resolve();
      const result = check(value);
      return result.ok ? Promise.resolve() : Promise.reject(new Error(messageFor(result.problem)));
    },
  });
  const required = (message: string) => ({ required: true, whitespace: true, message });

  return (
    <Space direction="vertical" size="middle" className="full-width fb-entry">
      <div className="page-header">
        <Space align="start">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/feedback')} aria-label={t('fb.back')} />
          <div>
            <Typography.Title level={4} className="page-title">
              {t('fb.entry.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('fb.entry.subtitle')}</Typography.Text>
          </div>
        </Space>
      </div>
      <Form<EntryValues>
        form={form}
        layout="vertical"
        initialValues={{ channel: 'experience_officer', type: 'complaint', anonymous: false }}
        onFinish={(values) => submit.mutate(values)}
        scrollToFirstError
      >
        <Card size="small" title={t('fb.entry.source')}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="channel" label={t('fb.field.channel')} rules={[{ required: true, message: t('fb.entry.channelRequired') }]}>
                <Select aria-label={t('fb.field.channel')} options={STAFF_CHANNELS.map((code) => ({ value: code, label: t(`fb.channel.${code}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="source_detail" label={t('fb.entry.sourceDetail')} rules={[{ max: 200, message: t('fb.form.tooLong', { max: 200 }) }]}>
                <Input placeholder={t('fb.entry.sourceDetailPlaceholder')} maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="received_at" label={t('fb.entry.receivedAt')} extra={t('fb.entry.receivedAtHint')}>
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  aria-label={t('fb.entry.receivedAt')}
                  className="full-width"
                  disabledDate={(day) => day.isAfter(dayjs(), 'day')}
                  inputReadOnly
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="external_id" label={t('fb.entry.externalId')} rules={[{ max: 64, message: t('fb.form.tooLong', { max: 64 }) }]}>
                <Input maxLength={64} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={t('fb.entry.matter')} className="fb-entry-card">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="type"
                label={t('fb.field.type')}
                rules={[{ required: true, message: t('fb.entry.typeRequired') }]}
                extra={type && typeLimit(type) ? t('fb.timeLimit', { days: typeLimit(type)! }) : undefined}
              >
                <Select aria-label={t('fb.field.type')} options={CASE_TYPES.map((code) => ({ value: code, label: t(`fb.type.${code}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="category_code" label={t('fb.field.category')} rules={[{ required: true, message: t('fb.entry.categoryRequired') }]}>
                <TreeSelect
                  aria-label={t('fb.field.category')}
                  treeData={categoryTree(categories.data, true)}
                  loading={categories.isPending}
                  showSearch
                  treeNodeFilterProp="title"
                  treeDefaultExpandAll={false}
                  placeholder={t('fb.entry.categoryPlaceholder')}
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="title"
                label={t('fb.field.title')}
                rules={[required(t('fb.entry.titleRequired')), { min: 2, message: t('fb.form.tooShort', { min: 2 }) }, { max: 200, message: t('fb.form.tooLong', { max: 200 }) }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="description"
                label={t('fb.field.description')}
                rules={[required(t('fb.entry.descriptionRequired')), { min: 5, message: t('fb.form.tooShort', { min: 5 }) }, { max: 5000, message: t('fb.form.tooLong', { max: 5000 }) }]}
              >
                <Input.TextArea rows={5} maxLength={5000} showCount />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="desired_outcome" label={t('fb.field.desired')} rules={[{ max: 2000, message: t('fb.form.tooLong', { max: 2000 }) }]}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="district" label={t('fb.field.district')}>
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  aria-label={t('fb.field.district')}
                  options={(options.data?.districts ?? []).map((d) => ({ value: d.code, label: d.name }))}
                  loading={options.isPending}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="address" label={t('fb.field.address')} rules={[{ max: 300, message: t('fb.form.tooLong', { max: 300 }) }]}>
                <Input maxLength={300} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={t('fb.entry.who')} className="fb-entry-card">
          {type === 'suggestion' && (
            <Form.Item name="anonymous" valuePropName="checked">
              <Checkbox>{t('fb.entry.anonymous')}</Checkbox>
            </Form.Item>
          )}
          {!anonymous && (
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="enterprise_name" label={t('fb.field.enterprise')} rules={[{ max: 200, message: t('fb.form.tooLong', { max: 200 }) }]}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="credit_code"
                  label={t('fb.field.creditCode')}
                  rules={[validator(checkCreditCode, (p) => t(`fb.check.credit.${p}`))]}
                >
                  <Input maxLength={40} className="fb-mono" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="contact_name" label={t('fb.entry.contactName')} rules={[{ max: 50, message: t('fb.form.tooLong', { max: 50 }) }]}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="contact_phone" label={t('fb.entry.contactPhone')} rules={[validator(checkPhone, () => t('fb.check.phone'))]}>
                  <Input maxLength={30} inputMode="tel" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="contact_id_number"
                  label={t('fb.entry.idNumber')}
                  rules={[validator(checkIdNumber, (p) => t(`fb.check.id.${p}`))]}
                >
                  <Input maxLength={30} autoComplete="off" />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Typography.Text type="secondary">{t('fb.entry.privacy')}</Typography.Text>
        </Card>

        {submit.error && <ProblemAlert error={submit.error} />}
        <Space className="fb-entry-submit">
          <Button type="primary" htmlType="submit" loading={submit.isPending}>
            {t('fb.entry.submit')}
          </Button>
          <Button onClick={() => navigate('/feedback')}>{t('fb.cancel')}</Button>
        </Space>
      </Form>
    </Space>
  );
}
