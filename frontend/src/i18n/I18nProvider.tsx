import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { App as AntdApp, ConfigProvider } from 'antd';
// Vite 8 trap: 'antd/locale/zh_CN' silently leaves antd in English; the es build works.
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useReducedMotion } from '../layout/reducedMotion';
import { messages, type MessageKey } from './messages';

export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'reform.lang';
const ANTD_LOCALE = { zh: zhCN, en: enUS };
const DAYJS_LOCALE = { zh: 'zh-cn', en: 'en' };
const HTML_LANG = { zh: 'zh-CN', en: 'en' };
// The system's reduced-motion setting turns antd's animations off (src/layout/reducedMotion.ts).
const NO_MOTION = { token: { motion: false } };

type Vars = Record<string, string | number>;

/** Message-key prefixes under which API codes have labels. */
export type LabelGroup =
  | 'role'
  | 'kind'
  | 'env'
  | 'category'
  | 'status'
  | 'warning'
  | 'benchmark'
  | 'milestone'
  | 'reportStatus'
  | 'adjustment'
  | 'importAction'
  | 'planStatus'
  | 'lifecycle'
  | 'source'
  | 'action'
  | 'field'
  | 'framework'
  | 'class'
  | 'trend'
  | 'indKind'
  | 'regionSet'
  | 'obsStatus'
  | 'method'
  | 'flag'
  | 'layout';

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  /** Label for a code from the API (role, unit kind, task status…); unknown codes are shown as they are. */
  label: (group: LabelGroup, code: string) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

function storedLang(): Lang {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

// dayjs and <html lang> are global: set them before the render that uses the new language,
// not in an effect, or dates of that render would still be formatted in the old locale.
function applyGlobals(lang: Lang): Lang {
  dayjs.locale(DAYJS_LOCALE[lang]);
  document.documentElement.lang = HTML_LANG[lang];
  return lang;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => applyGlobals(storedLang()));
  const reducedMotion = useReducedMotion();

  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(applyGlobals(next));
  }, []);

  const value = useMemo<I18nValue>(() => {
    const dict: Record<string, string> = messages[lang];
    return {
      lang,
      setLang,
      t: (key, vars) => format(dict[key], vars),
      label: (group, code) => dict[`${group}.${code}`] ?? code,
    };
  }, [lang, setLang]);

  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={ANTD_LOCALE[lang]} theme={reducedMotion ? NO_MOTION : undefined}>
        {/* antd's App gives message/modal hooks that follow the locale (static calls would not). */}
        <AntdApp>{children}</AntdApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
