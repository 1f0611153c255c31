import { lazy } from 'react';
import type { ModuleRoutes } from '../../app/module.js';

// The login page and the forced password change are part of the shell (app/App.tsx); this is the
// page where a logged-in user changes the password (from the user menu).
export const routes: ModuleRoutes = [
  { path: '/account/password', element: lazy(() => import('./pages/ChangePasswordPage.js')) },
];
