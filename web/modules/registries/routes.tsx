import { lazy } from 'react';
import { CloudUploadOutlined, ControlOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../app/module.js';

export const routes: ModuleRoutes = [
  {
    path: '/registries/imports', element: lazy(() => import('./pages/ImportPage.js')),
    menu: { key: 'registry.imports', labelKey: 'registries.menu.imports', icon: <CloudUploadOutlined />, permission: 'registry.import', group: 'registry' },
  },
  {
    path: '/registries/rule-sets', element: lazy(() => import('./pages/RuleSetsPage.js')),
    menu: { key: 'registry.ruleSets', labelKey: 'registries.menu.ruleSets', icon: <ControlOutlined />, permission: 'calculator.use', group: 'registry' },
  },
];
