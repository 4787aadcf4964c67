import { Link, useSearchParams } from 'react-router-dom';
import { Card, Col, Empty, Grid, List, Row, Segmented, Select, Space, Statistic, Switch, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import type { Me } from '../../../api/types';
import { LoadError } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { filterUnitOption, formatTime, useUnits } from '../../../tasks/hooks';
import { currentYear, percent, PeriodSelect, usePeriodParam } from '../league/period';
import { BarList, Sparkline } from './bars';
import { RATINGS_PAGE_SIZE, starText, useRatings, useRatingSummary, type RatingRead, type ServiceStats, type Stats, type UnitStats } from './hooks';
import { seesAllRatings } from './permissions';
import { handlingUnitOptions, ServiceCatalogue } from './ServiceCatalogue';
import '../clusters/clusters.css';

const TABS = ['summary', 'ratings', 'catalogue'] as const;
type Tab = (typeof TABS)[number];
const STARS = [5, 4, 3, 2, 1] as const;

function Average({ value }: { value: number | null | undefined }) {
  return (
    <span className="nowrap" data-average={value ?? ''}>
      <span className="fb2-stars" aria-hidden="true">
        {starText(value)}
      </span>{' '}
      <span className="fb2-average">{value?.toFixed(2) ?? '—'}</span>
    </span>
  );
}

/** Stars 5…1 as bars (1–2 stars red: they may have become cases). */
function Distribution({ stats }: { stats: Stats }) {
  const { t } = useI18n();
  return (
    <BarList
      rows={STARS.map((s) => ({
        key: String(s),
        label: t('fb2.rating.starsN', { n: s }),
        value: stats.distribution[String(s)] ?? 0,
        tone: s <= 2 ? 'bad' : s >= 4 ? 'good' : 'neutral',
      }))}
    />
  );
}

function DistributionSpark({ stats }: { stats: Stats }) {
  const { t } = useI18n();
  return (
    <Sparkline
      label={t('fb2.rating.distribution')}
      points={[1, 2, 3, 4, 5].map((s) => ({ key: String(s), label: t('fb2.rating.starsN', { n: s }), value: stats.distribution[String(s)] ?? 0 }))}
    />
  );
}

function TrendSpark({ stats }: { stats: Stats }) {
  const { t } = useI18n();
  return <Sparkline label={t('fb2.rating.trend')} points={stats.trend.map((p) => ({ key: p.month, label: p.month, value: p.count }))} />;
}

function TotalCard({ stats }: { stats: Stats }) {
  const { t } = useI18n();
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} md={8}>
        <Card size="small" className="fb2-total">
          <Space wrap size={[24, 8]}>
            <Statistic title={t('fb2.rating.count')} value={stats.count} />
            <Statistic title={t('fb2.rating.average')} value={stats.average ?? '—'} precision={stats.average === null ? undefined : 2} />
            <Statistic title={t('fb2.rating.satisfaction')} value={percent(stats.satisfaction.value)} />
          </Space>
          <Typography.Text type="secondary" className="fb2-rate-parts">
            {t('fb2.rating.satisfactionRule', { n: stats.satisfaction.numerator, d: stats.satisfaction.denominator })}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card size="small" title={t('fb2.rating.distribution')}>
          <Distribution stats={stats} />
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card size="small" title={t('fb2.rating.trend')}>
          <BarList
            className="fb2-trend"
            rows={stats.trend.map((p) => ({
              key: p.month,
              label: p.month,
              value: p.count,
              text: p.count ? t('fb2.rating.trendValue', { count: p.count, average: p.average?.toFixed(2) ?? '—' }) : '0',
            }))}
          />
        </Card>
      </Col>
    </Row>
  );
}

function statColumns<T extends Stats>(t: ReturnType<typeof useI18n>['t']): NonNullable<TableProps<T>['columns']> {
  return [
    { key: 'count', title: t('fb2.rating.count'), align: 'right', sorter: (a, b) => a.count - b.count, render: (_, s) => s.count },
    {
      key: 'average',
      title: t('fb2.rating.average'),
      sorter: (a, b) => (a.average ?? 0) - (b.average ?? 0),
      render: (_, s) => <Average value={s.average} />,
    },
    {
      key: 'satisfaction',
      title: t('fb2.rating.satisfaction'),
      align: 'right',
      sorter: (a, b) => (a.satisfaction.value ?? -1) - (b.satisfaction.value ?? -1),
      render: (_, s) => (
        <span className="fb2-rate">
          {percent(s.satisfaction.value)}
          <Typography.Text type="secondary" className="fb2-rate-parts">
            {s.satisfaction.numerator}/{s.satisfaction.denominator}
          </Typography.Text>
        </span>
      ),
    },
    { key: 'distribution', title: t('fb2.rating.distributionShort'), render: (_, s) => <DistributionSpark stats={s} /> },
    { key: 'trend', title: t('fb2.rating.trendShort'), render: (_, s) => <TrendSpark stats={s} /> },
  ];
}

