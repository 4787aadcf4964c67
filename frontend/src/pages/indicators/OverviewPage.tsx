import { Link, useNavigate } from 'react-router-dom';
import { Card, Col, Empty, Grid, List, Row, Segmented, Select, Space, Spin, Statistic, Table, Tooltip, Typography, type TableProps } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import type { FrameworkOverview, FrameworkRead, IndicatorRead, Me, OverviewRow } from '../../api/types';
import { LoadError } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { anchorIndicator, formatSigned, formatValue, isPeriod, meetsTarget, numeral, periodLabel } from '../../indicators/format';
import { useFrameworkPeriods, useFrameworks, useOverview, useRegions, useUrlState } from '../../indicators/hooks';
import { ClassTag, SyntheticBanner, TierTag, TrendMark } from '../../indicators/tags';
import { ExportButton } from './ExportButton';
import { IndicatorsNav } from './IndicatorsNav';
import { TierLadder } from './TierLadder';

/** Framework order of the selector: the national evaluation first, it is what the city is judged on. */
const ORDER = ['national', 'provincial', 'bready', 'city'];

const rankTargets = (framework: FrameworkRead) =>
  framework.rank_floor && framework.rank_target && framework.rank_stretch
    ? { floor: framework.rank_floor, target: framework.rank_target, stretch: framework.rank_stretch }
    : null;

const indicatorPath = (code: string, period: string) => `/indicators/${encodeURIComponent(code)}?period=${encodeURIComponent(period)}`;

/** The count that matters per framework: 国评/B-READY top ten, 省晾晒 within the floor rank, 市指标 value targets met. */
function Headline({ framework, overview, catalog }: { framework: FrameworkRead; overview: FrameworkOverview; catalog?: IndicatorRead[] }) {
  const { t, lang } = useI18n();
  const rows = overview.indicators;
  const total = overview.first_level;
  let count: number;
  let text: string;
  if (framework.kind === 'city') {
    const byCode = new Map((catalog ?? []).map((indicator) => [indicator.code, indicator]));
    count = rows.filter((row) => {
      const indicator = byCode.get(row.code);
      return indicator ? meetsTarget(row.value, indicator.target, indicator.higher_is_better) === true : false;
    }).length;
    text = t('ind.targetsMet', { count, total });
  } else if (framework.region_set === 'zhejiang' && framework.rank_floor) {
    count = rows.filter((row) => row.rank !== null && row.rank <= framework.rank_floor!).length;
    text = t('ind.inProvinceTop', { count, total, n: numeral(framework.rank_floor, lang) });
  } else {
    count = overview.top10;
    text = t('ind.inTop10', { count, total });
  }
  const strengths = rows.filter((row) => row.classification === 'strength').length;
  const weaknesses = rows.filter((row) => row.classification === 'weakness').length;
  return (
    <Card size="small" className="overview-headline">
      <div className="headline-main" data-count={count}>
        <span className="headline-text">{text}</span>
      </div>
      <Space size="large" wrap>
        <Statistic title={t('class.strength')} value={strengths} valueStyle={{ color: '#389e0d' }} />
        <Statistic title={t('class.weakness')} value={weaknesses} valueStyle={{ color: '#cf1322' }} />
      </Space>
    </Card>
  );
}

