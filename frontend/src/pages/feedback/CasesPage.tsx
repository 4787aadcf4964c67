import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Grid,
  Input,
  List,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  TreeSelect,
  Typography,
  type TableProps,
} from 'antd';
import { FilterOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import type { Me } from '../../api/types';
import { LoadError } from '../../components/ProblemAlert';
import {
  categoryTree,
  FILTER_KEYS,
  PAGE_SIZES,
  QUEUE_LIMIT,
  useCaseFilters,
  useCaseList,
  useCaseSummary,
  useCategories,
  useFeedbackOptions,
  useQueue,
  type CaseFilters,
  type CaseView,
} from '../../feedback/hooks';
import { entersCases, isDispatcher, isUnitUser } from '../../feedback/permissions';
import { CaseStatusTag, DeadlineTag } from '../../feedback/tags';
import {
  CASE_STATUSES,
  CASE_TYPES,
  CHANNELS,
  DEADLINE_STATES,
  DISPATCH_STATUSES,
  UNIT_OPEN_STATUSES,
  type CaseListItem,
  type CaseStatus,
  type DeadlineState,
} from '../../feedback/types';
import { useI18n } from '../../i18n/I18nProvider';
import { isReadOnly } from '../../nav/menu';
import { formatDate } from '../../tasks/hooks';
import { AssignModal } from './CaseActions';

/** The views a role works from: the office dispatches, units work their queue, everyone may browse. */
export function viewsFor(me: Me): CaseView[] {
  const views: CaseView[] = [];
  if (isDispatcher(me)) views.push('dispatch');
  if (isUnitUser(me)) views.push('mine');
  views.push('all');
  return views;
}

interface StatCard {
  key: string;
  title: string;
  value: number;
  color?: string;
  pressed?: boolean;
  onPick?: () => void;
  hint?: string;
}

function SummaryCards({ cards }: { cards: StatCard[] }) {
  return (
    <Row gutter={[8, 8]} className="fb-stats">
      {cards.map((card) => {
        const pick = card.onPick;
        return (
          <Col key={card.key} xs={12} sm={8} lg={4}>
            <Card
              size="small"
              className={`fb-stat${pick ? ' fb-stat-action' : ''}${card.pressed ? ' fb-stat-active' : ''}`}
              data-stat={card.key}
              role={pick ? 'button' : undefined}
              tabIndex={pick ? 0 : undefined}
              aria-pressed={pick ? !!card.pressed : undefined}
              onClick={pick}
              onKeyDown={pick ? (event: KeyboardEvent) => (event.key === 'Enter' || event.key === ' ') && pick() : undefined}
            >
              <Statistic title={card.title} value={card.value} valueStyle={card.color ? { color: card.color } : undefined} />
              {card.hint && <Typography.Text type="secondary" className="fb-stat-hint">{card.hint}</Typography.Text>}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

function DueCell({ item }: { item: CaseListItem }) {
  return (
    <Space size={4} wrap className="fb-due">
      <span className="nowrap">{formatDate(item.due_at)}</span>
      <DeadlineTag state={item.deadline_state} />
    </Space>
  );
}

interface Paging {
  current: number;
  pageSize: number;
  total: number;
  pageSizeOptions: string[];
  showSizeChanger: boolean;
  showTotal: (total: number) => ReactNode;
  onChange: (page: number, pageSize: number) => void;
}

/** Cases as a table on wide screens and as cards on a phone. */
function CaseRows({
  items,
  isPhone,
  loading,
  emptyText,
  action,
  pagination,
}: {
  items: CaseListItem[] | undefined;
  isPhone: boolean;
  loading: boolean;
  emptyText: string;
  action?: (item: CaseListItem) => ReactNode;
  pagination?: Paging;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const open = (item: CaseListItem) => navigate(`/feedback/cases/${encodeURIComponent(item.case_no)}`);
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;

  if (isPhone) {
    return (
      <List<CaseListItem>
        className="fb-cards"
        loading={loading}
        dataSource={items}
        locale={{ emptyText: empty }}
        pagination={pagination ? { ...pagination, size: 'small', simple: true, showSizeChanger: false } : false}
        renderItem={(item) => (
          <List.Item key={item.case_no} className="fb-card" data-case={item.case_no} data-deadline={item.deadline_state}>
            <div className="fb-card-body">
              <Space wrap size={[4, 4]}>
                <Link to={`/feedback/cases/${encodeURIComponent(item.case_no)}`}>{item.case_no}</Link>
                <CaseStatusTag status={item.status} />
                <Typography.Text type="secondary">{t(`fb.type.${item.type}`)}</Typography.Text>
              </Space>
              <div className="fb-card-title">{item.title}</div>
              <Typography.Text type="secondary" className="fb-card-line">
                {[item.enterprise_name ?? (item.anonymous ? t('fb.anonymous') : null), item.district?.name, item.category.name]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
              <div className="fb-card-line">
                {t('fb.col.due')}：<DueCell item={item} />
              </div>
              {item.main_unit && (
                <Typography.Text type="secondary" className="fb-card-line">
                  {t('fb.handlingUnit', { unit: item.main_unit.short_name })}
                </Typography.Text>
              )}
              <div className="fb-card-action">
                {action?.(item)}
                <Button size="small" onClick={() => open(item)}>
                  {t('fb.open')}
                </Button>
              </div>
            </div>
          </List.Item>
        )}
      />
    );
  }

  const columns: TableProps<CaseListItem>['columns'] = [
    {
      key: 'case_no',
      title: t('fb.col.caseNo'),
      fixed: 'left',
      width: 180,
      className: 'nowrap',
      render: (_, item) => (
        <Link to={`/feedback/cases/${encodeURIComponent(item.case_no)}`} onClick={(event) => event.stopPropagation()}>
          {item.case_no}
        </Link>
      ),
    },
    {
      key: 'title',
      title: t('fb.col.title'),
      className: 'fb-title-cell',
      render: (_, item) => (
        <>
          <div>{item.title}</div>
          <Typography.Text type="secondary">{item.enterprise_name ?? (item.anonymous ? t('fb.anonymous') : '—')}</Typography.Text>
        </>
      ),
    },
    { key: 'type', title: t('fb.col.type'), className: 'nowrap', render: (_, item) => t(`fb.type.${item.type}`) },
    { key: 'category', title: t('fb.col.category'), render: (_, item) => item.category.path },
    { key: 'district', title: t('fb.col.district'), className: 'nowrap', render: (_, item) => item.district?.name ?? '—' },
    { key: 'status', title: t('fb.col.status'), render: (_, item) => <CaseStatusTag status={item.status} /> },
    { key: 'unit', title: t('fb.col.unit'), className: 'nowrap', render: (_, item) => item.main_unit?.short_name ?? '—' },
    { key: 'received', title: t('fb.col.received'), className: 'nowrap', render: (_, item) => formatDate(item.received_at) },
    { key: 'due', title: t('fb.col.due'), render: (_, item) => <DueCell item={item} /> },
    ...(action
      ? [{ key: 'action', title: '', align: 'right' as const, render: (_: unknown, item: CaseListItem) => action(item) }]
      : []),
  ];
  return (
    <Table<CaseListItem>
      rowKey="case_no"
      size="middle"
      className="fb-table"
      scroll={{ x: 'max-content' }}
      loading={loading}
      columns={columns}
      dataSource={items}
      locale={{ emptyText: empty }}
      rowClassName={(item) => `fb-row fb-row-${item.deadline_state}`}
      onRow={(item) => ({ onClick: () => open(item) })}
      pagination={pagination ?? false}
    />
  );
}

function Filters({ filters, view, update, clear, filtered }: {
  filters: CaseFilters;
  view: CaseView;
  update: (changes: Partial<Record<keyof CaseFilters, string | number | undefined>>, keepPage?: boolean) => void;
  clear: () => void;
  filtered: boolean;
}) {
  const { t } = useI18n();
  const categories = useCategories();
  const options = useFeedbackOptions();
  const [text, setText] = useState(filters.q ?? '');
  // A queue holds only some statuses: the status filter offers those.
  const statuses: readonly CaseStatus[] = view === 'dispatch' ? DISPATCH_STATUSES : view === 'mine' ? UNIT_OPEN_STATUSES : CASE_STATUSES;
  const selectProps = { allowClear: true, className: 'fb-filter', popupMatchSelectWidth: false };
  return (
    <Space wrap className="fb-filters">
      <Select
        {...selectProps}
        aria-label={t('fb.filter.type')}
        placeholder={t('fb.filter.type')}
        value={filters.type}
        onChange={(type) => update({ type })}
        options={CASE_TYPES.map((code) => ({ value: code, label: t(`fb.type.${code}`) }))}
      />
      <TreeSelect
        {...selectProps}
        aria-label={t('fb.filter.category')}
        placeholder={t('fb.filter.category')}
        value={filters.category}
        onChange={(category: string | undefined) => update({ category })}
        treeData={categoryTree(categories.data)}
        loading={categories.isPending}
        showSearch
        treeNodeFilterProp="title"
      />
      <Select
        {...selectProps}
        aria-label={t('fb.filter.district')}
        placeholder={t('fb.filter.district')}
        value={filters.district}
        onChange={(district) => update({ district })}
        options={(options.data?.districts ?? []).map((d) => ({ value: d.code, label: d.name }))}
        loading={options.isPending}
        showSearch
        optionFilterProp="label"
      />
      <Select
        {...selectProps}
        aria-label={t('fb.filter.status')}
        placeholder={t('fb.filter.status')}
        value={filters.status && statuses.includes(filters.status) ? filters.status : undefined}
        onChange={(status) => update({ status })}
        options={statuses.map((code) => ({ value: code, label: t(`fb.status.${code}`) }))}
      />
      <Select
        {...selectProps}
        aria-label={t('fb.filter.deadline')}
        placeholder={t('fb.filter.deadline')}
        value={filters.deadline_state}
        onChange={(deadline_state) => update({ deadline_state })}
        options={DEADLINE_STATES.map((code) => ({ value: code, label: t(`fb.deadline.${code}`) }))}
      />
      <Select
        {...selectProps}
        aria-label={t('fb.filter.channel')}
        placeholder={t('fb.filter.channel')}
        value={filters.channel}
        onChange={(channel) => update({ channel })}
        options={CHANNELS.map((code) => ({ value: code, label: t(`fb.channel.${code}`) }))}
      />
      <Input.Search
        allowClear
        value={text}
        onChange={(event) => setText(event.target.value)}
        onSearch={(value) => update({ q: value.trim() || undefined })}
        placeholder={t('fb.filter.search')}
        aria-label={t('fb.filter.search')}
        className="fb-search"
      />
      {filtered && (
        <Button
          type="link"
          onClick={() => {
            setText('');
            clear();
          }}
        >
          {t('fb.filter.reset')}
        </Button>
      )}
    </Space>
  );
}

/** 企业诉求: counts, the dispatch queue (office), the unit's queue by deadline, and every visible case. */
export function CasesPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const { filters, update, clear, filtered } = useCaseFilters();
  const views = viewsFor(me);
  const view: CaseView = filters.view && views.includes(filters.view) ? filters.view : views[0];
  const readOnly = isReadOnly(me.roles);
  const [assigning, setAssigning] = useState<CaseListItem | null>(null);
  // On a phone the filters fold away behind one button (they stay open while any is set).
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = FILTER_KEYS.filter((key) => filters[key] !== undefined).length;

  const summary = useCaseSummary();
  const dispatch = useQueue(DISPATCH_STATUSES, filters, undefined, view === 'dispatch');
  const mine = useQueue(UNIT_OPEN_STATUSES, filters, me.unit.id, view === 'mine');
  const all = useCaseList(filters, view === 'all');
  const queue = view === 'dispatch' ? dispatch : view === 'mine' ? mine : null;

  const s = summary.data;
  const count = (statuses: readonly CaseStatus[]) => statuses.reduce((sum, status) => sum + (s?.by_status[status] ?? 0), 0);
  const deadlineCard = (state: DeadlineState, color: string): StatCard => ({
    key: state,
    title: t(`fb.stat.${state}`),
    value: s?.by_deadline[state] ?? 0,
    color,
    pressed: filters.deadline_state === state,
    onPick: () => update({ deadline_state: filters.deadline_state === state ? undefined : state }),
  });
  const statusCard = (key: 'assigned' | 'replied', status: CaseStatus, value: number, hint?: string): StatCard => ({
    key,
    title: t(`fb.stat.${key}`),
    value,
    hint,
    pressed: view === 'all' && filters.status === status,
    onPick: () => update({ view: 'all', status: view === 'all' && filters.status === status ? undefined : status }),
  });
  const cards: StatCard[] = [
    {
      key: 'dispatch',
      title: t('fb.stat.dispatch'),
      value: count(DISPATCH_STATUSES),
      pressed: view === 'dispatch',
      onPick: views.includes('dispatch') ? () => update({ view: 'dispatch', status: undefined }) : undefined,
    },
    statusCard(
      'assigned',
      'assigned',
      count(['assigned']),
      s?.accept_overdue ? t('fb.stat.acceptOverdue', { count: s.accept_overdue }) : undefined,
    ),
    { key: 'handling', title: t('fb.stat.handling'), value: count(['accepted', 'in_progress']) },
    deadlineCard('approaching', '#d48806'),
    deadlineCard('overdue', '#cf1322'),
    statusCard('replied', 'replied', count(['replied'])),
  ];

  const assignAction = (item: CaseListItem) =>
    isDispatcher(me) && !readOnly ? (
      <Button
        type="primary"
        size="small"
        icon={<SendOutlined />}
        onClick={(event) => {
          event.stopPropagation();
          setAssigning(item);
        }}
      >
        {t('fb.action.assign')}
      </Button>
    ) : null;

  return (
    <Space direction="vertical" size="middle" className="full-width feedback-page">
      <div className="page-header">
        <div>
          <Typography.Title level={4} className="page-title">
            {t('fb.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('fb.subtitle')}</Typography.Text>
        </div>
        {entersCases(me) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/feedback/new')}>
            {t('fb.enter')}
          </Button>
        )}
      </div>

      <LoadError error={summary.error} />
      <SummaryCards cards={cards} />

      {views.length > 1 && (
        <Segmented<CaseView>
          className="fb-views"
          value={view}
          onChange={(next) => update({ view: next, status: undefined })}
          options={views.map((key) => ({ value: key, label: t(`fb.view.${key}`) }))}
          block={isPhone}
        />
      )}
      <Typography.Text type="secondary" className="fb-view-hint">
        {t(`fb.viewHint.${view}`)}
      </Typography.Text>

      {isPhone && (
        <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen(!filtersOpen)} aria-expanded={filtersOpen || filtered} className="fb-filter-toggle">
          {filtered ? t('fb.filter.toggleActive', { count: activeFilters }) : t('fb.filter.toggle')}
        </Button>
      )}
      {(!isPhone || filtersOpen || filtered) && (
        <Filters key={view} filters={filters} view={view} update={update} clear={clear} filtered={filtered} />
      )}

      {queue ? (
        <>
          {queue.data?.notices.map((notice) => <Alert key={notice} type="warning" showIcon message={notice} />)}
          <LoadError error={queue.error} />
          {queue.data?.truncated && <Alert type="info" showIcon message={t('fb.truncated', { limit: QUEUE_LIMIT })} />}
          {queue.data && (
            <Typography.Text type="secondary" className="fb-total">
              {t('fb.queueTotal', { total: queue.data.total })}
            </Typography.Text>
          )}
          <CaseRows
            items={queue.data?.items}
            isPhone={isPhone}
            loading={queue.isFetching}
            emptyText={filtered ? t('fb.emptyFiltered') : t(`fb.empty.${view}`)}
            action={view === 'dispatch' ? assignAction : undefined}
          />
        </>
      ) : (
        <>
          {all.data?.notices.map((notice) => <Alert key={notice} type="warning" showIcon message={notice} />)}
          <LoadError error={all.error} />
          <CaseRows
            items={all.data?.items}
            isPhone={isPhone}
            loading={all.isFetching}
            emptyText={filtered ? t('fb.emptyFiltered') : t('fb.empty.all')}
            pagination={{
              current: filters.page,
              pageSize: filters.page_size,
              total: all.data?.total ?? 0,
              pageSizeOptions: PAGE_SIZES,
              showSizeChanger: !isPhone,
              showTotal: (total) => t('fb.total', { total }),
              onChange: (page, pageSize) =>
                update({ page: page > 1 ? page : undefined, page_size: pageSize === 20 ? undefined : pageSize }, true),
            }}
          />
        </>
      )}
      {assigning && (
        <AssignModal me={me} caseNo={assigning.case_no} category={assigning.category} current={null} onClose={() => setAssigning(null)} />
      )}
    </Space>
  );
}
