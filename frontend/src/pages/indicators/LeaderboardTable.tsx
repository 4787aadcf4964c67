import type { HTMLAttributes } from 'react';
import { Table, Tag, Typography, type TableProps } from 'antd';
import type { LeaderboardItem } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { byRank, formatNumber, formatValue, tiedRanks } from '../../indicators/format';

/**
 * A league table best first: competition ranks (ties share a rank, marked 并列), the served city's
 * row highlighted, the benchmark city tagged, regions without data last.
 */
export function LeaderboardTable({ items, unit, loading }: { items: readonly LeaderboardItem[]; unit: string; loading?: boolean }) {
  const { t } = useI18n();
  const rows = byRank(items);
  const ties = tiedRanks(rows);
  const columns: TableProps<LeaderboardItem>['columns'] = [
    {
      title: t('ind.col.rank'),
      key: 'rank',
      width: 96,
      render: (_, item) =>
        item.rank === null ? (
          <Typography.Text type="secondary">{t('ind.noData')}</Typography.Text>
        ) : (
          <span className="lb-rank" data-rank={item.rank}>
            {item.rank}
            {ties.has(item.rank) && <Typography.Text type="secondary"> {t('ind.tied')}</Typography.Text>}
          </span>
        ),
    },
    {
      title: t('ind.col.city'),
      key: 'city',
      render: (_, item) => (
        <span className="nowrap">
          {item.served ? <strong>{item.region_name}</strong> : item.region_name}
          {item.served && (
            <Tag color="volcano" className="lb-tag">
              {t('ind.servedCity')}
            </Tag>
          )}
          {item.benchmark && (
            <Tag color="purple" className="lb-tag">
              {t('ind.benchmarkCity')}
            </Tag>
          )}
        </span>
      ),
    },
    { title: t('ind.col.value'), key: 'value', align: 'right', render: (_, item) => <span className="nowrap">{formatValue(item.value, unit)}</span> },
    { title: t('ind.col.percentile'), key: 'percentile', align: 'right', render: (_, item) => formatNumber(item.percentile, 2) },
    { title: t('ind.col.score'), key: 'score', align: 'right', render: (_, item) => formatNumber(item.score, 2) },
  ];
  return (
    <Table<LeaderboardItem>
      className="leaderboard-table"
      size="small"
      rowKey="region"
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowClassName={(item) => (item.served ? 'lb-row-served' : '')}
      onRow={(item) => ({ 'data-served': item.served ? 'true' : undefined }) as HTMLAttributes<HTMLElement>}
    />
  );
}
