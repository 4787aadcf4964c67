import { Tag } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import type { CaseStatus, DeadlineState, Satisfaction } from './types';

const STATUS_COLORS: Record<CaseStatus, string> = {
  received: 'default',
  assigned: 'blue',
  accepted: 'cyan',
  in_progress: 'processing',
  replied: 'purple',
  closed: 'success',
  returned: 'orange',
  reopened: 'magenta',
};

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status}>
      {t(`fb.status.${status}`)}
    </Tag>
  );
}

export const DEADLINE_COLORS: Record<DeadlineState, string> = { normal: 'green', approaching: 'gold', overdue: 'red' };

/** 正常 / 临期 / 超期 (for answered cases: 超期 if the reply came late). */
export function DeadlineTag({ state }: { state: DeadlineState }) {
  const { t } = useI18n();
  return (
    <Tag color={DEADLINE_COLORS[state]} className="fb-deadline-tag" data-deadline={state}>
      {t(`fb.deadline.${state}`)}
    </Tag>
  );
}

const SATISFACTION_COLORS: Record<Satisfaction, string> = { satisfied: 'green', basically_satisfied: 'cyan', dissatisfied: 'red' };

export function SatisfactionTag({ value }: { value: Satisfaction }) {
  const { t } = useI18n();
  return <Tag color={SATISFACTION_COLORS[value]}>{t(`fb.satisfaction.${value}`)}</Tag>;
}