function Summary({ period, unit }: { period: string; unit: string | undefined }) {
  const { t } = useI18n();
  const summary = useRatingSummary(period, unit);
  const data = summary.data;
  const serviceColumns: TableProps<ServiceStats>['columns'] = [
    {
      key: 'name',
      title: t('fb2.rating.service'),
      fixed: 'left',
      className: 'fb2-title-cell',
      render: (_, s) => (
        <>
          <Space wrap size={[6, 0]}>
            <span>{s.name}</span>
            {!s.active && <Tag>{t('fb2.service.inactive')}</Tag>}
          </Space>
          <div>
            <Typography.Text type="secondary">{s.unit_name}</Typography.Text>
          </div>
        </>
      ),
    },
    ...statColumns<ServiceStats>(t),
  ];
  const unitColumns: TableProps<UnitStats>['columns'] = [
    { key: 'name', title: t('fb2.rating.unit'), fixed: 'left', className: 'nowrap', render: (_, s) => s.name },
    ...statColumns<UnitStats>(t),
  ];
  if (summary.error) return <LoadError error={summary.error} />;
  if (!data) return <Card loading size="small" />;
  return (
    <Space direction="vertical" size="middle" className="full-width">
      {data.unit && <Typography.Text type="secondary">{t('fb2.rating.scope', { unit: data.unit.name })}</Typography.Text>}
      <TotalCard stats={data.total} />
      <Card size="small" title={t('fb2.rating.byService', { count: data.by_service.length })}>
        <Table<ServiceStats>
          rowKey="code"
          size="small"
          className="fb2-table fb2-by-service"
          scroll={{ x: 'max-content' }}
          columns={serviceColumns}
          dataSource={data.by_service}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fb2.rating.empty')} /> }}
        />
      </Card>
      <Card size="small" title={t('fb2.rating.byUnit', { count: data.by_unit.length })}>
        <Table<UnitStats>
          rowKey="code"
          size="small"
          className="fb2-table fb2-by-unit"
          scroll={{ x: 'max-content' }}
          columns={unitColumns}
          dataSource={data.by_unit}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fb2.rating.empty')} /> }}
        />
      </Card>
    </Space>
  );
}

