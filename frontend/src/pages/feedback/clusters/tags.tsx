import { Tag } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import type { ClusterStatus } from './permissions';

const COLORS: Record<ClusterStatus, string> = { suggested: 'gold', confirmed: 'blue', dismissed: 'default', merged: 'purple' };

/** 系统建议 / 已确认 / 已驳回 / 已合并. */
export function ClusterStatusTag({ status }: { status: ClusterStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={COLORS[status]} data-cluster-status={status}>
      {t(`fb2.cluster.status.${status}`)}
    </Tag>
  );
}
