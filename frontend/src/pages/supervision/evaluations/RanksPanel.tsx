import { useEffect, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Form, Input, InputNumber, Row, Select, Space, Table, Typography, type TableProps } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { tasksApi } from '../../../api/http';
import { ApiError, unwrap } from '../../../api/problem';
import type { Me } from '../../../api/types';
import { LoadError, ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { isReadOnly } from '../../../nav/menu';
import { formatTime } from '../../../tasks/hooks';
import { EVAL_KEY } from './api';
import { PERIOD } from './periods';
import { isEvaluationOffice } from './permissions';
import { RANK_FRAMEWORKS, type IndicatorRankIn, type IndicatorRankRead, type RankFramework } from './types';

const PAGE_SIZE = 20;

interface Values {
  indicator_code: string;
  framework: RankFramework;
  period: string;
  rank: number;
  of?: number | null;
}

/** Enters a rank, or corrects the one of the same indicator, framework and period (the API answers 200 then). */
function RankForm({ initial, onSaved }: { initial?: Partial<Values>; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  // 更正 from the list fills the form with that rank.
  useEffect(() => {
    if (initial) form.setFieldsValue(initial);
  }, [form, initial]);
  const save = useMutation({
    mutationFn: async (values: Values) => {
      const body: IndicatorRankIn = {
        indicator_code: values.indicator_code.trim(),
        framework: values.framework,
        period: values.period.trim(),
        rank: values.rank,
        of: values.of ?? null,
      };
      const { data, error, response } = await tasksApi.POST('/api/tasks/v1/evaluations/indicator-ranks', { body });
      if (data === undefined) throw new ApiError(error);
      return { rank: data, corrected: response.status === 200 };
    },
    onSuccess: ({ rank, corrected }) => {
      void message.success(t(corrected ? 'eval.ranks.corrected' : 'eval.ranks.entered', { code: rank.indicator_code, period: rank.period }));
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: EVAL_KEY });
      onSaved();
    },
  });
  return (
    <Card size="small" title={t('eval.ranks.formTitle')} className="eval-rank-form">
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ framework: 'national', ...initial }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item
          name="indicator_code"
          label={t('eval.ranks.indicator')}
          rules={[{ required: true, whitespace: true, message: t('eval.ranks.indicatorRequired') }]}
        >
          <Input maxLength={64} placeholder={t('eval.ranks.indicatorPlaceholder')} />
        </Form.Item>
        <Form.Item name="framework" label={t('eval.ranks.framework')} rules={[{ required: true }]}>
          <Select options={RANK_FRAMEWORKS.map((value) => ({ value, label: t(`eval.framework.${value}`) }))} />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('eval.ranks.period')}
          extra={t('eval.ranks.periodHint')}
          rules={[{ required: true, pattern: PERIOD, message: t('eval.ranks.periodInvalid') }]}
        >
          <Input maxLength={7} placeholder="2026-Q3" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="rank" label={t('eval.ranks.rank')} rules={[{ required: true, type: 'integer', min: 1, max: 1000, message: t('eval.ranks.rankRequired') }]}>
            <InputNumber min={1} max={1000} precision={0} />
          </Form.Item>
          <Form.Item
            name="of"
            label={t('eval.ranks.of')}
            dependencies={['rank']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, of?: number | null) => {
                  const rank = getFieldValue('rank') as number | undefined;
                  if (of != null && rank != null && rank > of) throw new Error(t('eval.ranks.rankAboveOf'));
                },
              }),
            ]}
          >
            <InputNumber min={1} max={1000} precision={0} />
          </Form.Item>
        </Space>
        {save.error && <ProblemAlert error={save.error} />}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('eval.ranks.save')}
        </Button>
      </Form>
    </Card>
  );
}

/** 指标名次（手工录入）: used by the rank rule when indicators-api has no rank; the office enters, leaders read. */
export function RanksPanel({ me }: { me: Me }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [code, setCode] = useState<string | undefined>();
  const [framework, setFramework] = useState<RankFramework | undefined>();
  const [editing, setEditing] = useState<Partial<Values> | undefined>();
  const canEnter = isEvaluationOffice(me) && !isReadOnly(me.roles);
  const ranks = useQuery({
    queryKey: [...EVAL_KEY, 'ranks', code, framework, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await tasksApi.GET('/api/tasks/v1/evaluations/indicator-ranks', {
          params: { query: { indicator_code: code, framework, page, page_size: PAGE_SIZE } },
        }),
      ),
  });
  const columns: TableProps<IndicatorRankRead>['columns'] = [
    { title: t('eval.ranks.indicator'), key: 'code', dataIndex: 'indicator_code', className: 'nowrap' },
    { title: t('eval.ranks.framework'), key: 'framework', render: (_, row) => t(`eval.framework.${row.framework}`) },
    { title: t('eval.ranks.period'), key: 'period', dataIndex: 'period', className: 'nowrap' },
    { title: t('eval.ranks.rank'), key: 'rank', className: 'nowrap', render: (_, row) => (row.of ? t('eval.ranks.rankOf', { rank: row.rank, of: row.of }) : t('eval.ranks.rankOnly', { rank: row.rank })) },
    { title: t('eval.ranks.enteredBy'), key: 'by', className: 'nowrap', render: (_, row) => `${row.entered_by} · ${formatTime(row.entered_at)}` },
    ...(canEnter
      ? [
          {
            title: '',
            key: 'edit',
            render: (_: unknown, row: IndicatorRankRead) => (
              <Button
                size="small"
                type="link"
                icon={<EditOutlined />}
                onClick={() => setEditing({ indicator_code: row.indicator_code, framework: row.framework, period: row.period, rank: row.rank, of: row.of })}
              >
                {t('eval.ranks.correct')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  const list = (
    <Space direction="vertical" size="middle" className="full-width">
      <Typography.Text type="secondary">{t('eval.ranks.hint')}</Typography.Text>
      <Space wrap className="insp-filters">
        <Input.Search
          allowClear
          aria-label={t('eval.ranks.indicator')}
          placeholder={t('eval.ranks.filterCode')}
          onSearch={(value) => {
            setCode(value.trim() || undefined);
            setPage(1);
          }}
          className="insp-filter"
        />
        <Select
          allowClear
          aria-label={t('eval.ranks.framework')}
          placeholder={t('eval.ranks.framework')}
          value={framework}
          onChange={(value) => {
            setFramework(value);
            setPage(1);
          }}
          options={RANK_FRAMEWORKS.map((value) => ({ value, label: t(`eval.framework.${value}`) }))}
          className="insp-filter"
        />
      </Space>
      <LoadError error={ranks.error} />
      <Table<IndicatorRankRead>
        rowKey="id"
        size="small"
        className="eval-ranks-table"
        scroll={{ x: 'max-content' }}
        loading={ranks.isFetching}
        columns={columns}
        dataSource={ranks.data?.items}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: ranks.data?.total ?? 0, showSizeChanger: false, onChange: setPage, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('eval.ranks.empty')} /> }}
      />
    </Space>
  );
  if (!canEnter) return list;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        {list}
      </Col>
      <Col xs={24} lg={8}>
        <RankForm initial={editing} onSaved={() => setEditing(undefined)} />
      </Col>
    </Row>
  );
}
