import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, DatePicker, Space, Tag, Typography } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Me } from '../../api/types';
import { LoadError } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDate, useAsOf } from '../../tasks/hooks';
import { useLeague } from './api';
import { BulletinsNav } from './BulletinsNav';
import { LeagueSettingsDrawer } from './LeagueSettingsDrawer';
import { LeagueTableView } from './LeagueTableView';
import { PeriodPicker, periodLabel } from './parts';
import { defaultPeriod, parsePeriod, type Period } from './periods';
import { managesBulletins } from './permissions';
import type { LeagueTable } from './types';

/** The period in the URL (`?period=2026-10`), else the last complete month. */
export function usePeriodParam(): [Period, (key: string) => void] {
  const [params, setParams] = useSearchParams();
  const period = parsePeriod(params.get('period')) ?? parsePeriod(defaultPeriod('month'))!;
  const setPeriod = (key: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('period', key);
        // A statistics date outside the new period would be refused or meaningless.
        const asOf = next.get('as_of');
        const chosen = parsePeriod(key);
        if (asOf && chosen && (dayjs(asOf).isBefore(chosen.start, 'day') || dayjs(asOf).isAfter(chosen.end, 'day'))) next.delete('as_of');
        return next;
      },
      { replace: true },
    );
  return [period, setPeriod];
}

/** 优生 and 差生 by name, as tags in their colours. */
export function Honours({ table }: { table: LeagueTable }) {
  const { t } = useI18n();
  const names = (units: LeagueTable['best']) =>
    units.length ? units.map((unit) => <Tag key={unit.id}>{unit.short_name || unit.name}</Tag>) : <Typography.Text type="secondary">{t('bl.none')}</Typography.Text>;
  return (
    <div className="bl-honours">
      <div className="bl-honours-line" data-honour="best">
        <Tag color="green">{t('bl.honour.best')}</Tag>
        {names(table.best)}
      </div>
      <div className="bl-honours-line" data-honour="worst">
        <Tag color="red">{t('bl.honour.worst')}</Tag>
        {names(table.worst)}
      </div>
    </div>
  );
}

/** 单位晾晒: the live ranking for a period and statistics date; the office tunes how it is computed. */
export function LeaguePage({ me }: { me: Me }) {
  const { t } = useI18n();
  const [period, setPeriod] = usePeriodParam();
  const [asOf, setAsOf] = useAsOf();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const league = useLeague(period.key, asOf);
  const table = league.data;
  const settings = table?.settings;

  return (
    <Space direction="vertical" size="middle" className="full-width league-page">
      <BulletinsNav
        me={me}
        active="league"
        extra={
          managesBulletins(me) && (
            <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)}>
              {t('bl.set.open')}
            </Button>
          )
        }
      />
      <Space wrap size={[12, 8]} className="bl-controls">
        <PeriodPicker value={period} onChange={setPeriod} />
        <Space.Compact>
          <Space.Addon className="ledger-addon">{t('bl.asOf')}</Space.Addon>
          <DatePicker
            aria-label={t('bl.asOf')}
            value={asOf ? dayjs(asOf) : null}
            onChange={setAsOf}
            placeholder={t('bl.asOfDefault')}
            disabledDate={(day) => day.isBefore(period.start, 'day')}
            className="ledger-asof"
          />
        </Space.Compact>
      </Space>

      <LoadError error={league.error} />
      {table?.calendar_notices.map((notice) => <Alert key={notice} type="warning" showIcon message={notice} />)}

      {table && (
        <Card size="small" className="bl-league-head">
          <Typography.Paragraph className="bl-window" data-period={table.period} data-as-of={table.as_of}>
            <strong>{periodLabel(table.period, t)}</strong>
            {' · '}
            {t('bl.window', { start: formatDate(table.period_start), end: formatDate(table.window_end), asOf: formatDate(table.as_of) })}
          </Typography.Paragraph>
          <Honours table={table} />
          {settings && (
            <Typography.Paragraph type="secondary" className="bl-rule">
              {t('bl.rule', {
                onTime: settings.on_time_weight,
                report: settings.report_weight,
                evaluation: settings.evaluation_weight,
                discipline: settings.discipline_weight,
                red: settings.red_deduction,
                yellow: settings.yellow_deduction,
                rect: settings.rectification_deduction,
                min: settings.min_items,
              })}
            </Typography.Paragraph>
          )}
        </Card>
      )}

      <LeagueTableView rows={table?.rows ?? []} minItems={settings?.min_items ?? 3} loading={league.isFetching} />

      {managesBulletins(me) && <LeagueSettingsDrawer year={period.year} open={settingsOpen} onClose={() => setSettingsOpen(false)} />}
    </Space>
  );
}
