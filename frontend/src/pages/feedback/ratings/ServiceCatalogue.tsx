import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Form, Input, InputNumber, Popconfirm, Space, Table, Tag, TreeSelect, Select, Typography, type TableProps } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { feedbackApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import type { Me, UnitRead } from '../../../api/types';
import { LoadError, ProblemAlert } from '../../../components/ProblemAlert';
import { categoryTree, useCategories } from '../../../feedback/hooks';
import type { CategoryNode } from '../../../feedback/types';
import { useI18n } from '../../../i18n/I18nProvider';
import { isReadOnly } from '../../../nav/menu';
import { filterUnitOption, useUnits } from '../../../tasks/hooks';
import { FormModal } from '../clusters/FormModal';
import { RATINGS_KEY, SERVICES_KEY, useRatedServices, type RatedService } from './hooks';
import { managesServices } from './permissions';

/** feedback-api's service code rule (`ratings/schemas.py` CODE_PATTERN). */
export const SERVICE_CODE = /^[a-z][a-z0-9_]{1,39}$/;
const HANDLING_KINDS = new Set(['department', 'district', 'court_other', 'reform_office']);

/** Units that may handle the cases of a service, by their directory code (what the catalogue stores). */
export const handlingUnitOptions = (units: UnitRead[] | undefined) =>
  (units ?? [])
    .filter((unit) => HANDLING_KINDS.has(unit.kind) && unit.is_active)
    .map((unit) => ({ value: unit.code, label: unit.short_name || unit.name, search: `${unit.name} ${unit.short_name} ${unit.code}` }));

function categoryNames(nodes: CategoryNode[] | undefined, out = new Map<string, string>()) {
  for (const node of nodes ?? []) {
    out.set(node.code, node.name);
    categoryNames(node.children, out);
  }
  return out;
}

interface ServiceValues {
  code: string;
  name: string;
  unit_code: string;
  category_code: string;
  description?: string;
  position?: number;
}

function ServiceModal({ service, onClose }: { service: RatedService | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const units = useUnits();
  const categories = useCategories();
  return (
    <FormModal<ServiceValues>
      title={service ? t('fb2.service.edit', { name: service.name }) : t('fb2.service.add')}
      okText={t('fb2.save')}
      initialValues={
        service
          ? {
              code: service.code,
              name: service.name,
              unit_code: service.unit_code,
              category_code: service.category_code,
              description: service.description ?? undefined,
              position: service.position,
            }
          : { position: 0 }
      }
      onClose={onClose}
      onSubmit={async (values) => {
        const common = {
          name: values.name.trim(),
          unit_code: values.unit_code,
          category_code: values.category_code,
          description: values.description?.trim() || null,
          position: values.position ?? 0,
        };
        const saved = service
          ? unwrap(await feedbackApi.PATCH('/api/feedback/v1/ratings/services/{code}', { params: { path: { code: service.code } }, body: common }))
          : unwrap(await feedbackApi.POST('/api/feedback/v1/ratings/services', { body: { ...common, code: values.code.trim() } }));
        void queryClient.invalidateQueries({ queryKey: RATINGS_KEY });
        void message.success(t('fb2.service.saved', { name: saved.name }));
      }}
    >
      <Form.Item
        name="code"
        label={t('fb2.service.code')}
        extra={service ? undefined : t('fb2.service.codeHint')}
        rules={[
          { required: true, message: t('fb2.service.codeRequired') },
          { pattern: SERVICE_CODE, message: t('fb2.service.codeInvalid') },
        ]}
      >
        <Input maxLength={40} disabled={!!service} className="fb2-mono" autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('fb2.service.name')}
        rules={[
          { required: true, whitespace: true, message: t('fb2.service.nameRequired') },
          { min: 2, max: 100, message: t('fb2.service.nameRequired') },
        ]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="unit_code" label={t('fb2.service.unit')} rules={[{ required: true, message: t('fb2.service.unitRequired') }]}>
        <Select
          showSearch
          aria-label={t('fb2.service.unit')}
          options={handlingUnitOptions(units.data)}
          filterOption={filterUnitOption}
          loading={units.isPending}
        />
      </Form.Item>
      <Form.Item
        name="category_code"
        label={t('fb2.service.category')}
        extra={t('fb2.service.categoryHint')}
        rules={[{ required: true, message: t('fb2.service.categoryRequired') }]}
      >
        <TreeSelect
          aria-label={t('fb2.service.category')}
          treeData={categoryTree(categories.data, true)}
          loading={categories.isPending}
          showSearch
          treeNodeFilterProp="title"
        />
      </Form.Item>
      <Form.Item name="description" label={t('fb2.service.description')} rules={[{ max: 300, message: t('fb2.tooLong', { max: 300 }) }]}>
        <Input.TextArea rows={2} maxLength={300} />
      </Form.Item>
      <Form.Item name="position" label={t('fb2.service.position')} extra={t('fb2.service.positionHint')}>
        <InputNumber min={0} max={10000} precision={0} aria-label={t('fb2.service.position')} />
      </Form.Item>
      {(units.error || categories.error) && <ProblemAlert error={units.error ?? categories.error} />}
    </FormModal>
  );
}

/** 事项清单: the services enterprises rate; the reform office adds, edits and (de)activates them — never deletes. */
export function ServiceCatalogue({ me }: { me: Me }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const services = useRatedServices();
  const categories = useCategories();
  const names = categoryNames(categories.data);
  const manages = managesServices(me) && !isReadOnly(me.roles);
  const [editing, setEditing] = useState<RatedService | 'new' | null>(null);
  const toggle = useMutation({
    mutationFn: async (service: RatedService) =>
      unwrap(
        await feedbackApi.PATCH('/api/feedback/v1/ratings/services/{code}', {
          params: { path: { code: service.code } },
          body: { active: !service.active },
        }),
      ),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: SERVICES_KEY });
      void queryClient.invalidateQueries({ queryKey: RATINGS_KEY });
      void message.success(t(saved.active ? 'fb2.service.activated' : 'fb2.service.deactivated', { name: saved.name }));
    },
  });
  const columns: TableProps<RatedService>['columns'] = [
    {
      key: 'name',
      title: t('fb2.service.name'),
      className: 'fb2-title-cell',
      render: (_, s) => (
        <>
          <Space wrap size={[6, 2]}>
            <span>{s.name}</span>
            {!s.active && <Tag>{t('fb2.service.inactive')}</Tag>}
          </Space>
          {s.description && (
            <div>
              <Typography.Text type="secondary">{s.description}</Typography.Text>
            </div>
          )}
        </>
      ),
    },
    { key: 'code', title: t('fb2.service.code'), className: 'nowrap fb2-mono', render: (_, s) => s.code },
    { key: 'unit', title: t('fb2.service.unit'), className: 'nowrap', render: (_, s) => s.unit_name },
    { key: 'category', title: t('fb2.service.category'), className: 'nowrap', render: (_, s) => names.get(s.category_code) ?? s.category_code },
    { key: 'position', title: t('fb2.service.position'), align: 'right', render: (_, s) => s.position },
    ...(manages
      ? [
          {
            key: 'actions',
            title: '',
            render: (_: unknown, s: RatedService) => (
              <Space size={4}>
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(s)}>
                  {t('fb2.service.editShort')}
                </Button>
                <Popconfirm
                  title={t(s.active ? 'fb2.service.deactivateConfirm' : 'fb2.service.activateConfirm', { name: s.name })}
                  description={s.active ? t('fb2.service.deactivateHint') : undefined}
                  okText={t('fb2.confirmOk')}
                  cancelText={t('fb2.cancel')}
                  okButtonProps={{ danger: s.active }}
                  onConfirm={() => toggle.mutateAsync(s).catch(() => undefined)}
                >
                  <Button size="small" danger={s.active} loading={toggle.isPending && toggle.variables?.code === s.code}>
                    {t(s.active ? 'fb2.service.deactivate' : 'fb2.service.activate')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <Space direction="vertical" className="full-width fb2-catalogue">
      <Space wrap className="fb2-catalogue-bar">
        <Typography.Text type="secondary">
          {t('fb2.service.count', { total: services.data?.length ?? 0, active: services.data?.filter((s) => s.active).length ?? 0 })}
        </Typography.Text>
        {manages && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('fb2.service.add')}
          </Button>
        )}
      </Space>
      <LoadError error={services.error} />
      {toggle.error && <ProblemAlert error={toggle.error} title={t('fb2.actionFailed')} />}
      <Table<RatedService>
        rowKey="code"
        size="small"
        className="fb2-table"
        scroll={{ x: 'max-content' }}
        loading={services.isFetching}
        columns={columns}
        dataSource={services.data}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fb2.service.empty')} /> }}
        rowClassName={(s) => (s.active ? '' : 'fb2-inactive')}
      />
      {editing && <ServiceModal service={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}
