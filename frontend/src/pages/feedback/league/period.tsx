// Reporting periods as feedback-api takes them: a year (2026), a quarter (2026-Q4) or a month (2026-10), Shanghai time.
import { useSearchParams } from 'react-router-dom';
import { Select } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';

export { currentQuarter, currentYear, isPeriod, PERIOD_PATTERN, periodChoices } from './periods';
import { isPeriod, periodChoices } from './periods';

type T = ReturnType<typeof useI18n>['t'];

/** 2026年 / 2026年第4季度 / 2026年10月. */
export function periodLabel(period: string, t: T): string {
  const year = period.slice(0, 4);
  if (period.length === 4) return t('fb2.period.year', { year });
  if (period[5] === 'Q') return t('fb2.period.quarter', { year, q: period[6] });
  return t('fb2.period.month', { year, month: Number(period.slice(5)) });
}

/** A period picker: years, quarters and months, grouped; searchable by the label. */
export function PeriodSelect({
  value,
  onChange,
  allowClear,
  placeholder,
  className,
}: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  className?: string;
}) {
  const { t } = useI18n();
  const choices = periodChoices();
  const option = (period: string) => ({ value: period, label: periodLabel(period, t) });
  const groups = [
    { label: t('fb2.period.years'), options: choices.years.map(option) },
    { label: t('fb2.period.quarters'), options: choices.quarters.map(option) },
    { label: t('fb2.period.months'), options: choices.months.map(option) },
  ];
  // A period from a link that is older than the choices still shows by its label.
  if (value && !groups.some((group) => group.options.some((o) => o.value === value))) groups.unshift({ label: '', options: [option(value)] });
  return (
    <Select
      aria-label={t('fb2.period.label')}
      placeholder={placeholder ?? t('fb2.period.label')}
      className={className ?? 'fb2-period'}
      value={value}
      onChange={(next: string | undefined) => onChange?.(next)}
      allowClear={allowClear}
      showSearch
      optionFilterProp="label"
      popupMatchSelectWidth={false}
      options={groups}
    />
  );
}

/** `?period=` in the URL (a link or a reload keeps it), with a default when absent or malformed. */
export function usePeriodParam(fallback: string | undefined): [string | undefined, (value: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('period');
  const period = isPeriod(raw) ? raw : raw === 'all' ? undefined : fallback;
  const set = (value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        // "all" remembers an explicitly cleared period, so the default does not come back on reload.
        next.set('period', value ?? 'all');
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  return [period, set];
}

/** A rate in % with its numerator and denominator (— when there is nothing to count). */
export const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${value.toFixed(2)}%`);
