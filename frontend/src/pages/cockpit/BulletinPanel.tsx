import { Link } from 'react-router-dom';
import { Empty, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import type { Me } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDate } from '../../tasks/hooks';
import { useBulletin, useBulletins } from '../bulletins/api';
import { percent, periodLabel } from '../bulletins/parts';
import { Panel, PanelLink } from './Panel';
import { opensArea } from './permissions';

function Figure({ label, value, tone, name }: { label: string; value: number | string; tone?: 'good' | 'bad' | 'warn'; name: string }) {
  return (
    <div className="ck-figure" data-tone={tone} data-figure={name}>
      <div className="ck-figure-value">{value}</div>
      <div className="ck-figure-label">{label}</div>
    </div>
  );
}

/** The latest published bulletin: its 文号 and title (a link to it), the issue date, its headline figures, 优生 and 差生. */
export function BulletinPanel({ me }: { me: Me }) {
  const { t } = useI18n();
  const latest = useBulletins({ status: 'published', page: 1, page_size: 1 });
  const id = latest.data?.items[0]?.id;
  const detail = useBulletin(id);
  const data = detail.data;
  const linked = opensArea(me, 'bulletins');
  const names = (units: { name: string; short_name: string }[]) => units.map((unit) => unit.short_name || unit.name).join('、') || t('bl.none');
  return (
    <Panel
      service="tasks"
      className="ck-bulletin"
      title={data ? t('ck.bulletin.periodTitle', { period: periodLabel(data.period, t) }) : t('ck.bulletin.title')}
      extra={<PanelLink to={linked ? '/bulletins/all' : null} label={t('ck.bulletin.toList')} />}
      error={latest.error ?? detail.error}
      loading={latest.isPending || (!!id && detail.isPending)}
      onRetry={() => {
        void latest.refetch();
        if (id) void detail.refetch();
      }}
    >
      {latest.data && !id && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bl.sum.noBulletin')} />}
      {data && (
        <>
          <div className="ck-bulletin-number">{data.number}</div>
          {linked ? (
            <Link to={`/bulletins/${data.id}`} className="ck-bulletin-title">
              {data.title} <RightOutlined />
            </Link>
          ) : (
            <div className="ck-bulletin-title">{data.title}</div>
          )}
          <Typography.Paragraph type="secondary" className="ck-note">
            {t('bl.sum.issued', { date: formatDate(data.issued_on), unit: data.content.issuing_unit })}
          </Typography.Paragraph>
          <div className="ck-figures ck-figures-6">
            <Figure name="tasks" label={t('bl.fig.tasks')} value={data.content.summary.tasks} />
            <Figure name="completed" label={t('bl.fig.completed')} value={data.content.summary.completed} tone="good" />
            <Figure name="red" label={t('bl.fig.red')} value={data.content.summary.red} tone="bad" />
            <Figure name="yellow" label={t('bl.fig.yellow')} value={data.content.summary.yellow} tone="warn" />
            <Figure name="on-time" label={t('bl.fig.onTimeRate')} value={percent(data.content.summary.on_time_rate)} />
            <Figure name="ranked" label={t('bl.fig.ranked')} value={data.content.summary.units_ranked} />
          </div>
          <div className="ck-honours">
            <span data-honour="best">
              <strong>{t('bl.honour.best')}：</strong>
              {names(data.content.league.best)}
            </span>
            <span data-honour="worst">
              <strong>{t('bl.honour.worst')}：</strong>
              {names(data.content.league.worst)}
            </span>
          </div>
        </>
      )}
    </Panel>
  );
}
