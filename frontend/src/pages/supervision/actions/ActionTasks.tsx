import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Empty, Form, Grid, List, Modal, Popconfirm, Progress, Space, Table, Typography, type TableProps } from 'antd';
import { DisconnectOutlined, LinkOutlined } from '@ant-design/icons';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import { errorText, ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { asOfSuffix } from '../../../tasks/hooks';
import { Deadline, StatusTag, WarningTag } from '../../../tasks/tags';
import { useActionSaved } from './ActionNodes';
import { TaskCodeSelect } from './TaskCodeSelect';
import type { ActionLinkedTask, ActionPage } from './types';

function LinkModal({ action, asOf, onClose }: { action: ActionPage; asOf?: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const saved = useActionSaved(action.code, asOf);
  const [form] = Form.useForm<{ task_codes: string[] }>();
  const link = useMutation({
    mutationFn: async (codes: string[]) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/special-actions/{code}/tasks', {
          params: { path: { code: action.code }, query: { as_of: asOf } },
          body: { task_codes: codes },
        }),
      ),
    onSuccess: (page, codes) => {
      void message.success(t('act.linked', { count: codes.length }));
      saved(page);
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('act.linkTitle')}
      onCancel={onClose}
      okText={t('act.link')}
      onOk={() => void form.validateFields().then((values) => link.mutate(values.task_codes)).catch(() => undefined)}
      confirmLoading={link.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="task_codes"
          label={t('act.field.task_codes')}
          extra={t('act.taskCodesExtra', { year: action.year })}
          rules={[{ required: true, type: 'array', min: 1, message: t('act.taskCodesRequired') }]}
        >
          <TaskCodeSelect year={action.year} exclude={action.tasks.map((task) => task.code)} />
        </Form.Item>
      </Form>
      {link.error && <ProblemAlert error={link.error} />}
    </Modal>
  );
}

function TaskProgress({ task }: { task: ActionLinkedTask }) {
  return (
    <Progress
      percent={task.progress}
      size="small"
      format={(value) => `${value}%`}
      strokeColor={task.warning === 'red' ? '#ff4d4f' : task.status === 'completed' ? '#52c41a' : undefined}
    />
  );
}

/**
 * Every ledger task linked to the action, whatever the viewer's ledger scope (the team shares one page);
 * opening a task still follows the ledger's scoping. The action's runners link and unlink tasks.
 */
export function ActionTasks({ action, canRun, asOf }: { action: ActionPage; canRun: boolean; asOf?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const isPhone = Grid.useBreakpoint().md === false;
  const saved = useActionSaved(action.code, asOf);
  const [linking, setLinking] = useState(false);
  const unlink = useMutation({
    mutationFn: async (code: string) =>
      unwrap(
        await tasksApi.DELETE('/api/tasks/v1/special-actions/{code}/tasks/{task_code}', {
          params: { path: { code: action.code, task_code: code }, query: { as_of: asOf } },
        }),
      ),
    onSuccess: (page, code) => {
      void message.success(t('act.unlinked', { code }));
      saved(page);
    },
    onError: (error) => void message.error(errorText(error, t('act.saveFailed'))),
  });
  const taskLink = (code: string) => (
    <Link to={`/tasks/${encodeURIComponent(code)}${asOfSuffix(asOf)}`} className="act-task-code">
      {code}
    </Link>
  );
  const unlinkButton = (task: ActionLinkedTask) => (
    <Popconfirm
      title={t('act.unlink')}
      description={<div className="confirm-text">{t('act.unlinkConfirm', { code: task.code })}</div>}
      onConfirm={() => unlink.mutateAsync(task.code).catch(() => undefined)}
    >
      <Button size="small" type="link" danger icon={<DisconnectOutlined />} loading={unlink.isPending && unlink.variables === task.code}>
        {t('act.unlink')}
      </Button>
    </Popconfirm>
  );

  const columns: TableProps<ActionLinkedTask>['columns'] = [
    { key: 'code', title: t('ledger.col.code'), className: 'nowrap', render: (_, task) => taskLink(task.code) },
    { key: 'title', title: t('ledger.col.title'), dataIndex: 'title', className: 'act-task-title' },
    { key: 'lead', title: t('ledger.col.lead'), className: 'nowrap', render: (_, task) => task.lead_unit?.short_name ?? '—' },
    { key: 'deadline', title: t('ledger.col.deadline'), className: 'nowrap', render: (_, task) => <Deadline task={task} /> },
    { key: 'status', title: t('ledger.col.status'), render: (_, task) => <StatusTag status={task.status} /> },
    { key: 'progress', title: t('ledger.col.progress'), width: 150, render: (_, task) => <TaskProgress task={task} /> },
    { key: 'warning', title: t('ledger.col.warning'), render: (_, task) => <WarningTag warning={task.warning} reasons={task.warning_reasons} /> },
    ...(canRun ? [{ key: 'unlink', title: '', render: (_: unknown, task: ActionLinkedTask) => unlinkButton(task) }] : []),
  ];
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('act.noTasksYet')} />;

  return (
    <Space direction="vertical" className="full-width">
      {canRun && (
        <Button icon={<LinkOutlined />} onClick={() => setLinking(true)} className="act-link-tasks">
          {t('act.linkTasks')}
        </Button>
      )}
      {isPhone ? (
        <List<ActionLinkedTask>
          className="act-task-list"
          dataSource={action.tasks}
          locale={{ emptyText: empty }}
          renderItem={(task) => (
            <List.Item className={`act-task-card act-card-${task.warning}`}>
              <div className="act-card-body">
                <Space wrap size={[4, 4]}>
                  {taskLink(task.code)}
                  <WarningTag warning={task.warning} />
                  <StatusTag status={task.status} />
                </Space>
                <Typography.Text>{task.title}</Typography.Text>
                <Typography.Text type="secondary">
                  {task.lead_unit?.short_name ?? '—'} · <Deadline task={task} />
                </Typography.Text>
                <TaskProgress task={task} />
                {task.warning_reasons.length > 0 && (
                  <Typography.Text type={task.warning === 'red' ? 'danger' : 'warning'}>{task.warning_reasons.join('；')}</Typography.Text>
                )}
                {canRun && unlinkButton(task)}
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<ActionLinkedTask>
          rowKey="code"
          size="small"
          className="act-task-table"
          scroll={{ x: 'max-content' }}
          columns={columns}
          dataSource={action.tasks}
          pagination={action.tasks.length > 20 ? { pageSize: 20, size: 'small' } : false}
          locale={{ emptyText: empty }}
        />
      )}
      {linking && <LinkModal action={action} asOf={asOf} onClose={() => setLinking(false)} />}
    </Space>
  );
}
