import type { ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { App, Button, DatePicker, Segmented, Space, Tag, Tooltip } from 'antd';
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { errorText } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { downloadBulletin, type DownloadFormat } from './api';
import { parsePeriod, PERIOD_KINDS, periodOf, type Period, type PeriodKind } from './periods';
import type { BulletinKind, BulletinStatus, Honour } from './types';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** 2026年10月 / 2026年第三季度 / 2026年度 (the API's own labels, in the chosen language). */
export function periodLabel(period: Period | string, t: T): string {
  const parsed = typeof period === 'string' ? parsePeriod(period) : period;
  if (!parsed) return typeof period === 'string' ? period : '';
  if (parsed.kind === 'month') return t('bl.period.month', { year: parsed.year, month: parsed.index });
  if (parsed.kind === 'quarter') return t(`bl.period.quarter${parsed.index as 1 | 2 | 3 | 4}`, { year: parsed.year });
  return t('bl.period.year', { year: parsed.year });
}

const PICKER_FORMAT: Record<PeriodKind, string> = { month: 'YYYY-MM', quarter: 'YYYY-[Q]Q', year: 'YYYY' };

/**
 * Month / quarter / year and the period itself. Periods that have not started are disabled: the API refuses a
 * statistics date before the period.
 */
export function PeriodPicker({ value, onChange, className }: { value: Period; onChange: (key: string) => void; className?: string }) {
  const { t } = useI18n();
  return (
    <Space wrap size={8} className={className ?? 'bl-period-picker'}>
      <Segmented<PeriodKind>
        aria-label={t('bl.period.kind')}
        value={value.kind}
        onChange={(kind) => onChange(periodOf(kind, value.start))}
        options={PERIOD_KINDS.map((kind) => ({ value: kind, label: t(`bl.period.kind.${kind}`) }))}
      />
      <DatePicker
        aria-label={t('bl.period.label')}
        picker={value.kind === 'month' ? 'month' : value.kind}
        format={PICKER_FORMAT[value.kind]}
        allowClear={false}
        value={value.start}
        disabledDate={(day) => day.isAfter(dayjs(), 'day')}
        onChange={(day) => day && onChange(periodOf(value.kind, day))}
        className="bl-period-input"
      />
    </Space>
  );
}

export const pickerFormat = (kind: PeriodKind) => PICKER_FORMAT[kind];

export function KindTag({ kind }: { kind: BulletinKind }) {
  const { t } = useI18n();
  return <Tag className="bl-kind">{t(`bl.kind.${kind}`)}</Tag>;
}

export function StatusTag({ status }: { status: BulletinStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={status === 'published' ? 'green' : 'orange'} className="bl-status" data-status={status}>
      {t(`bl.status.${status}`)}
    </Tag>
  );
}

/** 优生 (green) / 差生 (red). */
export function HonourTag({ honour }: { honour: Honour }) {
  const { t } = useI18n();
  return (
    <Tag color={honour === 'best' ? 'green' : 'red'} className="bl-honour" data-honour={honour}>
      {t(`bl.honour.${honour}`)}
    </Tag>
  );
}

/** .docx (the official notice) and .xlsx (its data) downloads, fetched with the bearer token. */
export function DownloadButtons({ id, size, compact = false }: { id: string; size?: 'small' | 'middle'; compact?: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const download = useMutation({
    mutationFn: (format: DownloadFormat) => downloadBulletin(id, format),
    onError: (error) => void message.error(errorText(error, t('bl.download.failed'))),
  });
  const busy = (format: DownloadFormat) => download.isPending && download.variables === format;
  const button = (format: DownloadFormat, icon: ReactNode) => {
    const label = t(`bl.download.${format}`);
    const element = (
      <Button
        size={size}
        icon={icon}
        loading={busy(format)}
        disabled={download.isPending && !busy(format)}
        aria-label={label}
        onClick={() => download.mutate(format)}
      >
        {compact ? t(`bl.download.${format}.short`) : label}
      </Button>
    );
    return compact ? <Tooltip title={label}>{element}</Tooltip> : element;
  };
  return (
    <Space size={4} wrap className="bl-downloads">
      {button('docx', <FileWordOutlined />)}
      {button('xlsx', <FileExcelOutlined />)}
    </Space>
  );
}

/** A rate in percent, or — when there was nothing to count. */
export const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${value}%`);
export const score = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toFixed(2));
