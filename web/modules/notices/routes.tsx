import { lazy } from 'react';
import { NotificationOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../app/module.js';

export const routes: ModuleRoutes = [
  {
    path: '/notices', element: lazy(() => import('./pages/NoticeListPage.js')),
    menu: { key: 'notice.list', labelKey: 'notices.menu.list', icon: <NotificationOutlined />, permission: 'notice.read' },
  },
  { path: '/notices/:id', element: lazy(() => import('./pages/NoticeDetailPage.js')), permission: 'notice.read' },
];
