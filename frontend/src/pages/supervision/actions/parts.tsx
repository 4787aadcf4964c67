import { Progress, Tag, Tooltip, Typography } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { NODE_COLORS, type ActionKind, type ActionSummary, type NodeState } from './types';

/** 12 项全市行动 (city) in blue, 增列行动 (extra) in purple. */
export function KindTag({ kind }: { kind: ActionKind }) {
  const { t } = useI18n();
  return (
    <Tag color={kind === 'city' ? 'geekblue' : 'purple'} className="act-kind" data-kind={kind}>
      {t(`act.kind.${kind}`)}
    </Tag>
  );
}

export function NodeStateTag({ state }: { state: NodeState }) {
  const { t } = useI18n();
  return (
    <Tag color={NODE_COLORS[state]} className="act-node-state" data-state={state}>
      {t(`act.nodeState.${state}`)}
    </Tag>
  );
}

/** The rolled-up progress bar; its two parts (tasks, nodes) show beside it or on hover. */
export function ActionProgress({ action, detailed = false }: { action: ActionSummary; detailed?: boolean }) {
  const { t } = useI18n();
  const parts = [
    action.task_progress !== null ? t('act.taskPart', { value: action.task_progress }) : t('act.noTasks'),
    action.node_progress !== null ? t('act.nodePart', { value: action.node_progress }) : t('act.noNodes'),
  ];
  const bar = (
    <Progress
      percent={action.progress}
      size={detailed ? 'default' : 'small'}
      format={(value) => `${value}%`}
      strokeColor={action.warning === 'red' ? '#ff4d4f' : action.progress >= 100 ? '#52c41a' : undefined}
      aria-label={t('act.progress')}
    />
  );
  if (detailed) {
    return (
      <div className="act-progress">
        {bar}
        <Typography.Text type="secondary" className="act-progress-parts">
          {parts.join(' · ')}
        </Typography.Text>
      </div>
    );
  }
  return (
    <Tooltip title={parts.join(' · ')}>
      <div className="act-progress act-progress-small">{bar}</div>
    </Tooltip>
  );
}

/** 节点 2/5 · 任务 3（红 1 黄 0）. */
export function ActionCounts({ action }: { action: ActionSummary }) {
  const { t } = useI18n();
  const c = action.counts;
  return (
    <span className="act-counts">
      <span className="nowrap">{t('act.countNodes', { done: c.nodes_done, total: c.nodes })}</span>
      {c.nodes_overdue > 0 && (
        <Tag color="red" className="act-count-overdue">
          {t('act.countOverdue', { count: c.nodes_overdue })}
        </Tag>
      )}
      <span className="nowrap">{t('act.countTasks', { total: c.tasks, done: c.tasks_completed })}</span>
      {c.tasks_red > 0 && <Tag color="red">{t('act.countRed', { count: c.tasks_red })}</Tag>}
      {c.tasks_yellow > 0 && <Tag color="gold">{t('act.countYellow', { count: c.tasks_yellow })}</Tag>}
    </span>
  );
}
