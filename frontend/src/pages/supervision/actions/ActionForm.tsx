import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Drawer, Form, Grid, Input, Radio, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import { ENVIRONMENTS, type Environment, type Me } from '../../../api/types';
import { errorText, ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { DATE, filterUnitOption, unitOptions, useUnits } from '../../../tasks/hooks';
import { isOffice } from '../../../tasks/permissions';
import { TaskCodeSelect } from './TaskCodeSelect';
import { ACTION_CODE, ACTION_KINDS, type ActionCreate, type ActionKind, type ActionPage, type ActionUpdate } from './types';

interface Values {
  code?: string;
  name: string;
  kind: ActionKind;
  goal?: string;
  leading_official: string;
  lead_unit_id: string;
  team_unit_ids?: string[];
  environment?: Environment | null;
  measures?: string[];
  nodes?: { title: string; due_date: Dayjs }[];
  task_codes?: string[];
}

const EDIT_FIELDS = ['name', 'kind', 'goal', 'leading_official', 'lead_unit_id', 'team_unit_ids', 'environment', 'measures'] as const;

const clean = (list: string[] | undefined) => (list ?? []).map((item) => (item ?? '').trim()).filter(Boolean);

function editValues(action: ActionPage): Values {
  return {
    name: action.name,
    kind: action.kind,
    goal: action.goal ?? '',
    leading_official: action.leading_official,
    lead_unit_id: action.lead_unit?.id ?? '',
    team_unit_ids: action.team.map((unit) => unit.id),
    environment: action.environment,
    measures: action.measures.length ? action.measures : [''],
  };
}

/** The fields of the edit form as the API takes them, only those that changed. */
export function changedFields(before: Values, values: Values): ActionUpdate {
  const next: Record<string, unknown> = {
    name: values.name.trim(),
    kind: values.kind,
    goal: values.goal?.trim() || null,
    leading_official: values.leading_official.trim(),
    lead_unit_id: values.lead_unit_id,
    team_unit_ids: (values.team_unit_ids ?? []).filter((id) => id !== values.lead_unit_id),
    environment: values.environment ?? null,
    measures: clean(values.measures),
  };
  const old: Record<string, unknown> = { ...before, goal: before.goal || null, measures: clean(before.measures) };
  const changes: Record<string, unknown> = {};
  for (const key of EDIT_FIELDS) {
    if (JSON.stringify(next[key] ?? null) !== JSON.stringify(old[key] ?? null)) changes[key] = next[key];
  }
  return changes as ActionUpdate;
}

type Mode = { kind: 'create'; year: number } | { kind: 'edit'; action: ActionPage };

/**
 * The form to start a special action (office, special group) or edit its fields, team and measures.
 * A special group works within its own environment, so that field is fixed for it.
 */
export function ActionForm({ me, mode, onClose, onSaved }: { me: Me; mode: Mode; onClose: () => void; onSaved: (code: string) => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const isPhone = Grid.useBreakpoint().md === false;
  const units = useUnits();
  const [form] = Form.useForm<Values>();
  const leadUnit = Form.useWatch('lead_unit_id', form);
  const creating = mode.kind === 'create';
  const year = creating ? mode.year : mode.action.year;
  const ownEnvironment = isOffice(me) ? null : ((me.environment ?? null) as Environment | null);
  const initial: Values = creating
    ? ({ kind: 'city', environment: ownEnvironment, measures: [''], nodes: [], task_codes: [] } as unknown as Values)
    : editValues(mode.action);

  const save = useMutation({
    mutationFn: async (values: Values) => {
      if (mode.kind === 'edit') {
        const changes = changedFields(initial, values);
        if (!Object.keys(changes).length) return mode.action;
        return unwrap(
          await tasksApi.PATCH('/api/tasks/v1/special-actions/{code}', { params: { path: { code: mode.action.code } }, body: changes }),
        );
      }
      const body: ActionCreate = {
        year,
        code: values.code?.trim() || null,
        name: values.name.trim(),
        kind: values.kind,
        goal: values.goal?.trim() || null,
        leading_official: values.leading_official.trim(),
        lead_unit_id: values.lead_unit_id,
        team_unit_ids: (values.team_unit_ids ?? []).filter((id) => id !== values.lead_unit_id),
        environment: values.environment ?? null,
        measures: clean(values.measures),
        nodes: (values.nodes ?? []).map((node) => ({ title: node.title.trim(), due_date: node.due_date.format(DATE) })),
        task_codes: values.task_codes ?? [],
      };
      return unwrap(await tasksApi.POST('/api/tasks/v1/special-actions', { body }));
    },
    onSuccess: (saved) => {
      void message.success(creating ? t('act.created', { code: saved.code }) : t('common.saved'));
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      onSaved(saved.code);
    },
    onError: (error) => void message.error(errorText(error, t('act.saveFailed'))),
  });

  const options = unitOptions(units.data);
  const submit = () => void form.validateFields().then((values) => save.mutate(values)).catch(() => undefined);
  return (
    <Drawer
      open
      title={creating ? t('act.createTitle', { year }) : t('act.editTitle', { code: mode.action.code })}
      onClose={onClose}
      width={isPhone ? '100%' : 640}
      destroyOnHidden
      className="act-form-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={submit}>
            {creating ? t('act.create') : t('act.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} className="act-form" onFinish={() => submit()}>
        {save.error && (
          <div className="act-form-error">
            <ProblemAlert error={save.error} />
          </div>
        )}
        <Form.Item name="name" label={t('act.field.name')} rules={[{ required: true, whitespace: true, message: t('act.nameRequired') }]}>
          <Input maxLength={200} placeholder={t('act.nameHint')} />
        </Form.Item>
        <Form.Item name="kind" label={t('act.field.kind')} rules={[{ required: true, message: t('act.kindRequired') }]}>
          <Radio.Group optionType="button" options={ACTION_KINDS.map((kind) => ({ value: kind, label: t(`act.kind.${kind}`) }))} />
        </Form.Item>
        {creating && (
          <Form.Item
            name="code"
            label={t('act.field.code')}
            extra={t('act.codeHint', { year })}
            rules={[
              {
                validator: async (_, value: string | undefined) => {
                  const code = value?.trim();
                  if (!code) return;
                  if (!ACTION_CODE.test(code)) throw new Error(t('act.codeInvalid'));
                  if (code.split('-')[1] !== String(year)) throw new Error(t('act.codeYear', { year }));
                },
              },
            ]}
          >
            <Input maxLength={12} placeholder={`ZX-${year}-01`} />
          </Form.Item>
        )}
        <Form.Item
          name="leading_official"
          label={t('act.field.leading_official')}
          rules={[{ required: true, whitespace: true, message: t('act.officialRequired') }]}
          extra={t('act.officialHint')}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="lead_unit_id" label={t('act.field.lead_unit_id')} rules={[{ required: true, message: t('act.leadRequired') }]}>
          <Select showSearch options={options} filterOption={filterUnitOption} loading={units.isPending} placeholder={t('act.pickUnit')} />
        </Form.Item>
        <Form.Item name="team_unit_ids" label={t('act.field.team_unit_ids')} extra={t('act.teamHint')}>
          <Select
            mode="multiple"
            showSearch
            options={options.filter((option) => option.value !== leadUnit)}
            filterOption={filterUnitOption}
            loading={units.isPending}
            placeholder={t('act.pickUnits')}
            maxCount={50}
          />
        </Form.Item>
        <Form.Item
          name="environment"
          label={t('act.field.environment')}
          rules={ownEnvironment ? [{ required: true, message: t('act.environmentRequired') }] : []}
          extra={ownEnvironment ? t('act.environmentFixed') : undefined}
        >
          <Select
            allowClear={!ownEnvironment}
            disabled={!!ownEnvironment}
            placeholder={t('act.environmentNone')}
            options={ENVIRONMENTS.map((code) => ({ value: code, label: label('env', code) }))}
          />
        </Form.Item>
        <Form.Item name="goal" label={t('act.field.goal')}>
          <Input.TextArea rows={3} maxLength={4000} showCount />
        </Form.Item>

        <Typography.Text strong>{t('act.field.measures')}</Typography.Text>
        <Form.List name="measures">
          {(fields, { add, remove }) => (
            <div className="act-form-list">
              {fields.map((field, index) => (
                <div key={field.key} className="act-form-row">
                  <span className="act-form-index">{index + 1}.</span>
                  <Form.Item name={field.name} className="act-form-grow" rules={[{ max: 2000, message: t('act.measureTooLong') }]}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} aria-label={t('act.measureN', { n: index + 1 })} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('act.removeMeasure')} />
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} disabled={fields.length >= 50} block>
                {t('act.addMeasure')}
              </Button>
            </div>
          )}
        </Form.List>

        {creating && (
          <>
            <Typography.Text strong>{t('act.field.nodes')}</Typography.Text>
            <Form.List name="nodes">
              {(fields, { add, remove }) => (
                <div className="act-form-list">
                  {fields.map((field, index) => (
                    <div key={field.key} className="act-form-row act-form-node">
                      <span className="act-form-index">{index + 1}.</span>
                      <Form.Item
                        name={[field.name, 'title']}
                        className="act-form-grow"
                        rules={[{ required: true, whitespace: true, message: t('act.nodeTitleRequired') }]}
                      >
                        <Input maxLength={300} placeholder={t('act.nodeTitle')} aria-label={t('act.nodeTitleN', { n: index + 1 })} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'due_date']} rules={[{ required: true, message: t('act.nodeDueRequired') }]}>
                        <DatePicker placeholder={t('act.nodeDue')} aria-label={t('act.nodeDueN', { n: index + 1 })} />
                      </Form.Item>
                      <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('act.removeNode')} />
                    </div>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ title: '', due_date: dayjs(`${year}-12-31`) })}
                    disabled={fields.length >= 50}
                    block
                  >
                    {t('act.addNode')}
                  </Button>
                </div>
              )}
            </Form.List>
            <Form.Item name="task_codes" label={t('act.field.task_codes')} extra={t('act.taskCodesExtra', { year })}>
              <TaskCodeSelect year={year} />
            </Form.Item>
          </>
        )}
      </Form>
    </Drawer>
  );
}
