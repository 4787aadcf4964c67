import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Popconfirm, Result, Row, Space, Spin, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import {
  ArrowLeftOutlined,
  CheckOutlined,
  DeleteOutlined,
  EditOutlined,
  MergeCellsOutlined,
  PlusOutlined,
  RocketOutlined,
  ScissorOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { feedbackApi } from '../../../api/http';
import { ApiError, unwrap } from '../../../api/problem';
import type { Me } from '../../../api/types';
import type { components } from '../../../api/schema/feedback';
import { LoadError, ProblemAlert } from '../../../components/ProblemAlert';
import { CaseStatusTag } from '../../../feedback/tags';
import { useI18n } from '../../../i18n/I18nProvider';
import { isReadOnly } from '../../../nav/menu';
import { formatDate, formatTime } from '../../../tasks/hooks';
import { BarList } from '../ratings/bars';
import { ConfirmModal, DismissModal, EditModal, MergeModal, SplitModal, TaskModal } from './ClusterModals';
import { useCluster, useClusterUpdated } from './hooks';
import { clusterActions, type ClusterAction, type ClusterRead } from './permissions';
import { ClusterStatusTag } from './tags';
import { TaskPanel } from './TaskPanel';
import './clusters.css';

type ClusterCase = components['schemas']['ClusterCaseRead'];
type Candidate = components['schemas']['Candidate'];
type Open = 'confirm' | 'edit' | 'merge' | 'split' | 'dismiss' | 'create_task';

const MIN_CASES = 2;
const caseLink = (caseNo: string) => <Link to={`/feedback/cases/${encodeURIComponent(caseNo)}`}>{caseNo}</Link>;
const similarity = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toFixed(2));

