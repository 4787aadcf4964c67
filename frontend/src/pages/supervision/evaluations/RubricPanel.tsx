import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Space, Switch, Table, Tag, Typography, type TableProps } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import type { Me } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { isReadOnly } from '../../../nav/menu';
import { formatTime } from '../../../tasks/hooks';
import { EVAL_KEY } from './api';
import { isEvaluationOffice } from './permissions';
import { ITEM_KEY, points, type RubricItem, type RubricRead, type RubricUpdate } from './types';

interface ItemValues {
  key?: string;
  name?: string;
  max_points?: number | null;
}

const sumOf = (items: ItemValues[] | undefined) => Math.round((items ?? []).reduce((sum, item) => sum + (item?.max_points ?? 0), 0) * 100) / 100;

function useSaveRubric(year: number, done: string) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: RubricUpdate) => unwrap(await tasksApi.PUT('/api/tasks/v1/evaluations/rubric', { params: { query: { year } }, body })),
    onSuccess: () => {
      void message.success(t(done === 'items' ? 'eval.rubric.saved' : 'eval.rule.saved'));
      void queryClient.invalidateQueries({ queryKey: EVAL_KEY });
    },
  });
}

const settingsOf = (rubric: RubricRead) => ({
  rank_rule_enabled: rubric.rank_rule_enabled,
  national_top_n: rubric.national_top_n,
  provincial_top_n: rubric.provincial_top_n,
});

/** The sum of the items' maxima, which must be 100. */
function ItemsSum() {
  const { t } = useI18n();
  const form = Form.useFormInstance<{ items: ItemValues[] }>();
  const items = Form.useWatch('items', form);
  const sum = sumOf(items);
  return (
    <Typography.Text type={sum === 100 ? 'success' : 'danger'} className="eval-rubric-sum" data-sum={sum}>
      {t('eval.rubric.sum', { sum: points(sum) })}
    </Typography.Text>
  );
}

/** 评分细则: items (key, name, maximum) summing to 100; frozen by the API once the year has evaluations. */
function RubricEditor({ year, rubric }: { year: number; rubric: RubricRead }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ items: ItemValues[] }>();
  const save = useSaveRubric(year, 'items');
  return (
    <Card size="small" title={t('eval.rubric.editTitle')} className="eval-rubric-editor">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ items: rubric.items }}
        onFinish={({ items }) =>
          save.mutate({
            ...settingsOf(rubric),
            items: items.map((item) => ({ key: (item.key ?? '').trim(), name: (item.name ?? '').trim(), max_points: item.max_points ?? 0 })),
          })
        }
      >
        <Form.List
          name="items"
          rules={[
            {
              validator: async (_, items: ItemValues[] | undefined) => {
                if (!items?.length) throw new Error(t('eval.rubric.itemsRequired'));
                if (sumOf(items) !== 100) throw new Error(t('eval.rubric.sumInvalid', { sum: points(sumOf(items)) }));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Space direction="vertical" className="full-width">
              {fields.map((field, index) => (
                <div key={field.key} className="eval-rubric-row" data-index={index}>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={index === 0 ? t('eval.rubric.name') : undefined}
                    aria-label={t('eval.rubric.name')}
                    rules={[{ required: true, whitespace: true, message: t('eval.rubric.nameRequired') }]}
                    className="eval-rubric-name"
                  >
                    <Input maxLength={50} placeholder={t('eval.rubric.name')} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'max_points']}
                    label={index === 0 ? t('eval.rubric.max') : undefined}
                    rules={[{ required: true, type: 'number', min: 0.01, max: 100, message: t('eval.rubric.maxRequired') }]}
                  >
                    <InputNumber min={0} max={100} precision={2} placeholder={t('eval.rubric.max')} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'key']}
                    label={index === 0 ? t('eval.rubric.key') : undefined}
                    className="eval-rubric-key"
                    rules={[
                      { required: true, pattern: ITEM_KEY, message: t('eval.rubric.keyInvalid') },
                      ({ getFieldValue }) => ({
                        validator: async (_, key?: string) => {
                          const keys = ((getFieldValue('items') as ItemValues[] | undefined) ?? []).map((item) => item?.key);
                          if (key && keys.filter((other) => other === key).length > 1) throw new Error(t('eval.rubric.keyDuplicate'));
                        },
                      }),
                    ]}
                  >
                    <Input maxLength={32} placeholder="progress" />
                  </Form.Item>
                  <Form.Item label={index === 0 ? ' ' : undefined}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('eval.rubric.remove', { n: index + 1 })}
                      disabled={fields.length <= 1}
                    />
                  </Form.Item>
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: `item${fields.length + 1}`, name: '', max_points: null })}>
                {t('eval.rubric.add')}
              </Button>
              <ItemsSum />
              <Form.ErrorList errors={errors} />
            </Space>
          )}
        </Form.List>
        <Typography.Paragraph type="secondary" className="eval-rubric-hint">
          {t('eval.rubric.hint')}
        </Typography.Paragraph>
        {save.error && <ProblemAlert error={save.error} />}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('eval.rubric.save')}
        </Button>
      </Form>
    </Card>
  );
}

