import { lazy } from 'react';
import { GlobalOutlined, ImportOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../app/module.js';

const UnitsPage = lazy(() => import('./pages/UnitsPage.js'));

export const routes: ModuleRoutes = [
  {
    path: '/units', element: UnitsPage,
    menu: { key: 'units.map', labelKey: 'units.menu.map', icon: <GlobalOutlined />, permission: 'unit.read', group: 'grid' },
  },
  {
    path: '/units/import', element: lazy(() => import('./pages/ImportPage.js')),
    menu: { key: 'units.import', labelKey: 'units.menu.import', icon: <ImportOutlined />, permission: 'unit.import', group: 'grid' },
  },
  { path: '/units/:code', element: UnitsPage, permission: 'unit.read' },
  { path: '/units/:code/coverage', element: lazy(() => import('./pages/CoveragePage.js')), permission: 'unit.read' },
  { path: '/units/:code/boundary', element: lazy(() => import('./pages/BoundaryEditPage.js')), permission: 'unit.manage' },
];
