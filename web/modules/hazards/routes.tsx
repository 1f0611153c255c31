import { lazy } from 'react';
import { AlertOutlined, BarChartOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../app/module.js';

export const routes: ModuleRoutes = [
  {
    path: '/hazards', element: lazy(() => import('./pages/HazardListPage.js')),
    menu: { key: 'hazards.list', labelKey: 'hazards.menu.list', icon: <AlertOutlined />, permission: 'hazard.read', group: 'hazard' },
  },
  { path: '/hazards/:id', element: lazy(() => import('./pages/HazardPage.js')), permission: 'hazard.read' },
  {
    path: '/hazards-stats', element: lazy(() => import('./pages/HazardStatsPage.js')),
    menu: { key: 'hazards.stats', labelKey: 'hazards.menu.stats', icon: <BarChartOutlined />, permission: 'stats.read', group: 'analysis' },
  },
];
