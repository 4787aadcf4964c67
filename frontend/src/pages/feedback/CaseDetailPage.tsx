import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, List, Popconfirm, Result, Space, Spin, Tag, Timeline, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, BookOutlined, DownloadOutlined, EyeOutlined, LinkOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError, unwrap } from '../../api/problem';
import { dispositionFilename, feedbackApi, saveDownload } from '../../api/http';
import type { Me } from '../../api/types';
import { errorText, LoadError, ProblemAlert } from '../../components/ProblemAlert';
import { FEEDBACK_KEY } from '../../feedback/hooks';
import { addsNotes, partsOn, revealsContact, uploadsAttachments } from '../../feedback/permissions';
import { CaseStatusTag, DeadlineTag, SatisfactionTag } from '../../feedback/tags';
import type { AttachmentRead, CaseEventRead, CaseRead, ContactRead } from '../../feedback/types';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDate, formatTime } from '../../tasks/hooks';
import { CaseActions, NoteForm } from './CaseActions';
import { entryPath, useEntrySaved } from './knowledge/hooks';
import { curatesKnowledge } from './knowledge/permissions';
import { RepeatPanel } from './repeats/RepeatPanel';

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const ACCEPTED_FILES = '.jpg,.jpeg,.png,.gif,.webp,.pdf,image/jpeg,image/png,image/gif,image/webp,application/pdf';

const EVENTS = [
  'received',
  'assigned',
  'accepted',
  'in_progress',
  'replied',
  'returned',
  'extension_requested',
  'extended',
  'extension_refused',
  'closed',
  'reopened',
  'note',
  'info_added',
  'attachment_added',
  'co_opinion',
] as const;
const isKnownEvent = (event: string): event is (typeof EVENTS)[number] => (EVENTS as readonly string[]).includes(event);

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const num = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** One line of the timeline: what happened beyond the event's name (unit, extension, reply, rating). */
function EventText({ event }: { event: CaseEventRead }) {
  const { t } = useI18n();
  const d = event.detail ?? {};
  const lines: string[] = [];
  if (event.event === 'assigned' && str(d.unit_name)) {
    const co = Array.isArray(d.co_units) ? (d.co_units as unknown[]).filter((u): u is string => typeof u === 'string') : [];
    lines.push(co.length ? t('fb.event.assignedToWithCo', { unit: str(d.unit_name)!, co: co.join('、') }) : t('fb.event.assignedTo', { unit: str(d.unit_name)! }));
  }
  if (event.event === 'extension_requested' && num(d.working_days)) lines.push(t('fb.event.extensionDays', { days: num(d.working_days)! }));
  if (event.event === 'extended' && str(d.new_due_at)) lines.push(t('fb.event.extendedTo', { date: formatDate(str(d.new_due_at)) }));
  if (event.event === 'replied' && str(d.reply)) lines.push(t('fb.event.replyText', { text: str(d.reply)! }));
  if ((event.event === 'closed' || event.event === 'reopened') && str(d.satisfaction)) {
    lines.push(t('fb.event.rated', { value: t(`fb.satisfaction.${str(d.satisfaction) as 'satisfied'}`) }));
  }
  if (event.event === 'received' && str(d.repeat_of)) lines.push(t('fb.event.repeatOf', { caseNo: str(d.repeat_of)! }));
  if (event.event === 'attachment_added' && str(d.filename)) lines.push(str(d.filename)!);
  if (event.comment && event.comment !== str(d.reply)) lines.push(event.comment);
  return (
    <>
      {lines.map((line, i) => (
        <div key={i} className="pre-wrap fb-event-text">
          {line}
        </div>
      ))}
    </>
  );
}

function actorName(event: CaseEventRead, t: ReturnType<typeof useI18n>['t']): string {
  if (event.actor_kind === 'enterprise') return t('fb.actor.enterprise');
  if (event.actor_kind === 'hotline') return t('fb.actor.hotline');
  if (event.actor_kind === 'system') return t('fb.actor.system');
  return event.actor_unit ? `${event.actor_unit.short_name} · ${event.actor}` : event.actor;
}

