import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { tasksApi } from '../../api/http';
import { ApiError } from '../../api/problem';
import type { Me } from '../../api/types';
import { errorText, LoadError } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { asOfSuffix, formatDate, formatTime } from '../../tasks/hooks';
import { NotFoundPage } from '../StatusPages';
import { BULLETINS_KEY, useBulletin } from './api';
import { PublishModal, RegenerateModal } from './BulletinActions';
import { BulletinsNav, listPath } from './BulletinsNav';
import { LeagueTableView } from './LeagueTableView';
import { DownloadButtons, KindTag, percent, periodLabel, StatusTag } from './parts';
import { managesBulletins } from './permissions';
import type { BulletinRead } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The official notice names the first 20 milestones and counts the rest (render_docx.MILESTONES_LISTED).
const MILESTONES_LISTED = 20;
const SECTION_NUMBERS = ['一', '二', '三', '四', '五'];

function Section({ index, title, children }: { index: number; title: string; children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <section className="bl-section">
      <h3 className="bl-heading">{lang === 'zh' ? `${SECTION_NUMBERS[index]}、${title}` : `${index + 1}. ${title}`}</h3>
      {children}
    </section>
  );
}

/** The bulletin as the official notice reads (after GB/T 9704), rendered from its frozen snapshot. */
export function BulletinDocument({ bulletin }: { bulletin: BulletinRead }) {
  const { t } = useI18n();
  const { content } = bulletin;
  const { league, summary, progress } = content;
  const names = (units: typeof league.best) => (units.length ? units.map((unit) => unit.name).join('、') : t('bl.none'));
  const listed = progress.milestones_done.slice(0, MILESTONES_LISTED);
  const more = progress.milestones_done.length - listed.length;
  const taskLink = (code: string) => (
    <Link to={`/tasks/${encodeURIComponent(code)}${asOfSuffix(bulletin.as_of)}`} className="bl-task-code">
      {code}
    </Link>
  );
  return (
    <article className="bl-paper" data-status={bulletin.status}>
      <header className="bl-paper-head">
        <div className="bl-issuer">{content.issuing_unit}</div>
        <div className="bl-doc-number">{bulletin.number ?? t('bl.numberPending')}</div>
        <hr className="bl-red-rule" />
        {bulletin.status === 'draft' && <div className="bl-draft-mark">{t('bl.draftMark')}</div>}
        <h2 className="bl-doc-title">{bulletin.title}</h2>
      </header>
      <p className="bl-salutation">{t('bl.doc.salutation')}</p>
      <p className="bl-para">{t('bl.doc.intro', { period: league.period_label, asOf: formatDate(league.as_of) })}</p>

      <Section index={0} title={t('bl.doc.overview')}>
        <p className="bl-para">
          {t('bl.doc.overviewText', {
            tasks: summary.tasks,
            completed: summary.completed,
            inProgress: summary.in_progress,
            notStarted: summary.not_started,
            ongoing: summary.ongoing,
            red: summary.red,
            yellow: summary.yellow,
            due: summary.milestones_due,
            onTime: summary.milestones_on_time,
            rate: percent(summary.on_time_rate),
            expected: summary.reports_expected,
            reported: summary.reports_on_time,
            rect: summary.open_rectifications,
          })}
        </p>
        <div className="bl-figures">
          <Statistic title={t('bl.fig.tasks')} value={summary.tasks} />
          <Statistic title={t('bl.fig.completed')} value={summary.completed} valueStyle={{ color: '#389e0d' }} />
          <Statistic title={t('bl.fig.red')} value={summary.red} valueStyle={{ color: '#cf1322' }} />
          <Statistic title={t('bl.fig.yellow')} value={summary.yellow} valueStyle={{ color: '#d48806' }} />
          <Statistic title={t('bl.fig.onTimeRate')} value={percent(summary.on_time_rate)} />
          <Statistic title={t('bl.fig.reportRate')} value={percent(summary.report_rate)} />
          <Statistic title={t('bl.fig.rectifications')} value={summary.open_rectifications} />
        </div>
      </Section>

      <Section index={1} title={t('bl.doc.league')}>
        <p className="bl-para">
          {t('bl.doc.leagueText', { listed: summary.units_listed, ranked: summary.units_ranked, min: league.settings.min_items })}
        </p>
        <LeagueTableView rows={league.rows} minItems={league.settings.min_items} notice />
      </Section>

      <Section index={2} title={t('bl.doc.honours')}>
        <p className="bl-para bl-best" data-honour="best">
          <strong>{t('bl.honour.best')}：</strong>
          {names(league.best)}
        </p>
        <p className="bl-para bl-worst" data-honour="worst">
          <strong>{t('bl.honour.worst')}：</strong>
          {names(league.worst)}
        </p>
      </Section>

      <Section index={3} title={t('bl.doc.overdue')}>
        {content.overdue.length === 0 && <p className="bl-para">{t('bl.doc.noOverdue')}</p>}
        {content.overdue.map((group) => (
          <div key={group.unit.id} className="bl-overdue-unit">
            <p className="bl-para bl-overdue-name">
              <strong>{t('bl.doc.overdueUnit', { unit: group.unit.name, count: group.items.length })}</strong>
            </p>
            <ul className="bl-overdue-items">
              {group.items.map((item) => (
                <li key={`${item.task_code}-${item.role}`}>
                  {taskLink(item.task_code)} {item.title}
                  <Tag className="bl-role">{t(`bl.role.${item.role}`)}</Tag>
                  {item.reasons.length > 0 && <Typography.Text type="secondary">{item.reasons.join('；')}</Typography.Text>}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </Section>

      <Section index={4} title={t('bl.doc.progress')}>
        <p className="bl-para">{t('bl.doc.completedTasks', { count: progress.completed_tasks.length })}</p>
        {progress.completed_tasks.length > 0 && (
          <ul className="bl-progress-list">
            {progress.completed_tasks.map((task) => (
              <li key={task.task_code}>
                {taskLink(task.task_code)} {task.title}
                {task.lead_unit && <Typography.Text type="secondary">（{task.lead_unit}）</Typography.Text>}
              </li>
            ))}
          </ul>
        )}
        <p className="bl-para">{t('bl.doc.milestonesDone', { count: progress.milestones_done.length })}</p>
        {listed.length > 0 && (
          <ul className="bl-progress-list">
            {listed.map((m) => (
              <li key={`${m.task_code}-${m.milestone}-${m.done_date}`}>
                {taskLink(m.task_code)} {m.milestone}
                <Typography.Text type="secondary">
                  （{formatDate(m.done_date)}
                  {!m.on_time && ` · ${t('bl.doc.late')}`}）
                </Typography.Text>
              </li>
            ))}
            {more > 0 && <li className="bl-more">{t('bl.doc.moreMilestones', { count: more })}</li>}
          </ul>
        )}
        {progress.top_gains.length > 0 && (
          <>
            <p className="bl-para">{t('bl.doc.topGains')}</p>
            <ul className="bl-progress-list">
              {progress.top_gains.map((task) => (
                <li key={task.task_code}>
                  {taskLink(task.task_code)} {task.title}
                  <Tag color="blue" className="bl-gain">
                    {task.progress_before}% → {task.progress_after}%
                  </Tag>
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>

      <footer className="bl-signature">
        <div>{content.issuing_unit}</div>
        <div>{bulletin.issued_on ? formatDate(bulletin.issued_on) : t('bl.datePending')}</div>
      </footer>
    </article>
  );
}

/** One bulletin: its facts, downloads and (office, draft) regenerate / delete / publish, then the notice itself. */
export function BulletinPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { id } = useParams();
  const valid = !!id && UUID.test(id);
  const bulletin = useBulletin(valid ? id : undefined);
  const [dialog, setDialog] = useState<'regenerate' | 'publish' | null>(null);
  const [published, setPublished] = useState<BulletinRead | null>(null);
  const back = listPath(me);

  const remove = useMutation({
    mutationFn: async () => {
      const { error, response } = await tasksApi.DELETE('/api/tasks/v1/bulletins/{bulletin_id}', { params: { path: { bulletin_id: id! } } });
      if (!response.ok) throw new ApiError(error);
    },
    onSuccess: () => {
      void message.success(t('bl.del.done'));
      queryClient.removeQueries({ queryKey: [...BULLETINS_KEY, 'detail', id] });
      void queryClient.invalidateQueries({ queryKey: [...BULLETINS_KEY, 'list'] });
      navigate(back);
    },
    onError: (error) => void message.error(errorText(error, t('bl.del.failed'))),
  });

  if (!valid) return <NotFoundPage />;
  const data = bulletin.data;
  const office = managesBulletins(me);

  return (
    <Space direction="vertical" size="middle" className="full-width bulletin-page">
      <BulletinsNav me={me} active="list" />
      <div className="page-header">
        <Space align="center" wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(back)} aria-label={t('bl.back')} />
          {data && <StatusTag status={data.status} />}
          {data && <KindTag kind={data.kind} />}
          {data?.number && <Typography.Text strong className="bl-header-number">{data.number}</Typography.Text>}
        </Space>
        {data && (
          <Space wrap className="bl-actions">
            <DownloadButtons id={data.id} />
            {office && data.status === 'draft' && (
              <>
                <Button icon={<ReloadOutlined />} onClick={() => setDialog('regenerate')}>
                  {t('bl.regen.open')}
                </Button>
                <Popconfirm
                  title={t('bl.del.title')}
                  description={t('bl.del.confirm')}
                  okText={t('bl.del.ok')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('bl.cancel')}
                  onConfirm={() => remove.mutateAsync().catch(() => undefined)}
                >
                  <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
                    {t('bl.del.open')}
                  </Button>
                </Popconfirm>
                <Button type="primary" icon={<SendOutlined />} onClick={() => setDialog('publish')}>
                  {t('bl.pub.open')}
                </Button>
              </>
            )}
          </Space>
        )}
      </div>

      <LoadError error={bulletin.error} />
      {bulletin.isPending && <Spin className="page-spin" />}
      {published && (
        <Alert
          type="success"
          showIcon
          closable
          className="bl-published"
          message={t('bl.pub.result', { number: published.number ?? '', date: formatDate(published.issued_on), delivered: published.delivered })}
          onClose={() => setPublished(null)}
        />
      )}
      {data && (
        <>
          <Card size="small" className="bl-facts">
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
              <Descriptions.Item label={t('bl.col.period')}>
                {periodLabel(data.period, t)}（{formatDate(data.period_start)} — {formatDate(data.period_end)}）
              </Descriptions.Item>
              <Descriptions.Item label={t('bl.asOf')}>{formatDate(data.as_of)}</Descriptions.Item>
              <Descriptions.Item label={t('bl.col.number')}>{data.number ?? t('bl.numberPending')}</Descriptions.Item>
              <Descriptions.Item label={t('bl.col.issuedOn')}>{formatDate(data.issued_on)}</Descriptions.Item>
              <Descriptions.Item label={t('bl.generated')}>
                {formatTime(data.content.generated_at)} · {data.created_by}
              </Descriptions.Item>
              <Descriptions.Item label={t('bl.col.delivery')}>
                <span className="bl-delivery" data-delivered={data.delivered} data-read={data.read}>
                  {data.status === 'published' ? t('bl.delivery', { delivered: data.delivered, read: data.read }) : t('bl.notDelivered')}
                </span>
              </Descriptions.Item>
            </Descriptions>
            {data.status === 'draft' && <Alert type="info" showIcon message={t(office ? 'bl.draftHintOffice' : 'bl.draftHint')} />}
          </Card>
          <BulletinDocument bulletin={data} />
          {dialog === 'regenerate' && <RegenerateModal bulletin={data} onClose={() => setDialog(null)} />}
          {dialog === 'publish' && <PublishModal bulletin={data} onClose={() => setDialog(null)} onPublished={setPublished} />}
        </>
      )}
    </Space>
  );
}
