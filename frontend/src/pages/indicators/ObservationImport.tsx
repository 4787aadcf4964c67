import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Result, Space, Statistic, Table, Typography, Upload, type TableProps, type UploadFile } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { indicatorsApi } from '../../api/http';
import { unwrap } from '../../api/problem';
import type { ImportCommitted, ImportRowRead, ObservationImportPreview } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { formatNumber, PERIOD_PATTERN } from '../../indicators/format';
import { useRegions } from '../../indicators/hooks';

const ACCEPTED = /\.(xlsx|csv)$/i;

function UploadStep({ onPreview }: { onPreview: (preview: ObservationImportPreview) => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<UploadFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [period, setPeriod] = useState('');
  const periodInvalid = period.trim() !== '' && !PERIOD_PATTERN.test(period.trim());

  const upload = useMutation({
    mutationFn: async (chosen: File) =>
      unwrap(
        await indicatorsApi.POST('/api/indicators/v1/observations/imports', {
          // The generated type models the file part as a string; the real body is multipart.
          body: { file: chosen as unknown as string, period: period.trim() || null },
          bodySerializer: (body) => {
            const form = new FormData();
            form.append('file', body.file as unknown as File);
            if (body.period) form.append('period', body.period);
            return form;
          },
        }),
      ),
    onSuccess: onPreview,
  });

  return (
    <Form layout="vertical" className="import-form">
      <Typography.Paragraph type="secondary">{t('data.importHint')}</Typography.Paragraph>
      <Form.Item label={t('data.importFile')} required validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined}>
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          fileList={file ? [file] : []}
          beforeUpload={(chosen) => {
            const ok = ACCEPTED.test(chosen.name);
            setFileError(ok ? null : t('data.onlyXlsxCsv'));
            if (ok) setFile({ uid: chosen.uid, name: chosen.name, originFileObj: chosen, status: 'done' } as UploadFile);
            return false; // sent when the button is pressed
          }}
          onRemove={() => setFile(null)}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('data.importDrop')}</p>
          <p className="ant-upload-hint">{t('data.importDropHint')}</p>
        </Upload.Dragger>
      </Form.Item>
      <Form.Item
        label={t('data.importPeriod')}
        validateStatus={periodInvalid ? 'error' : undefined}
        help={periodInvalid ? t('data.periodInvalid') : t('data.importPeriodHelp')}
      >
        <Input aria-label={t('data.importPeriod')} value={period} onChange={(e) => setPeriod(e.target.value)} placeholder="2026-Q3" className="import-period" />
      </Form.Item>
      {upload.error && <ProblemAlert error={upload.error} />}
      <Button
        type="primary"
        loading={upload.isPending}
        disabled={periodInvalid}
        onClick={() => {
          const chosen = file?.originFileObj;
          if (!chosen) setFileError(t('data.chooseFile'));
          else upload.mutate(chosen);
        }}
      >
        {t('data.uploadPreview')}
      </Button>
    </Form>
  );
}

