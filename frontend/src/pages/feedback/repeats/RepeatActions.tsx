import { App, Form, Input, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { feedbackApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import type { components } from '../../../api/schema/feedback';
import { FEEDBACK_KEY } from '../../../feedback/hooks';
import { useI18n } from '../../../i18n/I18nProvider';
import { FormModal } from '../clusters/FormModal';

export type RepeatFlag = components['schemas']['RepeatFlagRead'];
export type FlagStatus = RepeatFlag['status'];
export const FLAG_STATUSES = ['suggested', 'confirmed', 'dismissed'] as const satisfies readonly FlagStatus[];

export const repeatKey = (caseNo: string) => [FEEDBACK_KEY, 'case', caseNo, 'repeat'] as const;
export const REPEATS_KEY = [FEEDBACK_KEY, 'repeats'] as const;

const COLORS: Record<FlagStatus, string> = { suggested: 'orange', confirmed: 'red', dismissed: 'default' };

/** 疑似重复（待确认） / 已确认重复 / 已排除. */
export function FlagStatusTag({ status }: { status: FlagStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={COLORS[status]} data-flag-status={status}>
      {t(`fb2.repeat.status.${status}`)}
    </Tag>
  );
}

/** Stores the decided flag and refreshes the case (its `repeat_of` link changes) and the queue. */
function useFlagDecided() {
  const queryClient = useQueryClient();
  return (flag: RepeatFlag) => {
    queryClient.setQueryData(repeatKey(flag.case_no), flag);
    void queryClient.invalidateQueries({ queryKey: [FEEDBACK_KEY, 'case', flag.case_no], exact: true });
    void queryClient.invalidateQueries({ queryKey: REPEATS_KEY });
    void queryClient.invalidateQueries({ queryKey: [FEEDBACK_KEY, 'cases'] });
  };
}

/** 确认重复: the earlier case no longer counts as resolved at once (asked twice). */
export function ConfirmRepeatModal({ flag, onClose }: { flag: RepeatFlag; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const decided = useFlagDecided();
  return (
    <FormModal<{ comment?: string }>
      title={t('fb2.repeat.confirm')}
      okText={t('fb2.repeat.confirm')}
      confirm={() => t('fb2.repeat.confirmQuestion', { caseNo: flag.case_no, earlier: flag.repeat_of })}
      onClose={onClose}
      onSubmit={async (values) => {
        const result = unwrap(
          await feedbackApi.POST('/api/feedback/v1/cases/{case_no}/repeat/confirm', {
            params: { path: { case_no: flag.case_no } },
            body: { comment: values.comment?.trim() || null },
          }),
        );
        decided(result);
        void message.success(t('fb2.repeat.confirmed', { caseNo: flag.case_no }));
      }}
    >
      <Typography.Paragraph type="secondary">{t('fb2.repeat.confirmHint', { earlier: flag.repeat_of })}</Typography.Paragraph>
      <Form.Item name="comment" label={t('fb2.repeat.comment')} rules={[{ max: 500, message: t('fb2.tooLong', { max: 500 }) }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

/** 排除重复: another matter; the link is cleared and the earlier case counts as resolved once again. */
export function DismissRepeatModal({ flag, onClose }: { flag: RepeatFlag; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const decided = useFlagDecided();
  return (
    <FormModal<{ reason: string }>
      title={t('fb2.repeat.dismiss')}
      okText={t('fb2.repeat.dismiss')}
      danger
      confirm={() => t('fb2.repeat.dismissQuestion', { caseNo: flag.case_no, earlier: flag.repeat_of })}
      onClose={onClose}
      onSubmit={async (values) => {
        const result = unwrap(
          await feedbackApi.POST('/api/feedback/v1/cases/{case_no}/repeat/dismiss', {
            params: { path: { case_no: flag.case_no } },
            body: { reason: values.reason.trim() },
          }),
        );
        decided(result);
        void message.success(t('fb2.repeat.dismissed', { caseNo: flag.case_no }));
      }}
    >
      <Typography.Paragraph type="secondary">{t('fb2.repeat.dismissHint', { earlier: flag.repeat_of })}</Typography.Paragraph>
      <Form.Item
        name="reason"
        label={t('fb2.repeat.reason')}
        rules={[
          { required: true, whitespace: true, message: t('fb2.repeat.reasonRequired') },
          { min: 2, max: 500, message: t('fb2.repeat.reasonRequired') },
        ]}
      >
        <Input.TextArea rows={2} maxLength={500} placeholder={t('fb2.repeat.reasonPlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}
