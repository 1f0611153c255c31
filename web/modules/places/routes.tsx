import { lazy } from 'react';
import { BarChartOutlined, EnvironmentOutlined, ShopOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../app/module.js';

export const routes: ModuleRoutes = [
  {
    path: '/places', element: lazy(() => import('./pages/PlaceListPage.js')),
    menu: { key: 'place.list', labelKey: 'places.menu.list', icon: <ShopOutlined />, permission: 'place.read', group: 'registry' },
  },
  {
    path: '/places/map', element: lazy(() => import('./pages/PlaceMapPage.js')),
    menu: { key: 'place.map', labelKey: 'places.menu.map', icon: <EnvironmentOutlined />, permission: 'place.read', group: 'registry' },
  },
  {
    path: '/places/grading', element: lazy(() => import('./pages/GradingStatsPage.js')),
    menu: { key: 'place.stats', labelKey: 'places.menu.stats', icon: <BarChartOutlined />, permission: 'place.read', group: 'analysis' },
  },
  { path: '/places/:id', element: lazy(() => import('./pages/PlaceDetailPage.js')), permission: 'place.read' },
];
