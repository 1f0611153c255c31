import { lazy } from 'react';
import { AuditOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../app/module.js';

export const routes: ModuleRoutes = [
  {
    path: '/audit', element: lazy(() => import('./pages/AuditPage.js')),
    menu: { key: 'audit.log', labelKey: 'audit.menu.log', icon: <AuditOutlined />, permission: 'audit.read' },
  },
];
