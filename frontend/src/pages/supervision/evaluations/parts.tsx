import { Space, Tag, Tooltip, Typography } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n/I18nProvider';
import { points, type EvaluationRead, type RubricRead } from './types';

/** 「进度完成 38 · 工作成效 36 · 报送质量 18」 in the rubric's order (unknown keys after). */
export function ItemScores({ evaluation, rubric }: { evaluation: EvaluationRead; rubric?: RubricRead }) {
  const names = new Map((rubric?.items ?? []).map((item) => [item.key, item.name]));
  const order = [...(rubric?.items ?? []).map((item) => item.key), ...Object.keys(evaluation.item_scores).filter((key) => !names.has(key))];
  return (
    <Typography.Text type="secondary" className="eval-items">
      {order
        .filter((key) => key in evaluation.item_scores)
        .map((key) => `${names.get(key) ?? key} ${points(evaluation.item_scores[key])}`)
        .join(' · ')}
    </Typography.Text>
  );
}

/** 自动满分, with the rank rule's reason on hover (and written out when `inline`). */
export function AutoTag({ evaluation, inline = false }: { evaluation: EvaluationRead; inline?: boolean }) {
  const { t } = useI18n();
  if (!evaluation.auto) return null;
  const tag = (
    <Tag color="gold" icon={<ThunderboltOutlined />} className="eval-auto">
      {t('eval.auto')}
    </Tag>
  );
  return inline ? (
    <Space direction="vertical" size={2}>
      {tag}
      {evaluation.auto_reason && <Typography.Text type="secondary" className="eval-auto-reason">{evaluation.auto_reason}</Typography.Text>}
    </Space>
  ) : (
    <Tooltip title={evaluation.auto_reason}>{tag}</Tooltip>
  );
}

/** A total out of 100, coloured by band. */
export function Total({ value }: { value: number }) {
  const color = value >= 90 ? 'green' : value >= 60 ? 'blue' : 'red';
  return (
    <Tag color={color} className="eval-score" data-total={value}>
      {points(value)}
    </Tag>
  );
}
