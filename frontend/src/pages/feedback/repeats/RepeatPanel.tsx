import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Typography } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { feedbackApi } from '../../../api/http';
import { ApiError, unwrap } from '../../../api/problem';
import type { Me } from '../../../api/types';
import { LoadError } from '../../../components/ProblemAlert';
import type { CaseRead } from '../../../feedback/types';
import { useI18n } from '../../../i18n/I18nProvider';
import { isReadOnly } from '../../../nav/menu';
import { formatDate, formatTime } from '../../../tasks/hooks';
import { decidesRepeat } from './permissions';
import { ConfirmRepeatModal, DismissRepeatModal, FlagStatusTag, repeatKey } from './RepeatActions';

/** Whether intake flagged this case as a repeat (the live link, or the link on its received event if dismissed since). */
export function mayBeFlagged(data: Pick<CaseRead, 'repeat_of' | 'events'>): boolean {
  return !!data.repeat_of || data.events.some((event) => event.event === 'received' && typeof event.detail?.repeat_of === 'string');
}

const isNotFlagged = (error: unknown) =>
  error instanceof ApiError && (error.problem as { code?: string; status?: number } | undefined)?.status === 404;

/** 重复诉求 on the case page: the earlier case, why they match, and confirm / dismiss for the office or the main unit. */
export function RepeatPanel({ me, data }: { me: Me; data: CaseRead }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<'confirm' | 'dismiss' | null>(null);
  const flagged = mayBeFlagged(data);
  const query = useQuery({
    queryKey: repeatKey(data.case_no),
    enabled: flagged,
    queryFn: async () =>
      unwrap(await feedbackApi.GET('/api/feedback/v1/cases/{case_no}/repeat', { params: { path: { case_no: data.case_no } } })),
  });
  if (!flagged || isNotFlagged(query.error)) return null;
  if (query.error) return <LoadError error={query.error} />;
  const flag = query.data;
  if (!flag) return null;
  const decides = decidesRepeat(me, data) && !isReadOnly(me.roles);
  const earlier = <Link to={`/feedback/cases/${encodeURIComponent(flag.repeat_of)}`}>{flag.repeat_of}</Link>;
  return (
    <Card
      size="small"
      className={`fb2-repeat fb2-repeat-${flag.status}`}
      data-flag-status={flag.status}
      title={
        <Space wrap size={[8, 4]}>
          {t('fb2.repeat.panelTitle')}
          <FlagStatusTag status={flag.status} />
        </Space>
      }
      extra={
        decides ? (
          <Space wrap>
            {flag.status !== 'confirmed' && (
              <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setOpen('confirm')}>
                {t('fb2.repeat.confirm')}
              </Button>
            )}
            {flag.status !== 'dismissed' && (
              <Button size="small" danger icon={<CloseOutlined />} onClick={() => setOpen('dismiss')}>
                {t('fb2.repeat.dismiss')}
              </Button>
            )}
          </Space>
        ) : undefined
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          {
            key: 'earlier',
            label: t('fb2.repeat.earlier'),
            span: 'filled',
            children: (
              <Space direction="vertical" size={0}>
                <span>
                  {earlier} <span className="fb2-break">{flag.repeat_of_title}</span>
                </span>
                <Typography.Text type="secondary">{t('fb2.repeat.closedAt', { date: formatDate(flag.repeat_of_closed_at) })}</Typography.Text>
              </Space>
            ),
          },
          {
            key: 'matched',
            label: t('fb2.repeat.matchedBy'),
            children: `${flag.matched_by_label}${flag.similarity !== null && flag.similarity !== undefined ? t('fb2.repeat.similarity', { value: flag.similarity.toFixed(2) }) : ''}`,
          },
          {
            key: 'counts',
            label: t('fb2.repeat.counts'),
            children: flag.counts_against_one_time_resolution ? t('fb2.repeat.countsYes', { earlier: flag.repeat_of }) : t('fb2.repeat.countsNo'),
          },
          ...(flag.decided_at
            ? [
                {
                  key: 'decided',
                  label: t('fb2.repeat.decided'),
                  span: 'filled' as const,
                  children: (
                    <Space direction="vertical" size={0}>
                      <span>{`${formatTime(flag.decided_at)} · ${flag.decided_by ?? ''}`}</span>
                      {flag.decision_comment && <span className="pre-wrap fb2-break">{flag.decision_comment}</span>}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {open === 'confirm' && <ConfirmRepeatModal flag={flag} onClose={() => setOpen(null)} />}
      {open === 'dismiss' && <DismissRepeatModal flag={flag} onClose={() => setOpen(null)} />}
    </Card>
  );
}
