import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Empty, Grid, List, Segmented, Select, Space, Table, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Me } from '../../api/types';
import { LoadError } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDate, usePlans } from '../../tasks/hooks';
import { useBulletin, useBulletins } from './api';
import { BulletinsNav } from './BulletinsNav';
import { GenerateBulletinModal } from './GenerateBulletinModal';
import { DownloadButtons, KindTag, periodLabel, StatusTag } from './parts';
import { managesBulletins, seesDrafts } from './permissions';
import { BULLETIN_KINDS, BULLETIN_STATUSES, type BulletinKind, type BulletinStatus, type BulletinSummary } from './types';
import { useUrlParams } from '../../components/useUrlParams';

const PAGE_SIZE = 20;

/** The list's state as it lives in the URL (`?year=&kind=&status=&page=`); invalid values are dropped. */
export function parseListQuery(params: URLSearchParams) {
  const year = Number(params.get('year'));
  const kind = params.get('kind');
  const status = params.get('status');
  const page = Number(params.get('page'));
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined,
    kind: (BULLETIN_KINDS as readonly string[]).includes(kind ?? '') ? (kind as BulletinKind) : undefined,
    status: (BULLETIN_STATUSES as readonly string[]).includes(status ?? '') ? (status as BulletinStatus) : undefined,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/**
 * 送达 / 已读 of a published bulletin. The list does not carry them (only the bulletin's own document does), so
 * each published row asks for it; the answer is cached for when the bulletin is opened.
 */
function Delivery({ bulletin }: { bulletin: BulletinSummary }) {
  const { t } = useI18n();
  const detail = useBulletin(bulletin.status === 'published' ? bulletin.id : undefined);
  if (bulletin.status !== 'published') return <Typography.Text type="secondary">{t('bl.notDelivered')}</Typography.Text>;
  if (!detail.data) return <Typography.Text type="secondary">…</Typography.Text>;
  return (
    <span className="bl-delivery nowrap" data-delivered={detail.data.delivered} data-read={detail.data.read}>
      {t('bl.delivery', { delivered: detail.data.delivered, read: detail.data.read })}
    </span>
  );
}

function NumberText({ bulletin }: { bulletin: BulletinSummary }) {
  const { t } = useI18n();
  return bulletin.number ? (
    <span className="bl-number-cell nowrap">{bulletin.number}</span>
  ) : (
    <Typography.Text type="secondary" className="nowrap">
      {t('bl.numberPending')}
    </Typography.Text>
  );
}

/** 历次通报: kind, period, 文号, issue date, status and delivery, with downloads; the office generates new ones. */
export function BulletinListPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const isPhone = Grid.useBreakpoint().md === false;
  const [params, update] = useUrlParams();
  const query = parseListQuery(params);
  const [generating, setGenerating] = useState(false);
  const plans = usePlans();
  const drafts = seesDrafts(me);
  const list = useBulletins({
    year: query.year,
    kind: query.kind,
    status: drafts ? query.status : undefined,
    page: query.page,
    page_size: PAGE_SIZE,
  });


  const years = [...new Set([...(plans.data ?? []).map((plan) => plan.year), ...(query.year ? [query.year] : [])])].sort((a, b) => b - a);
  const filtered = !!(query.year || query.kind || query.status);

  const columns: TableProps<BulletinSummary>['columns'] = [
    {
      title: t('bl.col.title'),
      key: 'title',
      className: 'bl-title-cell',
      render: (_, bulletin) => (
        <div>
          <Link to={`/bulletins/${bulletin.id}`} className="bl-title-link">
            {bulletin.title}
          </Link>
          <div>
            <KindTag kind={bulletin.kind} />
          </div>
        </div>
      ),
    },
    { title: t('bl.col.period'), key: 'period', className: 'nowrap', render: (_, bulletin) => periodLabel(bulletin.period, t) },
    { title: t('bl.col.number'), key: 'number', render: (_, bulletin) => <NumberText bulletin={bulletin} /> },
    { title: t('bl.col.issuedOn'), key: 'issued', className: 'nowrap', render: (_, bulletin) => formatDate(bulletin.issued_on) },
    { title: t('bl.col.status'), key: 'status', render: (_, bulletin) => <StatusTag status={bulletin.status} /> },
    { title: t('bl.col.delivery'), key: 'delivery', render: (_, bulletin) => <Delivery bulletin={bulletin} /> },
    { title: t('bl.col.download'), key: 'download', render: (_, bulletin) => <DownloadButtons id={bulletin.id} size="small" compact /> },
  ];

  const pagination = {
    current: query.page,
    pageSize: PAGE_SIZE,
    total: list.data?.total ?? 0,
    showSizeChanger: false,
    showTotal: (total: number) => t('bl.total', { total }),
    onChange: (page: number) => update({ page: page > 1 ? page : undefined }, true),
  };
  const empty = (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('bl.list.emptyFiltered') : t(managesBulletins(me) ? 'bl.list.emptyOffice' : 'bl.list.empty')} />
  );

  return (
    <Space direction="vertical" size="middle" className="full-width bulletins-page">
      <BulletinsNav
        me={me}
        active="list"
        extra={
          managesBulletins(me) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setGenerating(true)}>
              {t('bl.gen.open')}
            </Button>
          )
        }
      />
      <Space wrap className="bl-filters">
        <Select
          aria-label={t('bl.filter.year')}
          allowClear
          placeholder={t('bl.filter.allYears')}
          value={query.year}
          onChange={(value?: number) => update({ year: value })}
          options={years.map((value) => ({ value, label: t('bl.filter.yearOption', { year: value }) }))}
          className="bl-filter-select"
        />
        <Select
          aria-label={t('bl.filter.kind')}
          allowClear
          placeholder={t('bl.filter.allKinds')}
          value={query.kind}
          onChange={(value?: BulletinKind) => update({ kind: value })}
          options={BULLETIN_KINDS.map((value) => ({ value, label: t(`bl.kind.${value}`) }))}
          className="bl-filter-select"
        />
        {drafts && (
          <Segmented<BulletinStatus | 'all'>
            aria-label={t('bl.filter.status')}
            value={query.status ?? 'all'}
            onChange={(value) => update({ status: value === 'all' ? undefined : value })}
            options={(['all', ...BULLETIN_STATUSES] as const).map((value) => ({ value, label: t(value === 'all' ? 'bl.filter.allStatuses' : `bl.status.${value}`) }))}
          />
        )}
        {filtered && (
          <Button type="link" onClick={() => update({ year: undefined, kind: undefined, status: undefined })}>
            {t('bl.filter.reset')}
          </Button>
        )}
      </Space>
      <LoadError error={list.error} />
      {isPhone ? (
        <List<BulletinSummary>
          className="bl-list"
          loading={list.isFetching}
          dataSource={list.data?.items}
          pagination={(list.data?.total ?? 0) > PAGE_SIZE ? { ...pagination, size: 'small' } : false}
          locale={{ emptyText: empty }}
          renderItem={(bulletin) => (
            <List.Item className="bl-card" data-status={bulletin.status}>
              <div className="full-width">
                <Link to={`/bulletins/${bulletin.id}`} className="bl-title-link">
                  {bulletin.title}
                </Link>
                <Space size={[4, 4]} wrap className="bl-card-meta">
                  <StatusTag status={bulletin.status} />
                  <KindTag kind={bulletin.kind} />
                  <NumberText bulletin={bulletin} />
                  <Typography.Text type="secondary">{formatDate(bulletin.issued_on)}</Typography.Text>
                </Space>
                <div className="bl-card-foot">
                  <Delivery bulletin={bulletin} />
                  <DownloadButtons id={bulletin.id} size="small" compact />
                </div>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<BulletinSummary>
          className="bl-table"
          size="small"
          rowKey="id"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items}
          rowClassName={(bulletin) => `bl-row bl-row-${bulletin.status}`}
          pagination={pagination}
          locale={{ emptyText: empty }}
        />
      )}
      {managesBulletins(me) && <GenerateBulletinModal open={generating} onClose={() => setGenerating(false)} />}
    </Space>
  );
}
