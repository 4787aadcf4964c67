import type { ReactNode } from 'react';
import { Tabs } from 'antd';
import type { Me } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useUrlState } from '../../indicators/hooks';
import { reviewsData } from '../../indicators/permissions';
import { EntryForm } from './EntryForm';
import { IndicatorsNav } from './IndicatorsNav';
import { ObservationImport } from './ObservationImport';
import { EntryRecords, ReviewQueue } from './ReviewQueue';

type DataTab = 'queue' | 'entry' | 'import' | 'records';

/**
 * 数据录入与审核: entry and import for the roles that enter values, the approval queue for the office,
 * and the record of entries (a lead unit sees returned values and the office's comments there).
 */
export function DataPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const { params, update } = useUrlState();
  const office = reviewsData(me);
  const tabs: DataTab[] = office ? ['queue', 'entry', 'import', 'records'] : ['entry', 'import', 'records'];
  const tab = tabs.find((key) => key === params.get('tab')) ?? tabs[0];
  const panes: Record<DataTab, ReactNode> = {
    queue: <ReviewQueue />,
    entry: <EntryForm me={me} />,
    import: <ObservationImport />,
    records: <EntryRecords />,
  };
  return (
    <div className="indicators-page data-page">
      <IndicatorsNav me={me} active="data" />
      <Tabs
        type="card"
        activeKey={tab}
        onChange={(key) => update({ tab: key, page: undefined, status: undefined })}
        items={tabs.map((key) => ({ key, label: t(`data.tab.${key}`), children: panes[key] }))}
      />
    </div>
  );
}
