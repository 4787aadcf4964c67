import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Space, TreeSelect, Typography } from 'antd';
import type { FormInstance } from 'antd';
import {
  CheckOutlined,
  ClockCircleOutlined,
  CommentOutlined,
  MessageOutlined,
  PhoneOutlined,
  PlayCircleOutlined,
  RedoOutlined,
  RollbackOutlined,
  SendOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { feedbackApi } from '../../api/http';
import { unwrap } from '../../api/problem';
import type { Me } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { FEEDBACK_KEY, useAssignableUnits, useCategories } from '../../feedback/hooks';
import { caseButtons, isCoUnit, isDispatcher, partsOn } from '../../feedback/permissions';
import { SATISFACTIONS, type CaseListItem, type CaseRead, type FeedbackUnitRef } from '../../feedback/types';
import type { UiAction } from '../../feedback/workflow';
import { useI18n } from '../../i18n/I18nProvider';
import { isReadOnly } from '../../nav/menu';
import { filterUnitOption, formatDate } from '../../tasks/hooks';
import { DirectAnswerModal } from './dispatch/DirectAnswerModal';
import { categoryNames, leafCategoryTree, useSuggestions, type Suggestions } from './dispatch/hooks';
import { SuggestionsPanel } from './dispatch/SuggestionsPanel';

/** The longest extension one request may ask for (FEEDBACK_MAX_EXTENSION_WORKING_DAYS). */
export const MAX_EXTENSION_DAYS = 15;

/** Stores the case the API answered with and refreshes lists and counts. */
function useCaseUpdated() {
  const queryClient = useQueryClient();
  return (updated: CaseRead) => {
    queryClient.setQueryData([FEEDBACK_KEY, 'case', updated.case_no], updated);
    void queryClient.invalidateQueries({ queryKey: [FEEDBACK_KEY, 'cases'] });
  };
}

/**
 * A small form in a modal. `confirm` (for steps that cannot be undone) asks once more before sending;
 * a refusal from the API (409 wrong status, 403 wrong party, 422 fields) shows inside the modal.
 */
function ActionModal<V extends object>({
  title,
  okText,
  danger,
  confirm,
  onSubmit,
  onClose,
  children,
  initialValues,
  form: given,
  aside,
}: {
  title: string;
  okText: string;
  danger?: boolean;
  confirm?: (values: V) => string | undefined;
  onSubmit: (values: V) => Promise<unknown>;
  onClose: () => void;
  children: ReactNode;
  initialValues?: Partial<V>;
  /** The caller's form, when something beside the form fills it. */
  form?: FormInstance<V>;
  /** Shown beside the form (under it on a phone), e.g. the dispatch suggestions. */
  aside?: ReactNode;
}) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [own] = Form.useForm<V>();
  const form = given ?? own;
  const submit = useMutation({ mutationFn: onSubmit, onSuccess: onClose });
  const send = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const question = confirm?.(values);
    if (!question) {
      submit.mutate(values);
      return;
    }
    modal.confirm({
      title: t('fb.confirmTitle', { action: title }),
      content: question,
      okText: t('fb.confirmOk'),
      cancelText: t('fb.cancel'),
      okButtonProps: { danger },
      onOk: () => submit.mutateAsync(values).catch(() => undefined),
    });
  };
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('fb.cancel')}
      okButtonProps={{ danger }}
      onOk={() => void send()}
      onCancel={onClose}
      confirmLoading={submit.isPending}
      destroyOnHidden
      className="fb-action-modal"
      width={aside ? 1000 : undefined}
    >
      <div className={aside ? 'dispatch-assign' : undefined}>
        <div>
          <Form<V> form={form} layout="vertical" initialValues={initialValues}>
            {children}
          </Form>
          {submit.error && <ProblemAlert error={submit.error} />}
        </div>
        {aside}
      </div>
    </Modal>
  );
}

const commentField = (label: string, t: ReturnType<typeof useI18n>['t']) => (
  <Form.Item name="comment" label={label} rules={[{ max: 2000, message: t('fb.form.tooLong', { max: 2000 }) }]}>
    <Input.TextArea rows={3} maxLength={2000} />
  </Form.Item>
);

interface AssignValues {
  unit_id: string;
  co_unit_ids?: string[];
  category_code: string;
  comment?: string;
}

