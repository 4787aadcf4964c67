import { Tag } from 'antd';
import type { components } from '../../../api/schema/tasks';
import { useI18n } from '../../../i18n/I18nProvider';
import { asOfSuffix } from '../../../tasks/hooks';
import { useUrlParams } from '../../../components/useUrlParams';

type Schemas = components['schemas'];
export type PilotBrief = Schemas['PilotBrief'];
export type PilotRead = Schemas['PilotRead'];
export type FeedbackRead = Schemas['FeedbackRead'];
export type DecisionRead = Schemas['DecisionRead'];
export type DecisionCreate = Schemas['DecisionCreate'];
export type PilotTaskRef = Schemas['PilotTaskRef'];
export type PilotStatus = PilotRead['status'];
export type Decision = DecisionRead['decision'];

export const PILOT_STATUSES = ['running', 'rolled_out', 'stopped'] as const satisfies readonly PilotStatus[];
export const DECISIONS = ['adjust', 'roll_out', 'stop'] as const satisfies readonly Decision[];

/** Unit kinds a pilot may run in (the API refuses others). */
export const PILOT_UNIT_KINDS = ['district', 'department'];

const STATUS_COLORS: Record<PilotStatus, string> = { running: 'processing', rolled_out: 'success', stopped: 'default' };

export function PilotStatusTag({ status }: { status: PilotStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status}>
      {t(`pilot.status.${status}`)}
    </Tag>
  );
}

export const DECISION_COLORS: Record<Decision, string> = { adjust: 'blue', roll_out: 'green', stop: 'red' };

export const pilotPath = (code: string, asOf?: string) => `/supervision/pilots/${encodeURIComponent(code)}${asOfSuffix(asOf)}`;

/** A list page's filters in the URL: setting one restarts paging. */
export function useListParams<K extends string>(keys: readonly K[]) {
  const [params, update] = useUrlParams<K | 'page' | 'page_size'>();
  const values = Object.fromEntries(keys.map((key) => [key, params.get(key) || undefined])) as Record<K, string | undefined>;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = [10, 20, 50, 100].includes(Number(params.get('page_size'))) ? Number(params.get('page_size')) : 20;
  const filtered = keys.some((key) => values[key] !== undefined);
  const clear = () => update(Object.fromEntries(keys.map((key) => [key, undefined])) as Partial<Record<K | 'page' | 'page_size', undefined>>);
  return { values, page, pageSize, update, filtered, clear };
}
