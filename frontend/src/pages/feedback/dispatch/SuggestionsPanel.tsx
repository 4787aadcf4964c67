import { Alert, Button, Progress, Skeleton, Space, Tag, Typography } from 'antd';
import { BulbOutlined, CheckOutlined } from '@ant-design/icons';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatDate } from '../../../tasks/hooks';
import type { SimilarCase, Suggestions } from './hooks';
import './dispatch.css';

type T = ReturnType<typeof useI18n>['t'];

const percent = (confidence: number) => Math.round(confidence * 100);

/** A candidate with its ranking score as a bar; a unit candidate is a button that fills the main unit. */
function Candidate({ label, confidence, onPick }: { label: string; confidence: number; onPick?: () => void }) {
  return (
    <div className="dispatch-candidate">
      {onPick ? (
        <Button type="link" size="small" className="dispatch-candidate-name" onClick={onPick}>
          {label}
        </Button>
      ) : (
        <span className="dispatch-candidate-name">{label}</span>
      )}
      {/* A score, not a task: no "done" tick at 100 %. */}
      <Progress
        percent={percent(confidence)}
        status="normal"
        format={(value) => `${value}%`}
        size="small"
        className="dispatch-bar"
        aria-label={`${label} ${percent(confidence)}%`}
      />
    </div>
  );
}

function outcome(c: SimilarCase, t: T): string[] {
  if (c.closed_once) return [t('dispatch.closedOnce')];
  return [
    ...(c.returned ? [t('dispatch.returned', { n: c.returned })] : []),
    ...(c.reopened ? [t('dispatch.reopened', { n: c.reopened })] : []),
  ];
}

function SimilarCaseItem({ c, t }: { c: SimilarCase; t: T }) {
  const satisfaction = c.satisfaction as 'satisfied' | 'basically_satisfied' | 'dissatisfied' | null;
  return (
    <li className="dispatch-similar" data-similar={c.case_no}>
      <div>
        <a href={`/feedback/cases/${c.case_no}`} target="_blank" rel="noreferrer noopener">
          {c.case_no}
        </a>{' '}
        <Typography.Text strong>{c.title}</Typography.Text>
      </div>
      <Typography.Text type="secondary" className="dispatch-small">
        {[c.category.path, c.unit?.name, t('dispatch.similarity', { value: `${percent(c.similarity)}%` })].filter(Boolean).join(' · ')}
      </Typography.Text>
      <Typography.Paragraph className="dispatch-reply" ellipsis={{ rows: 2, expandable: true }}>
        {c.reply || t('dispatch.noReply')}
      </Typography.Paragraph>
      <Space size={4} wrap>
        {outcome(c, t).map((text) => (
          <Tag key={text} color={c.closed_once ? 'green' : 'orange'}>
            {text}
          </Tag>
        ))}
        {satisfaction && <Tag>{t(`fb.satisfaction.${satisfaction}`)}</Tag>}
      </Space>
    </li>
  );
}

/**
 * 分派建议 beside the assign form: category, main unit and co-units with their scores, the words and similar
 * closed cases behind them, earlier decisions. A person always decides: the panel only fills the form.
 */
