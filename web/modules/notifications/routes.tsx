import { lazy } from 'react';
import { BellOutlined, CheckSquareOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../app/module.js';

export const routes: ModuleRoutes = [
  {
    path: '/my-work', element: lazy(() => import('./pages/MyWorkPage.js')),
    menu: { key: 'notifications.work', labelKey: 'notifications.menu.work', icon: <CheckSquareOutlined />, permission: 'hazard.read' },
  },
  {
    path: '/inbox', element: lazy(() => import('./pages/InboxPage.js')),
    menu: { key: 'notifications.inbox', labelKey: 'notifications.menu.inbox', icon: <BellOutlined />, permission: 'hazard.read' },
  },
];