/** The status timeline: every event with actor, time and comment; internal ones marked. */
export function CaseTimeline({ events }: { events: CaseEventRead[] }) {
  const { t } = useI18n();
  if (!events.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fb.timelineEmpty')} />;
  const color = (event: CaseEventRead) =>
    ['returned', 'reopened', 'extension_refused'].includes(event.event) ? 'red' : event.event === 'closed' ? 'green' : event.public ? 'blue' : 'gray';
  return (
    <Timeline
      className="fb-timeline"
      items={[...events].reverse().map((event) => ({
        key: event.id,
        color: color(event),
        children: (
          <div className="fb-event" data-event={event.event}>
            <Space wrap size={[6, 2]}>
              <Typography.Text strong>{isKnownEvent(event.event) ? t(`fb.event.${event.event}`) : event.label}</Typography.Text>
              {!event.public && <Tag className="fb-internal">{t('fb.internal')}</Tag>}
              {event.detail?.late === true && <Tag color="red">{t(event.event === 'accepted' ? 'fb.lateAccept' : 'fb.lateReply')}</Tag>}
            </Space>
            <div>
              <Typography.Text type="secondary">
                {formatTime(event.occurred_at)} · {actorName(event, t)}
              </Typography.Text>
            </div>
            <EventText event={event} />
          </div>
        ),
      }))}
    />
  );
}

/** Masked phone and ID number, with the audited reveal for those handling the case. */
function Contact({ me, data }: { me: Me; data: CaseRead }) {
  const { t } = useI18n();
  const [shown, setShown] = useState<ContactRead | null>(null);
  const reveal = useMutation({
    mutationFn: async () =>
      unwrap(
        await feedbackApi.POST('/api/feedback/v1/cases/{case_no}/contact', {
          params: { path: { case_no: data.case_no } },
          body: { reason: t('fb.contact.reason') },
        }),
      ),
    onSuccess: setShown,
  });
  if (data.anonymous) return <>{t('fb.anonymousContact')}</>;
  const phone = shown?.contact_phone ?? data.contact_phone;
  return (
    <Space direction="vertical" size={2}>
      <Space wrap>
        <span>{data.contact_name ?? '—'}</span>
        {phone && (shown ? <a href={`tel:${phone}`} className="fb-phone">{phone}</a> : <span className="fb-phone">{phone}</span>)}
        {!shown && revealsContact(me, data) && (
          <Popconfirm
            title={t('fb.contact.reveal')}
            description={t('fb.contact.auditNote')}
            okText={t('fb.confirmOk')}
            cancelText={t('fb.cancel')}
            onConfirm={() => reveal.mutateAsync().catch(() => undefined)}
          >
            <Button size="small" icon={<EyeOutlined />} loading={reveal.isPending}>
              {t('fb.contact.reveal')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {(shown?.contact_id_number ?? data.contact_id_number) && (
        <Typography.Text type="secondary">{t('fb.contact.idNumber', { value: (shown?.contact_id_number ?? data.contact_id_number)! })}</Typography.Text>
      )}
      {shown && <Typography.Text type="secondary">{t('fb.contact.revealed')}</Typography.Text>}
      {reveal.error && <ProblemAlert error={reveal.error} />}
    </Space>
  );
}

function Attachments({ me, data }: { me: Me; data: CaseRead }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const download = useMutation({
    mutationFn: async (item: AttachmentRead) => {
      const { data: blob, error, response } = await feedbackApi.GET('/api/feedback/v1/cases/{case_no}/attachments/{attachment_id}', {
        params: { path: { case_no: data.case_no, attachment_id: item.id } },
        parseAs: 'blob',
      });
      if (error !== undefined || !blob) throw new ApiError(error);
      saveDownload({ blob: blob as Blob, filename: dispositionFilename(response.headers.get('Content-Disposition'), item.filename) });
    },
    onError: (error) => void message.error(errorText(error, t('fb.downloadFailed'))),
  });
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return unwrap(
        await feedbackApi.POST('/api/feedback/v1/cases/{case_no}/attachments', {
          params: { path: { case_no: data.case_no } },
          body: form as unknown as { file: string },
          bodySerializer: (body) => body as unknown as FormData,
        }),
      );
    },
    onSuccess: () => {
      void message.success(t('fb.attachment.uploaded'));
      void queryClient.invalidateQueries({ queryKey: [FEEDBACK_KEY, 'case', data.case_no] });
    },
  });
  const sourceLabel = (source: string) =>
    source === 'enterprise' || source === 'staff' || source === 'hotline' ? t(`fb.attachment.source.${source}`) : source;
  return (
    <Space direction="vertical" className="full-width">
      <List<AttachmentRead>
        dataSource={data.attachments}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fb.attachment.empty')} /> }}
        renderItem={(item) => (
          <List.Item
            className="fb-attachment"
            actions={[
              item.url ? (
                <a key="link" href={item.url} target="_blank" rel="noreferrer noopener">
                  <LinkOutlined /> {t('fb.attachment.open')}
                </a>
              ) : (
                <Button key="dl" size="small" icon={<DownloadOutlined />} onClick={() => download.mutate(item)} loading={download.isPending && download.variables?.id === item.id}>
                  {t('fb.attachment.download')}
                </Button>
              ),
            ]}
          >
            <List.Item.Meta
              avatar={<PaperClipOutlined />}
              title={<span className="fb-break">{item.filename}</span>}
              description={`${sourceLabel(item.source)} · ${formatTime(item.created_at)}${item.size ? ` · ${Math.max(1, Math.round(item.size / 1024))} KB` : ''}`}
            />
          </List.Item>
        )}
      />
      {uploadsAttachments(me, data) && (
        <Upload
          accept={ACCEPTED_FILES}
          showUploadList={false}
          beforeUpload={(file) => {
            if (file.size > MAX_UPLOAD_BYTES) {
              void message.error(t('fb.attachment.tooLarge', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }));
            } else {
              upload.mutate(file);
            }
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending}>
            {t('fb.attachment.upload')}
          </Button>
        </Upload>
      )}
      {upload.error && <ProblemAlert error={upload.error} />}
    </Space>
  );
}

/**
 * 加入知识库: a draft entry from this case's reply, personal data removed by the API. The API keeps one entry per
 * case, so a second click (201 first, 200 after) opens the entry made the first time.
 */
function AddToKnowledge({ caseNo }: { caseNo: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const stored = useEntrySaved();
  const add = useMutation({
    mutationFn: async () => {
      const { data, error, response } = await feedbackApi.POST('/api/feedback/v1/knowledge/from-case/{case_no}', {
        params: { path: { case_no: caseNo } },
      });
      if (data === undefined) throw new ApiError(error);
      return { entry: data, created: response.status === 201 };
    },
    onSuccess: ({ entry, created }) => {
      stored(entry);
      void message.success(t(created ? 'kb.fromCase.created' : 'kb.fromCase.existing'));
      // A new draft opens in the editor, to review and publish; an existing entry opens as it is.
      navigate(created ? `${entryPath(entry.id)}?edit=1` : entryPath(entry.id));
    },
    onError: (error) => void message.error(errorText(error, t('fb2.actionFailed'))),
  });
  return (
    <Button size="small" icon={<BookOutlined />} loading={add.isPending} onClick={() => add.mutate()}>
      {t('kb.fromCase.button')}
    </Button>
  );
}

function Basics({ me, data }: { me: Me; data: CaseRead }) {
  const { t } = useI18n();
  const dash = (value: string | null | undefined) => value || '—';
  const channel = [t(`fb.channel.${data.channel}`), data.source_detail, data.external_id && t('fb.externalId', { id: data.external_id })]
    .filter(Boolean)
    .join(' · ');
  const items = [
    { key: 'type', label: t('fb.field.type'), children: t(`fb.type.${data.type}`) },
    { key: 'category', label: t('fb.field.category'), children: data.external_category ? `${data.category.path}（${data.external_category}）` : data.category.path },
    { key: 'channel', label: t('fb.field.channel'), children: channel },
    { key: 'received', label: t('fb.field.received'), children: formatTime(data.received_at) },
    {
      key: 'due',
      label: t('fb.field.due'),
      children: (
        <Space wrap size={4}>
          {formatDate(data.due_at)}
          <DeadlineTag state={data.deadline_state} />
          <Typography.Text type="secondary">{t('fb.timeLimit', { days: data.time_limit_working_days })}</Typography.Text>
        </Space>
      ),
    },
    ...(data.status === 'assigned' && data.accept_due_at
      ? [
          {
            key: 'accept_due',
            label: t('fb.field.acceptDue'),
            children: (
              <Space size={4}>
                {formatTime(data.accept_due_at)}
                {data.accept_overdue && <Tag color="red">{t('fb.acceptOverdue')}</Tag>}
              </Space>
            ),
          },
        ]
      : []),
    { key: 'unit', label: t('fb.field.unit'), children: data.main_unit?.name ?? t('fb.notAssigned') },
    { key: 'co', label: t('fb.field.coUnits'), children: data.co_units.map((u) => u.name).join('、') || '—' },
    { key: 'district', label: t('fb.field.district'), children: dash(data.district?.name) },
    { key: 'address', label: t('fb.field.address'), children: dash(data.address) },
    { key: 'enterprise', label: t('fb.field.enterprise'), children: data.anonymous ? t('fb.anonymous') : dash(data.enterprise_name) },
    { key: 'credit', label: t('fb.field.creditCode'), children: dash(data.credit_code) },
    { key: 'contact', label: t('fb.field.contact'), children: <Contact me={me} data={data} /> },
    ...(data.tracking_code ? [{ key: 'tracking', label: t('fb.field.trackingCode'), children: <Typography.Text copyable>{data.tracking_code}</Typography.Text> }] : []),
    ...(data.repeat_of
      ? [{ key: 'repeat', label: t('fb.field.repeatOf'), children: <Link to={`/feedback/cases/${encodeURIComponent(data.repeat_of)}`}>{data.repeat_of}</Link> }]
      : []),
    { key: 'description', label: t('fb.field.description'), span: 'filled' as const, children: <div className="pre-wrap fb-break">{data.description}</div> },
    { key: 'desired', label: t('fb.field.desired'), span: 'filled' as const, children: <div className="pre-wrap fb-break">{dash(data.desired_outcome)}</div> },
  ];
  return (
    <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }} styles={{ label: { whiteSpace: 'nowrap' } }} items={items} />
  );
}