/**
 * 交办: main unit, co-units, the category and a note for the unit, beside the dispatch suggestions (for whoever
 * may assign); also used from the dispatch queue. 采纳建议 fills the form and marks the assignment as accepted
 * until the dispatcher picks another main unit by hand.
 */
export function AssignModal({
  me,
  caseNo,
  category,
  current,
  onClose,
}: {
  me: Me;
  caseNo: string;
  category: CaseListItem['category'];
  current: { main: FeedbackUnitRef | null; co: FeedbackUnitRef[] } | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const units = useAssignableUnits();
  const categories = useCategories();
  const suggestions = useSuggestions(caseNo, isDispatcher(me));
  const updated = useCaseUpdated();
  const [form] = Form.useForm<AssignValues>();
  const [main, setMain] = useState<string | undefined>(current?.main?.id);
  const [accepted, setAccepted] = useState(false);
  const names = categoryNames(categories.data);

  const accept = (s: Suggestions) => {
    const unit = s.units[0]?.unit.id ?? form.getFieldValue('unit_id');
    form.setFieldsValue({
      unit_id: unit,
      co_unit_ids: s.co_units.map((c) => c.unit.id).filter((id) => id !== unit),
      category_code: s.categories[0]?.category.code ?? form.getFieldValue('category_code'),
    });
    setMain(unit);
    setAccepted(true);
  };
  const pickUnit = (unitId: string) => {
    form.setFieldsValue({ unit_id: unitId });
    setMain(unitId);
    setAccepted(false);
  };

  return (
    <ActionModal<AssignValues>
      title={t('fb.assign.title', { caseNo })}
      okText={t('fb.action.assign')}
      form={form}
      initialValues={{ unit_id: current?.main?.id, co_unit_ids: current?.co.map((u) => u.id) ?? [], category_code: category.code }}
      onClose={onClose}
      aside={
        isDispatcher(me) && (
          <SuggestionsPanel
            query={suggestions}
            accepted={accepted}
            categoryName={(code) => (code ? (names.get(code) ?? code) : t('dispatch.none'))}
            onAccept={accept}
            onPickUnit={pickUnit}
          />
        )
      }
      onSubmit={async (values) => {
        const result = unwrap(
          await feedbackApi.POST('/api/feedback/v1/cases/{case_no}/assign', {
            params: { path: { case_no: caseNo } },
            body: {
              unit_id: values.unit_id,
              co_unit_ids: (values.co_unit_ids ?? []).filter((id) => id !== values.unit_id),
              comment: values.comment?.trim() || null,
              // Sent only when changed: the case keeps its category otherwise.
              category_code: values.category_code !== category.code ? values.category_code : undefined,
              accept_suggestion: accepted,
            },
          }),
        );
        updated(result);
        void message.success(t('fb.assign.done', { unit: result.main_unit?.name ?? '' }));
      }}
    >
      <Form.Item name="unit_id" label={t('fb.assign.unit')} rules={[{ required: true, message: t('fb.assign.unitRequired') }]}>
        <Select
          showSearch
          aria-label={t('fb.assign.unit')}
          placeholder={t('fb.assign.unitPlaceholder')}
          options={units.options}
          filterOption={filterUnitOption}
          loading={units.isPending}
          onChange={(value: string) => {
            setMain(value);
            setAccepted(false);
          }}
        />
      </Form.Item>
      <Form.Item
        name="co_unit_ids"
        label={t('fb.assign.coUnits')}
        extra={t('fb.assign.coUnitsHint')}
        rules={[{ type: 'array', max: 10, message: t('fb.assign.coUnitsMax') }]}
      >
        <Select
          mode="multiple"
          showSearch
          aria-label={t('fb.assign.coUnits')}
          placeholder={t('fb.assign.coUnitsPlaceholder')}
          options={units.options.filter((option) => option.value !== main)}
          filterOption={filterUnitOption}
          loading={units.isPending}
        />
      </Form.Item>
      <Form.Item
        name="category_code"
        label={t('dispatch.category')}
        extra={t('dispatch.categoryHint')}
        rules={[{ required: true, message: t('dispatch.categoryRequired') }]}
      >
        <TreeSelect
          showSearch
          aria-label={t('dispatch.category')}
          treeData={categories.data ? leafCategoryTree(categories.data) : [{ value: category.code, title: category.path, selectable: true }]}
          treeNodeFilterProp="title"
          treeDefaultExpandAll={false}
          loading={categories.isPending}
        />
      </Form.Item>
      {commentField(t('fb.assign.comment'), t)}
      {units.error && <ProblemAlert error={units.error} />}
      {categories.error && <ProblemAlert error={categories.error} />}
    </ActionModal>
  );
}

type Post = (caseNo: string) => Promise<CaseRead>;

/** The action buttons a case page shows to this user now, each opening its small form. */
export function CaseActions({ me, data }: { me: Me; data: CaseRead }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const updated = useCaseUpdated();
  const [open, setOpen] = useState<UiAction | null>(null);
  const caseNo = data.case_no;
  const path = { path: { case_no: caseNo } };
  const buttons = isReadOnly(me.roles) ? [] : caseButtons(me, data);

  // accept / start: no fields, confirmed in a popover; errors show beside the buttons.
  const quick = useMutation({
    mutationFn: async ({ action }: { action: 'accept' | 'start' }) => {
      const post: Record<'accept' | 'start', Post> = {
        accept: async (no) =>
          unwrap(await feedbackApi.POST('/api/feedback/v1/cases/{case_no}/accept', { params: { path: { case_no: no } }, body: {} })),
        start: async (no) =>
          unwrap(await feedbackApi.POST('/api/feedback/v1/cases/{case_no}/start', { params: { path: { case_no: no } }, body: {} })),
      };
      return { action, result: await post[action](caseNo) };
    },
    onSuccess: ({ action, result }) => {
      updated(result);
      void message.success(t(`fb.done.${action}`));
    },
  });

  const done = (key: 'reply' | 'return' | 'request_extension' | 'decide_extension' | 'follow_up' | 'reopen' | 'direct_answer') => (result: CaseRead) => {
    updated(result);
    void message.success(key === 'direct_answer' ? t('dispatch.directAnswer.done') : t(`fb.done.${key}`));
  };
  const label = (action: UiAction) => (action === 'direct_answer' ? t('dispatch.directAnswer.button') : t(`fb.action.${action}`));

  if (!buttons.length) return null;
  const pending = data.extensions.find((x) => x.status === 'pending');
  const close = () => setOpen(null);

  const ICONS: Record<UiAction, ReactNode> = {
    assign: <SendOutlined />,
    accept: <CheckOutlined />,
    start: <PlayCircleOutlined />,
    reply: <CommentOutlined />,
    return: <RollbackOutlined />,
    request_extension: <ClockCircleOutlined />,
    decide_extension: <SolutionOutlined />,
    follow_up: <PhoneOutlined />,
    reopen: <RedoOutlined />,
    direct_answer: <MessageOutlined />,
  };
  const primary: UiAction[] = ['assign', 'accept', 'reply', 'follow_up', 'decide_extension'];

  return (
    <div className="fb-actions">
      <Space wrap>
        {buttons.map((action) =>
          action === 'accept' || action === 'start' ? (
            <Popconfirm
              key={action}
              title={t(`fb.action.${action}`)}
              description={t(`fb.confirm.${action}`)}
              okText={t('fb.confirmOk')}
              cancelText={t('fb.cancel')}
              onConfirm={() => quick.mutateAsync({ action }).catch(() => undefined)}
            >
              <Button type={primary.includes(action) ? 'primary' : 'default'} icon={ICONS[action]} loading={quick.isPending && quick.variables?.action === action}>
                {t(`fb.action.${action}`)}
              </Button>
            </Popconfirm>
          ) : (
            <Button
              key={action}
              type={primary.includes(action) ? 'primary' : 'default'}
              danger={action === 'return'}
              icon={ICONS[action]}
              onClick={() => setOpen(action)}
            >
              {label(action)}
            </Button>
          ),
        )}
      </Space>
      {quick.error && <ProblemAlert error={quick.error} title={t('fb.actionFailed')} />}

      {open === 'assign' && (
        <AssignModal me={me} caseNo={caseNo} category={data.category} current={{ main: data.main_unit, co: data.co_units }} onClose={close} />
      )}

      {open === 'direct_answer' && <DirectAnswerModal caseNo={caseNo} onDone={done('direct_answer')} onClose={close} />}

      {open === 'reply' && (
        <ActionModal<{ reply: string; comment?: string }>
          title={t('fb.action.reply')}
          okText={t('fb.reply.submit')}
          onClose={close}
          confirm={() => t('fb.confirm.reply')}
          onSubmit={async (values) =>
            done('reply')(
              unwrap(
                await feedbackApi.POST('/api/feedback/v1/cases/{case_no}/reply', {
                  params: path,
                  body: { reply: values.reply.trim(), comment: values.comment?.trim() || null },
                }),
              ),
            )
          }
        >
          <Form.Item
            name="reply"
            label={t('fb.reply.text')}
            extra={t('fb.reply.textHint')}
            rules={[
              { required: true, whitespace: true, message: t('fb.reply.required') },
              { min: 2, message: t('fb.form.tooShort', { min: 2 }) },
              { max: 5000, message: t('fb.form.tooLong', { max: 5000 }) },
            ]}
          >
            <Input.TextArea rows={6} maxLength={5000} showCount />
          </Form.Item>
          {commentField(t('fb.reply.comment'), t)}
        </ActionModal>
      )}

      {open === 'return' && (
        <ActionModal<{ reason: string }>
          title={t('fb.action.return')}
          okText={t('fb.return.submit')}
          danger
          onClose={close}
          confirm={() => t('fb.confirm.return')}
          onSubmit={async (values) => {
            updated(
              unwrap(
                await feedbackApi.POST('/api/feedback/v1/cases/{case_no}/return', {
                  params: path,
                  body: { reason: values.reason.trim() },
                }),
              ),
            );
            // The case goes back to the dispatcher: the unit no longer sees it.
            void message.success(t('fb.done.return'));
            navigate('/feedback');
          }}
        >
          <Alert type="warning" showIcon message={t('fb.return.hint')} className="fb-modal-hint" />
          <Form.Item
            name="reason"
            label={t('fb.return.reason')}
            rules={[
              { required: true, whitespace: true, message: t('fb.return.reasonRequired') },
              { min: 2, message: t('fb.form.tooShort', { min: 2 }) },
              { max: 2000, message: t('fb.form.tooLong', { max: 2000 }) },
            ]}
          >
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </ActionModal>
      )}

      {open === 'request_extension' && (
        <ActionModal<{ working_days: number; reason: string }>
          title={t('fb.action.request_extension')}
          okText={t('fb.extension.submit')}
          onClose={close}
          onSubmit={async (values) =>
            done('request_extension')(
              unwrap(
                await feedbackApi.POST('/api/feedback/v1/cases/{case_no}/extension', {
                  params: path,
                  body: { working_days: values.working_days, reason: values.reason.trim() },
                }),
              ),
            )
          }
        >
          <Typography.Paragraph type="secondary">{t('fb.extension.current', { date: formatDate(data.due_at) })}</Typography.Paragraph>
          <Form.Item
            name="working_days"
            label={t('fb.extension.days')}
            rules={[
              { required: true, message: t('fb.extension.daysRequired', { max: MAX_EXTENSION_DAYS }) },
              { type: 'integer', min: 1, max: MAX_EXTENSION_DAYS, message: t('fb.extension.daysRequired', { max: MAX_EXTENSION_DAYS }) },
            ]}
          >
            <InputNumber min={1} max={MAX_EXTENSION_DAYS} precision={0} aria-label={t('fb.extension.days')} addonAfter={t('fb.workingDays')} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('fb.extension.reason')}
            rules={[
              { required: true, whitespace: true, message: t('fb.extension.reasonRequired') },
              { min: 2, message: t('fb.form.tooShort', { min: 2 }) },
              { max: 2000, message: t('fb.form.tooLong', { max: 2000 }) },
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </ActionModal>
      )}

      {open === 'decide_extension' && pending && (
        <ActionModal<{ approve: boolean; comment?: string }>
          title={t('fb.action.decide_extension')}
          okText={t('fb.decide.submit')}
          onClose={close}
          confirm={(values) => (values.approve ? undefined : t('fb.confirm.refuse'))}
          onSubmit={async (values) =>
            done('decide_extension')(
              unwrap(
                await feedbackApi.POST('/api/feedback/v1/cases/{case_no}/extension/decision', {
                  params: path,
                  body: { approve: values.approve, comment: values.comment?.trim() || null },
                }),
              ),
            )
          }
        >
          <Alert
            type="info"
            showIcon
            className="fb-modal-hint"
            message={t('fb.extension.pending', { days: pending.working_days, by: pending.requested_by, date: formatDate(pending.requested_at) })}
            description={pending.reason}
          />
          <Form.Item name="approve" label={t('fb.decide.decision')} rules={[{ required: true, message: t('fb.decide.required') }]}>
            <Radio.Group>
              <Radio value={true}>{t('fb.decide.approve')}</Radio>
              <Radio value={false}>{t('fb.decide.refuse')}</Radio>
            </Radio.Group>
          </Form.Item>
          {commentField(t('fb.decide.comment'), t)}
        </ActionModal>
      )}

      {open === 'follow_up' && (
        <ActionModal<{ satisfaction: (typeof SATISFACTIONS)[number]; comment?: string }>
          title={t('fb.action.follow_up')}
          okText={t('fb.followUp.submit')}
          onClose={close}
          confirm={(values) => t(values.satisfaction === 'dissatisfied' ? 'fb.confirm.followUpReopen' : 'fb.confirm.followUpClose')}
          onSubmit={async (values) =>
            done('follow_up')(
              unwrap(
                await feedbackApi.POST('/api/feedback/v1/cases/{case_no}/follow-up', {
                  params: path,
                  body: { satisfaction: values.satisfaction, comment: values.comment?.trim() || null },
                }),
              ),
            )
          }
        >
          <Typography.Paragraph type="secondary">{t('fb.followUp.hint')}</Typography.Paragraph>
          <Form.Item name="satisfaction" label={t('fb.followUp.satisfaction')} rules={[{ required: true, message: t('fb.followUp.required') }]}>
            <Radio.Group>
              {SATISFACTIONS.map((value) => (
                <Radio key={value} value={value}>
                  {t(`fb.satisfaction.${value}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          {commentField(t('fb.followUp.comment'), t)}
        </ActionModal>
      )}

      {open === 'reopen' && (
        <ActionModal<{ reason: string }>
          title={t('fb.action.reopen')}
          okText={t('fb.reopen.submit')}
          danger
          onClose={close}
          confirm={() => t('fb.confirm.reopen')}
          onSubmit={async (values) =>
            done('reopen')(
              unwrap(
                await feedbackApi.POST('/api/feedback/v1/cases/{case_no}/reopen', {
                  params: path,
                  body: { reason: values.reason.trim() },
                }),
              ),
            )
          }
        >
          <Typography.Paragraph type="secondary">{t('fb.reopen.hint')}</Typography.Paragraph>
          <Form.Item
            name="reason"
            label={t('fb.reopen.reason')}
            rules={[
              { required: true, whitespace: true, message: t('fb.reopen.reasonRequired') },
              { min: 2, message: t('fb.form.tooShort', { min: 2 }) },
              { max: 2000, message: t('fb.form.tooLong', { max: 2000 }) },
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </ActionModal>
      )}
    </div>
  );
}

/** 内部备注 (dispatcher, main unit) or 协办意见 (co-unit): never shown to the enterprise. */
export function NoteForm({ me, data }: { me: Me; data: CaseRead }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const updated = useCaseUpdated();
  const [form] = Form.useForm<{ content: string }>();
  // A co-unit's note is recorded as its opinion (协办意见); the dispatcher's and the main unit's as internal notes.
  const coUnitOnly = isCoUnit(me, data) && partsOn(me, data).size === 0;
  const add = useMutation({
    mutationFn: async (content: string) =>
      unwrap(
        await feedbackApi.POST('/api/feedback/v1/cases/{case_no}/notes', {
          params: { path: { case_no: data.case_no } },
          body: { content },
        }),
      ),
    onSuccess: (result) => {
      updated(result);
      form.resetFields();
      void message.success(t('fb.note.added'));
    },
  });
  return (
    <Form form={form} layout="vertical" className="fb-note-form" onFinish={({ content }) => add.mutate(content.trim())}>
      <Form.Item
        name="content"
        label={coUnitOnly ? t('fb.note.coLabel') : t('fb.note.label')}
        extra={t('fb.note.hint')}
        rules={[
          { required: true, whitespace: true, message: t('fb.note.required') },
          { max: 2000, message: t('fb.form.tooLong', { max: 2000 }) },
        ]}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button htmlType="submit" loading={add.isPending}>
        {coUnitOnly ? t('fb.note.coSubmit') : t('fb.note.submit')}
      </Button>
      {add.error && <ProblemAlert error={add.error} />}
    </Form>
  );
}