function PreviewStep({
  preview,
  onCommitted,
  onRestart,
}: {
  preview: ObservationImportPreview;
  onCommitted: (result: ImportCommitted) => void;
  onRestart: () => void;
}) {
  const { t, label } = useI18n();
  const queryClient = useQueryClient();
  const regions = useRegions();
  const regionName = new Map((regions.data ?? []).map((region) => [region.code, region.name]));
  const blocked = preview.errors.length > 0 || preview.invalid > 0 || preview.rows.length === 0;
  const commit = useMutation({
    mutationFn: async () =>
      unwrap(
        await indicatorsApi.POST('/api/indicators/v1/observations/imports/{import_id}/commit', {
          params: { path: { import_id: preview.id } },
        }),
      ),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['indicators', 'observations'] });
      onCommitted(result);
    },
  });
  const columns: TableProps<ImportRowRead>['columns'] = [
    { title: t('data.col.row'), dataIndex: 'row_number', key: 'row', width: 64 },
    { title: t('data.col.column'), dataIndex: 'column', key: 'column', render: (value: string | null) => value ?? '—' },
    { title: t('data.indicator'), dataIndex: 'indicator', key: 'indicator', render: (value: string | null) => value ?? '—' },
    { title: t('data.region'), dataIndex: 'region', key: 'region', render: (value: string | null) => (value ? (regionName.get(value) ?? value) : '—') },
    { title: t('data.period'), dataIndex: 'period', key: 'period', render: (value: string | null) => value ?? '—' },
    { title: t('data.value'), dataIndex: 'value', key: 'value', align: 'right', render: (value: number | null) => formatNumber(value) },
    {
      title: t('data.col.errors'),
      key: 'errors',
      className: 'import-errors-cell',
      render: (_, row) =>
        row.errors.length ? (
          <ul className="import-errors">
            {row.errors.map((error, i) => (
              <li key={i}>
                <Typography.Text type="danger">{error}</Typography.Text>
              </li>
            ))}
          </ul>
        ) : (
          <Typography.Text type="success">{t('data.rowOk')}</Typography.Text>
        ),
    },
  ];
  return (
    <Space direction="vertical" size="middle" className="full-width">
      <Space size="large" wrap className="import-summary">
        <Statistic title={t('data.importFileName')} value={preview.filename} />
        <Statistic title={t('data.importLayout')} value={label('layout', preview.layout)} />
        <Statistic title={t('data.validRows')} value={preview.valid} valueStyle={{ color: '#389e0d' }} />
        <Statistic title={t('data.invalidRows')} value={preview.invalid} valueStyle={{ color: preview.invalid ? '#cf1322' : undefined }} />
      </Space>
      {preview.errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          message={t('data.fileErrors')}
          description={
            <ul className="problem-fields">
              {preview.errors.map((error, i) => (
                <li key={i}>{error}</li>
              ))}
            </ul>
          }
        />
      )}
      {blocked ? (
        <Alert type="warning" showIcon message={t('data.importBlocked', { count: preview.invalid })} />
      ) : (
        <Alert type="success" showIcon message={t('data.importReady', { count: preview.valid })} />
      )}
      <Table<ImportRowRead>
        className="import-table"
        size="small"
        rowKey={(row) => `${row.row_number}-${row.column ?? ''}`}
        columns={columns}
        dataSource={preview.rows}
        scroll={{ x: 'max-content' }}
        rowClassName={(row) => (row.errors.length ? 'import-row-error' : '')}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      />
      {commit.error && <ProblemAlert error={commit.error} />}
      <Space wrap>
        <Button onClick={onRestart}>{t('data.reupload')}</Button>
        <Button type="primary" disabled={blocked} loading={commit.isPending} onClick={() => commit.mutate()}>
          {t('data.commitImport', { count: preview.valid })}
        </Button>
      </Space>
    </Space>
  );
}

/** Upload an xlsx/csv (long or wide layout), check the per-row errors in the preview, then commit all or nothing. */
export function ObservationImport() {
  const { t } = useI18n();
  const [preview, setPreview] = useState<ObservationImportPreview | null>(null);
  const [committed, setCommitted] = useState<ImportCommitted | null>(null);
  const restart = () => {
    setPreview(null);
    setCommitted(null);
  };
  return (
    <Card size="small" title={t('data.importTitle')} className="obs-import">
      {committed ? (
        <Result
          status="success"
          title={t('data.importDone', { count: committed.submitted })}
          subTitle={t('data.importDoneHint')}
          extra={<Button onClick={restart}>{t('data.importAnother')}</Button>}
        />
      ) : preview ? (
        <PreviewStep preview={preview} onCommitted={setCommitted} onRestart={restart} />
      ) : (
        <UploadStep onPreview={setPreview} />
      )}
    </Card>
  );
}
