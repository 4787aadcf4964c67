import { Link } from 'react-router-dom';
import { Card, Col, Empty, Row, Select, Space, Spin, Typography } from 'antd';
import type { Me } from '../../api/types';
import { LoadError } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { PeerBarChart } from '../../indicators/charts';
import { isPeriod, periodLabel, sortPeriodsDesc } from '../../indicators/format';
import { periodChoices, useIndicatorList, useLeaderboard, useTrend, useUrlState } from '../../indicators/hooks';
import { SyntheticBanner } from '../../indicators/tags';
import { IndicatorsNav } from './IndicatorsNav';
import { LeaderboardTable } from './LeaderboardTable';
import { StatusCard } from './StatusCard';

const FRAMEWORK = 'provincial';
const REGION_SET = 'zhejiang';

/** 浙江省晾晒: the 11 cities of the province on one SL indicator in one quarter, the served city highlighted. */
export function ProvincialPage({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const { params, update } = useUrlState();
  const catalog = useIndicatorList(FRAMEWORK);
  const indicators = (catalog.data ?? []).filter((indicator) => indicator.kind !== 'composite');
  const indicator = indicators.find((i) => i.code === params.get('indicator')) ?? indicators[0];
  const trend = useTrend(indicator?.code, REGION_SET);
  const chosen = params.get('period');
  const choices = periodChoices(trend.data?.map((point) => point.period), FRAMEWORK, chosen);
  const period = isPeriod(chosen) ? chosen : choices.period;
  const board = useLeaderboard(indicator?.code, period, REGION_SET);
  const items = board.data?.items ?? [];
  const periods = sortPeriodsDesc([...choices.periods, period]);

  return (
    <Space direction="vertical" size="middle" className="full-width indicators-page provincial-page">
      <IndicatorsNav me={me} active="provincial" />
      <LoadError error={catalog.error} />
      <div className="overview-controls">
        <Select
          aria-label={t('ind.indicator')}
          className="provincial-indicator"
          value={indicator?.code}
          loading={catalog.isPending}
          options={indicators.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))}
          onChange={(code: string) => update({ indicator: code })}
        />
        <Select
          aria-label={t('ind.period')}
          className="period-select"
          value={period}
          options={periods.map((value) => ({ value, label: periodLabel(value, lang) }))}
          onChange={(value: string) => update({ period: value })}
        />
      </div>
      {indicator && (
        <Typography.Paragraph type="secondary" className="framework-desc">
          {t('ind.provincialHint')}{' '}
          <Link to={`/indicators/${encodeURIComponent(indicator.code)}?period=${encodeURIComponent(period ?? '')}`}>{t('ind.openIndicator')}</Link>
        </Typography.Paragraph>
      )}
      <LoadError error={board.error} />
      <SyntheticBanner synthetic={board.data?.synthetic} />
      {board.isPending && indicator && <Spin className="page-spin" />}
      {board.data && indicator && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card
              size="small"
              className="leaderboard-card"
              title={t('ind.provincialTitle', { name: board.data.indicator_name, period: periodLabel(board.data.period, lang), count: items.length })}
            >
              <LeaderboardTable items={items} unit={board.data.unit} />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Space direction="vertical" size="middle" className="full-width">
              <StatusCard
                status={board.data.served}
                unit={board.data.unit}
                decimals={indicator.decimals}
                higherIsBetter={board.data.higher_is_better}
              />
              <Card size="small" title={t('ind.peerChartTitle', { period: periodLabel(board.data.period, lang) })} className="peer-card">
                {items.some((item) => item.value !== null) ? (
                  <PeerBarChart
                    items={items}
                    unit={board.data.unit}
                    ariaLabel={t('ind.peerChartTitle', { period: periodLabel(board.data.period, lang) })}
                    labels={{ benchmark: (city, value) => t('ind.benchmarkLine', { city, value }) }}
                  />
                ) : (
                  <Empty description={t('ind.noData')} />
                )}
              </Card>
            </Space>
          </Col>
        </Row>
      )}
    </Space>
  );
}
