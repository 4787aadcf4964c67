import { useState } from 'react';
import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Grid, List, Segmented, Select, Space, Table, Typography, type TableProps } from 'antd';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import type { Me } from '../../../api/types';
import { LoadError } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { filterUnitOption, formatTime, unitOptions, useUnits } from '../../../tasks/hooks';
import { EVAL_KEY } from './api';
import { AutoTag, ItemScores, Total } from './parts';
import { EVALUATION_KINDS, type EvaluationKind, type EvaluationRead, type RubricRead } from './types';

const PAGE_SIZE = 20;

function useEvaluationPage(query: Record<string, string | number | boolean | undefined>, page: number) {
  return useQuery({
    queryKey: [...EVAL_KEY, 'page', query, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(await tasksApi.GET('/api/tasks/v1/evaluations', { params: { query: { ...query, page, page_size: PAGE_SIZE } } })),
  });
}

/** Scores as a table on a wide screen and as cards on a phone; `who` says which side of the score to show. */
function EvaluationRows({
  data,
  loading,
  rubric,
  page,
  total,
  onPage,
  who,
  empty,
}: {
  data?: EvaluationRead[];
  loading: boolean;
  rubric?: RubricRead;
  page: number;
  total: number;
  onPage: (page: number) => void;
  who: 'evaluator' | 'both';
  empty: string;
}) {
  const { t } = useI18n();
  const isPhone = Grid.useBreakpoint().md === false;
  const pagination = { current: page, pageSize: PAGE_SIZE, total, showSizeChanger: false, onChange: onPage, showTotal: (n: number) => t('insp.total', { total: n }) };
  const emptyNode = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  const task = (e: EvaluationRead) => (
    <span>
      <Link to={`/tasks/${encodeURIComponent(e.task_code)}`}>{e.task_code}</Link> {e.task_title}
    </span>
  );
  if (isPhone) {
    return (
      <List<EvaluationRead>
        className="eval-cards"
        loading={loading}
        dataSource={data}
        pagination={total > PAGE_SIZE ? { ...pagination, size: 'small' } : false}
        locale={{ emptyText: emptyNode }}
        renderItem={(e) => (
          <List.Item className="eval-card">
            <div className="insp-card-body">
              <Space wrap size={[4, 4]}>
                <Total value={e.total} />
                <AutoTag evaluation={e} />
                <Typography.Text type="secondary">
                  {e.period} · {t(`eval.kind.${e.kind}`)}
                </Typography.Text>
              </Space>
              {task(e)}
              <Typography.Text type="secondary">
                {who === 'both'
                  ? t('eval.fromTo', { from: e.evaluator_unit?.short_name ?? '—', to: e.evaluated_unit?.short_name ?? '—' })
                  : t('eval.from', { from: e.evaluator_unit?.short_name ?? '—' })}
              </Typography.Text>
              <ItemScores evaluation={e} rubric={rubric} />
              {e.comment && <Typography.Paragraph className="pre-wrap eval-comment">{e.comment}</Typography.Paragraph>}
            </div>
          </List.Item>
        )}
      />
    );
  }
  const columns: TableProps<EvaluationRead>['columns'] = [
    { title: t('eval.col.task'), key: 'task', className: 'eval-task-cell', render: (_, e) => task(e) },
    { title: t('eval.col.period'), key: 'period', className: 'nowrap', dataIndex: 'period' },
    { title: t('eval.col.kind'), key: 'kind', className: 'nowrap', render: (_, e) => t(`eval.kind.${e.kind}`) },
    { title: t('eval.col.evaluator'), key: 'evaluator', className: 'nowrap', render: (_, e) => e.evaluator_unit?.short_name ?? '—' },
    ...(who === 'both'
      ? [{ title: t('eval.col.evaluated'), key: 'evaluated', className: 'nowrap', render: (_: unknown, e: EvaluationRead) => e.evaluated_unit?.short_name ?? '—' }]
      : []),
    {
      title: t('eval.col.score'),
      key: 'score',
      render: (_, e) => (
        <Space direction="vertical" size={2}>
          <div className="eval-unit-score">
            <Total value={e.total} />
            <AutoTag evaluation={e} />
          </div>
          <ItemScores evaluation={e} rubric={rubric} />
        </Space>
      ),
    },
    { title: t('eval.comment'), key: 'comment', className: 'eval-comment-cell', render: (_, e) => e.comment || '—' },
    { title: t('eval.col.updated'), key: 'updated', className: 'nowrap', render: (_, e) => formatTime(e.updated_at) },
  ];
  return (
    <Table<EvaluationRead>
      rowKey="id"
      size="middle"
      className="eval-table"
      scroll={{ x: 'max-content' }}
      loading={loading}
      columns={columns}
      dataSource={data}
      pagination={pagination}
      locale={{ emptyText: emptyNode }}
    />
  );
}

const SCOPES = ['period', 'year'] as const;
type Scope = (typeof SCOPES)[number];

/** 我的得分: the scores the user's unit received, for the chosen period or the whole year. */
export function MineTab({ me, year, period, rubric }: { me: Me; year: number; period: string; rubric?: RubricRead }) {
  const { t } = useI18n();
  const [scope, setScope] = useState<Scope>('period');
  const [page, setPage] = useState(1);
  const scores = useEvaluationPage({ year, period: scope === 'period' ? period : undefined, evaluated_unit_id: me.unit.id }, page);
  const average = scores.data?.items.length ? scores.data.items.reduce((sum, e) => sum + e.total, 0) / scores.data.items.length : undefined;
  return (
    <Space direction="vertical" size="middle" className="full-width eval-mine">
      <Space wrap>
        <Segmented<Scope>
          value={scope}
          onChange={(value) => {
            setScope(value);
            setPage(1);
          }}
          options={SCOPES.map((value) => ({ value, label: value === 'period' ? t('eval.scope.period', { period }) : t('eval.scope.year', { year }) }))}
        />
        {average !== undefined && scores.data && scores.data.total <= PAGE_SIZE && (
          <Typography.Text className="eval-average">{t('eval.average', { value: average.toFixed(1), count: scores.data.total })}</Typography.Text>
        )}
      </Space>
      <LoadError error={scores.error} />
      <EvaluationRows
        data={scores.data?.items}
        loading={scores.isFetching}
        rubric={rubric}
        page={page}
        total={scores.data?.total ?? 0}
        onPage={setPage}
        who="evaluator"
        empty={t('eval.noScoresReceived')}
      />
    </Space>
  );
}

/** 考评结果: every score the user may see for the period, filtered by kind and unit (read-only). */
export function RecordsTab({ year, period, rubric }: { year: number; period: string; rubric?: RubricRead }) {
  const { t } = useI18n();
  const units = useUnits();
  const [kind, setKind] = useState<EvaluationKind | undefined>();
  const [unit, setUnit] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const scores = useEvaluationPage({ year, period, kind, evaluated_unit_id: unit }, page);
  return (
    <Space direction="vertical" size="middle" className="full-width eval-records">
      <Space wrap className="insp-filters">
        <Select
          allowClear
          aria-label={t('eval.col.kind')}
          placeholder={t('eval.filter.kind')}
          value={kind}
          onChange={(value) => {
            setKind(value);
            setPage(1);
          }}
          options={EVALUATION_KINDS.map((value) => ({ value, label: t(`eval.kind.${value}`) }))}
          className="insp-filter"
          popupMatchSelectWidth={false}
        />
        <Select
          allowClear
          showSearch
          aria-label={t('eval.filter.unit')}
          placeholder={t('eval.filter.unit')}
          value={unit}
          onChange={(value) => {
            setUnit(value);
            setPage(1);
          }}
          options={unitOptions(units.data)}
          filterOption={filterUnitOption}
          className="insp-filter"
          popupMatchSelectWidth={false}
        />
      </Space>
      <LoadError error={scores.error} />
      <EvaluationRows
        data={scores.data?.items}
        loading={scores.isFetching}
        rubric={rubric}
        page={page}
        total={scores.data?.total ?? 0}
        onPage={setPage}
        who="both"
        empty={t('eval.noScores')}
      />
    </Space>
  );
}