export function SuggestionsPanel({
  query,
  accepted,
  categoryName,
  onAccept,
  onPickUnit,
}: {
  query: { data?: Suggestions; isPending: boolean; error: unknown };
  accepted: boolean;
  categoryName: (code: string | null) => string;
  onAccept: (s: Suggestions) => void;
  onPickUnit: (unitId: string) => void;
}) {
  const { t } = useI18n();
  const s = query.data;
  return (
    <section className="dispatch-panel" aria-label={t('dispatch.panel.title')}>
      <Typography.Title level={5} className="dispatch-heading">
        <BulbOutlined /> {t('dispatch.panel.title')}
        {s && (
          <Tag className="dispatch-mode" color={s.mode === 'model' ? 'blue' : 'default'}>
            {s.mode === 'model' ? t('dispatch.mode.model', { version: s.model_version ?? '' }) : t('dispatch.mode.rules')}
          </Tag>
        )}
      </Typography.Title>
      {query.isPending && (
        <>
          <Typography.Text type="secondary">{t('dispatch.panel.loading')}</Typography.Text>
          <Skeleton active paragraph={{ rows: 4 }} />
        </>
      )}
      {query.error != null && <ProblemAlert error={query.error} title={t('dispatch.panel.failed')} />}
      {s && (
        <>
          {s.note && <Alert type="info" showIcon message={s.note} className="dispatch-note" />}
          <Space wrap className="dispatch-accept">
            <Button
              type="primary"
              icon={<CheckOutlined />}
              disabled={!s.units.length && !s.categories.length}
              onClick={() => onAccept(s)}
            >
              {t('dispatch.accept')}
            </Button>
            {accepted && <Tag color="green">{t('dispatch.accepted')}</Tag>}
          </Space>
          <Typography.Paragraph type="secondary" className="dispatch-small">
            {t('dispatch.acceptHint')} {t('dispatch.confidenceHint')}
          </Typography.Paragraph>

          <div className="dispatch-block">
            <Typography.Text strong>{t('dispatch.categories')}</Typography.Text>
            {s.categories.length ? (
              s.categories.map((c) => <Candidate key={c.category.code} label={c.category.path} confidence={c.confidence} />)
            ) : (
              <div className="dispatch-small">{t('dispatch.none')}</div>
            )}
            {s.explanation.category_terms.length > 0 && (
              <div className="dispatch-small dispatch-terms">{t('dispatch.because', { terms: s.explanation.category_terms.join('、') })}</div>
            )}
          </div>

          <div className="dispatch-block">
            <Typography.Text strong>{t('dispatch.units')}</Typography.Text>{' '}
            <Typography.Text type="secondary" className="dispatch-small">
              {t('dispatch.unitPick')}
            </Typography.Text>
            {s.units.length ? (
              s.units.map((u) => <Candidate key={u.unit.id} label={u.unit.name} confidence={u.confidence} onPick={() => onPickUnit(u.unit.id)} />)
            ) : (
              <div className="dispatch-small">{t('dispatch.none')}</div>
            )}
            {s.explanation.unit_terms.length > 0 && s.explanation.unit_terms.join() !== s.explanation.category_terms.join() && (
              <div className="dispatch-small dispatch-terms">{t('dispatch.because', { terms: s.explanation.unit_terms.join('、') })}</div>
            )}
          </div>

          <div className="dispatch-block">
            <Typography.Text strong>{t('dispatch.coUnits')}</Typography.Text>
            {s.co_units.length ? (
              s.co_units.map((u) => <Candidate key={u.unit.id} label={u.unit.name} confidence={u.confidence} />)
            ) : (
              <div className="dispatch-small">{t('dispatch.none')}</div>
            )}
          </div>

          <div className="dispatch-block">
            <Typography.Text strong>{t('dispatch.similar')}</Typography.Text>
            {s.similar_cases.length ? (
              <ol className="dispatch-similar-list">
                {s.similar_cases.map((c) => (
                  <SimilarCaseItem key={c.case_no} c={c} t={t} />
                ))}
              </ol>
            ) : (
              <div className="dispatch-small">{t('dispatch.similarNone')}</div>
            )}
          </div>

          {s.decisions.length > 0 && (
            <div className="dispatch-block">
              <Typography.Text strong>{t('dispatch.decisions')}</Typography.Text>
              <ul className="dispatch-decisions">
                {s.decisions.map((d) => (
                  <li key={d.decided_at}>
                    {t('dispatch.decision', {
                      date: formatDate(d.decided_at),
                      by: d.decided_by,
                      suggested: d.suggested_unit
                        ? `${d.suggested_unit.name}（${categoryName(d.suggested_category)}）`
                        : t('dispatch.decision.noSuggestion'),
                      chosen: `${d.chosen_unit.name}（${categoryName(d.chosen_category)}）`,
                    })}{' '}
                    <Tag color={d.accepted ? 'green' : 'orange'}>{t(d.accepted ? 'dispatch.decision.accepted' : 'dispatch.decision.changed')}</Tag>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
