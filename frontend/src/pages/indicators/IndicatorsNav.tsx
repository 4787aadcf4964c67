import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Tabs, Typography } from 'antd';
import type { Me } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { entersData } from '../../indicators/permissions';

export type IndicatorsSection = 'overview' | 'provincial' | 'data';

const PATHS: Record<IndicatorsSection, string> = {
  overview: '/indicators',
  provincial: '/indicators/provincial',
  data: '/indicators/data',
};

/** The area's title and its sections: framework overview, provincial league table, data entry (entering roles). */
export function IndicatorsNav({ me, active, extra }: { me: Me; active: IndicatorsSection; extra?: ReactNode }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const sections: IndicatorsSection[] = entersData(me) ? ['overview', 'provincial', 'data'] : ['overview', 'provincial'];
  return (
    <div className="indicators-nav">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          {t('menu.indicators')}
        </Typography.Title>
        {extra}
      </div>
      <Tabs
        className="indicators-sections"
        activeKey={active}
        onChange={(key) => navigate(PATHS[key as IndicatorsSection])}
        items={sections.map((key) => ({ key, label: t(`ind.section.${key}`) }))}
      />
    </div>
  );
}
