import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Form,
  InputNumber,
  Result,
  Space,
  Statistic,
  Steps,
  Switch,
  Table,
  Tag,
  Typography,
  Upload,
  type TableProps,
  type UploadFile,
} from 'antd';
import { ArrowLeftOutlined, InboxOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { tasksApi } from '../../api/http';
import { unwrap } from '../../api/problem';
import type { ImportCommitResult, ImportPreview, PreviewRow, RowError } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { Deadline } from '../../tasks/tags';

const ACTION_COLORS: Record<PreviewRow['action'], string> = {
  create: 'green',
  update: 'blue',
  unchanged: 'default',
  invalid: 'red',
};

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One error as a sentence: 第 N 行 · 列：message (the file-level ones have no row). */
function useErrorText() {
  const { t } = useI18n();
  return (error: RowError) => {
    if (error.row !== null && error.column) return t('import.errorAt', { row: error.row, column: error.column, message: error.message });
    if (error.row !== null) return t('import.errorRow', { row: error.row, message: error.message });
    return t('import.errorFile', { message: error.message });
  };
}

function UploadStep({ year, onYear, onPreview }: { year: number; onYear: (y: number) => void; onPreview: (p: ImportPreview) => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<UploadFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const upload = useMutation({
    mutationFn: async (chosen: File) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/imports', {
          // The generated type models the file part as a string; the real body is multipart.
          body: { file: chosen as unknown as string, year },
          bodySerializer: (body) => {
            const form = new FormData();
            form.append('file', body.file as unknown as File);
            form.append('year', String(body.year));
            return form;
          },
        }),
      ),
    onSuccess: onPreview,
  });

  return (
    <Card>
      <Form layout="vertical" className="import-form">
        <Form.Item label={t('import.year')} required>
          <InputNumber min={2000} max={2100} precision={0} value={year} onChange={(value) => value && onYear(value)} aria-label={t('import.year')} />
        </Form.Item>
        <Form.Item label={t('import.file')} required validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined}>
          <Upload.Dragger
            accept=".xlsx"
            maxCount={1}
            fileList={file ? [file] : []}
            beforeUpload={(chosen) => {
              const ok = chosen.name.toLowerCase().endsWith('.xlsx') || chosen.type === XLSX_TYPE;
              setFileError(ok ? null : t('import.onlyXlsx'));
              if (ok) setFile({ uid: chosen.uid, name: chosen.name, originFileObj: chosen, status: 'done' } as UploadFile);
              return false; // uploaded with the year when the button is pressed
            }}
            onRemove={() => setFile(null)}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.drop')}</p>
            <p className="ant-upload-hint">{t('import.dropHint')}</p>
          </Upload.Dragger>
        </Form.Item>
        {upload.error && <ProblemAlert error={upload.error} />}
        <Button
          type="primary"
          loading={upload.isPending}
          onClick={() => {
            const chosen = file?.originFileObj;
            if (!chosen) setFileError(t('import.chooseFile'));
            else upload.mutate(chosen);
          }}
        >
          {t('import.upload')}
        </Button>
      </Form>
    </Card>
  );
}

