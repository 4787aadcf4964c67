import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Popconfirm, Result, Space, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, EditOutlined, InboxOutlined } from '@ant-design/icons';
import { feedbackApi } from '../../../api/http';
import { ApiError, unwrap } from '../../../api/problem';
import type { Me } from '../../../api/types';
import { LoadError, ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatTime } from '../../../tasks/hooks';
import { EntryEditor } from './EntryEditor';
import { useEntry, useEntrySaved, type EntryRead } from './hooks';
import { curatesKnowledge } from './permissions';
import { EntryKindTag, EntryStatusTag } from './tags';
import './knowledge.css';

type StatusAction = 'publish' | 'archive';

/** Publish (a draft, or an archived entry again) and archive (a published one), as `set_status` allows. */
function StatusButtons({ entry }: { entry: EntryRead }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const stored = useEntrySaved();
  const change = useMutation({
    mutationFn: async (action: StatusAction) => {
      const path = action === 'publish' ? '/api/feedback/v1/knowledge/{entry_id}/publish' : '/api/feedback/v1/knowledge/{entry_id}/archive';
      return unwrap(await feedbackApi.POST(path, { params: { path: { entry_id: entry.id } } }));
    },
    onSuccess: (saved, action) => {
      stored(saved);
      void message.success(t(action === 'publish' ? 'kb.published' : 'kb.archived', { title: saved.title }));
    },
  });
  return (
    <>
      <Space wrap>
        {entry.status !== 'published' && (
          <Popconfirm
            title={t('kb.publishConfirm')}
            description={t('kb.publishHint')}
            okText={t('fb2.confirmOk')}
            cancelText={t('fb2.cancel')}
            onConfirm={() => change.mutateAsync('publish').catch(() => undefined)}
          >
            <Button type="primary" icon={<CheckOutlined />} loading={change.isPending && change.variables === 'publish'}>
              {t(entry.status === 'archived' ? 'kb.republish' : 'kb.publish')}
            </Button>
          </Popconfirm>
        )}
        {entry.status === 'published' && (
          <Popconfirm
            title={t('kb.archiveConfirm')}
            description={t('kb.archiveHint')}
            okText={t('fb2.confirmOk')}
            cancelText={t('fb2.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => change.mutateAsync('archive').catch(() => undefined)}
          >
            <Button danger icon={<InboxOutlined />} loading={change.isPending && change.variables === 'archive'}>
              {t('kb.archive')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {change.error && <ProblemAlert error={change.error} title={t('fb2.actionFailed')} />}
    </>
  );
}

/** One knowledge-base entry: question, answer, where it came from; the office edits, publishes and archives it. */
export function EntryPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const query = useEntry(id);
  const curates = curatesKnowledge(me);
  // ?edit=1 opens the editor: 加入知识库 on a case lands here with its new draft.
  const editing = curates && params.get('edit') === '1';
  const setEditing = (open: boolean) => setParams(open ? { edit: '1' } : {}, { replace: true });
  const cameFromApp = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;
  const back = () => (cameFromApp ? navigate(-1) : navigate('/feedback/knowledge'));

  if (query.error) {
    const status = query.error instanceof ApiError ? (query.error.problem as { status?: number } | undefined)?.status : undefined;
    return status === 404 || status === 422 ? (
      <Result status="404" title={t('kb.notFound')} extra={<Button onClick={() => navigate('/feedback/knowledge')}>{t('kb.backToList')}</Button>} />
    ) : (
      <LoadError error={query.error} />
    );
  }
  if (!query.data) return <Spin className="page-spin" />;
  const entry = query.data;
  const items = [
    { key: 'kind', label: t('kb.field.kind'), children: t(`kb.kind.${entry.kind}`) },
    { key: 'category', label: t('kb.field.category'), children: entry.category?.path ?? '—' },
    {
      key: 'keywords',
      label: t('kb.field.keywords'),
      children: entry.keywords.length ? (
        <Space wrap size={[4, 4]}>
          {entry.keywords.map((word) => (
            <Tag key={word}>{word}</Tag>
          ))}
        </Space>
      ) : (
        '—'
      ),
    },
    {
      key: 'source',
      label: t('kb.field.source'),
      children: entry.source_case_no ? (
        <Link to={`/feedback/cases/${encodeURIComponent(entry.source_case_no)}`}>{entry.source_case_no}</Link>
      ) : (
        t('kb.sourceManual')
      ),
    },
    { key: 'created', label: t('kb.field.created'), children: `${formatTime(entry.created_at)} · ${entry.created_by}` },
    { key: 'updated', label: t('kb.field.updated'), children: `${formatTime(entry.updated_at)} · ${entry.updated_by}` },
    { key: 'published', label: t('kb.field.published'), children: entry.published_at ? formatTime(entry.published_at) : '—' },
  ];

  return (
    <Space direction="vertical" size="middle" className="full-width kb-entry">
      <div className="page-header">
        <Space align="start" className="fb2-heading">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('kb.back')} />
          <div>
            <Typography.Text type="secondary">{t('kb.title')}</Typography.Text>
            <Typography.Title level={4} className="page-title fb2-break">
              {entry.title}
            </Typography.Title>
            <Space wrap size={[4, 4]}>
              <EntryStatusTag status={entry.status} />
              <EntryKindTag kind={entry.kind} />
            </Space>
          </div>
        </Space>
      </div>

      {curates && (
        <Space direction="vertical" className="full-width">
          {entry.status === 'draft' && <Typography.Text type="secondary">{t('kb.draftHint')}</Typography.Text>}
          <Space wrap>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('kb.edit')}
            </Button>
            <StatusButtons entry={entry} />
          </Space>
        </Space>
      )}

      <Card size="small" title={t('kb.field.question')}>
        <Typography.Paragraph className="pre-wrap fb2-break kb-question">{entry.question}</Typography.Paragraph>
      </Card>
      <Card size="small" title={t('kb.field.answer')}>
        <Typography.Paragraph className="pre-wrap fb2-break kb-answer">{entry.answer}</Typography.Paragraph>
      </Card>
      <Card size="small" title={t('kb.details')}>
        <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }} styles={{ label: { whiteSpace: 'nowrap' } }} items={items} />
      </Card>
      {editing && <EntryEditor entry={entry} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
    </Space>
  );
}
