import { lazy } from 'react';
import { CalendarOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../app/module.js';

export const routes: ModuleRoutes = [
  {
    path: '/calendar', element: lazy(() => import('./pages/CalendarPage.js')),
    menu: { key: 'calendar.year', labelKey: 'calendar.menu', icon: <CalendarOutlined />, permission: 'config.manage', group: 'system' },
  },
];
