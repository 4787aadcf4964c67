import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Grid, List, Segmented, Space, Table, Typography, type TableProps } from 'antd';
import { feedbackApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import type { Me } from '../../../api/types';
import { LoadError } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { isReadOnly } from '../../../nav/menu';
import { formatDate, formatTime } from '../../../tasks/hooks';
import { decidesFromQueue } from './permissions';
import { ConfirmRepeatModal, DismissRepeatModal, FLAG_STATUSES, FlagStatusTag, REPEATS_KEY, type FlagStatus, type RepeatFlag } from './RepeatActions';
import '../clusters/clusters.css';

const PAGE_SIZE = 20;
type View = FlagStatus | 'all';
const VIEWS: readonly View[] = [...FLAG_STATUSES, 'all'];

const caseLink = (caseNo: string) => <Link to={`/feedback/cases/${encodeURIComponent(caseNo)}`}>{caseNo}</Link>;

/** 重复诉求: flags found at intake, waiting ones first; the office confirms or dismisses them from here. */
export function RepeatsPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const isPhone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const view: View = VIEWS.find((v) => v === raw) ?? 'suggested';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [open, setOpen] = useState<{ flag: RepeatFlag; action: 'confirm' | 'dismiss' } | null>(null);
  const decides = decidesFromQueue(me) && !isReadOnly(me.roles);
  const list = useQuery({
    queryKey: [...REPEATS_KEY, view, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await feedbackApi.GET('/api/feedback/v1/repeats', {
          params: { query: { status: view === 'all' ? undefined : view, page, page_size: PAGE_SIZE } },
        }),
      ),
  });
  const go = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total: list.data?.total ?? 0,
    showSizeChanger: false,
    showTotal: (total: number) => t('fb2.repeat.total', { total }),
    onChange: (next: number) => go({ page: next > 1 ? String(next) : undefined }),
  };
  const actions = (flag: RepeatFlag) =>
    decides ? (
      <Space wrap size={4}>
        {flag.status !== 'confirmed' && (
          <Button size="small" type="primary" onClick={() => setOpen({ flag, action: 'confirm' })}>
            {t('fb2.repeat.confirm')}
          </Button>
        )}
        {flag.status !== 'dismissed' && (
          <Button size="small" danger onClick={() => setOpen({ flag, action: 'dismiss' })}>
            {t('fb2.repeat.dismiss')}
          </Button>
        )}
      </Space>
    ) : null;
  const matched = (flag: RepeatFlag) =>
    `${flag.matched_by_label}${flag.similarity !== null && flag.similarity !== undefined ? t('fb2.repeat.similarity', { value: flag.similarity.toFixed(2) }) : ''}`;
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`fb2.repeat.empty.${view}`)} />;

  const columns: TableProps<RepeatFlag>['columns'] = [
    {
      key: 'case',
      title: t('fb2.repeat.col.case'),
      className: 'fb2-title-cell',
      render: (_, flag) => (
        <>
          <div>{caseLink(flag.case_no)}</div>
          <div>{flag.title}</div>
          <Typography.Text type="secondary">
            {[flag.enterprise_name, t('fb2.repeat.receivedOn', { date: formatDate(flag.received_at) })].filter(Boolean).join(' · ')}
          </Typography.Text>
        </>
      ),
    },
    {
      key: 'earlier',
      title: t('fb2.repeat.col.earlier'),
      className: 'fb2-title-cell',
      render: (_, flag) => (
        <>
          <div>{caseLink(flag.repeat_of)}</div>
          <div>{flag.repeat_of_title}</div>
          <Typography.Text type="secondary">{t('fb2.repeat.closedAt', { date: formatDate(flag.repeat_of_closed_at) })}</Typography.Text>
        </>
      ),
    },
    { key: 'matched', title: t('fb2.repeat.col.matched'), render: (_, flag) => matched(flag) },
    { key: 'status', title: t('fb2.repeat.col.status'), render: (_, flag) => <FlagStatusTag status={flag.status} /> },
    {
      key: 'decided',
      title: t('fb2.repeat.col.decided'),
      render: (_, flag) =>
        flag.decided_at ? (
          <>
            <div className="nowrap">{`${formatTime(flag.decided_at)} · ${flag.decided_by ?? ''}`}</div>
            {flag.decision_comment && <Typography.Text type="secondary">{flag.decision_comment}</Typography.Text>}
          </>
        ) : (
          <Typography.Text type="secondary">{t('fb2.repeat.flaggedAt', { time: formatTime(flag.flagged_at) })}</Typography.Text>
        ),
    },
    ...(decides ? [{ key: 'actions', title: '', render: (_: unknown, flag: RepeatFlag) => actions(flag) }] : []),
  ];

  return (
    <Space direction="vertical" size="middle" className="full-width fb2-page fb2-repeats">
      <div className="page-header">
        <div>
          <Typography.Title level={4} className="page-title">
            {t('fb2.repeat.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('fb2.repeat.subtitle')}</Typography.Text>
        </div>
      </div>
      <Segmented<View>
        value={view}
        onChange={(next) => go({ status: next === 'suggested' ? undefined : next, page: undefined })}
        options={VIEWS.map((v) => ({ value: v, label: t(v === 'all' ? 'fb2.repeat.all' : `fb2.repeat.status.${v}`) }))}
        block={isPhone}
        className="fb2-views"
      />
      {!decides && <Typography.Text type="secondary">{t('fb2.repeat.openCaseHint')}</Typography.Text>}
      <LoadError error={list.error} />
      {isPhone ? (
        <List<RepeatFlag>
          className="fb2-cards"
          loading={list.isFetching}
          dataSource={list.data?.items}
          locale={{ emptyText: empty }}
          pagination={{ ...pagination, size: 'small', simple: true }}
          renderItem={(flag) => (
            <List.Item key={flag.case_no} className="fb2-card" data-case={flag.case_no}>
              <div className="fb2-card-body">
                <Space wrap size={[4, 4]}>
                  {caseLink(flag.case_no)}
                  <FlagStatusTag status={flag.status} />
                </Space>
                <div className="fb2-card-title">{flag.title}</div>
                <Typography.Text type="secondary">
                  {t('fb2.repeat.repeatOf')}
                  {caseLink(flag.repeat_of)} {flag.repeat_of_title}
                </Typography.Text>
                <Typography.Text type="secondary">{matched(flag)}</Typography.Text>
                {actions(flag)}
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<RepeatFlag>
          rowKey="case_no"
          size="middle"
          className="fb2-table"
          scroll={{ x: 'max-content' }}
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items}
          locale={{ emptyText: empty }}
          pagination={pagination}
        />
      )}
      {open?.action === 'confirm' && <ConfirmRepeatModal flag={open.flag} onClose={() => setOpen(null)} />}
      {open?.action === 'dismiss' && <DismissRepeatModal flag={open.flag} onClose={() => setOpen(null)} />}
    </Space>
  );
}
