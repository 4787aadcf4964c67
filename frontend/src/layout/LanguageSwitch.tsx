import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Button type="text" icon={<GlobalOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
      {t('app.switchLanguage')}
    </Button>
  );
}
