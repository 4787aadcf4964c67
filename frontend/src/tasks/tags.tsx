import { Tag, Tooltip } from 'antd';
import type { AdjustmentRead, MilestoneRead, PlanRead, ReportRead, TaskRead, Warning } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';

/** antd colours per warning: red tag, gold (yellow) tag, green for normal. */
export const WARNING_COLORS: Record<Warning, string> = { red: 'red', yellow: 'gold', none: 'green' };

/** 红牌 / 黄牌 / 正常; the reasons show on hover when given. */
export function WarningTag({ warning, reasons }: { warning: Warning; reasons?: string[] }) {
  const { label } = useI18n();
  const tag = (
    <Tag color={WARNING_COLORS[warning]} className={`warning-tag warning-${warning}`} data-warning={warning}>
      {label('warning', warning)}
    </Tag>
  );
  return reasons?.length ? <Tooltip title={reasons.join('；')}>{tag}</Tooltip> : tag;
}

const STATUS_COLORS: Record<TaskRead['status'], string> = {
  not_started: 'default',
  in_progress: 'processing',
  completed: 'success',
  ongoing: 'cyan',
};

export function StatusTag({ status }: { status: TaskRead['status'] }) {
  const { label } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{label('status', status)}</Tag>;
}

export const MILESTONE_COLORS: Record<MilestoneRead['state'], string> = {
  done: 'green',
  overdue: 'red',
  due_soon: 'orange',
  open: 'blue',
};

export function MilestoneStateTag({ state }: { state: MilestoneRead['state'] }) {
  const { label } = useI18n();
  return <Tag color={MILESTONE_COLORS[state]}>{label('milestone', state)}</Tag>;
}

const REPORT_COLORS: Record<ReportRead['status'], string> = { submitted: 'processing', approved: 'success', returned: 'error' };

export function ReportStatusTag({ status }: { status: ReportRead['status'] }) {
  const { label } = useI18n();
  return <Tag color={REPORT_COLORS[status]}>{label('reportStatus', status)}</Tag>;
}

const ADJUSTMENT_COLORS: Record<AdjustmentRead['status'], string> = { pending: 'processing', approved: 'success', rejected: 'error' };

export function AdjustmentStatusTag({ status }: { status: AdjustmentRead['status'] }) {
  const { label } = useI18n();
  return <Tag color={ADJUSTMENT_COLORS[status]}>{label('adjustment', status)}</Tag>;
}

export function PlanStatusTag({ plan }: { plan: PlanRead }) {
  const { label } = useI18n();
  return <Tag color={plan.status === 'published' ? 'green' : 'default'}>{label('planStatus', plan.status)}</Tag>;
}

/** A task's deadline, or 长期坚持 for an ongoing task. */
export function Deadline({ task }: { task: Pick<TaskRead, 'deadline' | 'continuous'> }) {
  const { t } = useI18n();
  return <>{task.continuous || !task.deadline ? t('common.continuous') : task.deadline}</>;
}
