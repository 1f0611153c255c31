import { lazy } from 'react';
import { HomeOutlined } from '@ant-design/icons';
import type { ModuleRoutes } from '../../app/module.js';

export const routes: ModuleRoutes = [
  { path: '/', element: lazy(() => import('./pages/HomePage.js')), menu: { key: 'home', labelKey: 'home.menu.home', icon: <HomeOutlined /> } },
];
