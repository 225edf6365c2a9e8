import { useEffect, useState, type ReactNode } from 'react';
import { Button, Drawer, Layout, Menu, Space, Tag, Typography } from 'antd';
import {
  AlertOutlined,
  AccountBookOutlined,
  AuditOutlined,
  BarChartOutlined,
  ControlOutlined,
  DiffOutlined,
  FileSearchOutlined,
  FileAddOutlined,
  HeartOutlined,
  HistoryOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  SolutionOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Link, useLocation } from 'react-router-dom';
import { useAuth, useSession } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useHospitals } from '../components/hospitals';
import { LanguageSwitch } from './LanguageSwitch';
import { useNarrow } from './useNarrow';
import type { MessageKey } from '../i18n/zh-CN';
import type { Role } from '../api/types';
import { DATA_MATCH_ROLES } from '../datamatch/whoMay';

interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  roles: Role[];
}

export const NAV_ITEMS: NavItem[] = [
  { path: '/pairings/mine', label: 'nav.myPairings', icon: <HeartOutlined />, roles: ['official'] },
  { path: '/cases', label: 'nav.cases', icon: <UnorderedListOutlined />, roles: ['officer', 'hospital', 'admin'] },
  { path: '/cases/new', label: 'nav.newCase', icon: <FileAddOutlined />, roles: ['officer'] },
  { path: '/import', label: 'nav.import', icon: <UploadOutlined />, roles: ['officer'] },
  { path: '/enrolments', label: 'nav.enrolments', icon: <SolutionOutlined />, roles: ['officer', 'civil', 'finance', 'admin'] },
  { path: '/payrolls', label: 'nav.payrolls', icon: <AccountBookOutlined />, roles: ['civil', 'finance', 'admin'] },
  { path: '/pairings', label: 'nav.pairings', icon: <HeartOutlined />, roles: ['officer', 'admin'] },
  { path: '/persons', label: 'nav.persons', icon: <TeamOutlined />, roles: ['officer', 'admin'] },
  { path: '/data-match', label: 'nav.dataMatch', icon: <FileSearchOutlined />, roles: [...DATA_MATCH_ROLES] },
  { path: '/match-reviews', label: 'nav.matchReviews', icon: <DiffOutlined />, roles: [...DATA_MATCH_ROLES] },
  { path: '/admin/stuck', label: 'nav.stuck', icon: <AlertOutlined />, roles: ['admin'] },
  { path: '/admin/proposals', label: 'nav.proposals', icon: <AuditOutlined />, roles: ['admin'] },
  { path: '/admin/payers', label: 'nav.payers', icon: <ControlOutlined />, roles: ['admin'] },
  { path: '/dashboard', label: 'nav.dashboard', icon: <BarChartOutlined />, roles: ['officer', 'admin'] },
  { path: '/subsidy-stats', label: 'nav.subsidyStats', icon: <BarChartOutlined />, roles: ['officer', 'civil', 'finance', 'admin'] },
  { path: '/pairing-stats', label: 'nav.pairingStats', icon: <BarChartOutlined />, roles: ['officer', 'civil', 'admin'] },
  { path: '/admin/users', label: 'nav.users', icon: <TeamOutlined />, roles: ['admin'] },
  { path: '/admin/sign-ins', label: 'nav.signIns', icon: <HistoryOutlined />, roles: ['admin'] },
];

function selectedKey(pathname: string, items: NavItem[]): string | undefined {
  // The longest matching prefix: "/cases/new" is not "/cases".
  return items
    .filter((item) => pathname === item.path || pathname.startsWith(`${item.path}/`))
    .sort((a, b) => b.path.length - a.path.length)
    .find((item) => item.path !== '/cases' || !pathname.startsWith('/cases/new'))?.path;
}

export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { logOut } = useAuth();
  const session = useSession();
  const hospitals = useHospitals();
  const location = useLocation();
  const items = NAV_ITEMS.filter((item) => item.roles.includes(session.role));
  const key = selectedKey(location.pathname, items);
  // On a phone the menu is a drawer behind a button and the header keeps to one line: who is signed
  // in shrinks to the role and the name, the language and the sign-out button to their icons.
  const narrow = useNarrow();
  const [drawerOpen, setDrawerOpen] = useState(false);
  useEffect(() => setDrawerOpen(false), [location.pathname]);
  const who = session.displayName ?? session.sub;

  const menu = (
    <nav aria-label={t('nav.label')}>
      <Menu
        theme={narrow ? 'light' : 'dark'}
        mode="inline"
        selectedKeys={key ? [key] : []}
        // A choice in the drawer closes it, also when it leads to the page already shown.
        onClick={() => setDrawerOpen(false)}
        items={items.map((item) => ({ key: item.path, icon: item.icon, label: <Link to={item.path}>{t(item.label)}</Link> }))}
      />
    </nav>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!narrow && (
        <Layout.Sider width={200} breakpoint="lg" collapsedWidth={64} theme="dark">
          <div style={{ color: '#fff', padding: '16px 16px 8px', fontWeight: 600, lineHeight: 1.4 }}>{t('app.shortTitle')}</div>
          {menu}
        </Layout.Sider>
      )}
      {narrow && (
        <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} placement="left" size={240} title={t('app.shortTitle')} styles={{ body: { padding: 0 } }}>
          {menu}
        </Drawer>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: '#fff',
            padding: narrow ? '0 8px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
            borderBottom: '1px solid #f0f0f0',
            ...(narrow ? { height: 48, lineHeight: '48px' } : {}),
          }}
        >
          {narrow ? (
            <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} aria-label={t('nav.open')} title={t('nav.open')} />
          ) : (
            <Typography.Text strong>{t('app.title')}</Typography.Text>
          )}
          <Space size={narrow ? 4 : 'middle'} style={{ minWidth: 0, flexWrap: 'nowrap' }}>
            <span data-testid="signed-in-as" style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', display: 'inline-block', maxWidth: narrow ? 150 : undefined, verticalAlign: 'middle' }}>
              <Tag color="blue">{t(`role.${session.role}`)}</Tag>
              {who}
              {session.hospitalId && !narrow && <Typography.Text type="secondary"> · {hospitals.name(session.hospitalId)}</Typography.Text>}
            </span>
            <LanguageSwitch compact={narrow} />
            <Link to="/account/password" title={t('app.changePassword')} aria-label={t('app.changePassword')}>
              <KeyOutlined />
            </Link>
            <Button icon={<LogoutOutlined />} onClick={() => void logOut()} aria-label={t('app.signOut')} title={narrow ? t('app.signOut') : undefined}>
              {!narrow && t('app.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 8 : 24, minWidth: 0 }}>
          <main>{children}</main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
