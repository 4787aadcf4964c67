import { Result } from 'antd';
import { ToolOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider';
import type { Area } from '../nav/menu';

type PlannedArea = Exclude<Area, 'admin' | 'tasks' | 'supervision' | 'workbench' | 'indicators'>;

/** Honest placeholder for an area whose module is not built yet: names what will come, shows no data. */
export function ComingSoonPage({ area }: { area: PlannedArea }) {
  const { t } = useI18n();
  return (
    <Result
      icon={<ToolOutlined />}
      title={t('soon.title', { area: t(`menu.${area}`) })}
      subTitle={t(`soon.${area}`)}
    />
  );
}
