import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Tabs, Typography } from 'antd';
import type { Me } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { landsOnSummary } from './permissions';
import './bulletins.css';

export type BulletinsSection = 'list' | 'league' | 'summary';

const SECTIONS: BulletinsSection[] = ['list', 'league', 'summary'];

/** Where the list of bulletins is: `/bulletins`, except for leaders, whom `/bulletins` sends to their summary. */
export const listPath = (me: Me) => (landsOnSummary(me) ? '/bulletins/all' : '/bulletins');

export function sectionPath(me: Me, section: BulletinsSection): string {
  if (section === 'list') return listPath(me);
  return `/bulletins/${section}`;
}

/** The area's title and its sections: past bulletins, the live league table, the one-screen summary. */
export function BulletinsNav({ me, active, extra }: { me: Me; active: BulletinsSection; extra?: ReactNode }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div className="bulletins-nav">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          {t('menu.bulletins')}
        </Typography.Title>
        {extra}
      </div>
      <Tabs
        className="bulletins-sections"
        activeKey={active}
        // onTabClick, not onChange: from a bulletin (under 历次通报) the active tab leads back to the list.
        onTabClick={(key) => navigate(sectionPath(me, key as BulletinsSection))}
        items={SECTIONS.map((key) => ({ key, label: t(`bl.section.${key}`) }))}
      />
    </div>
  );
}
