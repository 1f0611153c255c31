import { lazy } from 'react';
import { ApartmentOutlined, SafetyOutlined, TeamOutlined, UserSwitchOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../app/module.js';

export const routes: ModuleRoutes = [
  {
    path: '/admin/users', element: lazy(() => import('./pages/UsersPage.js')),
    menu: { key: 'admin.users', labelKey: 'admin.menu.users', icon: <TeamOutlined />, permission: 'user.read', group: 'system' },
  },
  {
    path: '/admin/roles', element: lazy(() => import('./pages/RolesPage.js')),
    menu: { key: 'admin.roles', labelKey: 'admin.menu.roles', icon: <ApartmentOutlined />, permission: 'role.read', group: 'security' },
  },
  {
    path: '/admin/grants', element: lazy(() => import('./pages/GrantsPage.js')),
    menu: { key: 'admin.grants', labelKey: 'admin.menu.grants', icon: <UserSwitchOutlined />, permission: 'grant.read', group: 'security' },
  },
  {
    path: '/admin/security', element: lazy(() => import('./pages/SecuritySettingsPage.js')),
    menu: { key: 'admin.security', labelKey: 'admin.menu.security', icon: <SafetyOutlined />, permission: 'security.manage', group: 'security' },
  },
];
