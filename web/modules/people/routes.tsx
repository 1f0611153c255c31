import { lazy } from 'react';
import { UserOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../app/module.js';

export const routes: ModuleRoutes = [
  {
    path: '/people', element: lazy(() => import('./pages/PersonListPage.js')),
    menu: { key: 'person.list', labelKey: 'people.menu.list', icon: <UserOutlined />, permission: 'person.read', group: 'registry' },
  },
  { path: '/people/:id', element: lazy(() => import('./pages/PersonDetailPage.js')), permission: 'person.read' },
];