/** One case: its fields, contact (masked, revealable), attachments, reply, extensions, timeline and actions. */
export function CaseDetailPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { caseNo = '' } = useParams();
  const query = useQuery({
    queryKey: [FEEDBACK_KEY, 'case', caseNo],
    queryFn: async () => unwrap(await feedbackApi.GET('/api/feedback/v1/cases/{case_no}', { params: { path: { case_no: caseNo } } })),
  });
  const cameFromApp = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;
  const back = () => (cameFromApp ? navigate(-1) : navigate('/feedback'));

  if (query.error) {
    const status = query.error instanceof ApiError ? (query.error.problem as { status?: number } | undefined)?.status : undefined;
    return status === 404 || status === 403 ? (
      <Result status="404" title={t('fb.notFound')} extra={<Button onClick={() => navigate('/feedback')}>{t('fb.backToList')}</Button>} />
    ) : (
      <LoadError error={query.error} />
    );
  }
  if (!query.data) return <Spin className="page-spin" />;
  const data = query.data;
  const pending = data.extensions.find((x) => x.status === 'pending');
  const dispatcher = partsOn(me, data).has('dispatcher');

  return (
    <Space direction="vertical" size="middle" className="full-width fb-detail">
      <div className="page-header">
        <Space align="start" className="fb-heading">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('fb.back')} />
          <div>
            <Typography.Text type="secondary" className="fb-case-no">
              {data.case_no}
            </Typography.Text>
            <Typography.Title level={4} className="page-title fb-break">
              {data.title}
            </Typography.Title>
            <Space wrap size={[4, 4]}>
              <CaseStatusTag status={data.status} />
              <DeadlineTag state={data.deadline_state} />
              <Tag>{t(`fb.type.${data.type}`)}</Tag>
              <Tag>{t(`fb.channel.${data.channel}`)}</Tag>
              {data.reopen_count > 0 && <Tag color="magenta">{t('fb.reopenCount', { count: data.reopen_count })}</Tag>}
              {data.repeat_of && <Tag color="orange">{t('fb.repeat')}</Tag>}
              {data.accept_overdue && <Tag color="red">{t('fb.acceptOverdue')}</Tag>}
            </Space>
          </div>
        </Space>
      </div>

      {data.notices.map((notice) => (
        <Alert key={notice} type="warning" showIcon message={notice} />
      ))}
      {pending && (
        <Alert
          type={dispatcher ? 'warning' : 'info'}
          showIcon
          message={t('fb.extension.pending', { days: pending.working_days, by: pending.requested_by, date: formatDate(pending.requested_at) })}
          description={pending.reason}
        />
      )}

      <CaseActions me={me} data={data} />
      <RepeatPanel me={me} data={data} />

      <Card size="small" title={t('fb.section.basics')}>
        <Basics me={me} data={data} />
      </Card>

      {(data.reply || data.satisfaction) && (
        <Card
          size="small"
          title={t('fb.section.reply')}
          className="fb-reply"
          extra={data.reply && curatesKnowledge(me) ? <AddToKnowledge caseNo={data.case_no} /> : undefined}
        >
          {data.reply && (
            <>
              <Typography.Paragraph className="pre-wrap fb-break">{data.reply}</Typography.Paragraph>
              <Typography.Text type="secondary">{t('fb.repliedAt', { time: formatTime(data.replied_at) })}</Typography.Text>
            </>
          )}
          {data.satisfaction && (
            <div className="fb-satisfaction">
              <Space wrap>
                {t('fb.satisfactionLabel')}
                <SatisfactionTag value={data.satisfaction} />
                {data.satisfaction_comment && <span className="fb-break">{data.satisfaction_comment}</span>}
              </Space>
            </div>
          )}
        </Card>
      )}

      {data.extensions.length > 0 && (
        <Card size="small" title={t('fb.section.extensions')}>
          <List
            dataSource={data.extensions}
            renderItem={(x) => (
              <List.Item className="fb-extension" data-status={x.status}>
                <List.Item.Meta
                  title={
                    <Space wrap>
                      {t('fb.extension.item', { days: x.working_days })}
                      <Tag color={x.status === 'approved' ? 'green' : x.status === 'refused' ? 'red' : 'gold'}>{t(`fb.extension.status.${x.status}`)}</Tag>
                    </Space>
                  }
                  description={
                    <>
                      <div className="pre-wrap">{x.reason}</div>
                      <Typography.Text type="secondary">
                        {t('fb.extension.requested', { by: x.requested_by, time: formatTime(x.requested_at) })}
                        {x.decided_at && ` · ${t('fb.extension.decided', { by: x.decided_by ?? '', time: formatTime(x.decided_at) })}`}
                        {x.new_due_at && ` · ${t('fb.extension.newDue', { date: formatDate(x.new_due_at) })}`}
                      </Typography.Text>
                      {x.decision_comment && <div className="pre-wrap">{x.decision_comment}</div>}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      )}

      <Card size="small" title={t('fb.section.attachments', { count: data.attachments.length })}>
        <Attachments me={me} data={data} />
      </Card>

      <Card size="small" title={t('fb.section.timeline')}>
        {addsNotes(me, data) && <NoteForm me={me} data={data} />}
        <CaseTimeline events={data.events} />
      </Card>
    </Space>
  );
}
