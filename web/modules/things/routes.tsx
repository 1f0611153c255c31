import { lazy } from 'react';
import { FireOutlined, FieldTimeOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../app/module.js';

export const routes: ModuleRoutes = [
  {
    path: '/things', element: lazy(() => import('./pages/ThingListPage.js')),
    menu: { key: 'thing.list', labelKey: 'things.menu.list', icon: <FireOutlined />, permission: 'facility.read', group: 'registry' },
  },
  {
    path: '/things/due', element: lazy(() => import('./pages/DuePage.js')),
    menu: { key: 'thing.due', labelKey: 'things.menu.due', icon: <FieldTimeOutlined />, permission: 'facility.read', group: 'registry' },
  },
  { path: '/things/:id', element: lazy(() => import('./pages/ThingDetailPage.js')), permission: 'facility.read' },
];
