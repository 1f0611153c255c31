import { lazy } from 'react';
import { CalculatorOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../app/module.js';

export const routes: ModuleRoutes = [
  {
    path: '/calculators', element: lazy(() => import('./pages/CalculatorsPage.js')),
    menu: { key: 'calc', labelKey: 'calculators.menu', icon: <CalculatorOutlined />, permission: 'calculator.use', group: 'analysis' },
  },
  { path: '/calculators/:tab', element: lazy(() => import('./pages/CalculatorsPage.js')), permission: 'calculator.use' },
];
