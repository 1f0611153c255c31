import { lazy } from 'react';
import { ApiOutlined, GiftOutlined, InboxOutlined, NotificationOutlined, SettingOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../app/module.js';

const settings = () => import('./pages/SettingsPages.js');

export const routes: ModuleRoutes = [
  // The public portal: no login, phone-first.
  { path: '/report', element: lazy(() => import('./pages/ReportPage.js')), public: true },
  { path: '/report/status', element: lazy(() => import('./pages/StatusPage.js')), public: true },
  { path: '/report/status/:code', element: lazy(() => import('./pages/StatusPage.js')), public: true },
  // Staff.
  {
    path: '/reports/triage', element: lazy(() => import('./pages/ReportListPage.js').then((m) => ({ default: m.TriagePage }))),
    menu: { key: 'reports.triage', labelKey: 'reports.menu.triage', icon: <InboxOutlined />, permission: 'report.triage', group: 'hazard' },
  },
  {
    path: '/reports', element: lazy(() => import('./pages/ReportListPage.js')),
    menu: { key: 'reports.list', labelKey: 'reports.menu.list', icon: <NotificationOutlined />, permission: 'report.read', group: 'hazard' },
  },
  { path: '/reports/:id', element: lazy(() => import('./pages/ReportDetailPage.js')), permission: 'report.read' },
  {
    path: '/rewards', element: lazy(() => import('./pages/RewardsPage.js')),
    menu: { key: 'reports.rewards', labelKey: 'reports.menu.rewards', icon: <GiftOutlined />, permission: 'reward.manage', group: 'hazard' },
  },
  {
    path: '/rewards/settings', element: lazy(() => settings().then((m) => ({ default: m.RewardSettingsPage }))),
    menu: { key: 'reports.rewardSettings', labelKey: 'reports.menu.rewardSettings', icon: <SettingOutlined />, permission: 'reward.manage', group: 'hazard' },
  },
  {
    path: '/reports/settings', element: lazy(() => settings().then((m) => ({ default: m.PortalSettingsPage }))),
    menu: { key: 'reports.settings', labelKey: 'reports.menu.settings', icon: <SettingOutlined />, permission: 'config.manage', group: 'system' },
  },
  {
    path: '/open311', element: lazy(() => settings().then((m) => ({ default: m.Open311AdminPage }))),
    menu: { key: 'reports.open311', labelKey: 'reports.menu.open311', icon: <ApiOutlined />, permission: 'open311.manage', group: 'system' },
  },
];
