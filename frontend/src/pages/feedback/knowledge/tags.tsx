import { Tag } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import type { EntryKind, EntryStatus } from './hooks';

const STATUS_COLORS: Record<EntryStatus, string> = { draft: 'gold', published: 'green', archived: 'default' };

export function EntryStatusTag({ status }: { status: EntryStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} className="kb-status" data-status={status}>
      {t(`kb.status.${status}`)}
    </Tag>
  );
}

export function EntryKindTag({ kind }: { kind: EntryKind }) {
  const { t } = useI18n();
  return <Tag bordered={false}>{t(`kb.kind.${kind}`)}</Tag>;
}

/** The text with every matched search word marked, longest first so 申领发票 wins over 发票. */
export function Highlight({ text, words }: { text: string; words: readonly string[] }) {
  const found = [...new Set(words.filter(Boolean))].sort((a, b) => b.length - a.length);
  if (!found.length) return <>{text}</>;
  const escaped = found.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = text.split(new RegExp(`(${escaped.join('|')})`, 'gi'));
  return (
    <>
      {parts.map((part, i) => (i % 2 === 1 ? <mark key={i} className="kb-mark">{part}</mark> : part))}
    </>
  );
}
