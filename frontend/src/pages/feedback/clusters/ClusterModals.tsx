import { App, DatePicker, Form, Input, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { feedbackApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import { CATEGORIES, ENVIRONMENTS, type Category, type Environment } from '../../../api/types';
import { useI18n } from '../../../i18n/I18nProvider';
import { DATE, filterUnitOption, unitOptions, useUnits } from '../../../tasks/hooks';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { FormModal } from './FormModal';
import { useClusterList, useClusterUpdated } from './hooks';
import type { ClusterRead } from './permissions';

interface Props {
  cluster: ClusterRead;
  onClose: () => void;
}

const path = (cluster: ClusterRead) => ({ path: { code: cluster.code } });

/** 确认类案: suggested → confirmed, optionally with a better title and a note. */
export function ConfirmModal({ cluster, onClose }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const updated = useClusterUpdated();
  return (
    <FormModal<{ title: string; note?: string }>
      title={t('fb2.action.confirm')}
      okText={t('fb2.action.confirm')}
      initialValues={{ title: cluster.title, note: cluster.note ?? undefined }}
      onClose={onClose}
      onSubmit={async (values) => {
        const result = unwrap(
          await feedbackApi.POST('/api/feedback/v1/clusters/{code}/confirm', {
            params: path(cluster),
            body: { title: values.title.trim(), note: values.note?.trim() || null },
          }),
        );
        updated(result);
        void message.success(t('fb2.cluster.confirmed', { code: result.code }));
      }}
    >
      <Typography.Paragraph type="secondary">{t('fb2.cluster.confirmHint', { count: cluster.case_count })}</Typography.Paragraph>
      <TitleNoteFields />
    </FormModal>
  );
}

function TitleNoteFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        name="title"
        label={t('fb2.cluster.field.title')}
        rules={[
          { required: true, whitespace: true, message: t('fb2.cluster.field.titleRequired') },
          { min: 2, max: 200, message: t('fb2.cluster.field.titleRequired') },
        ]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="note" label={t('fb2.cluster.field.note')} rules={[{ max: 2000, message: t('fb2.tooLong', { max: 2000 }) }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </>
  );
}

/** 修改标题和说明. */
export function EditModal({ cluster, onClose }: Props) {
  const { t } = useI18n();
  const updated = useClusterUpdated();
  return (
    <FormModal<{ title: string; note?: string }>
      title={t('fb2.action.edit')}
      okText={t('fb2.save')}
      initialValues={{ title: cluster.title, note: cluster.note ?? undefined }}
      onClose={onClose}
      onSubmit={async (values) =>
        updated(
          unwrap(
            await feedbackApi.PATCH('/api/feedback/v1/clusters/{code}', {
              params: path(cluster),
              body: { title: values.title.trim(), note: values.note?.trim() || null },
            }),
          ),
        )
      }
    >
      <TitleNoteFields />
    </FormModal>
  );
}

/** 驳回: the cases become free again and the same group is never suggested again (asked twice). */
export function DismissModal({ cluster, onClose }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const updated = useClusterUpdated();
  return (
    <FormModal<{ reason: string }>
      title={t('fb2.action.dismiss')}
      okText={t('fb2.action.dismiss')}
      danger
      confirm={() => t('fb2.cluster.dismissConfirm', { code: cluster.code })}
      onClose={onClose}
      onSubmit={async (values) => {
        const result = unwrap(
          await feedbackApi.POST('/api/feedback/v1/clusters/{code}/dismiss', { params: path(cluster), body: { reason: values.reason.trim() } }),
        );
        updated(result);
        void message.success(t('fb2.cluster.dismissed', { code: result.code }));
      }}
    >
      <Typography.Paragraph type="secondary">{t('fb2.cluster.dismissHint')}</Typography.Paragraph>
      <Form.Item
        name="reason"
        label={t('fb2.cluster.field.reason')}
        rules={[
          { required: true, whitespace: true, message: t('fb2.cluster.field.reasonRequired') },
          { min: 2, max: 2000, message: t('fb2.cluster.field.reasonRequired') },
        ]}
      >
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('fb2.cluster.field.reasonPlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}

/** 合并: another active cluster of the same category (without a task) moves into this one. */
export function MergeModal({ cluster, onClose }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const updated = useClusterUpdated();
  const candidates = useClusterList({ category: cluster.category.code, page: 1 }, 100);
  const options = (candidates.data?.items ?? [])
    .filter((c) => c.code !== cluster.code && c.category.code === cluster.category.code)
    .filter((c) => (c.status === 'suggested' || c.status === 'confirmed') && !c.task_code)
    .map((c) => ({ value: c.code, label: `${c.code} · ${c.title}（${t('fb2.cluster.casesCount', { count: c.case_count })}）` }));
  return (
    <FormModal<{ other: string }>
      title={t('fb2.action.merge')}
      okText={t('fb2.action.merge')}
      confirm={(values) => t('fb2.cluster.mergeConfirm', { other: values.other, code: cluster.code })}
      onClose={onClose}
      onSubmit={async (values) => {
        const result = unwrap(
          await feedbackApi.POST('/api/feedback/v1/clusters/{code}/merge', { params: path(cluster), body: { other: values.other } }),
        );
        updated(result);
        void message.success(t('fb2.cluster.merged', { other: values.other, code: result.code }));
      }}
    >
      <Typography.Paragraph type="secondary">{t('fb2.cluster.mergeHint', { category: cluster.category.path })}</Typography.Paragraph>
      <Form.Item name="other" label={t('fb2.cluster.field.other')} rules={[{ required: true, message: t('fb2.cluster.field.otherRequired') }]}>
        <Select
          showSearch
          aria-label={t('fb2.cluster.field.other')}
          optionFilterProp="label"
          options={options}
          loading={candidates.isPending}
          notFoundContent={candidates.isPending ? undefined : t('fb2.cluster.noMergeCandidates')}
        />
      </Form.Item>
      {candidates.error && <ProblemAlert error={candidates.error} />}
    </FormModal>
  );
}

/** 拆分: the chosen cases move to a new cluster of the same status; the API answers with the new cluster. */
export function SplitModal({ cluster, caseNos, onClose, onSplit }: Props & { caseNos: string[]; onSplit: (created: ClusterRead) => void }) {
  const { t } = useI18n();
  const updated = useClusterUpdated();
  return (
    <FormModal<{ title?: string }>
      title={t('fb2.action.split')}
      okText={t('fb2.action.split')}
      confirm={() => t('fb2.cluster.splitConfirm', { count: caseNos.length, code: cluster.code })}
      onClose={onClose}
      onSubmit={async (values) => {
        const created = unwrap(
          await feedbackApi.POST('/api/feedback/v1/clusters/{code}/split', {
            params: path(cluster),
            body: { case_nos: caseNos, title: values.title?.trim() || null },
          }),
        );
        updated(created);
        onSplit(created);
      }}
    >
      <Typography.Paragraph>{t('fb2.cluster.splitHint', { cases: caseNos.join('、') })}</Typography.Paragraph>
      <Form.Item name="title" label={t('fb2.cluster.field.newTitle')} extra={t('fb2.cluster.field.newTitleHint')} rules={[{ min: 2, max: 200, message: t('fb2.cluster.field.titleRequired') }]}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}

interface TaskValues {
  title: string;
  environment: Environment;
  category: Category;
  lead_unit_id: string;
  responsible_unit_ids?: string[];
  deadline: Dayjs;
  year?: number | null;
  goal?: string;
  measures?: string;
}

/** 转为改革任务: creates the task in the ledger (tasks-api) and links it both ways; asked twice. */
export function TaskModal({ cluster, onClose }: Props) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const updated = useClusterUpdated();
  const units = useUnits();
  const options = unitOptions(units.data);
  const caseUnits = cluster.units.map((u) => u.unit.short_name || u.unit.name).join('、');
  return (
    <FormModal<TaskValues>
      title={t('fb2.action.createTask')}
      okText={t('fb2.task.create')}
      width={640}
      initialValues={{ title: t('fb2.task.defaultTitle', { title: cluster.title }), category: 'weakness' }}
      confirm={(values) => t('fb2.task.confirm', { year: values.year ?? values.deadline.year() })}
      onClose={onClose}
      onSubmit={async (values) => {
        const result = unwrap(
          await feedbackApi.POST('/api/feedback/v1/clusters/{code}/task', {
            params: path(cluster),
            body: {
              title: values.title.trim(),
              environment: values.environment,
              category: values.category,
              lead_unit_id: values.lead_unit_id,
              responsible_unit_ids: values.responsible_unit_ids?.length ? values.responsible_unit_ids : null,
              deadline: values.deadline.format(DATE),
              year: values.year ?? null,
              goal: values.goal?.trim() || null,
              measures: values.measures?.trim() || null,
            },
          }),
        );
        updated(result);
        void message.success(t('fb2.task.created', { code: result.task?.code ?? '' }));
      }}
    >
      <Typography.Paragraph type="secondary">{t('fb2.task.hint')}</Typography.Paragraph>
      <Form.Item
        name="title"
        label={t('fb2.task.title')}
        rules={[
          { required: true, whitespace: true, message: t('fb2.task.titleRequired') },
          { min: 2, max: 300, message: t('fb2.task.titleRequired') },
        ]}
      >
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="environment" label={t('fb2.task.environment')} rules={[{ required: true, message: t('fb2.task.environmentRequired') }]}>
        <Select aria-label={t('fb2.task.environment')} options={ENVIRONMENTS.map((e) => ({ value: e, label: label('env', e) }))} />
      </Form.Item>
      <Form.Item name="category" label={t('fb2.task.category')} rules={[{ required: true }]}>
        <Select aria-label={t('fb2.task.category')} options={CATEGORIES.map((c) => ({ value: c, label: label('category', c) }))} />
      </Form.Item>
      <Form.Item name="lead_unit_id" label={t('fb2.task.leadUnit')} rules={[{ required: true, message: t('fb2.task.leadUnitRequired') }]}>
        <Select showSearch aria-label={t('fb2.task.leadUnit')} options={options} filterOption={filterUnitOption} loading={units.isPending} />
      </Form.Item>
      <Form.Item
        name="responsible_unit_ids"
        label={t('fb2.task.responsibleUnits')}
        extra={caseUnits ? t('fb2.task.responsibleDefault', { units: caseUnits }) : undefined}
        rules={[{ type: 'array', max: 50, message: t('fb2.task.responsibleMax') }]}
      >
        <Select mode="multiple" showSearch aria-label={t('fb2.task.responsibleUnits')} options={options} filterOption={filterUnitOption} loading={units.isPending} />
      </Form.Item>
      <Form.Item
        name="deadline"
        label={t('fb2.task.deadline')}
        rules={[
          { required: true, message: t('fb2.task.deadlineRequired') },
          {
            validator: (_, value: Dayjs | undefined) =>
              !value || value.isAfter(dayjs(), 'day') ? Promise.resolve() : Promise.reject(new Error(t('fb2.task.deadlinePast'))),
          },
        ]}
      >
        <DatePicker
          format={DATE}
          aria-label={t('fb2.task.deadline')}
          className="full-width"
          disabledDate={(day) => !day.isAfter(dayjs(), 'day')}
        />
      </Form.Item>
      <Form.Item name="year" label={t('fb2.task.year')} extra={t('fb2.task.yearHint')}>
        <InputNumber min={2000} max={2100} precision={0} aria-label={t('fb2.task.year')} />
      </Form.Item>
      <Form.Item name="goal" label={t('fb2.task.goal')} rules={[{ max: 4000, message: t('fb2.tooLong', { max: 4000 }) }]}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Form.Item
        name="measures"
        label={t('fb2.task.measures')}
        extra={t('fb2.task.measuresHint')}
        rules={[{ max: 8000, message: t('fb2.tooLong', { max: 8000 }) }]}
      >
        <Input.TextArea rows={3} maxLength={8000} />
      </Form.Item>
      {units.error && <ProblemAlert error={units.error} />}
    </FormModal>
  );
}
