import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Space, Spin, Steps, Tag, Timeline, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, ArrowRightOutlined, TrophyOutlined } from '@ant-design/icons';
import { tasksApi } from '../../api/http';
import { unwrap } from '../../api/problem';
import type { components } from '../../api/schema/tasks';
import type { Me, TaskRead } from '../../api/types';
import { LoadError, ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { isReadOnly } from '../../nav/menu';
import { formatTime } from '../../tasks/hooks';
import { managesTask } from '../../tasks/permissions';
import { PracticeCreateModal } from '../supervision/practices/PracticeCreateModal';
import { CONSOLIDATED_STAGES, practicePath, useTaskPractice } from '../supervision/practices/shared';

type LifecycleRead = components['schemas']['LifecycleRead'];
type MoveOption = components['schemas']['MoveOption'];
type Stage = TaskRead['lifecycle_stage'];

/** Confirms one move; a step back needs its reason. Problems (403, 409 guard failures, 422) show in the dialog. */
function MoveModal({ code, from, move, asOf, onClose }: { code: string; from: Stage; move: MoveOption; asOf?: string; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ comment?: string }>();
  const backward = move.direction === 'backward';
  const submit = useMutation({
    mutationFn: async (comment?: string) =>
      unwrap(
        await tasksApi.POST('/api/tasks/v1/tasks/{code}/lifecycle', {
          params: { path: { code }, query: { as_of: asOf } },
          body: { to_stage: move.to_stage, comment: comment?.trim() || null },
        }),
      ),
    onSuccess: (lifecycle) => {
      queryClient.setQueryData(['tasks', 'lifecycle', code, asOf], lifecycle);
      void message.success(t('lc.moved', { stage: label('lifecycle', lifecycle.stage) }));
      // The header's stage tag, the timeline and the best-practice state all follow the move.
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      onClose();
    },
  });
  const vars = { from: label('lifecycle', from), to: label('lifecycle', move.to_stage) };
  return (
    <Modal
      open
      title={backward ? t('lc.backward', { stage: vars.to }) : t('lc.forward', { stage: vars.to })}
      okText={backward ? t('lc.backward', { stage: vars.to }) : t('lc.forward', { stage: vars.to })}
      okButtonProps={{ danger: backward }}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(({ comment }) => submit.mutate(comment)).catch(() => undefined)}
      confirmLoading={submit.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>{backward ? t('lc.confirmBackward', vars) : t('lc.confirmForward', vars)}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="comment"
          label={move.comment_required ? t('lc.commentBackward') : t('lc.comment')}
          rules={move.comment_required ? [{ required: true, whitespace: true, message: t('lc.commentRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
      {submit.error && <ProblemAlert error={submit.error} />}
    </Modal>
  );
}

/** One possible move: its button (greyed with the reasons when not allowed now) and who may make it. */
function MoveRow({ move, onPick }: { move: MoveOption; onPick: () => void }) {
  const { t, label } = useI18n();
  const backward = move.direction === 'backward';
  const text = backward ? t('lc.backward', { stage: label('lifecycle', move.to_stage) }) : t('lc.forward', { stage: label('lifecycle', move.to_stage) });
  const button = (
    <Button
      type={backward ? 'default' : 'primary'}
      danger={backward}
      icon={backward ? <ArrowLeftOutlined /> : <ArrowRightOutlined />}
      disabled={!move.allowed}
      onClick={onPick}
    >
      {text}
    </Button>
  );
  return (
    <div className="lifecycle-move" data-to={move.to_stage} data-allowed={move.allowed}>
      <Space wrap align="center">
        {/* A disabled button swallows hover: the span carries the tooltip. */}
        {move.allowed ? button : <Tooltip title={move.reasons.join('；')}><span>{button}</span></Tooltip>}
        <Typography.Text type="secondary">{t('lc.who', { who: move.who })}</Typography.Text>
      </Space>
      {!move.allowed && move.reasons.length > 0 && (
        <div className="lifecycle-reasons">
          <Typography.Text type="warning">{t('lc.cannot')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
            {move.reasons.map((reason) => (
              <li key={reason}>
                <Typography.Text type="secondary">{reason}</Typography.Text>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function History({ lifecycle }: { lifecycle: LifecycleRead }) {
  const { t, label } = useI18n();
  if (!lifecycle.history.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lc.historyNone')} />;
  return (
    <Timeline
      className="lifecycle-history"
      items={lifecycle.history.map((change) => {
        const backward = lifecycle.stages.findIndex((s) => s.stage === change.to_stage) < lifecycle.stages.findIndex((s) => s.stage === change.from_stage);
        return {
          key: change.id,
          color: backward ? 'red' : 'blue',
          children: (
            <div className="lifecycle-change">
              <Space wrap size={[4, 4]}>
                <Typography.Text strong>
                  {t('lc.historyMove', { from: label('lifecycle', change.from_stage), to: label('lifecycle', change.to_stage) })}
                </Typography.Text>
                {backward && <Tag color="red">{t('lc.backTag')}</Tag>}
              </Space>
              <div>
                <Typography.Text type="secondary">
                  {t('lc.historyBy', {
                    actor: change.actor,
                    unit: change.actor_unit ? `（${change.actor_unit.short_name || change.actor_unit.name}）` : '',
                    time: formatTime(change.changed_at),
                  })}
                </Typography.Text>
              </div>
              {change.comment && <div className="pre-wrap">{change.comment}</div>}
            </div>
          ),
        };
      })}
    />
  );
}

/** 最佳实践案例 of a consolidated task: the link to it, or the button that forms it (for the task's managers). */
function PracticeCard({ me, task, asOf }: { me: Me; task: TaskRead; asOf?: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const practice = useTaskPractice(task);
  const [creating, setCreating] = useState(false);
  const canCreate = managesTask(me, task) && !isReadOnly(me.roles);
  return (
    <Card size="small" title={t('lc.practice')} className="lifecycle-practice">
      <LoadError error={practice.error} />
      {practice.isPending && <Spin size="small" />}
      {practice.data && (
        <Space wrap>
          <Typography.Text>{t('lc.practiceExists')}</Typography.Text>
          <Link to={practicePath(practice.data.code, asOf)}>
            {practice.data.code} {practice.data.title}
          </Link>
        </Space>
      )}
      {practice.data === null && (
        <Space direction="vertical" className="full-width">
          <Typography.Text type="secondary">{canCreate ? t('lc.practiceHint') : t('lc.practiceWaiting')}</Typography.Text>
          {canCreate && (
            <Button type="primary" icon={<TrophyOutlined />} onClick={() => setCreating(true)}>
              {t('lc.practiceCreate')}
            </Button>
          )}
        </Space>
      )}
      {creating && (
        <PracticeCreateModal
          task={task}
          asOf={asOf}
          onClose={() => setCreating(false)}
          onCreated={(created) => navigate(practicePath(created.code, asOf))}
        />
      )}
    </Card>
  );
}

/**
 * 生命周期: the six stages with the current one, the moves possible from it (greyed with the reasons
 * when the user may not make them now), the history, and the best practice once consolidated.
 */
export function LifecyclePanel({ me, task, asOf }: { me: Me; task: TaskRead; asOf?: string }) {
  const { t, label } = useI18n();
  const [moving, setMoving] = useState<MoveOption | null>(null);
  const lifecycle = useQuery({
    queryKey: ['tasks', 'lifecycle', task.code, asOf],
    queryFn: async () =>
      unwrap(await tasksApi.GET('/api/tasks/v1/tasks/{code}/lifecycle', { params: { path: { code: task.code }, query: { as_of: asOf } } })),
  });
  if (lifecycle.error) return <LoadError error={lifecycle.error} />;
  if (!lifecycle.data) return <Spin />;

  const data = lifecycle.data;
  const current = data.stages.findIndex((s) => s.stage === data.stage);
  const readOnly = isReadOnly(me.roles);
  return (
    <Space direction="vertical" size="middle" className="full-width lifecycle-panel">
      <Steps
        size="small"
        current={current}
        className="lifecycle-steps"
        items={data.stages.map((s, i) => ({
          title: label('lifecycle', s.stage),
          description: i === current ? <Tag color="processing">{t('lc.current')}</Tag> : undefined,
        }))}
      />

      <Card size="small" title={t('lc.moves')}>
        {readOnly ? (
          <Alert type="info" showIcon message={t('lc.readOnly')} />
        ) : data.moves.length ? (
          <Space direction="vertical" size="middle" className="full-width">
            {data.moves.map((move) => (
              <MoveRow key={move.to_stage} move={move} onPick={() => setMoving(move)} />
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('lc.noMoves')}</Typography.Text>
        )}
      </Card>

      {CONSOLIDATED_STAGES.includes(data.stage) && <PracticeCard me={me} task={{ ...task, lifecycle_stage: data.stage }} asOf={asOf} />}

      <Card size="small" title={t('lc.history')}>
        <History lifecycle={data} />
      </Card>

      {moving && <MoveModal code={task.code} from={data.stage} move={moving} asOf={asOf} onClose={() => setMoving(null)} />}
    </Space>
  );
}
