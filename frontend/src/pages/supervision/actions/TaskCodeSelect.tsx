import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import { useI18n } from '../../../i18n/I18nProvider';

/**
 * Task codes to link, picked from the year's ledger by code or title; a code the caller cannot see in the
 * ledger (a task the action's team leads) can still be typed in full: the API decides.
 */
export function TaskCodeSelect({
  year,
  value,
  onChange,
  exclude = [],
  id,
}: {
  year: number;
  value?: string[];
  onChange?: (value: string[]) => void;
  exclude?: string[];
  id?: string;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const tasks = useQuery({
    queryKey: ['tasks', 'list', 'picker', year, search],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(await tasksApi.GET('/api/tasks/v1/tasks', { params: { query: { year, q: search || undefined, page_size: 30, sort: 'code' } } })),
  });
  const excluded = new Set(exclude);
  const options = (tasks.data?.items ?? [])
    .filter((task) => !excluded.has(task.code))
    .map((task) => ({ value: task.code, label: `${task.code} ${task.title}` }));
  return (
    <Select
      id={id}
      mode="tags"
      value={value}
      onChange={(codes: string[]) => onChange?.(codes.map((code) => code.trim()).filter(Boolean))}
      onSearch={setText}
      searchValue={text}
      onBlur={() => setText('')}
      filterOption={false}
      loading={tasks.isFetching}
      options={options}
      tokenSeparators={[',', '，', '、']}
      placeholder={t('act.taskCodesHint')}
      optionLabelProp="value"
      className="act-task-select"
      notFoundContent={null}
    />
  );
}
