import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Form, Input, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { feedbackApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { CaseRead } from '../../../feedback/types';
import { useI18n } from '../../../i18n/I18nProvider';
import { useKnowledgeSuggestions, type KnowledgeSuggestion } from './hooks';
import './dispatch.css';

interface Values {
  reply: string;
  comment?: string;
}

/**
 * 直接答复: a consultation answered from the knowledge base without dispatch. The matching published entries
 * are listed; the chosen one's answer fills the reply, which the dispatcher may still edit.
 */
export function DirectAnswerModal({ caseNo, onDone, onClose }: { caseNo: string; onDone: (result: CaseRead) => void; onClose: () => void }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const entries = useKnowledgeSuggestions(caseNo);
  const [chosen, setChosen] = useState<KnowledgeSuggestion | null>(null);
  const [pickError, setPickError] = useState(false);

  const submit = useMutation({
    mutationFn: async (values: Values) => {
      const entry = chosen!.entry;
      const reply = values.reply.trim();
      return unwrap(
        await feedbackApi.POST('/api/feedback/v1/cases/{case_no}/direct-answer', {
          params: { path: { case_no: caseNo } },
          // The entry's own answer is the default: the reply is sent only when edited.
          body: { entry_id: entry.id, reply: reply !== entry.answer.trim() ? reply : null, comment: values.comment?.trim() || null },
        }),
      );
    },
    onSuccess: (result) => {
      onDone(result);
      onClose();
    },
  });

  const choose = (item: KnowledgeSuggestion) => {
    setChosen(item);
    setPickError(false);
    form.setFieldsValue({ reply: item.entry.answer });
  };

  const send = async () => {
    if (!chosen) {
      setPickError(true);
      return;
    }
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    modal.confirm({
      title: t('fb.confirmTitle', { action: t('dispatch.directAnswer.button') }),
      content: t('dispatch.directAnswer.confirm'),
      okText: t('fb.confirmOk'),
      cancelText: t('fb.cancel'),
      onOk: () => submit.mutateAsync(values).catch(() => undefined),
    });
  };

  const data = entries.data;
  return (
    <Modal
      open
      title={t('dispatch.directAnswer.title', { caseNo })}
      okText={t('dispatch.directAnswer.submit')}
      cancelText={t('fb.cancel')}
      okButtonProps={{ disabled: !data?.items.length }}
      onOk={() => void send()}
      onCancel={onClose}
      confirmLoading={submit.isPending}
      destroyOnHidden
      width={760}
      className="fb-action-modal"
    >
      <Typography.Paragraph type="secondary">{t('dispatch.directAnswer.hint')}</Typography.Paragraph>
      {entries.isPending && (
        <>
          <Typography.Text type="secondary">{t('dispatch.directAnswer.loading')}</Typography.Text>
          <Skeleton active paragraph={{ rows: 3 }} />
        </>
      )}
      {entries.error != null && <ProblemAlert error={entries.error} />}
      {data?.notice && <Alert type="warning" showIcon message={data.notice} className="fb-modal-hint" />}
      {data && !data.items.length && <Empty description={t('dispatch.directAnswer.empty')} />}
      {data && data.items.length > 0 && (
        <div role="list" aria-label={t('dispatch.directAnswer.button')}>
          {data.items.map((item) => {
            const picked = chosen?.entry.id === item.entry.id;
            return (
              <div role="listitem" key={item.entry.id} className={`dispatch-entry${picked ? ' dispatch-entry-chosen' : ''}`} data-entry={item.entry.id}>
                <Space wrap size={4}>
                  <Typography.Text strong>{item.entry.title}</Typography.Text>
                  <Tag color="blue">{t('dispatch.directAnswer.score', { value: `${Math.round(item.score * 100)}%` })}</Tag>
                  {item.same_category && <Tag>{t('dispatch.directAnswer.sameCategory')}</Tag>}
                  <Tag>{item.entry.kind_label}</Tag>
                </Space>
                <Typography.Paragraph className="dispatch-reply" ellipsis={{ rows: 2 }}>
                  {item.entry.answer}
                </Typography.Paragraph>
                {item.matched.length > 0 && (
                  <div className="dispatch-small dispatch-terms">{t('dispatch.directAnswer.matched', { words: item.matched.join('、') })}</div>
                )}
                <Button
                  size="small"
                  type={picked ? 'primary' : 'default'}
                  icon={picked ? <CheckOutlined /> : undefined}
                  onClick={() => choose(item)}
                  aria-label={`${t('dispatch.directAnswer.choose')}：${item.entry.title}`}
                >
                  {picked ? t('dispatch.directAnswer.chosen') : t('dispatch.directAnswer.choose')}
                </Button>
              </div>
            );
          })}
        </div>
      )}
      {pickError && <Alert type="error" showIcon message={t('dispatch.directAnswer.pick')} className="fb-modal-hint" />}
      <Form<Values> form={form} layout="vertical" hidden={!chosen}>
        <Form.Item
          name="reply"
          label={t('dispatch.directAnswer.reply')}
          rules={[
            { required: true, whitespace: true, message: t('dispatch.directAnswer.replyRequired') },
            { min: 2, message: t('fb.form.tooShort', { min: 2 }) },
            { max: 5000, message: t('fb.form.tooLong', { max: 5000 }) },
          ]}
        >
          <Input.TextArea rows={6} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item name="comment" label={t('dispatch.directAnswer.comment')} rules={[{ max: 2000, message: t('fb.form.tooLong', { max: 2000 }) }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
      {submit.error && <ProblemAlert error={submit.error} />}
    </Modal>
  );
}
