import type { HTMLAttributes } from 'react';
import { Empty, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { HonourTag, percent, score } from './parts';
import type { LeagueRow } from './types';

export const rowState = (row: LeagueRow) => (!row.ranked ? 'unranked' : (row.honour ?? 'ranked'));

function Count({ value, color, kind }: { value: number; color: string; kind: string }) {
  return value > 0 ? (
    <Tag color={color} bordered={false} className="bl-count" data-kind={kind}>
      {value}
    </Tag>
  ) : (
    <span className="bl-count bl-zero" data-kind={kind}>
      0
    </span>
  );
}

/**
 * The league table: ranked units by rank, then the units with too few items greyed with 条目不足; 优生 and 差生
 * highlighted. `notice` mode mirrors the official notice's columns (full unit names, no item count).
 */
export function LeagueTableView({ rows, minItems, notice = false, loading }: { rows: LeagueRow[]; minItems: number; notice?: boolean; loading?: boolean }) {
  const { t } = useI18n();
  const unitName = (row: LeagueRow) => (notice ? row.unit.name : row.unit.short_name || row.unit.name);
  const columns: TableProps<LeagueRow>['columns'] = [
    {
      title: t('bl.col.rank'),
      key: 'rank',
      width: 64,
      fixed: 'left',
      align: 'center',
      render: (_, row) => (row.ranked ? <strong className="bl-rank">{row.rank}</strong> : '—'),
    },
    {
      title: t('bl.col.unit'),
      key: 'unit',
      fixed: 'left',
      className: 'bl-unit-cell',
      render: (_, row) => (
        <span title={row.unit.name} className="bl-unit-name">
          {unitName(row)}
        </span>
      ),
    },
    { title: t('bl.col.score'), key: 'score', align: 'right', className: 'nowrap', render: (_, row) => <strong>{score(row.score)}</strong> },
    {
      title: t('bl.col.onTime'),
      key: 'on_time',
      align: 'right',
      className: 'nowrap',
      render: (_, row) => (
        <Tooltip title={t('bl.col.onTimeDetail', { done: row.milestones_on_time, due: row.milestones_due })}>
          <span>{percent(row.on_time_rate)}</span>
        </Tooltip>
      ),
    },
    { title: t('bl.col.red'), key: 'red', align: 'right', render: (_, row) => <Count value={row.red} color="red" kind="red" /> },
    { title: t('bl.col.yellow'), key: 'yellow', align: 'right', render: (_, row) => <Count value={row.yellow} color="gold" kind="yellow" /> },
    {
      title: t('bl.col.report'),
      key: 'report',
      align: 'right',
      className: 'nowrap',
      render: (_, row) => (
        <Tooltip title={t('bl.col.reportDetail', { done: row.reports_on_time, due: row.reports_expected })}>
          <span>{percent(row.report_rate)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('bl.col.evaluation'),
      key: 'evaluation',
      align: 'right',
      className: 'nowrap',
      render: (_, row) =>
        row.evaluation_average === null ? (
          '—'
        ) : (
          <Tooltip title={t('bl.col.evaluationDetail', { count: row.evaluation_count })}>
            <span>{row.evaluation_average}</span>
          </Tooltip>
        ),
    },
    {
      title: t('bl.col.rectifications'),
      key: 'rectifications',
      align: 'right',
      render: (_, row) => <Count value={row.open_rectifications} color="orange" kind="rectifications" />,
    },
    ...(notice ? [] : [{ title: t('bl.col.items'), key: 'items', dataIndex: 'items', align: 'right' as const }]),
    {
      title: t('bl.col.remark'),
      key: 'remark',
      className: 'nowrap',
      render: (_, row) =>
        !row.ranked ? (
          <Tooltip title={t('bl.unrankedHint', { items: row.items, min: minItems })}>
            <Typography.Text type="secondary" className="bl-unranked">
              {t('bl.unranked')}
            </Typography.Text>
          </Tooltip>
        ) : row.honour ? (
          <HonourTag honour={row.honour} />
        ) : null,
    },
  ];
  return (
    <Table<LeagueRow>
      className={notice ? 'bl-league bl-league-notice' : 'bl-league'}
      size="small"
      rowKey={(row) => row.unit.id}
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={false}
      bordered={notice}
      scroll={{ x: 'max-content' }}
      rowClassName={(row) => `bl-league-row bl-row-${rowState(row)}`}
      onRow={(row) => ({ 'data-state': rowState(row) }) as HTMLAttributes<HTMLElement>}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bl.league.empty')} /> }}
    />
  );
}