function AdvantageCards({ rows, framework, period }: { rows: OverviewRow[]; framework: FrameworkRead; period: string }) {
  const { t } = useI18n();
  if (!rows.length) return null;
  const targets = rankTargets(framework);
  return (
    <Card size="small" title={t('ind.advantageTitle')} className="advantage-card">
      <Row gutter={[12, 12]}>
        {rows.map((row) => (
          <Col key={row.code} xs={12} md={6}>
            <Link to={indicatorPath(row.code, period)} className="advantage-item" data-code={row.code}>
              <Typography.Text type="secondary" className="task-code">
                {row.code}
              </Typography.Text>
              <div className="advantage-name">{row.name}</div>
              <div className="advantage-rank">
                {row.rank === null ? t('ind.unranked') : t('ind.rankN', { rank: row.rank })}
                {row.rank === 1 && <span className="advantage-first"> ★</span>}
              </div>
              <TierTag tier={row.tier} targets={targets} />
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function IndicatorTable({
  overview,
  framework,
  catalog,
  period,
}: {
  overview: FrameworkOverview;
  framework: FrameworkRead;
  catalog?: IndicatorRead[];
  period: string;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const byCode = new Map((catalog ?? []).map((indicator) => [indicator.code, indicator]));
  const targets = rankTargets(framework);
  // The city's own indicators are often measured for the city alone: no rank, no peer, no gap to show.
  const compared = overview.indicators.some((row) => row.of > 1);
  const hasBenchmark = !!framework.benchmark_region && compared;
  const hasTargets = (catalog ?? []).some((indicator) => indicator.target !== null);
  const columns: TableProps<OverviewRow>['columns'] = [
    {
      title: t('ind.col.indicator'),
      key: 'name',
      render: (_, row) => (
        <div className="ov-name">
          <Typography.Text type="secondary" className="task-code">
            {row.code}
          </Typography.Text>{' '}
          <Link to={indicatorPath(row.code, period)} onClick={(event) => event.stopPropagation()}>
            {row.name}
          </Link>
        </div>
      ),
    },
    {
      title: t('ind.col.value'),
      key: 'value',
      align: 'right',
      render: (_, row) => <span className="nowrap">{formatValue(row.value, row.unit, byCode.get(row.code)?.decimals)}</span>,
    },
    ...(hasTargets
      ? [
          {
            title: t('ind.col.target'),
            key: 'target',
            align: 'right' as const,
            render: (_: unknown, row: OverviewRow) => {
              const indicator = byCode.get(row.code);
              if (indicator?.target == null) return '—';
              const met = meetsTarget(row.value, indicator.target, indicator.higher_is_better);
              return (
                <Typography.Text className="nowrap" type={met === true ? 'success' : met === false ? 'danger' : undefined} data-met={met ?? undefined}>
                  {formatValue(indicator.target, row.unit, indicator.decimals)}
                  {met !== null && ` ${met ? t('ind.met') : t('ind.notMet')}`}
                </Typography.Text>
              );
            },
          },
        ]
      : []),
    ...(compared
      ? [
          {
            title: t('ind.col.rank'),
            key: 'rank',
            align: 'center' as const,
            render: (_: unknown, row: OverviewRow) => (row.rank === null ? '—' : <span className="nowrap">{`${row.rank} / ${row.of}`}</span>),
          },
        ]
      : []),
    ...(targets
      ? [{ title: t('ind.col.tier'), key: 'tier', render: (_: unknown, row: OverviewRow) => <TierTag tier={row.tier} targets={targets} /> }]
      : []),
    ...(hasBenchmark
      ? [
          {
            title: (
              <Tooltip title={t('ind.gapHint')}>
                <span className="nowrap">
                  {t('ind.col.gap')} <QuestionCircleOutlined />
                </span>
              </Tooltip>
            ),
            key: 'gap',
            align: 'right' as const,
            render: (_: unknown, row: OverviewRow) => (
              <Typography.Text type={row.gap_to_benchmark !== null && row.gap_to_benchmark > 0 ? 'danger' : row.gap_to_benchmark !== null && row.gap_to_benchmark < 0 ? 'success' : undefined} className="nowrap">
                {formatSigned(row.gap_to_benchmark, row.unit)}
              </Typography.Text>
            ),
          },
        ]
      : []),
    ...(compared ? [{ title: t('ind.col.class'), key: 'class', render: (_: unknown, row: OverviewRow) => <ClassTag value={row.classification} /> }] : []),
    { title: t('ind.col.trend'), key: 'trend', align: 'center', render: (_, row) => <TrendMark trend={row.trend} /> },
  ];
  return (
    <Table<OverviewRow>
      className="overview-table"
      size="small"
      rowKey="code"
      columns={columns}
      dataSource={overview.indicators}
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowClassName={(row) => `ov-row ov-row-${row.classification ?? 'none'}`}
      onRow={(row) => ({ onClick: () => navigate(indicatorPath(row.code, period)) })}
    />
  );
}

/** The indicator rows as cards for a phone: name, value, rank, tier and tags without sideways scrolling. */
function IndicatorList({ overview, framework, period }: { overview: FrameworkOverview; framework: FrameworkRead; period: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const targets = rankTargets(framework);
  return (
    <List
      className="overview-list"
      size="small"
      dataSource={overview.indicators}
      renderItem={(row) => (
        <List.Item className="ov-list-item" onClick={() => navigate(indicatorPath(row.code, period))}>
          <div className="full-width">
            <Link to={indicatorPath(row.code, period)} onClick={(event) => event.stopPropagation()}>
              <Typography.Text type="secondary" className="task-code">
                {row.code}
              </Typography.Text>{' '}
              {row.name}
            </Link>
            <div className="ov-list-meta">
              <span className="nowrap">{formatValue(row.value, row.unit)}</span>
              {row.rank !== null && row.of > 1 && <span className="nowrap">{t('ind.rankOf', { rank: row.rank, of: row.of })}</span>}
              {targets && row.tier && <TierTag tier={row.tier} targets={targets} />}
              {row.of > 1 && row.classification && row.classification !== 'neutral' && <ClassTag value={row.classification} />}
              <TrendMark trend={row.trend} />
            </div>
          </div>
        </List.Item>
      )}
    />
  );
}

/** 指标对标 home: one framework at a time, the served city's standing for a chosen period. */
export function OverviewPage({ me }: { me: Me }) {
  const { t, lang, label } = useI18n();
  const { params, update } = useUrlState();
  const frameworkLabel = (f: FrameworkRead) => (label('framework', f.code) === f.code ? f.name : label('framework', f.code));
  const frameworks = useFrameworks();
  const regions = useRegions();
  const position = (code: string) => (ORDER.includes(code) ? ORDER.indexOf(code) : ORDER.length);
  const sorted = [...(frameworks.data ?? [])].sort((a, b) => position(a.code) - position(b.code));
  const framework = sorted.find((f) => f.code === params.get('framework')) ?? sorted.find((f) => f.code === 'national') ?? sorted[0];
  const { periods, defaultPeriod, indicators } = useFrameworkPeriods(framework);
  const chosen = params.get('period');
  const period = isPeriod(chosen) ? chosen : defaultPeriod;
  const overview = useOverview(framework?.code, period);
  // useBreakpoint is empty before its first measurement; assume desktop until then.
  const isPhone = Grid.useBreakpoint().md === false;
  const benchmarkName = regions.data?.find((region) => region.code === framework?.benchmark_region)?.name;
  const periodOptions = [...new Set([...(period ? [period] : []), ...periods])]
    .sort((a, b) => (a < b ? 1 : -1))
    .map((value) => ({ value, label: periodLabel(value, lang) }));

  const controls = framework && (
    <div className="overview-controls">
      <Segmented
        className="framework-switch"
        value={framework.code}
        onChange={(code) => update({ framework: String(code), period: undefined })}
        options={sorted.map((f) => ({ value: f.code, label: frameworkLabel(f) }))}
      />
      <Space.Compact>
        <Select
          aria-label={t('ind.period')}
          className="period-select"
          value={period}
          options={periodOptions}
          onChange={(value: string) => update({ period: value })}
        />
      </Space.Compact>
    </div>
  );

  return (
    <Space direction="vertical" size="middle" className="full-width indicators-page">
      <IndicatorsNav me={me} active="overview" extra={framework && period && <ExportButton framework={framework.code} period={period} />} />
      <LoadError error={frameworks.error} />
      {frameworks.isPending && <Spin className="page-spin" />}
      {controls}
      {framework && (
        <Typography.Paragraph type="secondary" className="framework-desc">
          <strong>{framework.name}</strong>
          {benchmarkName && ` · ${t('ind.benchmarkIs', { city: benchmarkName })}`} · {framework.description}
        </Typography.Paragraph>
      )}
      <LoadError error={overview.error} />
      {overview.isPending && framework && <Spin className="page-spin" />}
      {overview.data && framework && period && (
        <>
          <SyntheticBanner synthetic={overview.data.synthetic} />
          <Row gutter={[16, 16]}>
            {overview.data.overall?.rank_targets && (
              <Col xs={24} xl={16}>
                <TierLadder
                  status={overview.data.overall}
                  unit={anchorIndicator(indicators)?.unit ?? ''}
                  higherIsBetter={anchorIndicator(indicators)?.higher_is_better ?? true}
                  benchmarkName={benchmarkName}
                />
              </Col>
            )}
            <Col xs={24} xl={overview.data.overall?.rank_targets ? 8 : 24}>
              <Headline framework={framework} overview={overview.data} catalog={indicators} />
            </Col>
          </Row>
          <AdvantageCards rows={overview.data.advantage} framework={framework} period={period} />
          <Card size="small" title={t('ind.tableTitle', { period: periodLabel(period, lang) })}>
            {overview.data.indicators.length ? (
              isPhone ? (
                <IndicatorList overview={overview.data} framework={framework} period={period} />
              ) : (
                <IndicatorTable overview={overview.data} framework={framework} catalog={indicators} period={period} />
              )
            ) : (
              <Empty />
            )}
          </Card>
        </>
      )}
    </Space>
  );
}
