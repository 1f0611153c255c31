// The frame around every page: side menu (a drawer on phones), header with the user, the unit,
// the language switch and logout.
import { Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Typography } from 'antd';
import { KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { useLocale, useT, pick } from './i18n.js';
import { groupKey, menuItems, selectedEntry, useVisibleMenu } from './menu.js';
import { useSession } from './session.js';
import { PageSpin } from './StatusPages.js';
import { homeKind, phoneMenu } from '../modules/home/home.js';

function Brand(props: { collapsed?: boolean }) {
  const t = useT();
  return (
    <div className="sg-brand">
      <img src="/favicon.svg" alt="" />
      {props.collapsed ? null : <span>{t('app.shortName')}</span>}
    </div>
  );
}

function SideMenu(props: { onNavigate?: () => void; phone?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const { me } = useSession();
  const all = useVisibleMenu();
  // On a phone the grid worker gets the day's work only (a short menu); the rest stays reachable by link.
  const entries = useMemo(() => (props.phone && me ? phoneMenu(all, homeKind(me.grants, me.permissions)) : all), [props.phone, me, all]);
  const items = useMemo(() => menuItems(entries, t), [entries, t]);
  const selected = selectedEntry(entries, location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(() => (selected?.group ? [groupKey(selected.group)] : []));
  const selectedGroup = selected?.group;
  useEffect(() => {
    if (!selectedGroup) return;
    const k = groupKey(selectedGroup);
    setOpenKeys((keys) => (keys.includes(k) ? keys : [...keys, k]));
  }, [selectedGroup]);
  return (
    <Menu
      theme="dark"
      mode="inline"
      data-testid="side-menu"
      items={items}
      selectedKeys={selected ? [selected.key] : []}
      openKeys={openKeys}
      onOpenChange={setOpenKeys}
      onClick={({ key }) => {
        const e = entries.find((x) => x.key === key);
        if (e) {
          void navigate(e.path);
          props.onNavigate?.();
        }
      }}
    />
  );
}

function UserBlock(props: { compact: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  if (!me) return null;
  const roles = [...new Set(me.grants.map((g) => pick(g.roleName, locale)))].join('、');
  const doLogout = async () => {
    await logout();
    void navigate('/login', { replace: true });
  };
  const menu = {
    items: [
      ...(props.compact
        ? [{ key: 'who', disabled: true, label: <div><div>{me.displayName}</div><Typography.Text type="secondary">{me.unit.name}</Typography.Text></div> }, { type: 'divider' as const }]
        : []),
      { key: 'password', icon: <KeyOutlined />, label: t('app.header.changePassword') },
      { key: 'logout', icon: <LogoutOutlined />, label: t('app.header.logout'), danger: true },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key === 'password') void navigate('/account/password');
      if (key === 'logout') void doLogout();
    },
  };
  if (props.compact) {
    return (
      <Dropdown menu={menu} trigger={['click']} placement="bottomRight">
        <Button type="text" icon={<UserOutlined />} aria-label={me.displayName} data-testid="user-menu" />
      </Dropdown>
    );
  }
  return (
    <>
      <Dropdown menu={menu} trigger={['click']} placement="bottomRight">
        <Button type="text" data-testid="user-menu" style={{ height: 'auto', padding: '4px 8px' }}>
          <span className="sg-user">
            <span data-testid="user-name">{me.displayName}</span>
            <span className="sg-user-unit" data-testid="user-unit" title={roles}>{me.unit.name}</span>
          </span>
        </Button>
      </Dropdown>
      <Button icon={<LogoutOutlined />} onClick={() => void doLogout()} data-testid="logout">
        {t('app.header.logout')}
      </Button>
    </>
  );
}

export function AppLayout(props: { children: ReactNode }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const phone = screens.lg === false;
  const [drawer, setDrawer] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const location = useLocation();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {phone ? null : (
        <Layout.Sider width={224} collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="xl"
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
          <Brand collapsed={collapsed} />
          <SideMenu />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="sg-header">
          <div className="sg-header-left">
            {phone ? (
              <>
                <Button type="text" icon={<MenuOutlined />} aria-label={t('app.header.menu')} data-testid="menu-toggle" onClick={() => setDrawer(true)} />
                <Typography.Text strong>{t('app.shortName')}</Typography.Text>
              </>
            ) : (
              <Typography.Text strong style={{ fontSize: 16 }}>{t('app.name')}</Typography.Text>
            )}
          </div>
          <div className="sg-header-right">
            <LanguageSwitch />
            <UserBlock compact={phone} />
          </div>
        </Layout.Header>
        <Layout.Content className="sg-content">
          <ErrorBoundary resetKey={location.pathname} title={t('app.crash.title')} text={t('app.crash.text')} reloadLabel={t('app.crash.reload')}>
            <Suspense fallback={<PageSpin />}>{props.children}</Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
      {phone ? (
        <Drawer placement="left" open={drawer} onClose={() => setDrawer(false)} size={260}
          styles={{ body: { padding: 0, background: '#001a3d' }, header: { display: 'none' } }}>
          <Brand />
          <SideMenu phone onNavigate={() => setDrawer(false)} />
        </Drawer>
      ) : null}
    </Layout>
  );
}
