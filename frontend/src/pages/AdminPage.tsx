import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Input, Select, Space, Table, Tabs, Tag, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { authApi } from '../api/http';
import { unwrap } from '../api/problem';
import { LoadError } from '../components/ProblemAlert';
import type { UnitKind, UnitRead, UserRead } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';

const UNIT_KINDS = ['reform_office', 'department', 'district', 'court_other', 'hotline', 'enterprise'] as const satisfies readonly UnitKind[];
const PAGE_SIZES = [10, 20, 50];

/** Server-side paging state shared by both tables; a new search or filter starts again from page 1. */
function usePaging() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [q, setQ] = useState('');
  return {
    page,
    pageSize,
    q,
    restart: () => setPage(1),
    search: (text: string) => {
      setQ(text.trim());
      setPage(1);
    },
    tableProps: (total: number | undefined) => ({
      onChange: ({ current, pageSize: size }: { current?: number; pageSize?: number }) => {
        setPage(current ?? 1);
        setPageSize(size ?? pageSize);
      },
      pagination: {
        current: page,
        pageSize,
        total: total ?? 0,
        pageSizeOptions: PAGE_SIZES,
        showSizeChanger: true,
        showTotal: (count: number) => t('admin.total', { total: count }),
      },
    }),
  };
}

function UsersTable() {
  const { t, label } = useI18n();
  const paging = usePaging();
  const { page, pageSize, q } = paging;
  const query = useQuery({
    queryKey: ['admin', 'users', page, pageSize, q],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(await authApi.GET('/api/auth/v1/users', { params: { query: { page, page_size: pageSize, q: q || undefined } } })),
  });

  const columns: TableProps<UserRead>['columns'] = [
    { title: t('admin.username'), dataIndex: 'username' },
    { title: t('admin.displayName'), dataIndex: 'display_name' },
    { title: t('admin.unit'), key: 'unit', render: (_, user) => user.unit.name },
    {
      title: t('admin.roles'),
      key: 'roles',
      render: (_, user) => user.roles.map((role) => <Tag key={role}>{label('role', role)}</Tag>),
    },
    {
      title: t('admin.active'),
      key: 'active',
      render: (_, user) =>
        user.is_active ? <Tag color="green">{t('admin.isActive')}</Tag> : <Tag>{t('admin.inactive')}</Tag>,
    },
    {
      title: t('admin.locked'),
      key: 'locked',
      render: (_, user) =>
        user.locked_until && dayjs(user.locked_until).isAfter(dayjs()) ? (
          <Tag color="red">{t('admin.lockedUntil', { time: dayjs(user.locked_until).format('YYYY-MM-DD HH:mm') })}</Tag>
        ) : (
          t('admin.notLocked')
        ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" className="full-width">
      <Input.Search allowClear placeholder={t('admin.searchUsers')} onSearch={paging.search} className="admin-search" />
      <LoadError error={query.error} />
      <Table
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        loading={query.isFetching}
        columns={columns}
        dataSource={query.data?.items}
        {...paging.tableProps(query.data?.total)}
      />
    </Space>
  );
}

function UnitsTable() {
  const { t, label } = useI18n();
  const paging = usePaging();
  const { page, pageSize, q } = paging;
  const [kind, setKind] = useState<UnitKind | undefined>();
  const query = useQuery({
    queryKey: ['admin', 'units', page, pageSize, q, kind],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await authApi.GET('/api/auth/v1/units', {
          params: { query: { page, page_size: pageSize, q: q || undefined, kind } },
        }),
      ),
  });

  const columns: TableProps<UnitRead>['columns'] = [
    { title: t('admin.unitName'), dataIndex: 'name' },
    { title: t('admin.shortName'), dataIndex: 'short_name' },
    { title: t('admin.kind'), key: 'kind', render: (_, unit) => label('kind', unit.kind) },
    { title: t('admin.code'), dataIndex: 'code' },
  ];

  return (
    <Space direction="vertical" size="middle" className="full-width">
      <Space wrap>
        <Input.Search allowClear placeholder={t('admin.searchUnits')} onSearch={paging.search} className="admin-search" />
        <Select
          allowClear
          placeholder={t('admin.allKinds')}
          value={kind}
          onChange={(value) => {
            setKind(value);
            paging.restart();
          }}
          options={UNIT_KINDS.map((code) => ({ value: code, label: label('kind', code) }))}
          className="admin-kind"
        />
      </Space>
      <LoadError error={query.error} />
      <Table
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        loading={query.isFetching}
        columns={columns}
        dataSource={query.data?.items}
        {...paging.tableProps(query.data?.total)}
      />
    </Space>
  );
}

export function AdminPage() {
  const { t } = useI18n();
  return (
    <Tabs
      items={[
        { key: 'users', label: t('admin.users'), children: <UsersTable /> },
        { key: 'units', label: t('admin.units'), children: <UnitsTable /> },
      ]}
    />
  );
}
