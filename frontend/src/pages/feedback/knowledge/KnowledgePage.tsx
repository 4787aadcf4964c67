import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Empty, Input, List, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Me } from '../../../api/types';
import { LoadError } from '../../../components/ProblemAlert';
import { categoryTree, useCategories } from '../../../feedback/hooks';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatTime } from '../../../tasks/hooks';
import { EntryEditor } from './EntryEditor';
import { ENTRY_KINDS, ENTRY_STATUSES, entryPath, KNOWLEDGE_PAGE_SIZE, LIMITS, useKnowledgeFilters, useKnowledgeList, type EntryHit } from './hooks';
import { curatesKnowledge, seesAllEntries } from './permissions';
import { EntryKindTag, EntryStatusTag, Highlight } from './tags';
import './knowledge.css';

const EXCERPT = 120;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text);

/** 知识库: the reform office's Q&A entries, searched in Chinese; the office curates, every staff role reads. */
export function KnowledgePage({ me }: { me: Me }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { filters, update, clear, filtered } = useKnowledgeFilters();
  const list = useKnowledgeList(filters);
  const categories = useCategories();
  const [text, setText] = useState(filters.q ?? '');
  const [creating, setCreating] = useState(false);
  const curates = curatesKnowledge(me);
  const searching = !!filters.q;

  const renderHit = ({ entry, score, matched }: EntryHit) => (
    <List.Item key={entry.id} className="kb-hit" data-entry={entry.id}>
      <div className="kb-hit-body">
        <Space wrap size={[6, 4]}>
          <Link to={entryPath(entry.id)} className="kb-hit-title">
            <Highlight text={entry.title} words={matched} />
          </Link>
          {seesAllEntries(me) && <EntryStatusTag status={entry.status} />}
          <EntryKindTag kind={entry.kind} />
        </Space>
        <Typography.Paragraph type="secondary" className="kb-excerpt">
          <Highlight text={excerpt(entry.answer)} words={matched} />
        </Typography.Paragraph>
        <Space wrap size={[12, 4]} className="kb-hit-meta">
          {entry.category && <span>{entry.category.path}</span>}
          <span>{t('kb.updated', { time: formatTime(entry.updated_at), by: entry.updated_by })}</span>
          {score !== null && (
            <span className="kb-score" data-score={score}>
              {t('kb.score', { score: score.toFixed(2) })}
            </span>
          )}
        </Space>
        {matched.length > 0 && (
          <Space wrap size={[4, 4]} className="kb-matched">
            <Typography.Text type="secondary">{t('kb.matched')}</Typography.Text>
            {matched.map((word) => (
              <Tag key={word} color="blue" bordered={false}>
                {word}
              </Tag>
            ))}
          </Space>
        )}
      </div>
    </List.Item>
  );

  return (
    <Space direction="vertical" size="middle" className="full-width fb2-page kb-page">
      <div className="page-header">
        <div>
          <Typography.Title level={4} className="page-title">
            {t('kb.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t(curates ? 'kb.subtitleOffice' : 'kb.subtitle')}</Typography.Text>
        </div>
        {curates && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('kb.new')}
          </Button>
        )}
      </div>

      <Input.Search
        allowClear
        enterButton={t('kb.searchButton')}
        className="kb-search"
        value={text}
        maxLength={LIMITS.query}
        onChange={(event) => setText(event.target.value)}
        onSearch={(value) => update({ q: value.trim() || undefined })}
        placeholder={t('kb.searchPlaceholder')}
        aria-label={t('kb.search')}
      />

      <Space wrap className="fb2-filters">
        {seesAllEntries(me) && (
          <Select
            allowClear
            className="fb2-filter"
            aria-label={t('kb.field.status')}
            placeholder={t('kb.field.status')}
            value={filters.status}
            onChange={(status) => update({ status })}
            options={ENTRY_STATUSES.map((code) => ({ value: code, label: t(`kb.status.${code}`) }))}
          />
        )}
        <Select
          allowClear
          className="fb2-filter"
          aria-label={t('kb.field.kind')}
          placeholder={t('kb.field.kind')}
          value={filters.kind}
          onChange={(kind) => update({ kind })}
          options={ENTRY_KINDS.map((code) => ({ value: code, label: t(`kb.kind.${code}`) }))}
        />
        <TreeSelect
          allowClear
          className="fb2-filter"
          aria-label={t('kb.field.category')}
          placeholder={t('kb.field.category')}
          value={filters.category}
          onChange={(category: string | undefined) => update({ category })}
          treeData={categoryTree(categories.data)}
          loading={categories.isPending}
          showSearch
          treeNodeFilterProp="title"
          popupMatchSelectWidth={false}
        />
        {filtered && (
          <Button
            type="link"
            onClick={() => {
              setText('');
              clear();
            }}
          >
            {t('fb2.filter.reset')}
          </Button>
        )}
      </Space>
      {searching && <Typography.Text type="secondary">{t('kb.searchHint')}</Typography.Text>}

      <LoadError error={list.error} />
      <List<EntryHit>
        className="kb-list"
        loading={list.isFetching}
        dataSource={list.data?.items}
        renderItem={renderHit}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(searching ? 'kb.emptySearch' : filtered ? 'kb.emptyFiltered' : 'kb.empty')} />,
        }}
        pagination={{
          current: filters.page,
          pageSize: KNOWLEDGE_PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          size: 'small',
          showTotal: (total: number) => t('kb.total', { total }),
          onChange: (page: number) => update({ page: page > 1 ? page : undefined }, true),
        }}
      />
      {creating && <EntryEditor entry={null} onClose={() => setCreating(false)} onSaved={(saved) => navigate(entryPath(saved.id))} />}
    </Space>
  );
}
