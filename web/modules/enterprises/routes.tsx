import { lazy } from 'react';
import { BankOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../app/module.js';

export const routes: ModuleRoutes = [
  {
    path: '/enterprises', element: lazy(() => import('./pages/EnterpriseListPage.js')),
    menu: { key: 'ent.list', labelKey: 'enterprises.menu.list', icon: <BankOutlined />, permission: 'enterprise.read', group: 'registry' },
  },
  { path: '/enterprises/:id', element: lazy(() => import('./pages/EnterpriseDetailPage.js')), permission: 'enterprise.read' },
];
