import { Button, Result } from 'antd';
import { ApiOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider';

/** Landing page for accounts without any UI area (the 12345 hotline integration account). */
export function NoUiPage({ hotline }: { hotline: boolean }) {
  const { t } = useI18n();
  return hotline ? (
    <Result icon={<ApiOutlined />} title={t('noUi.hotlineTitle')} subTitle={t('noUi.hotlineText')} />
  ) : (
    <Result status="info" title={t('noUi.title')} subTitle={t('noUi.text')} />
  );
}

export function ForbiddenPage() {
  const { t } = useI18n();
  return <Result status="403" title="403" subTitle={t('error.forbidden')} extra={<HomeButton />} />;
}

export function NotFoundPage() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('error.notFound')} extra={<HomeButton />} />;
}

function HomeButton() {
  const { t } = useI18n();
  return (
    <Link to="/">
      <Button type="primary">{t('error.backHome')}</Button>
    </Link>
  );
}
