import { useNavigate, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Empty, List, Space, Tag, Typography } from 'antd';
import { BellOutlined, NotificationOutlined } from '@ant-design/icons';
import { tasksApi } from '../api/http';
import { unwrap } from '../api/problem';
import type { Me } from '../api/types';
import { errorText, LoadError } from '../components/ProblemAlert';
import { useI18n } from '../i18n/I18nProvider';
import { formatTime } from '../tasks/hooks';
import { INBOX_KEY } from './bulletins/api';
import { hasInbox } from './bulletins/permissions';
import type { InboxMessage } from './bulletins/types';
import './bulletins/bulletins.css';

const PAGE_SIZE = 20;
const POLL_MS = 60_000;

/** The unread count for the header bell, polled every minute (one message is enough to get `unread`). */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: [...INBOX_KEY, 'unread'],
    enabled,
    refetchInterval: POLL_MS,
    queryFn: async () => unwrap(await tasksApi.GET('/api/tasks/v1/inbox', { params: { query: { page: 1, page_size: 1 } } })).unread,
  });
}

/** The bell in the header with the unit's unread count; hidden for roles without an inbox (leaders, hotline). */
export function InboxBell({ me }: { me: Me }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const enabled = hasInbox(me);
  const unread = useUnreadCount(enabled);
  if (!enabled) return null;
  const count = unread.data ?? 0;
  const label = count ? t('bl.inbox.bellUnread', { count }) : t('bl.inbox.title');
  return (
    <Button type="text" className="inbox-bell" aria-label={label} title={label} onClick={() => navigate('/inbox')}>
      <Badge count={count} size="small" overflowCount={99}>
        <BellOutlined className="inbox-bell-icon" />
      </Badge>
    </Button>
  );
}

/** 收件箱: the unit's messages, unread first; opening one marks it read and follows its link. */
export function InboxPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const rawPage = Number(params.get('page'));
  const page = Number.isInteger(rawPage) && rawPage >= 1 ? rawPage : 1;
  const canMark = hasInbox(me);

  const inbox = useQuery({
    queryKey: [...INBOX_KEY, 'list', page],
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await tasksApi.GET('/api/tasks/v1/inbox', { params: { query: { page, page_size: PAGE_SIZE } } })),
  });
  const markRead = useMutation({
    mutationFn: async (item: InboxMessage) =>
      unwrap(await tasksApi.POST('/api/tasks/v1/inbox/{message_id}/read', { params: { path: { message_id: item.id } } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: INBOX_KEY }),
  });

  const open = async (item: InboxMessage) => {
    if (!item.read_at && canMark) {
      try {
        await markRead.mutateAsync(item);
      } catch (error) {
        // Still open what the message points to: reading it matters more than the mark.
        void message.error(errorText(error, t('bl.inbox.markFailed')));
      }
    }
    // Only links inside the app are followed.
    if (item.link.startsWith('/')) navigate(item.link);
  };

  const unread = inbox.data?.unread ?? 0;
  return (
    <Space direction="vertical" size="middle" className="full-width inbox-page">
      <div className="page-header">
        <Space align="center" wrap>
          <Typography.Title level={4} className="page-title">
            {t('bl.inbox.title')}
          </Typography.Title>
          {inbox.data && (
            <Tag color={unread ? 'red' : 'default'} className="inbox-unread">
              {t('bl.inbox.unread', { count: unread })}
            </Tag>
          )}
        </Space>
      </div>
      <LoadError error={inbox.error} />
      <List<InboxMessage>
        className="inbox-list"
        loading={inbox.isFetching && !inbox.data}
        dataSource={inbox.data?.items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bl.inbox.empty')} /> }}
        pagination={
          (inbox.data?.total ?? 0) > PAGE_SIZE
            ? {
                current: page,
                pageSize: PAGE_SIZE,
                total: inbox.data?.total ?? 0,
                size: 'small',
                showSizeChanger: false,
                onChange: (next) => setParams(next > 1 ? { page: String(next) } : {}, { replace: true }),
              }
            : false
        }
        renderItem={(item) => (
          <List.Item
            className={item.read_at ? 'inbox-item' : 'inbox-item inbox-item-unread'}
            data-read={item.read_at ? 'yes' : 'no'}
            onClick={() => void open(item)}
          >
            <List.Item.Meta
              avatar={
                <Badge dot={!item.read_at}>
                  <NotificationOutlined className="inbox-kind-icon" />
                </Badge>
              }
              title={
                <button type="button" className="inbox-title" disabled={markRead.isPending && markRead.variables?.id === item.id}>
                  {item.title}
                </button>
              }
              description={
                <>
                  {item.summary && <div className="inbox-summary">{item.summary}</div>}
                  <Typography.Text type="secondary" className="inbox-time">
                    {item.kind === 'bulletin' ? t('bl.inbox.kind.bulletin') : item.kind} · {formatTime(item.created_at)}
                    {item.read_at && ` · ${t('bl.inbox.readAt', { time: formatTime(item.read_at), user: item.read_by ?? '' })}`}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Space>
  );
}
