import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Grid, Input, List, Popconfirm, Segmented, Space, Spin, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { EditOutlined, FormOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import type { Me, TaskRead, UnitRef } from '../../../api/types';
import { errorText, LoadError } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { isReadOnly } from '../../../nav/menu';
import { EVAL_KEY, usePeriodEvaluations, useYearTasks } from './api';
import { AutoTag, ItemScores, Total } from './parts';
import { editsEvaluation, isEvaluationOffice } from './permissions';
import { ScoreModal, type ScoreTarget } from './ScoreModal';
import { RANK_RULE_ACTIONS, type EvaluationRead, type RankRuleAction, type RankRuleResult, type RubricRead } from './types';

interface Scoring {
  target: ScoreTarget;
  existing?: EvaluationRead;
}

const matches = (task: TaskRead, text: string) => {
  const q = text.trim().toLowerCase();
  return !q || task.code.toLowerCase().includes(q) || task.title.toLowerCase().includes(q);
};

/** The score of one unit on one task: total, items, auto tag; or 未评分. */
function ScoreCell({ evaluation, rubric }: { evaluation?: EvaluationRead; rubric: RubricRead }) {
  const { t } = useI18n();
  if (!evaluation) return <Tag className="eval-unscored">{t('eval.unscored')}</Tag>;
  return (
    <div className="eval-unit-score">
      <Total value={evaluation.total} />
      <AutoTag evaluation={evaluation} />
      <ItemScores evaluation={evaluation} rubric={rubric} />
    </div>
  );
}

function ScoreButton({ evaluation, onClick }: { evaluation?: EvaluationRead; onClick: () => void }) {
  const { t } = useI18n();
  return evaluation ? (
    <Button size="small" icon={<EditOutlined />} onClick={onClick}>
      {t('eval.edit')}
    </Button>
  ) : (
    <Button size="small" type="primary" icon={<FormOutlined />} onClick={onClick}>
      {t('eval.score')}
    </Button>
  );
}

/** 评价责任单位: a lead unit scores each responsible unit of each task it leads, for the chosen period. */
export function ResponsibleTab({ me, year, period, rubric }: { me: Me; year: number; period: string; rubric: RubricRead }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [scoring, setScoring] = useState<Scoring | null>(null);
  const tasks = useYearTasks(year, me.unit.id);
  const evaluations = usePeriodEvaluations(year, period, 'lead_on_responsible', me.unit.id);
  if (tasks.error || evaluations.error) return <LoadError error={tasks.error ?? evaluations.error} />;
  if (!tasks.data || !evaluations.data) return <Spin className="page-spin" />;

  const given = new Map(evaluations.data.map((e) => [`${e.task_code}|${e.evaluated_unit?.id}`, e]));
  const led = tasks.data.filter((task) => task.lead_unit?.id === me.unit.id);
  const pairs = led.reduce((sum, task) => sum + task.responsible_units.length, 0);
  const scored = led.reduce((sum, task) => sum + task.responsible_units.filter((unit) => given.has(`${task.code}|${unit.id}`)).length, 0);
  const shown = led.filter((task) => matches(task, text));
  const open = (task: TaskRead, unit: UnitRef, existing?: EvaluationRead) =>
    setScoring({ target: { taskCode: task.code, taskTitle: task.title, period, kind: 'lead_on_responsible', unit }, existing });

  if (!led.length) return <Empty description={t('eval.noLedTasks', { year })} />;
  return (
    <Space direction="vertical" size="middle" className="full-width eval-responsible">
      <Space wrap className="full-width eval-toolbar">
        <Typography.Text className="eval-progress">{t('eval.scoredProgress', { scored, total: pairs })}</Typography.Text>
        <Input.Search allowClear placeholder={t('eval.searchTask')} onChange={(event) => setText(event.target.value)} className="insp-filter" />
      </Space>
      {!shown.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('eval.noMatch')} />}
      {shown.map((task) => (
        <Card
          key={task.code}
          size="small"
          className="eval-task-card"
          title={
            <span>
              <Link to={`/tasks/${encodeURIComponent(task.code)}`}>{task.code}</Link> {task.title}
            </span>
          }
        >
          {task.responsible_units.length === 0 && <Typography.Text type="secondary">{t('eval.noResponsible')}</Typography.Text>}
          {task.responsible_units.map((unit) => {
            const evaluation = given.get(`${task.code}|${unit.id}`);
            const editable = !evaluation || editsEvaluation(me, evaluation);
            return (
              <div key={unit.id} className="eval-unit-row" data-unit={unit.id} data-scored={evaluation ? 'yes' : 'no'}>
                <div className="eval-unit-score">
                  <Typography.Text strong>{unit.short_name || unit.name}</Typography.Text>
                  <ScoreCell evaluation={evaluation} rubric={rubric} />
                </div>
                {editable && <ScoreButton evaluation={evaluation} onClick={() => open(task, unit, evaluation)} />}
              </div>
            );
          })}
        </Card>
      ))}
      {scoring && <ScoreModal rubric={rubric} target={scoring.target} existing={scoring.existing} onClose={() => setScoring(null)} />}
    </Space>
  );
}

