import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Grid, Segmented, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import type { Environment } from '../../../api/types';
import { LoadError } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { StepBlock, StepList } from './items';
import { STEP_COLORS, STEP_STATES, type MapItem, type StateCounts, type StepState, type TimelineMonth } from './types';

export interface MapFilters {
  year: number;
  environment?: Environment;
  action?: string;
  asOf?: string;
}

/** 共 12 · 按期 5 · 逾期完成 1 · 逾期 2 · 未到期 4, each a coloured tag. */
export function StateSummary({ counts }: { counts: StateCounts }) {
  const { t } = useI18n();
  return (
    <Space wrap size={[4, 4]} className="bm-summary">
      <Typography.Text>{t('bm.totalSteps', { count: counts.total })}</Typography.Text>
      {STEP_STATES.map((state) => (
        <Tag key={state} color={STEP_COLORS[state]} data-state={state}>
          {t('bm.countTag', { label: t(`bm.state.${state}`), count: counts[state] })}
        </Tag>
      ))}
    </Space>
  );
}

function MonthCounts({ month }: { month: TimelineMonth }) {
  const { t } = useI18n();
  const c = month.counts;
  return (
    <span className="bm-month-counts" aria-label={t('bm.monthCountsLabel', { total: c.total, overdue: c.overdue })}>
      <span className="bm-month-total">{c.total}</span>
      {c.overdue > 0 && <Tag color="red">{t('bm.short.overdue', { count: c.overdue })}</Tag>}
      {c.done_late > 0 && <Tag color="gold">{t('bm.short.done_late', { count: c.done_late })}</Tag>}
      {c.done > 0 && <Tag color="green">{t('bm.short.done', { count: c.done })}</Tag>}
      {c.open > 0 && <Tag color="blue">{t('bm.short.open', { count: c.open })}</Tag>}
    </span>
  );
}

/**
 * 作战图: the year's steps month by month (12 columns on a wide screen, one month under another on a phone),
 * each coloured by its state; a month's header opens its dispatch view.
 */
export function TimelineView({ filters, onMonth }: { filters: MapFilters; onMonth: (month: string) => void }) {
  const { t } = useI18n();
  const isPhone = Grid.useBreakpoint().md === false;
  const [state, setState] = useState<'all' | StepState>('all');
  const timeline = useQuery({
    queryKey: ['tasks', 'battle-map', 'timeline', filters],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await tasksApi.GET('/api/tasks/v1/battle-map/timeline', {
          params: {
            query: { year: filters.year, environment: filters.environment, special_action: filters.action, as_of: filters.asOf },
          },
        }),
      ),
  });
  if (timeline.error) return <LoadError error={timeline.error} />;
  if (!timeline.data) return <Spin className="page-spin" />;

  const data = timeline.data;
  const shown = (items: MapItem[]) => (state === 'all' ? items : items.filter((item) => item.state === state));
  const current = dayjs(data.as_of);
  const monthKey = (month: number) => `${data.year}-${String(month).padStart(2, '0')}`;
  const isCurrent = (month: number) => current.year() === data.year && current.month() + 1 === month;
  const header = (month: TimelineMonth) => (
    <div className="bm-month-header">
      <Button type="link" size="small" className="bm-month-name" onClick={() => onMonth(monthKey(month.month))} title={t('bm.openDispatch')}>
        {t('bm.monthName', { month: month.month })}
      </Button>
      <MonthCounts month={month} />
    </div>
  );

  return (
    <Space direction="vertical" size="middle" className="full-width bm-timeline">
      {data.calendar_notices.map((notice) => (
        <Alert key={notice} type="warning" showIcon message={notice} />
      ))}
      <div className="ledger-bar">
        <StateSummary counts={data.counts} />
        <Segmented<'all' | StepState>
          aria-label={t('bm.stateFilter')}
          value={state}
          onChange={setState}
          options={[{ value: 'all', label: t('common.all') }, ...STEP_STATES.map((value) => ({ value, label: t(`bm.state.${value}`) }))]}
        />
      </div>
      {data.counts.total === 0 ? (
        <Empty description={t('bm.emptyYear', { year: data.year })} />
      ) : isPhone ? (
        <div className="bm-months-vertical">
          {data.months.map((month) => {
            const items = shown(month.items);
            return (
              <section key={month.month} className={`bm-month-row${isCurrent(month.month) ? ' bm-month-current' : ''}`} data-month={month.month}>
                {header(month)}
                {items.length ? (
                  <div className="bm-month-items">
                    {items.map((item) => (
                      <StepBlock key={`${item.kind}-${item.id}`} item={item} asOf={filters.asOf} />
                    ))}
                  </div>
                ) : (
                  <Typography.Text type="secondary" className="bm-month-empty">
                    {t('bm.noSteps')}
                  </Typography.Text>
                )}
              </section>
            );
          })}
        </div>
      ) : (
        <div className="bm-grid-scroll" role="region" aria-label={t('bm.gridLabel', { year: data.year })} tabIndex={0}>
          <div className="bm-grid">
            {data.months.map((month) => {
              const items = shown(month.items);
              return (
                <div key={month.month} className={`bm-month${isCurrent(month.month) ? ' bm-month-current' : ''}`} data-month={month.month}>
                  {header(month)}
                  <div className="bm-month-items">
                    {items.map((item) => (
                      <StepBlock key={`${item.kind}-${item.id}`} item={item} asOf={filters.asOf} />
                    ))}
                    {!items.length && <span className="bm-month-empty">—</span>}
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      )}
      {data.outside_year.length > 0 && (
        <Card size="small" title={t('bm.outsideYear', { count: data.outside_year.length })} className="bm-outside">
          <StepList items={shown(data.outside_year)} asOf={filters.asOf} empty={t('bm.noSteps')} />
        </Card>
      )}
    </Space>
  );
}
