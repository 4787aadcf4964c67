import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Grid, List, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { Me } from '../../../api/types';
import { LoadError, ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatDate, formatTime } from '../../../tasks/hooks';
import { metric, MODELS_PAGE_SIZE, share, useDispatchModels, useRetrain, type Acceptance, type DispatchModel, type DispatchModelList } from './hooks';
import { retrainsDispatch } from './permissions';
import './quality.css';

type T = ReturnType<typeof useI18n>['t'];

const STATUS_COLORS: Record<DispatchModel['status'], string> = { ready: 'green', rules: 'gold', failed: 'red' };

/** Accepted of decisions; `inline` in a sentence, else the counts under the share (a table cell). */
function AcceptanceText({ value, inline }: { value: Acceptance; inline?: boolean }) {
  const { t } = useI18n();
  if (!value.decisions) return <Typography.Text type="secondary">{t('dq.acceptance.none')}</Typography.Text>;
  return (
    <span className={inline ? 'dq-rate-inline' : 'dq-rate'} data-rate={value.rate ?? ''}>
      {share(value.rate)}
      <Typography.Text type="secondary" className="dq-parts">
        {t('dq.acceptance.parts', { accepted: value.accepted, decisions: value.decisions })}
      </Typography.Text>
    </span>
  );
}

/** top-1 / top-3 with the majority-class baseline beside it, or a dash for a version that was not evaluated. */
function TopK({ version, of }: { version: DispatchModel; of: 'category' | 'unit' }) {
  const { t } = useI18n();
  const top1 = metric(version, `${of}_top1`);
  if (top1 === null) return <>—</>;
  const baseline = metric(version, `baseline_${of}_top1`);
  return (
    <span className="dq-rate" data-metric={of}>
      <span className="nowrap">
        {share(top1)} / {share(metric(version, `${of}_top3`))}
      </span>
      {baseline !== null && (
        <Typography.Text type="secondary" className="dq-parts">
          {t('dq.baseline', { value: share(baseline) })}
        </Typography.Text>
      )}
    </span>
  );
}

function ReturnAvoided({ version }: { version: DispatchModel }) {
  const { t } = useI18n();
  const returned = metric(version, 'returned_cases');
  if (returned === null) return <>—</>;
  if (!returned) return <Typography.Text type="secondary">{t('dq.noReturned')}</Typography.Text>;
  return (
    <span className="dq-rate" data-metric="return">
      {share(metric(version, 'return_avoided_rate'))}
      <Typography.Text type="secondary" className="dq-parts">
        {t('dq.returnedCases', { count: returned })}
      </Typography.Text>
    </span>
  );
}

function Samples({ version }: { version: DispatchModel }) {
  const { t } = useI18n();
  const train = metric(version, 'train_cases');
  const test = metric(version, 'test_cases');
  return (
    <span className="dq-rate">
      <span className="nowrap">{t('dq.cases', { count: version.case_count })}</span>
      {train !== null && test !== null && (
        <Typography.Text type="secondary" className="dq-parts">
          {t('dq.split', { train, test })}
        </Typography.Text>
      )}
    </span>
  );
}

function StatusCell({ version }: { version: DispatchModel }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size={2} className="dq-status">
      <Tag color={STATUS_COLORS[version.status]}>{t(`dq.status.${version.status}`)}</Tag>
      {version.note && <Typography.Text type="secondary" className="fb2-break">{version.note}</Typography.Text>}
    </Space>
  );
}

/** The facts of a version: table columns on a desk, description rows on a phone. */
function versionFacts(t: T): { key: string; title: string; render: (v: DispatchModel) => ReactNode }[] {
  return [
    { key: 'status', title: t('dq.col.status'), render: (v) => <StatusCell version={v} /> },
    { key: 'trigger', title: t('dq.col.trigger'), render: (v) => t(`dq.trigger.${v.trigger}`) },
    { key: 'trained', title: t('dq.col.trained'), render: (v) => <span className="nowrap">{`${formatTime(v.trained_at)} · ${v.trained_by}`}</span> },
    {
      key: 'window',
      title: t('dq.col.window'),
      render: (v) => (v.window_from ? <span className="nowrap">{`${formatDate(v.window_from)} ~ ${formatDate(v.window_to)}`}</span> : '—'),
    },
    { key: 'cases', title: t('dq.col.cases'), render: (v) => <Samples version={v} /> },
    { key: 'category', title: t('dq.col.category'), render: (v) => <TopK version={v} of="category" /> },
    { key: 'unit', title: t('dq.col.unit'), render: (v) => <TopK version={v} of="unit" /> },
    { key: 'return', title: t('dq.col.returnAvoided'), render: (v) => <ReturnAvoided version={v} /> },
    { key: 'acceptance', title: t('dq.col.acceptance'), render: (v) => <AcceptanceText value={v.acceptance} /> },
  ];
}

function VersionName({ version }: { version: DispatchModel }) {
  const { t } = useI18n();
  return (
    <Space size={4} className="nowrap">
      <span>{t('dq.version', { version: version.version })}</span>
      {version.current && <Tag color="blue">{t('dq.current')}</Tag>}
    </Space>
  );
}

