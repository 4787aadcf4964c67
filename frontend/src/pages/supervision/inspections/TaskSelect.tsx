import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import type { Environment } from '../../../api/types';
import { useI18n } from '../../../i18n/I18nProvider';

/** One task of the year's ledger, searched by code or title (a special group sees its environment's tasks). */
export function TaskSelect({
  year,
  environment,
  value,
  onChange,
  id,
}: {
  year: number;
  environment?: Environment | null;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
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
    queryKey: ['tasks', 'list', 'insp-picker', year, environment ?? null, search],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await tasksApi.GET('/api/tasks/v1/tasks', {
          params: { query: { year, environment: environment ?? undefined, q: search || undefined, page_size: 30, sort: 'code' } },
        }),
      ),
  });
  const options = (tasks.data?.items ?? []).map((task) => ({ value: task.code, label: `${task.code} ${task.title}` }));
  if (value && !options.some((option) => option.value === value)) options.unshift({ value, label: value });
  return (
    <Select
      id={id}
      showSearch
      allowClear
      value={value ?? undefined}
      onChange={(code?: string) => onChange?.(code || undefined)}
      onSearch={setText}
      filterOption={false}
      loading={tasks.isFetching}
      options={options}
      placeholder={t('insp.form.taskHint')}
      className="insp-task-select"
      popupMatchSelectWidth={false}
      notFoundContent={null}
    />
  );
}
