import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Tabs } from 'antd';
import type { Me } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { seesClusters } from './clusters/permissions';
import { readsKnowledge } from './knowledge/permissions';
import { seesDispatchQuality } from './quality/permissions';
import { seesRatings } from './ratings/permissions';

export const FEEDBACK_SECTIONS = ['cases', 'clusters', 'repeats', 'league', 'ratings', 'knowledge', 'quality'] as const;

export type FeedbackSection = (typeof FEEDBACK_SECTIONS)[number];

export const FEEDBACK_SECTION_PATHS: Record<FeedbackSection, string> = {
  cases: '/feedback',
  clusters: '/feedback/clusters',
  repeats: '/feedback/repeats',
  league: '/feedback/league',
  ratings: '/feedback/ratings',
  knowledge: '/feedback/knowledge',
  quality: '/feedback/dispatch-quality',
};

const SECTION_LABELS: Record<FeedbackSection, MessageKey> = {
  cases: 'fb2.section.cases',
  clusters: 'fb2.section.clusters',
  repeats: 'fb2.section.repeats',
  league: 'fb2.section.league',
  ratings: 'fb2.section.ratings',
  knowledge: 'kb.section',
  quality: 'dq.section',
};

// Who opens a section, as the API answers (clusters: office, leaders and groups; quality: office and leaders).
const SECTION_READERS: Partial<Record<FeedbackSection, (me: Me) => boolean>> = {
  clusters: seesClusters,
  ratings: seesRatings,
  knowledge: readsKnowledge,
  quality: seesDispatchQuality,
};

/** The sections a role opens (the API refuses the others). */
export function sectionsFor(me: Me): FeedbackSection[] {
  return FEEDBACK_SECTIONS.filter((section) => SECTION_READERS[section]?.(me) ?? true);
}

const sectionOf = (path: string): FeedbackSection =>
  FEEDBACK_SECTIONS.find((section) => section !== 'cases' && path.startsWith(FEEDBACK_SECTION_PATHS[section])) ?? 'cases';

/** The area's sections as tabs above each list page: 诉求办理 · 举一反三 · 重复诉求 · 晾晒 · 营商环境我来评 · 知识库 · 分派质量. */
export function FeedbackNav({ me }: { me: Me }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <Tabs
      className="fb2-nav"
      size="small"
      activeKey={sectionOf(pathname)}
      onChange={(key) => navigate(FEEDBACK_SECTION_PATHS[key as FeedbackSection])}
      items={sectionsFor(me).map((key) => ({ key, label: t(SECTION_LABELS[key]) }))}
    />
  );
}

/** Layout route: the section tabs, then the section's page. */
export function FeedbackSections({ me }: { me: Me }) {
  return (
    <>
      <FeedbackNav me={me} />
      <Outlet />
    </>
  );
}
