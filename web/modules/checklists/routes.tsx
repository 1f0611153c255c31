import { lazy } from 'react';
import { OrderedListOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../app/module.js';

export const routes: ModuleRoutes = [
  {
    path: '/checklists', element: lazy(() => import('./pages/ChecklistsPage.js')),
    menu: { key: 'checklists.list', labelKey: 'checklists.menu.list', icon: <OrderedListOutlined />, permission: 'checklist.read', group: 'inspection' },
  },
];
