import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Grid, InputNumber, Segmented, Space, Table, Tooltip, Typography, type TableProps } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { feedbackApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import type { Me } from '../../../api/types';
import type { components } from '../../../api/schema/feedback';
import { LoadError } from '../../../components/ProblemAlert';
import { FEEDBACK_KEY } from '../../../feedback/hooks';
import { useI18n } from '../../../i18n/I18nProvider';
import { isReadOnly } from '../../../nav/menu';
import { DATE, formatTime, useAsOf } from '../../../tasks/hooks';
import { FormModal } from '../clusters/FormModal';
import { editsLeagueConfig } from './permissions';
import { currentQuarter, percent, periodLabel, PeriodSelect, usePeriodParam } from './period';
import '../clusters/clusters.css';

type LeagueItem = components['schemas']['LeagueItem'];
type LeagueConfig = components['schemas']['LeagueConfig'];
type LeagueConfigIn = components['schemas']['LeagueConfigIn'];
type Rate = components['schemas']['Rate'];
type Kind = 'unit' | 'district';

export const LEAGUE_KEY = [FEEDBACK_KEY, 'league'] as const;
const MEASURES = ['response', 'on_time_closure', 'one_time_resolution', 'satisfaction'] as const;

/** The end of the chosen business day in Shanghai, as the API's `as_of` instant. */
export const asOfInstant = (asOf: string | undefined) => (asOf ? `${asOf}T23:59:59+08:00` : undefined);

export function RateCell({ rate }: { rate: Rate }) {
  return (
    <span className="fb2-rate" data-value={rate.value ?? ''}>
      {percent(rate.value)}
      <Typography.Text type="secondary" className="fb2-rate-parts">
        {rate.numerator}/{rate.denominator}
      </Typography.Text>
    </span>
  );
}

export function Rank({ rank }: { rank: number | null | undefined }) {
  if (!rank) return <>—</>;
  return <span className={`fb2-rank${rank <= 3 ? ` fb2-rank-${rank}` : ''}`}>{rank}</span>;
}

function ConfigModal({ config, onClose }: { config: LeagueConfig; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<LeagueConfigIn>();
  const weight = (key: (typeof MEASURES)[number]) => (
    <Form.Item
      key={key}
      name={['weights', key]}
      label={t(`fb2.league.measure.${key}`)}
      rules={[{ required: true, type: 'number', min: 0, max: 100, message: t('fb2.league.weightRange') }]}
    >
      <InputNumber min={0} max={100} precision={2} aria-label={t(`fb2.league.measure.${key}`)} />
    </Form.Item>
  );
  return (
    <FormModal<LeagueConfigIn>
      title={t('fb2.league.config')}
      okText={t('fb2.save')}
      form={form}
      initialValues={{
        weights: config.weights,
        reopen_deduction: config.reopen_deduction,
        reopen_deduction_cap: config.reopen_deduction_cap,
        min_cases: config.min_cases,
      }}
      confirm={() => t('fb2.league.configConfirm')}
      onClose={onClose}
      onSubmit={async (values) => {
        const sum = MEASURES.reduce((total, key) => total + (values.weights[key] ?? 0), 0);
        if (sum <= 0) throw new Error(t('fb2.league.weightsZero'));
        unwrap(await feedbackApi.PUT('/api/feedback/v1/league-table/config', { body: values }));
        void queryClient.invalidateQueries({ queryKey: LEAGUE_KEY });
        void message.success(t('fb2.league.configSaved'));
      }}
    >
      <Typography.Paragraph type="secondary">{t('fb2.league.configHint')}</Typography.Paragraph>
      <Space wrap size={[16, 0]}>{MEASURES.map(weight)}</Space>
      <Space wrap size={[16, 0]}>
        <Form.Item
          name="reopen_deduction"
          label={t('fb2.league.reopenDeduction')}
          rules={[{ required: true, type: 'number', min: 0, max: 20, message: t('fb2.league.deductionRange') }]}
        >
          <InputNumber min={0} max={20} precision={2} aria-label={t('fb2.league.reopenDeduction')} />
        </Form.Item>
        <Form.Item
          name="reopen_deduction_cap"
          label={t('fb2.league.reopenCap')}
          rules={[{ required: true, type: 'number', min: 0, max: 100, message: t('fb2.league.capRange') }]}
        >
          <InputNumber min={0} max={100} precision={2} aria-label={t('fb2.league.reopenCap')} />
        </Form.Item>
        <Form.Item
          name="min_cases"
          label={t('fb2.league.minCases')}
          rules={[{ required: true, type: 'integer', min: 1, max: 1000, message: t('fb2.league.minCasesRange') }]}
        >
          <InputNumber min={1} max={1000} precision={0} aria-label={t('fb2.league.minCases')} />
        </Form.Item>
      </Space>
    </FormModal>
  );
}

/** 晾晒: handling units or districts ranked on response, on-time closure, one-time resolution and satisfaction. */
export function LeaguePage({ me }: { me: Me }) {
  const { t } = useI18n();
  const isPhone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const [period, setPeriod] = usePeriodParam(currentQuarter());
  const [asOf, setAsOf] = useAsOf();
  const kind: Kind = params.get('kind') === 'district' ? 'district' : 'unit';
  const [editing, setEditing] = useState(false);
  const shown = period ?? currentQuarter();
  const table = useQuery({
    queryKey: [...LEAGUE_KEY, shown, kind, asOf ?? null],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await feedbackApi.GET('/api/feedback/v1/league-table', {
          params: { query: { period: shown, kind, as_of: asOfInstant(asOf) } },
        }),
      ),
  });
  const data = table.data;
  const ranked = data?.items.filter((item) => item.ranked) ?? [];
  const unranked = data?.items.filter((item) => !item.ranked) ?? [];
  const canEdit = editsLeagueConfig(me) && !isReadOnly(me.roles);
  const setKind = (next: Kind) =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        if (next === 'district') copy.set('kind', 'district');
        else copy.delete('kind');
        return copy;
      },
      { replace: true },
    );

  const columns = (withNote: boolean): TableProps<LeagueItem>['columns'] => [
    ...(withNote ? [] : [{ key: 'rank', title: t('fb2.league.col.rank'), fixed: 'left' as const, align: 'center' as const, render: (_: unknown, item: LeagueItem) => <Rank rank={item.rank} /> }]),
    {
      key: 'name',
      title: t(kind === 'unit' ? 'fb2.league.col.unit' : 'fb2.league.col.district'),
      fixed: 'left',
      className: 'nowrap',
      render: (_, item) => item.name,
    },
    { key: 'volume', title: t('fb2.league.col.volume'), align: 'right', render: (_, item) => item.volume },
    ...MEASURES.map((key) => ({
      key,
      title: (
        <Tooltip title={t(`fb2.league.measureHint.${key}`)}>
          {t(`fb2.league.measure.${key}`)}
        </Tooltip>
      ),
      align: 'right' as const,
      render: (_: unknown, item: LeagueItem) => <RateCell rate={item[key]} />,
    })),
    { key: 'reopens', title: t('fb2.league.col.reopens'), align: 'right', render: (_, item) => item.reopen_count },
    { key: 'score', title: t('fb2.league.col.score'), align: 'right', render: (_, item) => item.score?.toFixed(2) ?? '—' },
    { key: 'deduction', title: t('fb2.league.col.deduction'), align: 'right', render: (_, item) => (item.deduction ? `−${item.deduction.toFixed(2)}` : '0') },
    {
      key: 'composite',
      title: t('fb2.league.col.composite'),
      align: 'right',
      render: (_, item) => <span className="fb2-composite">{item.composite?.toFixed(2) ?? '—'}</span>,
    },
    ...(withNote ? [{ key: 'note', title: t('fb2.league.col.note'), render: (_: unknown, item: LeagueItem) => item.note ?? '—' }] : []),
  ];

  const config = data?.config;
  return (
    <Space direction="vertical" size="middle" className="full-width fb2-page fb2-league">
      <div className="page-header">
        <div>
          <Typography.Title level={4} className="page-title">
            {t('fb2.league.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('fb2.league.subtitle')}</Typography.Text>
        </div>
        {canEdit && config && (
          <Button icon={<SettingOutlined />} onClick={() => setEditing(true)}>
            {t('fb2.league.config')}
          </Button>
        )}
      </div>
      <Space wrap className="fb2-filters">
        <PeriodSelect value={shown} onChange={(value) => setPeriod(value ?? currentQuarter())} />
        <Segmented<Kind>
          value={kind}
          onChange={setKind}
          options={[
            { value: 'unit', label: t('fb2.league.kind.unit') },
            { value: 'district', label: t('fb2.league.kind.district') },
          ]}
        />
        <DatePicker
          allowClear
          format={DATE}
          placeholder={t('fb2.league.asOf')}
          aria-label={t('fb2.league.asOf')}
          value={asOf ? dayjs(asOf) : null}
          onChange={(value) => setAsOf(value)}
          disabledDate={(day) => day.isAfter(dayjs(), 'day')}
        />
      </Space>
      {config && (
        <Typography.Text type="secondary" className="fb2-weights" data-testid="league-weights">
          <span>{t('fb2.league.formula')}</span>
          {MEASURES.map((key) => (
            <span key={key}>{t('fb2.league.weightItem', { measure: t(`fb2.league.measure.${key}`), weight: config.weights[key] })}</span>
          ))}
          <span>{t('fb2.league.deductionRule', { each: config.reopen_deduction, cap: config.reopen_deduction_cap })}</span>
          {config.updated_at && config.updated_by && <span>{t('fb2.league.updated', { by: config.updated_by ?? '', time: formatTime(config.updated_at) })}</span>}
        </Typography.Text>
      )}
      <LoadError error={table.error} />
      {data && (
        <Typography.Text type="secondary">
          {t('fb2.league.asOfLine', { period: periodLabel(data.period, t), time: formatTime(data.as_of), min: data.min_cases })}
        </Typography.Text>
      )}
      <Card size="small" title={t('fb2.league.ranked', { count: ranked.length })}>
        <Table<LeagueItem>
          rowKey={(item) => item.code ?? item.name}
          size={isPhone ? 'small' : 'middle'}
          className="fb2-table fb2-league-ranked"
          scroll={{ x: 'max-content' }}
          loading={table.isFetching}
          columns={columns(false)}
          dataSource={ranked}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fb2.league.empty')} /> }}
        />
      </Card>
      {data && unranked.length > 0 && (
        <Card size="small" title={t('fb2.league.unranked', { count: unranked.length })}>
          <Alert type="info" showIcon message={t('fb2.league.unrankedHint', { min: data.min_cases })} className="fb2-unranked-hint" />
          <Table<LeagueItem>
            rowKey={(item) => item.code ?? item.name}
            size="small"
            className="fb2-table fb2-league-unranked"
            scroll={{ x: 'max-content' }}
            columns={columns(true)}
            dataSource={unranked}
            pagination={false}
          />
        </Card>
      )}
      {editing && config && <ConfigModal config={config} onClose={() => setEditing(false)} />}
    </Space>
  );
}
