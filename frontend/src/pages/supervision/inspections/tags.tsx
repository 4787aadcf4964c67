import { Tag } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import type { InspectionKind, RectificationRead, Severity } from './types';

const KIND_COLORS: Record<InspectionKind, string> = { on_site: 'blue', spot_check: 'purple' };

/** 实地督察 / 四不两直. */
export function KindTag({ kind }: { kind: InspectionKind }) {
  const { t } = useI18n();
  return (
    <Tag color={KIND_COLORS[kind]} className="insp-kind" data-kind={kind}>
      {t(`insp.kind.${kind}`)}
    </Tag>
  );
}

const SEVERITY_COLORS: Record<Severity, string> = { general: 'default', serious: 'orange', critical: 'red' };

export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useI18n();
  return (
    <Tag color={SEVERITY_COLORS[severity]} className="insp-severity" data-severity={severity}>
      {t(`insp.severity.${severity}`)}
    </Tag>
  );
}

/** 整改中 / 退回重改 / 待核验 / 已核验: a returned rectification is open again, shown as such. */
export function RectStatusTag({ rectification }: { rectification: Pick<RectificationRead, 'status' | 'returned_count'> }) {
  const { t } = useI18n();
  const { status, returned_count } = rectification;
  if (status === 'open' && returned_count > 0) {
    return (
      <Tag color="error" className="rect-status" data-status="returned">
        {t('rect.status.returned')}
      </Tag>
    );
  }
  const color = status === 'verified' ? 'success' : status === 'submitted' ? 'processing' : 'default';
  return (
    <Tag color={color} className="rect-status" data-status={status}>
      {t(`rect.status.${status}`)}
    </Tag>
  );
}