interface RuleValues {
  rank_rule_enabled: boolean;
  national_top_n: number;
  provincial_top_n: number;
}

/** 排名满分规则 settings: on/off, national top N, provincial top M; still editable after scoring began. */
function RankRuleSettings({ year, rubric, editable }: { year: number; rubric: RubricRead; editable: boolean }) {
  const { t } = useI18n();
  const [form] = Form.useForm<RuleValues>();
  const save = useSaveRubric(year, 'rule');
  const items: RubricItem[] = rubric.items;
  return (
    <Card size="small" title={t('eval.rule.settingsTitle')} className="eval-rule-settings">
      <Form<RuleValues> form={form} layout="vertical" initialValues={settingsOf(rubric)} disabled={!editable} onFinish={(values) => save.mutate({ items, ...values })}>
        <Form.Item name="rank_rule_enabled" label={t('eval.rule.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item
          name="national_top_n"
          label={t('eval.rule.nationalTop')}
          rules={[{ required: true, type: 'integer', min: 1, max: 100, message: t('eval.rule.topInvalid') }]}
        >
          <InputNumber min={1} max={100} precision={0} />
        </Form.Item>
        <Form.Item
          name="provincial_top_n"
          label={t('eval.rule.provincialTop')}
          rules={[{ required: true, type: 'integer', min: 1, max: 100, message: t('eval.rule.topInvalid') }]}
        >
          <InputNumber min={1} max={100} precision={0} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('eval.rule.settingsHint')}</Typography.Paragraph>
        {save.error && <ProblemAlert error={save.error} />}
        {editable && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('eval.rule.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

/** The year's rubric and rank rule: the office edits them, everyone else reads. */
export function RubricPanel({ me, year, rubric }: { me: Me; year: number; rubric: RubricRead }) {
  const { t } = useI18n();
  const editable = isEvaluationOffice(me) && !isReadOnly(me.roles);
  const columns: TableProps<RubricItem>['columns'] = [
    { title: t('eval.rubric.name'), key: 'name', dataIndex: 'name' },
    { title: t('eval.rubric.max'), key: 'max', align: 'right', render: (_, item) => points(item.max_points) },
  ];
  const meta = (
    <Space wrap size={[8, 4]}>
      {rubric.is_default ? <Tag>{t('eval.rubric.default')}</Tag> : <Tag color="blue">{t('eval.rubric.custom')}</Tag>}
      {rubric.updated_by && (
        <Typography.Text type="secondary">{t('eval.rubric.updatedBy', { user: rubric.updated_by, time: formatTime(rubric.updated_at) })}</Typography.Text>
      )}
    </Space>
  );
  // Re-mount the forms when the saved rubric changes so they show what the API stored.
  const version = `${year}-${rubric.updated_at ?? 'default'}`;
  return (
    <Space direction="vertical" size="middle" className="full-width eval-rubric">
      {meta}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          {editable ? (
            <RubricEditor key={version} year={year} rubric={rubric} />
          ) : (
            <Card size="small" title={t('eval.rubric.title', { year })}>
              <Table<RubricItem>
                rowKey="key"
                size="small"
                columns={columns}
                dataSource={rubric.items}
                pagination={false}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>{t('eval.total')}</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">
                      {points(rubric.items.reduce((sum, item) => sum + item.max_points, 0))}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
              />
            </Card>
          )}
        </Col>
        <Col xs={24} lg={10}>
          <RankRuleSettings key={version} year={year} rubric={rubric} editable={editable} />
          {!editable && !rubric.rank_rule_enabled && <Alert type="info" showIcon message={t('eval.rule.disabled')} />}
        </Col>
      </Row>
    </Space>
  );
}
