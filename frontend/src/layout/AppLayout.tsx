import { useState, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Drawer, Grid, Layout, Menu, Tag, Typography, type MenuProps } from 'antd';
import {
  AuditOutlined,
  BarChartOutlined,
  DashboardOutlined,
  DesktopOutlined,
  LogoutOutlined,
  MenuOutlined,
  MessageOutlined,
  NotificationOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import type { Me } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { areaPath, areasForRoles, isReadOnly, type Area } from '../nav/menu';
import { LanguageSwitch } from './LanguageSwitch';
import { InboxBell } from '../pages/InboxPage';

const AREA_ICONS: Record<Area, ReactNode> = {
  workbench: <DesktopOutlined />,
  cockpit: <DashboardOutlined />,
  tasks: <ProfileOutlined />,
  supervision: <SafetyCertificateOutlined />,
  indicators: <BarChartOutlined />,
  feedback: <MessageOutlined />,
  bulletins: <NotificationOutlined />,
  audit: <AuditOutlined />,
  admin: <SettingOutlined />,
};

function UserInfo({ me, stacked = false }: { me: Me; stacked?: boolean }) {
  const { t } = useI18n();
  return (
    <div className={stacked ? 'user-info user-info-stacked' : 'user-info'}>
      <Typography.Text strong className="user-name">
        {me.display_name}
      </Typography.Text>
      {isReadOnly(me.roles) && <Tag>{t('shell.readOnly')}</Tag>}
      <Typography.Text type="secondary" className="user-unit">
        {me.unit.name}
      </Typography.Text>
    </div>
  );
}

/** Staff shell: side menu on desktop, a drawer on phone widths. */
export function AppLayout({ me }: { me: Me }) {
  const { t } = useI18n();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  const [drawerOpen, setDrawerOpen] = useState(false);
  // useBreakpoint is empty before its first measurement; assume desktop until then.
  const isPhone = screens.md === false;

  const items: MenuProps['items'] = areasForRoles(me.roles).map((area) => ({
    key: areaPath(area),
    icon: AREA_ICONS[area],
    label: t(`menu.${area}`),
  }));
  const selected = `/${pathname.split('/')[1] ?? ''}`;
  const menu = (
    <Menu
      mode="inline"
      style={{ borderInlineEnd: 'none' }} // the sider and the drawer draw their own edge
      items={items}
      selectedKeys={[selected]}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(key);
      }}
    />
  );
  const logout = (
    <Button type="text" icon={<LogoutOutlined />} onClick={() => void signOut()}>
      {t('shell.logout')}
    </Button>
  );

  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        {isPhone && items.length > 0 && (
          <Button type="text" icon={<MenuOutlined />} aria-label={t('menu.open')} onClick={() => setDrawerOpen(true)} />
        )}
        <Typography.Title level={4} className="app-title">
          {t('app.title')}
        </Typography.Title>
        <div className="header-actions">
          {!isPhone && <UserInfo me={me} />}
          <InboxBell me={me} />
          <LanguageSwitch />
          {!isPhone && logout}
        </div>
      </Layout.Header>
      <Layout>
        {!isPhone && items.length > 0 && (
          <Layout.Sider theme="light" width={208} breakpoint="lg" collapsible className="app-sider">
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
      {isPhone && (
        <Drawer placement="left" width={260} open={drawerOpen} onClose={() => setDrawerOpen(false)} title={<UserInfo me={me} stacked />}>
          {menu}
          <div className="drawer-logout">{logout}</div>
        </Drawer>
      )}
    </Layout>
  );
}
