import { Link } from 'react-router-dom';
import { Empty, List, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import { asOfSuffix } from '../../../tasks/hooks';
import { STEP_COLORS, type MapItem, type StepState } from './types';

export function StepStateTag({ state }: { state: StepState | 'removed' }) {
  const { t } = useI18n();
  return (
    <Tag color={STEP_COLORS[state]} className="bm-state" data-state={state}>
      {t(`bm.state.${state}`)}
    </Tag>
  );
}

/** The step's owner, linked: a ledger task (`/tasks/:code`) or a special action (`/supervision/actions/:code`). */
export function StepOwner({
  item,
  asOf,
  short = false,
}: {
  item: Pick<MapItem, 'kind' | 'task_code' | 'task_title' | 'action_code' | 'action_name'>;
  asOf?: string;
  short?: boolean;
}) {
  const { t } = useI18n();
  const isTask = item.kind === 'milestone';
  const code = isTask ? item.task_code : item.action_code;
  const name = isTask ? item.task_title : item.action_name;
  if (!code) return null;
  const to = isTask ? `/tasks/${encodeURIComponent(code)}${asOfSuffix(asOf)}` : `/supervision/actions/${encodeURIComponent(code)}${asOfSuffix(asOf)}`;
  return (
    <span className="bm-owner">
      <Tag className="bm-kind" color={isTask ? undefined : 'purple'}>
        {t(isTask ? 'bm.kind.milestone' : 'bm.kind.action_node')}
      </Tag>
      <Link to={to} className="bm-owner-link" title={name ?? undefined}>
        {code}
      </Link>
      {!short && name && <Typography.Text type="secondary"> {name}</Typography.Text>}
    </span>
  );
}

/** One step as a small coloured block of the month grid (state colour on its left edge). */
export function StepBlock({ item, asOf }: { item: MapItem; asOf?: string }) {
  const { t } = useI18n();
  return (
    <div className={`bm-item bm-item-${item.state}`} data-state={item.state} title={t(`bm.state.${item.state}`)}>
      <div className="bm-item-title">{item.title}</div>
      <StepOwner item={item} asOf={asOf} short />
      <div className="bm-item-meta">
        {item.lead_unit?.short_name ?? '—'} · {item.due_date.slice(5)}
        {item.done_date && ` ✓${item.done_date.slice(5)}`}
      </div>
    </div>
  );
}

/** Steps as a list (dispatch view, phone): title, owner, lead unit, dates and state. */
export function StepList({ items, asOf, empty }: { items: MapItem[]; asOf?: string; empty: string }) {
  const { t } = useI18n();
  return (
    <List<MapItem>
      className="bm-step-list"
      size="small"
      dataSource={items}
      pagination={items.length > 30 ? { pageSize: 30, size: 'small', showSizeChanger: false } : false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      renderItem={(item) => (
        <List.Item className={`bm-step bm-step-${item.state}`} data-state={item.state}>
          <div className="bm-step-body">
            <Space wrap size={[6, 2]}>
              <StepStateTag state={item.state} />
              <Typography.Text strong>{item.title}</Typography.Text>
            </Space>
            <div>
              <StepOwner item={item} asOf={asOf} />
            </div>
            <Typography.Text type="secondary" className="bm-step-meta">
              {item.lead_unit?.short_name ?? '—'} · {t('bm.due', { date: item.due_date })}
              {item.done_date && ` · ${t('bm.done', { date: item.done_date })}`}
            </Typography.Text>
          </div>
        </List.Item>
      )}
    />
  );
}
