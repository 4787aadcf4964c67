import { useMutation } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Grid, Input, Select, Space, TreeSelect, type FormInstance } from 'antd';
import { feedbackApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import { fieldErrors, ProblemAlert } from '../../../components/ProblemAlert';
import { categoryTree, useCategories } from '../../../feedback/hooks';
import { useI18n } from '../../../i18n/I18nProvider';
import { ENTRY_KINDS, LIMITS, useEntrySaved, type EntryKind, type EntryRead } from './hooks';

interface EntryValues {
  title: string;
  question: string;
  answer: string;
  kind: EntryKind;
  category_code?: string;
  keywords: string[];
}

const FIELDS = new Set(['title', 'question', 'answer', 'kind', 'category_code', 'keywords']);

/** Puts the API's 422 messages on the form's fields (`keywords.3` belongs to keywords). */
function showFieldErrors(form: FormInstance<EntryValues>, error: unknown) {
  const fields = fieldErrors(error)
    .map((e) => ({ name: e.field?.split('.')[0] ?? '', message: e.message ?? '' }))
    .filter((e) => FIELDS.has(e.name))
    .map((e) => ({ name: e.name as keyof EntryValues, errors: [e.message] }));
  if (fields.length) form.setFields(fields);
}

/** Trimmed and without blanks or repeats, as the API stores them. */
const cleanKeywords = (words: string[] | undefined) => [...new Set((words ?? []).map((w) => w.trim()).filter(Boolean))];

/** 新建 / 编辑 a knowledge-base entry (the reform office): the API's limits checked before sending, its refusals shown. */
export function EntryEditor({ entry, onClose, onSaved }: { entry: EntryRead | null; onClose: () => void; onSaved: (saved: EntryRead) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EntryValues>();
  const isPhone = Grid.useBreakpoint().md === false;
  const categories = useCategories();
  const stored = useEntrySaved();
  const save = useMutation({
    mutationFn: async (values: EntryValues) => {
      const body = {
        title: values.title.trim(),
        question: values.question.trim(),
        answer: values.answer.trim(),
        kind: values.kind,
        category_code: values.category_code || null,
        keywords: cleanKeywords(values.keywords),
      };
      return entry
        ? unwrap(await feedbackApi.PATCH('/api/feedback/v1/knowledge/{entry_id}', { params: { path: { entry_id: entry.id } }, body }))
        : unwrap(await feedbackApi.POST('/api/feedback/v1/knowledge', { body }));
    },
    onSuccess: (saved) => {
      stored(saved);
      void message.success(t(entry ? 'kb.editor.saved' : 'kb.editor.created', { title: saved.title }));
      onSaved(saved);
    },
    onError: (error) => showFieldErrors(form, error),
  });
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (values) save.mutate(values);
  };
  const text = (max: number) => [
    { required: true, whitespace: true, message: t('kb.editor.required') },
    { min: LIMITS.min, max, message: t('kb.editor.length', { min: LIMITS.min, max }) },
  ];
  return (
    <Drawer
      open
      title={entry ? t('kb.editor.editTitle') : t('kb.editor.newTitle')}
      width={isPhone ? '100%' : 640}
      onClose={onClose}
      destroyOnHidden
      className="kb-editor"
      extra={
        <Space>
          <Button onClick={onClose}>{t('fb2.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => void submit()}>
            {t('kb.editor.save')}
          </Button>
        </Space>
      }
    >
      <Form<EntryValues>
        form={form}
        layout="vertical"
        initialValues={
          entry
            ? {
                title: entry.title,
                question: entry.question,
                answer: entry.answer,
                kind: entry.kind,
                category_code: entry.category?.code,
                keywords: entry.keywords,
              }
            : { kind: 'policy', keywords: [] }
        }
      >
        <Form.Item name="title" label={t('kb.field.title')} extra={t('kb.editor.titleHint')} rules={text(LIMITS.title)}>
          <Input maxLength={LIMITS.title} showCount />
        </Form.Item>
        <Form.Item name="question" label={t('kb.field.question')} extra={t('kb.editor.questionHint')} rules={text(LIMITS.text)}>
          <Input.TextArea rows={3} maxLength={LIMITS.text} />
        </Form.Item>
        <Form.Item name="answer" label={t('kb.field.answer')} extra={t('kb.editor.answerHint')} rules={text(LIMITS.text)}>
          <Input.TextArea rows={8} maxLength={LIMITS.text} />
        </Form.Item>
        <Form.Item name="kind" label={t('kb.field.kind')} rules={[{ required: true, message: t('kb.editor.required') }]}>
          <Select aria-label={t('kb.field.kind')} options={ENTRY_KINDS.map((kind) => ({ value: kind, label: t(`kb.kind.${kind}`) }))} />
        </Form.Item>
        <Form.Item name="category_code" label={t('kb.field.category')} extra={t('kb.editor.categoryHint')}>
          <TreeSelect
            allowClear
            aria-label={t('kb.field.category')}
            treeData={categoryTree(categories.data, true)}
            loading={categories.isPending}
            showSearch
            treeNodeFilterProp="title"
          />
        </Form.Item>
        <Form.Item
          name="keywords"
          label={t('kb.field.keywords')}
          extra={t('kb.editor.keywordsHint', { max: LIMITS.keywords })}
          rules={[
            {
              validator: async (_, words: string[] | undefined) => {
                const clean = cleanKeywords(words);
                if (clean.length > LIMITS.keywords) throw new Error(t('kb.editor.tooManyKeywords', { max: LIMITS.keywords }));
                if (clean.some((w) => w.length > LIMITS.keyword)) throw new Error(t('kb.editor.keywordTooLong', { max: LIMITS.keyword }));
              },
            },
          ]}
        >
          <Select mode="tags" aria-label={t('kb.field.keywords')} tokenSeparators={[',', '，', '、', ' ']} />
        </Form.Item>
      </Form>
      {save.error && <ProblemAlert error={save.error} title={t('fb2.actionFailed')} />}
    </Drawer>
  );
}
