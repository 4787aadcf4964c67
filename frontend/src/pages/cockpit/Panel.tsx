import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Skeleton } from 'antd';
import { ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { isServiceDown, type Service } from './hooks';

export type PanelState = 'loading' | 'down' | 'error' | 'ready';

/** "查看详情 >" in a panel's corner; left out when the user's menu does not open the target. */
export function PanelLink({ to, label }: { to: string | null; label?: string }) {
  const { t } = useI18n();
  if (!to) return null;
  return (
    <Link to={to} className="ck-panel-link">
      {label ?? t('ck.more')} <RightOutlined />
    </Link>
  );
}

/**
 * One cockpit panel, fed by its own queries: a skeleton while loading; when its service is down, a warning that
 * names the service ("企业诉求服务暂不可用") with a retry button; for any other failure the API's own message.
 * A failing panel never takes the rest of the page with it.
 */
export function Panel({
  service,
  title,
  extra,
  error,
  loading,
  onRetry,
  className,
  children,
}: {
  service: Service;
  title: ReactNode;
  extra?: ReactNode;
  error: unknown;
  loading: boolean;
  onRetry: () => void;
  className?: string;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const state: PanelState = error ? (isServiceDown(error) ? 'down' : 'error') : loading ? 'loading' : 'ready';
  const retry = (
    <Button size="small" icon={<ReloadOutlined />} onClick={onRetry}>
      {t('ck.retry')}
    </Button>
  );
  return (
    <Card
      size="small"
      title={title}
      extra={state === 'ready' ? extra : undefined}
      className={`ck-panel ${className ?? ''}`}
      data-service={service}
      data-state={state}
    >
      {state === 'down' && (
        <Alert
          type="warning"
          showIcon
          className="ck-down"
          message={t('ck.down', { service: t(`ck.service.${service}`) })}
          description={t('ck.downHint')}
          action={retry}
        />
      )}
      {state === 'error' && (
        <div className="ck-error">
          <ProblemAlert error={error} title={t('error.loadFailed')} />
          {retry}
        </div>
      )}
      {state === 'loading' && <Skeleton active paragraph={{ rows: 3 }} />}
      {state === 'ready' && children}
    </Card>
  );
}
