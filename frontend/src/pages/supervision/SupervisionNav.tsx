import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Tabs, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

export const SUPERVISION_SECTIONS = ['actions', 'battleMap', 'inspections', 'evaluations', 'pilots', 'practices'] as const;

export type SupervisionSection = (typeof SUPERVISION_SECTIONS)[number];

export const SECTION_PATHS: Record<SupervisionSection, string> = {
  actions: '/supervision/actions',
  battleMap: '/supervision/battle-map',
  inspections: '/supervision/inspections',
  evaluations: '/supervision/evaluations',
  pilots: '/supervision/pilots',
  practices: '/supervision/practices',
};

/** The area's title and its sections; every staff role sees them all, the API decides what each may change. */
export function SupervisionNav({ active, extra }: { active: SupervisionSection; extra?: ReactNode }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div className="supervision-nav">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          {t('menu.supervision')}
        </Typography.Title>
        {extra}
      </div>
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(SECTION_PATHS[key as SupervisionSection])}
        items={SUPERVISION_SECTIONS.map((key) => ({ key, label: t(`sup.section.${key}`) }))}
      />
    </div>
  );
}
