import { lazy } from 'react';
import { ClusterOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../app/module.js';

export const routes: ModuleRoutes = [
  {
    path: '/orgs', element: lazy(() => import('./pages/OrgListPage.js')),
    menu: { key: 'org.list', labelKey: 'orgs.menu.list', icon: <ClusterOutlined />, permission: 'org.read', group: 'registry' },
  },
  { path: '/orgs/:id', element: lazy(() => import('./pages/OrgDetailPage.js')), permission: 'org.read' },
];