/** 当前建议方式: the model version in use, or the keyword rules and why. */
function CurrentMode({ data, page }: { data: DispatchModelList; page: number }) {
  const { t } = useI18n();
  const current = data.items.find((v) => v.current);
  // The newest version is the first row of page 1: its note says why there is no model (too few cases, a failure).
  const newest = page === 1 ? data.items[0] : undefined;
  const rulesAcceptance = (
    <div>
      {t('dq.rulesAcceptance')}：<AcceptanceText value={data.rules_acceptance} inline />
    </div>
  );
  if (data.mode === 'model') {
    return (
      <Alert
        type="success"
        showIcon
        className="dq-mode"
        data-mode="model"
        message={current ? t('dq.mode.model', { version: current.version }) : t('dq.mode.modelUnknown')}
        description={
          <>
            {current && <div>{t('dq.mode.modelDetail', { time: formatTime(current.trained_at), count: current.case_count })}</div>}
            {rulesAcceptance}
          </>
        }
      />
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      className="dq-mode"
      data-mode="rules"
      message={t('dq.mode.rules')}
      description={
        <>
          <div>{t('dq.mode.rulesHow')}</div>
          {newest?.status !== 'ready' && newest?.note ? <div className="dq-note">{newest.note}</div> : !data.total && <div>{t('dq.mode.neverTrained')}</div>}
          {rulesAcceptance}
        </>
      }
    />
  );
}

function HowMeasured() {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('dq.how.title')} className="dq-how">
      <ul className="dq-how-list">
        <li>{t('dq.how.split')}</li>
        <li>{t('dq.how.topk')}</li>
        <li>{t('dq.how.baseline')}</li>
        <li>{t('dq.how.returnAvoided')}</li>
        <li>{t('dq.how.acceptance')}</li>
        <li>{t('dq.how.confidence')}</li>
        <li>{t('dq.how.schedule')}</li>
      </ul>
    </Card>
  );
}

/** 分派质量: how well the dispatch suggestions did, measured honestly on newer cases, per model version. */
export function DispatchQualityPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const isPhone = Grid.useBreakpoint().md === false;
  const [page, setPage] = useState(1);
  const list = useDispatchModels(page);
  const [trained, setTrained] = useState<DispatchModel | null>(null);
  const retrain = useRetrain((version) => {
    setTrained(version);
    setPage(1);
    void message.success(t('dq.retrain.done', { version: version.version, status: t(`dq.status.${version.status}`) }));
  });
  const facts = versionFacts(t);
  const columns: TableProps<DispatchModel>['columns'] = [
    { key: 'version', title: t('dq.col.version'), fixed: 'left', render: (_, v) => <VersionName version={v} /> },
    ...facts.map((fact) => ({
      key: fact.key,
      title: fact.title,
      className: fact.key === 'status' ? 'dq-status-cell' : undefined,
      render: (_: unknown, v: DispatchModel) => fact.render(v),
    })),
  ];
  const pagination = {
    current: page,
    pageSize: MODELS_PAGE_SIZE,
    total: list.data?.total ?? 0,
    showSizeChanger: false,
    hideOnSinglePage: true,
    onChange: setPage,
  };
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dq.empty')} />;

  return (
    <Space direction="vertical" size="middle" className="full-width fb2-page dq-page">
      <div className="page-header">
        <div>
          <Typography.Title level={4} className="page-title">
            {t('dq.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('dq.subtitle')}</Typography.Text>
        </div>
        {retrainsDispatch(me) && (
          <Button type="primary" icon={<ReloadOutlined />} loading={retrain.isPending} onClick={() => retrain.mutate()}>
            {t('dq.retrain.button')}
          </Button>
        )}
      </div>
      {retrain.isPending && <Typography.Text type="secondary">{t('dq.retrain.running')}</Typography.Text>}
      {retrain.error && <ProblemAlert error={retrain.error} title={t('dq.retrain.failed')} />}
      {trained && (
        <Alert
          type={trained.status === 'failed' ? 'error' : 'info'}
          showIcon
          closable
          onClose={() => setTrained(null)}
          className="dq-trained"
          message={t('dq.retrain.done', { version: trained.version, status: t(`dq.status.${trained.status}`) })}
          // A rules version's note is in the mode box below; a failure's reason only here.
          description={trained.status === 'failed' ? (trained.note ?? undefined) : undefined}
        />
      )}

      <LoadError error={list.error} />
      {list.data && <CurrentMode data={list.data} page={page} />}
      <HowMeasured />

      <Card size="small" title={t('dq.versions', { total: list.data?.total ?? 0 })} className="dq-versions">
        {isPhone ? (
          <List<DispatchModel>
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{ emptyText: empty }}
            pagination={list.data && list.data.total > MODELS_PAGE_SIZE ? { ...pagination, size: 'small', simple: true } : false}
            renderItem={(v) => (
              <List.Item key={v.version} className="dq-card" data-version={v.version}>
                <Space direction="vertical" size={4} className="full-width">
                  <VersionName version={v} />
                  <Descriptions
                    size="small"
                    column={1}
                    items={facts.map((fact) => ({ key: fact.key, label: fact.title, children: fact.render(v) }))}
                  />
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Table<DispatchModel>
            rowKey="version"
            size="small"
            className="fb2-table dq-table"
            scroll={{ x: 'max-content' }}
            loading={list.isFetching}
            columns={columns}
            dataSource={list.data?.items}
            locale={{ emptyText: empty }}
            rowClassName={(v) => (v.current ? 'dq-row-current' : '')}
            pagination={pagination}
          />
        )}
      </Card>
    </Space>
  );
}