function Cases({
  cluster,
  actions,
  selected,
  onSelect,
}: {
  cluster: ClusterRead;
  actions: Set<ClusterAction>;
  selected: string[];
  onSelect: (caseNos: string[]) => void;
}) {
  const { t } = useI18n();
  const updated = useClusterUpdated();
  const { message } = App.useApp();
  const remove = useMutation({
    mutationFn: async (caseNo: string) =>
      unwrap(
        await feedbackApi.DELETE('/api/feedback/v1/clusters/{code}/cases/{case_no}', {
          params: { path: { code: cluster.code, case_no: caseNo } },
        }),
      ),
    onSuccess: (result, caseNo) => {
      updated(result);
      void message.success(t('fb2.cluster.removed', { caseNo }));
    },
  });
  const canRemove = actions.has('remove_case') && cluster.cases.length > MIN_CASES;
  const columns: TableProps<ClusterCase>['columns'] = [
    { key: 'case_no', title: t('fb2.case.no'), fixed: 'left', className: 'nowrap', render: (_, c) => caseLink(c.case_no) },
    { key: 'title', title: t('fb2.case.title'), className: 'fb2-title-cell', render: (_, c) => c.title },
    { key: 'status', title: t('fb2.case.status'), render: (_, c) => <CaseStatusTag status={c.status} /> },
    { key: 'enterprise', title: t('fb2.case.enterprise'), render: (_, c) => c.enterprise_name ?? '—' },
    { key: 'district', title: t('fb2.case.district'), className: 'nowrap', render: (_, c) => c.district?.name ?? '—' },
    { key: 'unit', title: t('fb2.case.unit'), className: 'nowrap', render: (_, c) => c.main_unit?.short_name ?? t('fb2.case.notAssigned') },
    { key: 'received', title: t('fb2.case.received'), className: 'nowrap', render: (_, c) => formatDate(c.received_at) },
    {
      key: 'similarity',
      title: <Tooltip title={t('fb2.case.similarityHint')}>{t('fb2.case.similarity')}</Tooltip>,
      align: 'right',
      render: (_, c) => similarity(c.similarity),
    },
    ...(actions.has('remove_case')
      ? [
          {
            key: 'remove',
            title: '',
            render: (_: unknown, c: ClusterCase) =>
              canRemove ? (
                <Popconfirm
                  title={t('fb2.cluster.removeConfirm', { caseNo: c.case_no })}
                  description={t('fb2.cluster.removeHint')}
                  okText={t('fb2.confirmOk')}
                  cancelText={t('fb2.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove.mutateAsync(c.case_no).catch(() => undefined)}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} loading={remove.isPending && remove.variables === c.case_no}>
                    {t('fb2.action.remove')}
                  </Button>
                </Popconfirm>
              ) : (
                <Tooltip title={t('fb2.cluster.minCases')}>
                  <Button size="small" disabled icon={<DeleteOutlined />}>
                    {t('fb2.action.remove')}
                  </Button>
                </Tooltip>
              ),
          },
        ]
      : []),
  ];
  return (
    <>
      {remove.error && <ProblemAlert error={remove.error} title={t('fb2.actionFailed')} />}
      <Table<ClusterCase>
        rowKey="case_no"
        size="small"
        className="fb2-table fb2-cases"
        scroll={{ x: 'max-content' }}
        columns={columns}
        dataSource={cluster.cases}
        pagination={false}
        rowSelection={
          actions.has('split')
            ? { selectedRowKeys: selected, onChange: (keys) => onSelect(keys.map(String)), columnTitle: t('fb2.cluster.pick') }
            : undefined
        }
      />
    </>
  );
}

function Candidates({ cluster, canAdd }: { cluster: ClusterRead; canAdd: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const updated = useClusterUpdated();
  const [picked, setPicked] = useState<string[]>([]);
  const add = useMutation({
    mutationFn: async (caseNos: string[]) =>
      unwrap(
        await feedbackApi.POST('/api/feedback/v1/clusters/{code}/cases', {
          params: { path: { code: cluster.code } },
          body: { case_nos: caseNos },
        }),
      ),
    onSuccess: (result, caseNos) => {
      updated(result);
      setPicked([]);
      void message.success(t('fb2.cluster.added', { count: caseNos.length }));
    },
  });
  if (!cluster.candidates.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fb2.cluster.noCandidates')} />;
  const columns: TableProps<Candidate>['columns'] = [
    { key: 'case_no', title: t('fb2.case.no'), className: 'nowrap', render: (_, c) => caseLink(c.case_no) },
    { key: 'title', title: t('fb2.case.title'), className: 'fb2-title-cell', render: (_, c) => c.title },
    { key: 'received', title: t('fb2.case.received'), className: 'nowrap', render: (_, c) => formatDate(c.received_at) },
    { key: 'similarity', title: t('fb2.case.similarity'), align: 'right', render: (_, c) => similarity(c.similarity) },
  ];
  return (
    <Space direction="vertical" className="full-width">
      <Typography.Text type="secondary">{t('fb2.cluster.candidatesHint')}</Typography.Text>
      <Table<Candidate>
        rowKey="case_no"
        size="small"
        className="fb2-table fb2-candidates"
        scroll={{ x: 'max-content' }}
        columns={columns}
        dataSource={cluster.candidates}
        pagination={false}
        rowSelection={canAdd ? { selectedRowKeys: picked, onChange: (keys) => setPicked(keys.map(String)), columnTitle: t('fb2.cluster.pick') } : undefined}
      />
      {canAdd && (
        <Popconfirm
          title={t('fb2.cluster.addConfirm', { count: picked.length, code: cluster.code })}
          okText={t('fb2.confirmOk')}
          cancelText={t('fb2.cancel')}
          disabled={!picked.length}
          onConfirm={() => add.mutateAsync(picked).catch(() => undefined)}
        >
          <Button icon={<PlusOutlined />} disabled={!picked.length} loading={add.isPending}>
            {t('fb2.cluster.addPicked', { count: picked.length })}
          </Button>
        </Popconfirm>
      )}
      {add.error && <ProblemAlert error={add.error} title={t('fb2.actionFailed')} />}
    </Space>
  );
}

/** One cluster: its cases, where they come from, the trend, candidates, the office's decisions and the reform task. */
export function ClusterDetailPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const query = useCluster(code);
  const [open, setOpen] = useState<Open | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [splitInto, setSplitInto] = useState<ClusterRead | null>(null);

  if (query.error) {
    const status = query.error instanceof ApiError ? (query.error.problem as { status?: number } | undefined)?.status : undefined;
    return status === 404 || status === 403 ? (
      <Result
        status="404"
        title={t('fb2.cluster.notFound')}
        extra={<Button onClick={() => navigate('/feedback/clusters')}>{t('fb2.cluster.backToList')}</Button>}
      />
    ) : (
      <LoadError error={query.error} />
    );
  }
  if (!query.data) return <Spin className="page-spin" />;
  const cluster = query.data;
  const actions = isReadOnly(me.roles) ? new Set<ClusterAction>() : clusterActions(me, cluster);
  const remaining = cluster.cases.length - selected.length;
  const splitOk = selected.length >= MIN_CASES && remaining >= MIN_CASES;
  const button = (key: Open, icon: ReactNode, primary = false, danger = false) => (
    <Button key={key} type={primary ? 'primary' : 'default'} danger={danger} icon={icon} onClick={() => setOpen(key)}>
      {t(key === 'create_task' ? 'fb2.action.createTask' : `fb2.action.${key}`)}
    </Button>
  );

  return (
    <Space direction="vertical" size="middle" className="full-width fb2-page fb2-cluster">
      <div className="page-header">
        <Space align="start" className="fb2-heading">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/feedback/clusters')} aria-label={t('fb2.back')} />
          <div>
            <Typography.Text type="secondary" className="fb2-mono">
              {cluster.code}
            </Typography.Text>
            <Typography.Title level={4} className="page-title fb2-break">
              {cluster.title}
            </Typography.Title>
            <Space wrap size={[4, 4]}>
              <ClusterStatusTag status={cluster.status} />
              <Tag>{t(`fb2.cluster.origin.${cluster.origin}`)}</Tag>
              <Tag>{cluster.category.path}</Tag>
              <Tag>{cluster.period.label}</Tag>
              <Tag color="geekblue">{t('fb2.cluster.casesCount', { count: cluster.case_count })}</Tag>
            </Space>
          </div>
        </Space>
      </div>

      {cluster.status === 'dismissed' && (
        <Alert
          type="info"
          showIcon
          message={t('fb2.cluster.dismissedBy', { by: cluster.dismissed_by ?? '', time: formatTime(cluster.dismissed_at) })}
          description={cluster.dismiss_reason}
        />
      )}
      {cluster.status === 'merged' && cluster.merged_into && (
        <Alert
          type="info"
          showIcon
          message={
            <>
              {t('fb2.cluster.mergedInto')}
              <Link to={`/feedback/clusters/${encodeURIComponent(cluster.merged_into)}`}>{cluster.merged_into}</Link>
            </>
          }
        />
      )}
      {splitInto && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setSplitInto(null)}
          message={
            <>
              {t('fb2.cluster.splitDone', { count: splitInto.case_count })}
              <Link to={`/feedback/clusters/${encodeURIComponent(splitInto.code)}`}>{splitInto.code}</Link>
            </>
          }
        />
      )}

      {actions.size > 0 && (
        <Space wrap className="fb2-actions">
          {actions.has('confirm') && button('confirm', <CheckOutlined />, true)}
          {actions.has('create_task') && button('create_task', <RocketOutlined />, true)}
          {actions.has('edit') && button('edit', <EditOutlined />)}
          {actions.has('merge') && button('merge', <MergeCellsOutlined />)}
          {actions.has('dismiss') && button('dismiss', <StopOutlined />, false, true)}
        </Space>
      )}

      <Card size="small" title={t('fb2.cluster.section.task')} className="fb2-task">
        {cluster.task ? (
          <TaskPanel task={cluster.task} />
        ) : (
          <Typography.Text type="secondary">
            {cluster.status === 'confirmed' ? t('fb2.cluster.noTaskConfirmed') : t('fb2.cluster.noTaskYet')}
          </Typography.Text>
        )}
      </Card>

      <Card size="small" title={t('fb2.cluster.section.overview')}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
          items={[
            { key: 'period', label: t('fb2.cluster.col.period'), children: `${cluster.period.label}（${cluster.period.start} ~ ${cluster.period.end}）` },
            { key: 'category', label: t('fb2.cluster.col.category'), children: cluster.category.path },
            {
              key: 'keywords',
              label: t('fb2.cluster.keywords'),
              children: cluster.keywords.length ? (
                <Space wrap size={[4, 4]}>
                  {cluster.keywords.map((word) => (
                    <Tag key={word}>{word}</Tag>
                  ))}
                </Space>
              ) : (
                '—'
              ),
            },
            {
              key: 'cohesion',
              label: t('fb2.cluster.cohesion'),
              children: t('fb2.cluster.cohesionValue', { cohesion: similarity(cluster.cohesion), threshold: cluster.threshold.toFixed(2) }),
            },
            { key: 'created', label: t('fb2.cluster.created'), children: `${formatTime(cluster.created_at)} · ${cluster.created_by}` },
            ...(cluster.confirmed_at
              ? [{ key: 'confirmed', label: t('fb2.cluster.confirmedAt'), children: `${formatTime(cluster.confirmed_at)} · ${cluster.confirmed_by ?? ''}` }]
              : []),
            ...(cluster.note ? [{ key: 'note', label: t('fb2.cluster.field.note'), span: 'filled' as const, children: <div className="pre-wrap">{cluster.note}</div> }] : []),
          ]}
        />
      </Card>

      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}>
          <Card size="small" title={t('fb2.cluster.section.districts', { count: cluster.districts.length })} className="fb2-spread">
            {cluster.districts.length ? (
              <BarList rows={cluster.districts.map((d) => ({ key: d.code, label: d.name, value: d.count }))} />
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={t('fb2.cluster.section.units', { count: cluster.units.length })} className="fb2-spread">
            {cluster.units.length ? (
              <BarList rows={cluster.units.map((u) => ({ key: u.unit.id, label: u.unit.short_name || u.unit.name, value: u.count }))} />
            ) : (
              <Typography.Text type="secondary">{t('fb2.cluster.noUnits')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={t('fb2.cluster.section.trend')} className="fb2-spread">
            <BarList rows={cluster.trend.map((p) => ({ key: p.month, label: p.month, value: p.count }))} />
          </Card>
        </Col>
      </Row>

      <Card
        size="small"
        title={t('fb2.cluster.section.cases', { count: cluster.cases.length })}
        extra={
          actions.has('split') ? (
            <Tooltip title={splitOk ? undefined : t('fb2.cluster.splitRule')}>
              <Button size="small" icon={<ScissorOutlined />} disabled={!splitOk} onClick={() => setOpen('split')}>
                {t('fb2.cluster.splitPicked', { count: selected.length })}
              </Button>
            </Tooltip>
          ) : undefined
        }
      >
        <Cases cluster={cluster} actions={actions} selected={selected} onSelect={setSelected} />
      </Card>

      {(cluster.status === 'suggested' || cluster.status === 'confirmed') && (
        <Card size="small" title={t('fb2.cluster.section.candidates', { count: cluster.candidates.length })}>
          <Candidates cluster={cluster} canAdd={actions.has('add_cases')} />
        </Card>
      )}

      {open === 'confirm' && <ConfirmModal cluster={cluster} onClose={() => setOpen(null)} />}
      {open === 'edit' && <EditModal cluster={cluster} onClose={() => setOpen(null)} />}
      {open === 'dismiss' && <DismissModal cluster={cluster} onClose={() => setOpen(null)} />}
      {open === 'merge' && <MergeModal cluster={cluster} onClose={() => setOpen(null)} />}
      {open === 'create_task' && <TaskModal cluster={cluster} onClose={() => setOpen(null)} />}
      {open === 'split' && (
        <SplitModal
          cluster={cluster}
          caseNos={selected}
          onClose={() => setOpen(null)}
          onSplit={(created) => {
            setSelected([]);
            setSplitInto(created);
            void query.refetch();
          }}
        />
      )}
    </Space>
  );
}
