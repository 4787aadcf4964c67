import { useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Select, Space, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import { ENVIRONMENTS, type Environment, type Me } from '../../../api/types';
import { useI18n } from '../../../i18n/I18nProvider';
import { defaultYear, usePlans, useAsOf } from '../../../tasks/hooks';
import { SupervisionNav } from '../SupervisionNav';
import { BaselinesView } from './BaselinesView';
import { DispatchView } from './DispatchView';
import { TimelineView, type MapFilters } from './TimelineView';
import './battlemap.css';

const TABS = ['timeline', 'dispatch', 'baselines'] as const;
type TabKey = (typeof TABS)[number];
const ACTION_CODE = /^ZX-\d{4}-\d{2,3}$/;
const MONTH = /^(20\d{2}|2100)-(0[1-9]|1[0-2])$/;

export interface BattleMapQuery {
  tab: TabKey;
  year: number;
  environment?: Environment;
  action?: string;
  month?: string;
  baseline?: string;
}

/** The battle map's state as it lives in the URL (`?tab=&year=&environment=&action=&month=&baseline=`; `as_of` apart). */
export function parseBattleMapQuery(params: URLSearchParams, fallbackYear: number): BattleMapQuery {
  const year = Number(params.get('year'));
  const action = params.get('action');
  const month = params.get('month');
  const baseline = params.get('baseline');
  return {
    tab: TABS.find((key) => key === params.get('tab')) ?? 'timeline',
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : fallbackYear,
    environment: ENVIRONMENTS.find((env) => env === params.get('environment')),
    action: action && ACTION_CODE.test(action) ? action : undefined,
    month: month && MONTH.test(month) ? month : undefined,
    baseline: baseline && /^[0-9a-f-]{36}$/i.test(baseline) ? baseline : undefined,
  };
}

/** The month the dispatch view opens on: the business date's month in the chosen year, else January. */
export function defaultMonth(year: number, asOf?: string): string {
  const base = asOf ? dayjs(asOf) : dayjs();
  return base.year() === year ? base.format('YYYY-MM') : `${year}-01`;
}

/** 作战图: the year's steps month by month, the month's dispatch view, and quarterly plan-versus-actual. */
export function BattleMapPage({ me }: { me: Me }) {
  const { t, label } = useI18n();
  const plans = usePlans();
  const [params, setParams] = useSearchParams();
  const [asOf, setAsOf] = useAsOf();
  const query = parseBattleMapQuery(params, defaultYear(plans.data));
  const update = (changes: Record<string, string | number | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        return next;
      },
      { replace: true },
    );

  const actions = useQuery({
    queryKey: ['tasks', 'special-actions', 'options', query.year],
    enabled: !plans.isPending,
    queryFn: async () =>
      unwrap(await tasksApi.GET('/api/tasks/v1/special-actions', { params: { query: { year: query.year, page_size: 200 } } })).items,
  });

  const years = [...new Set([...(plans.data ?? []).map((p) => p.year), query.year, dayjs().year()])].sort((a, b) => b - a);
  const filters: MapFilters = { year: query.year, environment: query.environment, action: query.action, asOf };
  const month = query.month && query.month.startsWith(`${query.year}-`) ? query.month : defaultMonth(query.year, asOf);
  const filtered = !!(query.environment || query.action);

  return (
    <Space direction="vertical" size="middle" className="full-width battle-map-page">
      <SupervisionNav active="battleMap" />
      <Space wrap className="bm-filters">
        <Select
          aria-label={t('act.year')}
          value={query.year}
          onChange={(year) => update({ year, action: undefined, month: undefined, baseline: undefined })}
          options={years.map((year) => ({ value: year, label: t('act.yearOption', { year }) }))}
          className="bm-year"
        />
        <Select
          allowClear
          placeholder={t('act.filterEnvironment')}
          value={query.environment}
          onChange={(environment) => update({ environment })}
          options={ENVIRONMENTS.map((code) => ({ value: code, label: label('env', code) }))}
          className="bm-filter"
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('bm.filterAction')}
          value={query.action}
          onChange={(action) => update({ action })}
          loading={actions.isPending}
          options={(actions.data ?? []).map((action) => ({ value: action.code, label: `${action.code} ${action.name}` }))}
          popupMatchSelectWidth={false}
          className="bm-action-filter"
        />
        <Space.Compact>
          <Space.Addon className="ledger-addon">{t('ledger.asOf')}</Space.Addon>
          <DatePicker
            aria-label={t('ledger.asOf')}
            value={asOf ? dayjs(asOf) : null}
            onChange={setAsOf}
            placeholder={t('ledger.asOfToday')}
            className="ledger-asof"
          />
        </Space.Compact>
        {filtered && (
          <Button type="link" onClick={() => update({ environment: undefined, action: undefined })}>
            {t('act.reset')}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary" className="bm-legend-text">
        {t('bm.intro')}
      </Typography.Paragraph>
      <Tabs
        activeKey={query.tab}
        onChange={(tab) => update({ tab: tab === 'timeline' ? undefined : tab })}
        destroyOnHidden
        items={[
          {
            key: 'timeline',
            label: t('bm.tab.timeline'),
            children: <TimelineView filters={filters} onMonth={(value) => update({ tab: 'dispatch', month: value })} />,
          },
          {
            key: 'dispatch',
            label: t('bm.tab.dispatch'),
            children: <DispatchView filters={filters} month={month} onMonth={(value) => update({ month: value })} />,
          },
          {
            key: 'baselines',
            label: t('bm.tab.baselines'),
            children: <BaselinesView me={me} filters={filters} baselineId={query.baseline} onBaseline={(baseline) => update({ baseline })} />,
          },
        ]}
      />
    </Space>
  );
}
