import { useState } from 'react';
import { Button, Checkbox, Popover, Space } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/I18nProvider';

export interface ColumnChoice {
  key: string;
  title: string;
  /** Always shown (the code and the title identify the row). */
  fixed?: boolean;
}

function readStored(storageKey: string, allowed: string[]): string[] | null {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(storageKey) ?? 'null');
    if (!Array.isArray(raw)) return null;
    return raw.filter((key): key is string => typeof key === 'string' && allowed.includes(key));
  } catch {
    return null;
  }
}

/** Which optional columns are visible; the choice is kept per browser in localStorage. */
export function useColumnChoice(storageKey: string, all: string[], defaults: string[]) {
  const [visible, setVisibleState] = useState<string[]>(() => readStored(storageKey, all) ?? defaults);
  const setVisible = (keys: string[]) => {
    setVisibleState(keys);
    localStorage.setItem(storageKey, JSON.stringify(keys));
  };
  const reset = () => {
    setVisibleState(defaults);
    localStorage.removeItem(storageKey);
  };
  return { visible, setVisible, reset };
}

/** A popover of checkboxes, one per column. */
export function ColumnSettings({
  columns,
  visible,
  onChange,
  onReset,
}: {
  columns: ColumnChoice[];
  visible: string[];
  onChange: (keys: string[]) => void;
  onReset: () => void;
}) {
  const { t } = useI18n();
  const fixed = columns.filter((c) => c.fixed).map((c) => c.key);
  const content = (
    <Space direction="vertical" className="column-settings">
      <Checkbox.Group
        value={[...fixed, ...visible]}
        onChange={(keys) => onChange((keys as string[]).filter((key) => !fixed.includes(key)))}
      >
        <Space direction="vertical" size={4}>
          {columns.map((column) => (
            <Checkbox key={column.key} value={column.key} disabled={column.fixed}>
              {column.title}
            </Checkbox>
          ))}
        </Space>
      </Checkbox.Group>
      <Button size="small" type="link" onClick={onReset}>
        {t('ledger.columnsReset')}
      </Button>
    </Space>
  );
  return (
    <Popover content={content} title={t('ledger.columns')} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />}>{t('ledger.columns')}</Button>
    </Popover>
  );
}
