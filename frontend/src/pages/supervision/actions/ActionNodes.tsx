import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Empty, Form, Input, Modal, Popconfirm, Space, Timeline, Typography } from 'antd';
import { CheckOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import { errorText, ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { DATE } from '../../../tasks/hooks';
import { NodeStateTag } from './parts';
import { NODE_COLORS, type ActionNode, type ActionPage } from './types';

/** Writes the answer (the action's page) into the cache and refreshes every list that shows it. */
export function useActionSaved(code: string, asOf?: string) {
  const queryClient = useQueryClient();
  return (page: ActionPage) => {
    queryClient.setQueryData(['tasks', 'special-actions', 'detail', code, asOf], page);
    void queryClient.invalidateQueries({ queryKey: ['tasks'] });
  };
}

function CompleteModal({ action, node, asOf, onClose }: { action: ActionPage; node: ActionNode; asOf?: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const saved = useActionSaved(action.code, asOf);
  const [form] = Form.useForm<{ done_date: Dayjs; evidence: string }>();
  // The API refuses a completion date after the business date (as_of, default today).
  const latest = dayjs(action.as_of);
  const complete = useMutation({
    mutationFn: async (values: { done_date: Dayjs; evidence: string }) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/special-actions/{code}/nodes/{node_id}/complete', {
          params: { path: { code: action.code, node_id: node.id }, query: { as_of: asOf } },
          body: { done_date: values.done_date.format(DATE), evidence: values.evidence.trim() },
        }),
      ),
    onSuccess: (page) => {
      void message.success(t('act.nodeCompleted'));
      saved(page);
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('act.completeTitle', { title: node.title })}
      onCancel={onClose}
      okText={t('act.complete')}
      onOk={() => void form.validateFields().then((values) => complete.mutate(values)).catch(() => undefined)}
      confirmLoading={complete.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ done_date: dayjs(node.due_date).isAfter(latest) ? latest : dayjs(node.due_date), evidence: node.evidence ?? '' }}
      >
        <Form.Item name="done_date" label={t('task.doneDate')} rules={[{ required: true, message: t('task.doneDateRequired') }]}>
          <DatePicker disabledDate={(day) => day.isAfter(latest, 'day')} />
        </Form.Item>
        <Form.Item name="evidence" label={t('task.evidence')} rules={[{ required: true, whitespace: true, message: t('task.evidenceRequired') }]}>
          <Input.TextArea rows={3} maxLength={4000} placeholder={t('task.evidenceHint')} />
        </Form.Item>
      </Form>
      {complete.error && <ProblemAlert error={complete.error} />}
    </Modal>
  );
}

/** Adds a node, or renames or moves one. */
function NodeModal({ action, node, asOf, onClose }: { action: ActionPage; node: ActionNode | null; asOf?: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const saved = useActionSaved(action.code, asOf);
  const [form] = Form.useForm<{ title: string; due_date: Dayjs }>();
  const save = useMutation({
    mutationFn: async (values: { title: string; due_date: Dayjs }) => {
      const body = { title: values.title.trim(), due_date: values.due_date.format(DATE) };
      const query = { as_of: asOf };
      return unwrap(
        node
          ? await tasksApi.PATCH('/api/tasks/v1/special-actions/{code}/nodes/{node_id}', {
              params: { path: { code: action.code, node_id: node.id }, query },
              body,
            })
          : await tasksApi.POST('/api/tasks/v1/special-actions/{code}/nodes', { params: { path: { code: action.code }, query }, body: [body] }),
      );
    },
    onSuccess: (page) => {
      void message.success(t('common.saved'));
      saved(page);
      onClose();
    },
  });
  return (
    <Modal
      open
      title={node ? t('act.editNodeTitle') : t('act.addNode')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((values) => save.mutate(values)).catch(() => undefined)}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={node ? { title: node.title, due_date: dayjs(node.due_date) } : { due_date: dayjs(`${action.year}-12-31`) }}
      >
        <Form.Item name="title" label={t('act.nodeTitle')} rules={[{ required: true, whitespace: true, message: t('act.nodeTitleRequired') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="due_date" label={t('act.nodeDue')} rules={[{ required: true, message: t('act.nodeDueRequired') }]}>
          <DatePicker />
        </Form.Item>
      </Form>
      {save.error && <ProblemAlert error={save.error} />}
    </Modal>
  );
}

/**
 * The action's time nodes by due date, coloured by state. Its lead unit (and planners) mark them done with
 * evidence; the office and the special group add, move, rename and delete them.
 */
export function ActionNodes({ action, canRun, canPlan, asOf }: { action: ActionPage; canRun: boolean; canPlan: boolean; asOf?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const saved = useActionSaved(action.code, asOf);
  const [completing, setCompleting] = useState<ActionNode | null>(null);
  const [editing, setEditing] = useState<ActionNode | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: async (node: ActionNode) =>
      unwrap(
        await tasksApi.DELETE('/api/tasks/v1/special-actions/{code}/nodes/{node_id}', {
          params: { path: { code: action.code, node_id: node.id }, query: { as_of: asOf } },
        }),
      ),
    onSuccess: (page) => {
      void message.success(t('act.nodeDeleted'));
      saved(page);
    },
    onError: (error) => void message.error(errorText(error, t('act.saveFailed'))),
  });

  return (
    <Space direction="vertical" className="full-width">
      {canPlan && (
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} className="act-add-node">
          {t('act.addNode')}
        </Button>
      )}
      {!action.nodes.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('act.noNodesYet')} />
      ) : (
        <Timeline
          className="act-node-timeline"
          items={action.nodes.map((node) => ({
            key: node.id,
            color: NODE_COLORS[node.state],
            children: (
              <div className="act-node" data-state={node.state}>
                <Space wrap size={[8, 4]}>
                  <Typography.Text strong>{node.title}</Typography.Text>
                  <NodeStateTag state={node.state} />
                </Space>
                <div>
                  <Typography.Text type="secondary">
                    {t('task.milestoneDue', { date: node.due_date })}
                    {node.done_date && ` · ${t('task.milestoneDone', { date: node.done_date })}`}
                  </Typography.Text>
                </div>
                {node.evidence && <div className="act-node-evidence pre-wrap">{t('task.milestoneEvidence', { evidence: node.evidence })}</div>}
                {(canRun || canPlan) && (
                  <Space wrap size={[4, 4]} className="act-node-actions">
                    {canRun && !node.done_date && (
                      <Button size="small" type="primary" ghost icon={<CheckOutlined />} onClick={() => setCompleting(node)}>
                        {t('act.complete')}
                      </Button>
                    )}
                    {canPlan && (
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(node)}>
                        {t('act.editNode')}
                      </Button>
                    )}
                    {canPlan && (
                      <Popconfirm
                        title={t('act.deleteNode')}
                        description={<div className="confirm-text">{t('act.deleteNodeConfirm', { title: node.title })}</div>}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove.mutateAsync(node).catch(() => undefined)}
                      >
                        <Button size="small" danger icon={<DeleteOutlined />} loading={remove.isPending && remove.variables?.id === node.id}>
                          {t('act.deleteNode')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                )}
              </div>
            ),
          }))}
        />
      )}
      {completing && <CompleteModal action={action} node={completing} asOf={asOf} onClose={() => setCompleting(null)} />}
      {editing && <NodeModal action={action} node={editing === 'new' ? null : editing} asOf={asOf} onClose={() => setEditing(null)} />}
    </Space>
  );
}