const ACTION_COLORS: Record<RankRuleAction, string> = { created: 'green', refreshed: 'blue', unchanged: 'default', removed: 'red' };

/** What the rank rule run did: counts per action and each task's reason. */
function RankRuleSummary({ result, onClose }: { result: RankRuleResult; onClose: () => void }) {
  const { t } = useI18n();
  const counts = RANK_RULE_ACTIONS.map((action) => t('eval.rule.count', { label: t(`eval.rule.${action}`), count: result.counts[action] ?? 0 })).join(' · ');
  return (
    <Alert
      type="success"
      showIcon
      closable
      onClose={onClose}
      className="eval-rule-result"
      message={t('eval.rule.done', { period: result.period, counts })}
      description={
        result.items.length ? (
          <ul className="eval-rule-items">
            {result.items.map((item) => (
              <li key={item.task_code} data-action={item.action}>
                <Tag color={ACTION_COLORS[item.action]}>{t(`eval.rule.${item.action}`)}</Tag>
                <Typography.Text strong>{item.task_code}</Typography.Text> {item.lead_unit?.short_name ?? ''}
                <div>
                  <Typography.Text type="secondary">{item.reason}</Typography.Text>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          t('eval.rule.none')
        )
      }
    />
  );
}

const SHOW = ['all', 'unscored', 'scored', 'auto'] as const;
type Show = (typeof SHOW)[number];

interface LeadRow {
  task: TaskRead;
  evaluation?: EvaluationRead;
}

/**
 * 评价牵头单位: each task's lead unit and the office's score for the period. The office scores and runs the rank
 * rule; leaders and special groups read.
 */
export function LeadsTab({ me, year, period, rubric }: { me: Me; year: number; period: string; rubric: RubricRead }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const isPhone = Grid.useBreakpoint().md === false;
  const [text, setText] = useState('');
  const [show, setShow] = useState<Show>('all');
  const [scoring, setScoring] = useState<Scoring | null>(null);
  const [result, setResult] = useState<RankRuleResult | null>(null);
  const office = isEvaluationOffice(me) && !isReadOnly(me.roles);
  const tasks = useYearTasks(year);
  const evaluations = usePeriodEvaluations(year, period, 'office_on_lead');
  const applyRule = useMutation({
    mutationFn: async () => unwrap(await tasksApi.POST('/api/tasks/v1/evaluations/apply-rank-rule', { body: { year, period } })),
    onSuccess: (data) => {
      setResult(data);
      void queryClient.invalidateQueries({ queryKey: EVAL_KEY });
    },
    onError: (error) => void message.error(errorText(error, t('error.loadFailed'))),
  });

  if (tasks.error || evaluations.error) return <LoadError error={tasks.error ?? evaluations.error} />;
  if (!tasks.data || !evaluations.data) return <Spin className="page-spin" />;

  const byTask = new Map(evaluations.data.map((e) => [e.task_code, e]));
  const rows: LeadRow[] = tasks.data.filter((task) => task.lead_unit).map((task) => ({ task, evaluation: byTask.get(task.code) }));
  const scored = rows.filter((row) => row.evaluation).length;
  const shown = rows.filter(
    (row) =>
      matches(row.task, text) &&
      (show === 'all' ||
        (show === 'unscored' && !row.evaluation) ||
        (show === 'scored' && !!row.evaluation) ||
        (show === 'auto' && !!row.evaluation?.auto)),
  );
  const open = (row: LeadRow) =>
    setScoring({
      target: { taskCode: row.task.code, taskTitle: row.task.title, period, kind: 'office_on_lead', unit: row.task.lead_unit },
      existing: row.evaluation,
    });
  const action = (row: LeadRow) =>
    office && (!row.evaluation || editsEvaluation(me, row.evaluation)) ? <ScoreButton evaluation={row.evaluation} onClick={() => open(row)} /> : null;

  const columns: TableProps<LeadRow>['columns'] = [
    {
      title: t('eval.col.task'),
      key: 'task',
      className: 'eval-task-cell',
      render: (_, row) => (
        <span>
          <Link to={`/tasks/${encodeURIComponent(row.task.code)}`}>{row.task.code}</Link> {row.task.title}
        </span>
      ),
    },
    { title: t('eval.col.lead'), key: 'lead', className: 'nowrap', render: (_, row) => row.task.lead_unit?.short_name ?? '—' },
    {
      title: t('eval.col.score'),
      key: 'score',
      render: (_, row) =>
        row.evaluation ? (
          <Space direction="vertical" size={2}>
            <div className="eval-unit-score">
              <Total value={row.evaluation.total} />
              <ItemScores evaluation={row.evaluation} rubric={rubric} />
            </div>
            <AutoTag evaluation={row.evaluation} inline />
          </Space>
        ) : (
          <Tag className="eval-unscored">{t('eval.unscored')}</Tag>
        ),
    },
    { title: t('eval.comment'), key: 'comment', className: 'eval-comment-cell', render: (_, row) => row.evaluation?.comment || '—' },
    ...(office ? [{ title: '', key: 'action', align: 'right' as const, render: (_: unknown, row: LeadRow) => action(row) }] : []),
  ];

  const ruleButton = (
    <Popconfirm
      title={t('eval.rule.button')}
      description={<div className="confirm-text">{t('eval.rule.confirm', { period })}</div>}
      onConfirm={() => applyRule.mutateAsync().catch(() => undefined)}
      disabled={!rubric.rank_rule_enabled}
    >
      <Button icon={<ThunderboltOutlined />} loading={applyRule.isPending} disabled={!rubric.rank_rule_enabled}>
        {t('eval.rule.button')}
      </Button>
    </Popconfirm>
  );

  return (
    <Space direction="vertical" size="middle" className="full-width eval-leads">
      <Space wrap className="full-width eval-toolbar">
        <Typography.Text className="eval-progress">{t('eval.scoredProgress', { scored, total: rows.length })}</Typography.Text>
        <Segmented<Show>
          value={show}
          onChange={setShow}
          options={SHOW.map((value) => ({ value, label: t(`eval.show.${value}`) }))}
        />
        <Input.Search allowClear placeholder={t('eval.searchTask')} onChange={(event) => setText(event.target.value)} className="insp-filter" />
        {office && (rubric.rank_rule_enabled ? ruleButton : <Tooltip title={t('eval.rule.disabled')}>{ruleButton}</Tooltip>)}
      </Space>
      {office && (
        <Typography.Text type="secondary" className="eval-rule-hint">
          {t('eval.rule.hint', { national: rubric.national_top_n, provincial: rubric.provincial_top_n })}
        </Typography.Text>
      )}
      {result && <RankRuleSummary result={result} onClose={() => setResult(null)} />}
      {isPhone ? (
        <List<LeadRow>
          className="eval-lead-cards"
          dataSource={shown}
          pagination={shown.length > 20 ? { pageSize: 20, size: 'small' } : false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('eval.noMatch')} /> }}
          renderItem={(row) => (
            <List.Item className="eval-lead-card">
              <div className="insp-card-body">
                <Typography.Text type="secondary">
                  {row.task.code} · {row.task.lead_unit?.short_name ?? '—'}
                </Typography.Text>
                <Typography.Text>{row.task.title}</Typography.Text>
                <ScoreCell evaluation={row.evaluation} rubric={rubric} />
                {row.evaluation?.auto_reason && <Typography.Text type="secondary" className="eval-auto-reason">{row.evaluation.auto_reason}</Typography.Text>}
                <div>{action(row)}</div>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<LeadRow>
          rowKey={(row) => row.task.code}
          size="middle"
          className="eval-leads-table"
          scroll={{ x: 'max-content' }}
          columns={columns}
          dataSource={shown}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (total) => t('insp.total', { total }) }}
          rowClassName={(row) => `eval-lead-row${row.evaluation ? ' eval-lead-scored' : ''}`}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('eval.noMatch')} /> }}
        />
      )}
      {scoring && <ScoreModal rubric={rubric} target={scoring.target} existing={scoring.existing} onClose={() => setScoring(null)} />}
    </Space>
  );
}