function Ratings({ period, unit }: { period: string; unit: string | undefined }) {
  const { t } = useI18n();
  const isPhone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const onlyCases = params.get('all') !== '1';
  const stars = Number(params.get('stars')) || undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useRatings({ period, unit, stars: stars && stars >= 1 && stars <= 5 ? stars : undefined, has_case: onlyCases ? true : undefined, page });
  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  const pagination = {
    current: page,
    pageSize: RATINGS_PAGE_SIZE,
    total: list.data?.total ?? 0,
    showSizeChanger: false,
    showTotal: (total: number) => t('fb2.rating.total', { total }),
    onChange: (next: number) => set({ page: next > 1 ? String(next) : undefined }),
  };
  const caseLink = (r: RatingRead) =>
    r.case_no ? (
      <Link to={`/feedback/cases/${encodeURIComponent(r.case_no)}`} className="nowrap">
        {r.case_no}
      </Link>
    ) : (
      '—'
    );
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={onlyCases ? t('fb2.rating.noCases') : t('fb2.rating.empty')} />;
  const columns: TableProps<RatingRead>['columns'] = [
    { key: 'time', title: t('fb2.rating.time'), className: 'nowrap', render: (_, r) => formatTime(r.created_at) },
    {
      key: 'service',
      title: t('fb2.rating.service'),
      render: (_, r) => (
        <>
          <div>{r.service_name}</div>
          <Typography.Text type="secondary">{r.unit_name}</Typography.Text>
        </>
      ),
    },
    { key: 'stars', title: t('fb2.rating.stars'), render: (_, r) => <Average value={r.stars} /> },
    { key: 'comment', title: t('fb2.rating.comment'), className: 'fb2-title-cell', render: (_, r) => r.comment ?? '—' },
    {
      key: 'who',
      title: t('fb2.rating.who'),
      render: (_, r) => [r.enterprise_name, r.contact_phone].filter(Boolean).join(' · ') || t('fb2.rating.anonymous'),
    },
    { key: 'case', title: t('fb2.rating.case'), render: (_, r) => caseLink(r) },
  ];
  return (
    <Space direction="vertical" size="middle" className="full-width">
      <Space wrap className="fb2-filters">
        <Space>
          <Switch checked={onlyCases} onChange={(checked) => set({ all: checked ? undefined : '1' })} aria-label={t('fb2.rating.onlyCases')} />
          <span>{t('fb2.rating.onlyCases')}</span>
        </Space>
        <Select
          allowClear
          className="fb2-filter"
          aria-label={t('fb2.rating.stars')}
          placeholder={t('fb2.rating.stars')}
          value={stars}
          onChange={(value: number | undefined) => set({ stars: value ? String(value) : undefined })}
          options={STARS.map((s) => ({ value: s, label: t('fb2.rating.starsN', { n: s }) }))}
        />
      </Space>
      <Typography.Text type="secondary">{t('fb2.rating.caseRule')}</Typography.Text>
      <LoadError error={list.error} />
      {isPhone ? (
        <List<RatingRead>
          className="fb2-cards"
          loading={list.isFetching}
          dataSource={list.data?.items}
          locale={{ emptyText: empty }}
          pagination={{ ...pagination, size: 'small', simple: true }}
          renderItem={(r) => (
            <List.Item key={r.id} className="fb2-card" data-rating={r.id}>
              <div className="fb2-card-body">
                <Space wrap size={[8, 2]}>
                  <Average value={r.stars} />
                  <span>{r.service_name}</span>
                </Space>
                {r.comment && <div className="fb2-break">{r.comment}</div>}
                <Typography.Text type="secondary">
                  {[formatTime(r.created_at), r.unit_name].join(' · ')}
                </Typography.Text>
                {r.case_no && (
                  <span>
                    {t('fb2.rating.case')}：{caseLink(r)}
                  </span>
                )}
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<RatingRead>
          rowKey="id"
          size="small"
          className="fb2-table fb2-ratings"
          scroll={{ x: 'max-content' }}
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items}
          locale={{ emptyText: empty }}
          pagination={pagination}
        />
      )}
    </Space>
  );
}

/** 营商环境我来评: how enterprises rate each service and unit, the low ratings that became cases, and the catalogue. */
export function RatingsPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const isPhone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const [period, setPeriod] = usePeriodParam(currentYear());
  const shown = period ?? currentYear();
  const all = seesAllRatings(me);
  const units = useUnits();
  const unit = all ? params.get('unit')?.slice(0, 64) || undefined : undefined;
  const tab: Tab = TABS.find((key) => key === params.get('tab')) ?? 'summary';
  const set = (key: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  const scoped = tab !== 'catalogue';
  return (
    <Space direction="vertical" size="middle" className="full-width fb2-page fb2-ratings-page">
      <div className="page-header">
        <div>
          <Typography.Title level={4} className="page-title">
            {t('fb2.rating.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('fb2.rating.subtitle')}</Typography.Text>
        </div>
      </div>
      {isPhone ? (
        <Segmented<Tab> block value={tab} onChange={(next) => set('tab', next === 'summary' ? undefined : next)} options={TABS.map((key) => ({ value: key, label: t(`fb2.rating.tab.${key}`) }))} />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(next) => set('tab', next === 'summary' ? undefined : next)}
          items={TABS.map((key) => ({ key, label: t(`fb2.rating.tab.${key}`) }))}
          className="fb2-subtabs"
        />
      )}
      {scoped && (
        <Space wrap className="fb2-filters">
          <PeriodSelect value={shown} onChange={(value) => setPeriod(value ?? currentYear())} />
          {all && (
            <Select
              allowClear
              showSearch
              className="fb2-filter"
              aria-label={t('fb2.rating.unitFilter')}
              placeholder={t('fb2.rating.allUnits')}
              value={unit}
              onChange={(value: string | undefined) => set('unit', value)}
              options={handlingUnitOptions(units.data)}
              filterOption={filterUnitOption}
              loading={units.isPending}
              popupMatchSelectWidth={false}
            />
          )}
        </Space>
      )}
      {!all && scoped && <Typography.Text type="secondary">{t('fb2.rating.ownOnly')}</Typography.Text>}
      {tab === 'summary' && <Summary period={shown} unit={unit} />}
      {tab === 'ratings' && <Ratings period={shown} unit={unit} />}
      {tab === 'catalogue' && <ServiceCatalogue me={me} />}
    </Space>
  );
}
