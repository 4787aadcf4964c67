import { useMemo } from 'react';
import { useI18n, type LabelGroup } from '../i18n/I18nProvider';
import { useUnits } from './hooks';

/** Fields whose values are codes with their own labels. */
const CODE_FIELDS: Partial<Record<string, LabelGroup>> = {
  environment: 'env',
  category: 'category',
  lifecycle_stage: 'lifecycle',
  benchmark_class: 'benchmark',
};

const UNIT_FIELDS = new Set(['lead_unit_id', 'responsible_unit_ids']);

/** Keys of audit details that are internal references, not for reading. */
export const HIDDEN_DETAIL_KEYS = new Set(['import_id', 'report_id', 'adjustment_id', 'before', 'after']);

/**
 * Formats values from audit entries and adjustments for people: unit ids become unit names,
 * codes their labels, lists joined with 、, booleans 是/否, empty values （空）.
 */
export function useValueFormatter() {
  const { t, label } = useI18n();
  const units = useUnits();
  return useMemo(() => {
    const unitNames = new Map((units.data ?? []).map((unit) => [unit.id, unit.short_name || unit.name]));
    const fieldLabel = (field: string) => label('field', field);
    const format = (field: string, value: unknown): string => {
      if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
        return t('history.empty');
      }
      if (Array.isArray(value)) return value.map((item) => format(field, item)).join('、');
      if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
      if (typeof value === 'object') {
        const record = value as Record<string, unknown>;
        if (typeof record.title === 'string') return record.due_date ? `${record.title}（${String(record.due_date)}）` : record.title;
        return Object.entries(record)
          .map(([key, inner]) => `${fieldLabel(key)}：${format(key, inner)}`)
          .join('；');
      }
      if (UNIT_FIELDS.has(field) && typeof value === 'string') return unitNames.get(value) ?? value;
      const group = CODE_FIELDS[field];
      if (group && typeof value === 'string') return label(group, value);
      if (field === 'progress' && typeof value === 'number') return t('common.percent', { value });
      return String(value);
    };
    return { format, fieldLabel };
  }, [units.data, t, label]);
}

/** before → after lines for the fields an entry changed. */
export function diffLines(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): { field: string; before: unknown; after: unknown }[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys
    .filter((key) => JSON.stringify(before?.[key] ?? null) !== JSON.stringify(after?.[key] ?? null))
    .map((key) => ({ field: key, before: before?.[key], after: after?.[key] }));
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
