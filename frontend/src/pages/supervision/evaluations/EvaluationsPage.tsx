import { useSearchParams } from 'react-router-dom';
import { Alert, Segmented, Select, Space, Spin, Tabs } from 'antd';
import type { Me } from '../../../api/types';
import { ApiError } from '../../../api/problem';
import { LoadError } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { isReadOnly } from '../../../nav/menu';
import { defaultYear, usePlans } from '../../../tasks/hooks';
import { SupervisionNav } from '../SupervisionNav';
import { useRubric } from './api';
import { defaultPeriod, formatPeriod, GRANULARITIES, moveToYear, parsePeriod, switchGranularity, type Granularity } from './periods';
import { isEvaluationOffice, receivesScores, scoresResponsibleUnits, seesLeadScores, seesRanks } from './permissions';
import { RanksPanel } from './RanksPanel';
import { RubricPanel } from './RubricPanel';
import { LeadsTab, ResponsibleTab } from './ScoringTabs';
import { MineTab, RecordsTab } from './ScoresTables';
import '../inspections/inspections.css';

const TABS = ['responsible', 'leads', 'mine', 'records', 'ranks', 'rubric'] as const;
type Tab = (typeof TABS)[number];

/** The tabs a user gets, in order; the first is where the page opens. */
export function tabsFor(me: Me): Tab[] {
  const tabs: Tab[] = [];
  if (scoresResponsibleUnits(me)) tabs.push('responsible');
  if (seesLeadScores(me)) tabs.push('leads');
  if (receivesScores(me)) tabs.push('mine');
  if (seesLeadScores(me)) tabs.push('records');
  if (seesRanks(me)) tabs.push('ranks');
  tabs.push('rubric');
  return tabs;
}

/** Year, then quarter / month / year, then which quarter or month. */
function PeriodPicker({ years, year, period, onChange }: { years: number[]; year: number; period: string; onChange: (year: number, period: string) => void }) {
  const { t } = useI18n();
  const parts = parsePeriod(period) ?? { year, granularity: 'quarter' as Granularity, index: 1 };
  const indexes =
    parts.granularity === 'quarter'
      ? [1, 2, 3, 4].map((index) => ({ value: index, label: t('eval.quarterOption', { index }) }))
      : Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t('eval.monthOption', { index: i + 1 }) }));
  return (
    <Space wrap className="eval-period-picker">
      <Select
        aria-label={t('insp.year')}
        value={year}
        onChange={(next) => onChange(next, moveToYear(period, next))}
        options={years.map((value) => ({ value, label: t('insp.yearOption', { year: value }) }))}
        className="insp-year"
      />
      <Segmented<Granularity>
        aria-label={t('eval.granularity')}
        value={parts.granularity}
        onChange={(granularity) => onChange(year, switchGranularity(period, granularity))}
        options={GRANULARITIES.map((value) => ({ value, label: t(`eval.granularity.${value}`) }))}
      />
      {parts.granularity !== 'year' && (
        <Select
          aria-label={t('eval.period')}
          value={parts.index}
          onChange={(index) => onChange(year, formatPeriod({ ...parts, year, index }))}
          options={indexes}
          className="eval-period"
        />
      )}
    </Space>
  );
}

/**
 * 考评: lead units score their tasks' responsible units, the office scores lead units (with the rank rule's
 * automatic full marks), units see what they received, leaders read; the rubric and hand-entered ranks too.
 */
export function EvaluationsPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const plans = usePlans();
  const [params, setParams] = useSearchParams();
  const tabs = tabsFor(me);
  const rawYear = Number(params.get('year'));
  const year = Number.isInteger(rawYear) && rawYear >= 2000 && rawYear <= 2100 ? rawYear : defaultYear(plans.data);
  const rawPeriod = params.get('period') ?? '';
  const period = parsePeriod(rawPeriod)?.year === year ? rawPeriod : defaultPeriod(year);
  const tab = tabs.find((key) => key === params.get('tab')) ?? tabs[0];
  const years = [...new Set([...(plans.data ?? []).map((p) => p.year), year])].sort((a, b) => b - a);
  const rubric = useRubric(year);
  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );

  const noPlan = rubric.error instanceof ApiError && (rubric.error.problem as { status?: number } | undefined)?.status === 404;
  const body = (key: Tab) => {
    if (key !== tab) return null;
    if (noPlan) return <Alert type="info" showIcon message={t('eval.noPlan', { year })} />;
    if (rubric.error) return <LoadError error={rubric.error} />;
    if (!rubric.data) return <Spin className="page-spin" />;
    switch (key) {
      case 'responsible':
        return <ResponsibleTab me={me} year={year} period={period} rubric={rubric.data} />;
      case 'leads':
        return <LeadsTab me={me} year={year} period={period} rubric={rubric.data} />;
      case 'mine':
        return <MineTab me={me} year={year} period={period} rubric={rubric.data} />;
      case 'records':
        return <RecordsTab year={year} period={period} rubric={rubric.data} />;
      case 'ranks':
        return <RanksPanel me={me} />;
      case 'rubric':
        return <RubricPanel me={me} year={year} rubric={rubric.data} />;
    }
  };
  const usesPeriod = tab !== 'ranks' && tab !== 'rubric';
  // Leaders and special groups read scores here; they give none.
  const readOnly = seesLeadScores(me) && (isReadOnly(me.roles) || (!isEvaluationOffice(me) && !scoresResponsibleUnits(me)));
  return (
    <Space direction="vertical" size="small" className="full-width evaluations-page">
      <SupervisionNav
        active="evaluations"
        extra={
          usesPeriod || tab === 'rubric' ? (
            usesPeriod ? (
              <PeriodPicker years={years} year={year} period={period} onChange={(nextYear, nextPeriod) => update({ year: String(nextYear), period: nextPeriod })} />
            ) : (
              <Select
                aria-label={t('insp.year')}
                value={year}
                onChange={(next) => update({ year: String(next), period: moveToYear(period, next) })}
                options={years.map((value) => ({ value, label: t('insp.yearOption', { year: value }) }))}
                className="insp-year"
              />
            )
          ) : undefined
        }
      />
      {readOnly && tab !== 'mine' && <Alert type="info" showIcon className="eval-readonly" message={t('eval.readOnly')} />}
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ tab: key })}
        items={tabs.map((key) => ({ key, label: t(`eval.tab.${key}`), children: body(key) }))}
      />
    </Space>
  );
}