function PreviewStep({
  preview,
  onCommitted,
  onRestart,
}: {
  preview: ImportPreview;
  onCommitted: (r: ImportCommitResult) => void;
  onRestart: () => void;
}) {
  const { t, label } = useI18n();
  const errorText = useErrorText();
  const [onlyErrors, setOnlyErrors] = useState(preview.errors.length > 0);
  // preview.errors holds the file-level errors and, again, every row's; the rows show their own.
  const rowErrors = new Set(preview.rows.flatMap((row) => row.errors.map((error) => JSON.stringify(error))));
  const fileErrors = preview.errors.filter((error) => !rowErrors.has(JSON.stringify(error)));
  const errorCount = preview.errors.length;
  const blocked = errorCount > 0 || preview.summary.invalid > 0;

  const commit = useMutation({
    mutationFn: async () =>
      unwrap(await tasksApi.POST('/api/tasks/v1/imports/{import_id}/commit', { params: { path: { import_id: preview.id } } })),
    onSuccess: onCommitted,
  });

  const errorsColumn: NonNullable<TableProps<PreviewRow>['columns']>[number] = {
    title: t('import.col.errors'),
    key: 'errors',
    className: 'import-errors-cell',
    render: (_, row) =>
      row.errors.length ? (
        <ul className="import-errors">
          {row.errors.map((error, i) => (
            <li key={i}>
              <Typography.Text type="danger">{errorText(error)}</Typography.Text>
            </li>
          ))}
        </ul>
      ) : null,
  };

  const columns: TableProps<PreviewRow>['columns'] = [
    { title: t('import.col.row'), dataIndex: 'row_number', width: 70 },
    {
      title: t('import.col.action'),
      dataIndex: 'action',
      width: 90,
      render: (action: PreviewRow['action']) => (
        <Tag color={ACTION_COLORS[action]} data-action={action}>
          {label('importAction', action)}
        </Tag>
      ),
    },
    // The errors come first when there are any: they are what the office has to act on.
    ...(preview.summary.invalid > 0 ? [errorsColumn] : []),
    { title: t('import.col.code'), dataIndex: 'code', width: 120, render: (code: string | null) => code ?? '—' },
    { title: t('import.col.title'), dataIndex: 'title', className: 'import-title-cell', render: (title: string | null) => title ?? '—' },
    { title: t('import.col.lead'), key: 'lead', render: (_, row) => row.lead_unit?.short_name ?? '—' },
    {
      title: t('import.col.responsible'),
      key: 'responsible',
      className: 'ledger-units-cell',
      render: (_, row) => row.responsible_units.map((unit) => unit.short_name).join('、') || '—',
    },
    {
      title: t('import.col.deadline'),
      key: 'deadline',
      render: (_, row) => (row.deadline || row.continuous ? <Deadline task={row} /> : '—'),
    },
    {
      title: t('import.col.milestones'),
      key: 'milestones',
      render: (_, row) => t('import.milestoneCount', { count: row.milestones.length }),
    },
  ];

  const rows = onlyErrors ? preview.rows.filter((row) => row.errors.length > 0) : preview.rows;
  const summaryKeys = ['rows', 'valid', 'invalid', 'create', 'update', 'unchanged'] as const;
  return (
    <Space direction="vertical" size="middle" className="full-width">
      <Card size="small">
        <Space wrap size="large" className="import-summary">
          <Typography.Text strong>{preview.filename}</Typography.Text>
          {summaryKeys.map((key) => (
            <Statistic
              key={key}
              title={t(`import.summary.${key}`)}
              value={preview.summary[key]}
              valueStyle={key === 'invalid' && preview.summary.invalid > 0 ? { color: '#cf1322' } : undefined}
            />
          ))}
        </Space>
      </Card>
      {blocked ? (
        <Alert
          type="error"
          showIcon
          message={t('import.hasErrors', { count: errorCount || preview.summary.invalid })}
          description={
            fileErrors.length > 0 && (
              <ul className="import-errors">
                {fileErrors.map((error, i) => (
                  <li key={i}>{errorText(error)}</li>
                ))}
              </ul>
            )
          }
        />
      ) : (
        <Alert type="success" showIcon message={t('import.noErrors', { count: preview.summary.rows })} />
      )}
      {commit.error && <ProblemAlert error={commit.error} />}
      <Space wrap>
        <Button type="primary" disabled={blocked} loading={commit.isPending} onClick={() => commit.mutate()}>
          {t('import.commit')}
        </Button>
        <Button onClick={onRestart}>{t('import.reupload')}</Button>
        {preview.summary.invalid > 0 && (
          <Space>
            <Switch checked={onlyErrors} onChange={setOnlyErrors} aria-label={t('import.onlyErrors')} />
            {t('import.onlyErrors')}
          </Space>
        )}
      </Space>
      <Table<PreviewRow>
        rowKey="row_number"
        size="small"
        className="import-table"
        scroll={{ x: 'max-content' }}
        columns={columns}
        dataSource={rows}
        rowClassName={(row) => (row.errors.length ? 'import-row-error' : '')}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
      />
    </Space>
  );
}

/** 导入任务清单: choose year and file → preview every row and error → commit all or nothing → result. */
export function ImportPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const initialYear = Number(params.get('year')) || dayjs().year();
  const [year, setYear] = useState(initialYear);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportCommitResult | null>(null);
  const step = result ? 2 : preview ? 1 : 0;
  const backToLedger = (target = year) => navigate(`/tasks?year=${target}`);

  return (
    <Space direction="vertical" size="middle" className="full-width">
      <div className="page-header">
        <Space align="center">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => backToLedger()} aria-label={t('common.back')} />
          <Typography.Title level={4} className="page-title">
            {t('import.title')}
          </Typography.Title>
        </Space>
      </div>
      <Steps
        current={step}
        size="small"
        items={[{ title: t('import.stepUpload') }, { title: t('import.stepPreview') }, { title: t('import.stepDone') }]}
      />
      {step === 0 && <UploadStep year={year} onYear={setYear} onPreview={setPreview} />}
      {step === 1 && preview && (
        <PreviewStep
          preview={preview}
          onRestart={() => setPreview(null)}
          onCommitted={(committed) => {
            setResult(committed);
            void queryClient.invalidateQueries({ queryKey: ['tasks'] });
          }}
        />
      )}
      {step === 2 && result && (
        <Result
          status="success"
          title={t('import.doneTitle')}
          subTitle={t('import.doneText', { ...result })}
          extra={[
            <Button key="ledger" type="primary" onClick={() => backToLedger(result.year)}>
              {t('import.backToLedger')}
            </Button>,
            <Button
              key="again"
              onClick={() => {
                setPreview(null);
                setResult(null);
              }}
            >
              {t('import.another')}
            </Button>,
          ]}
        />
      )}
    </Space>
  );
}
