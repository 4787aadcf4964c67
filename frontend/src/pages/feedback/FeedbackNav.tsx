import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Tabs } from 'antd';
import type { Me } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { seesClusters } from './clusters/permissions';
import { seesRatings } from './ratings/permissions';

export const FEEDBACK_SECTIONS = ['cases', 'clusters', 'repeats', 'league', 'ratings'] as const;

export type FeedbackSection = (typeof FEEDBACK_SECTIONS)[number];

export const FEEDBACK_SECTION_PATHS: Record<FeedbackSection, string> = {
  cases: '/feedback',
  clusters: '/feedback/clusters',
  repeats: '/feedback/repeats',
  league: '/feedback/league',
  ratings: '/feedback/ratings',
};

/** The sections a role opens (the API refuses the others: clusters are for the office, leaders and groups). */
export function sectionsFor(me: Me): FeedbackSection[] {
  return FEEDBACK_SECTIONS.filter((section) => (section === 'clusters' ? seesClusters(me) : section === 'ratings' ? seesRatings(me) : true));
}

const sectionOf = (path: string): FeedbackSection =>
  FEEDBACK_SECTIONS.find((section) => section !== 'cases' && path.startsWith(FEEDBACK_SECTION_PATHS[section])) ?? 'cases';

/** The area's sections as tabs above each list page: 诉求办理 · 举一反三 · 重复诉求 · 晾晒 · 营商环境我来评. */
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
      items={sectionsFor(me).map((key) => ({ key, label: t(`fb2.section.${key}`) }))}
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
