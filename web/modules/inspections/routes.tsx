import { lazy } from 'react';
import { CalendarOutlined, FileSearchOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../app/module.js';

export const routes: ModuleRoutes = [
  {
    path: '/inspections', element: lazy(() => import('./pages/InspectionListPage.js')),
    menu: { key: 'inspections.list', labelKey: 'inspections.menu.list', icon: <FileSearchOutlined />, permission: 'inspection.read', group: 'inspection' },
  },
  { path: '/inspections/:id', element: lazy(() => import('./pages/InspectionPage.js')), permission: 'inspection.read' },
  {
    path: '/plans', element: lazy(() => import('./pages/PlansPage.js')),
    menu: { key: 'inspections.plans', labelKey: 'inspections.menu.plans', icon: <CalendarOutlined />, permission: 'plan.read', group: 'inspection' },
  },
];
