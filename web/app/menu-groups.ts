// Side-menu groups. A module puts a menu item into one with `menu.group`; a group shows when the
// user sees at least one of its items, at the place of its first item in registry order.
// A new group is one line here plus its label in app/messages.ts.
import { createElement, type ReactNode } from 'react';
import {
  AlertOutlined, AppstoreOutlined, BarChartOutlined, DatabaseOutlined, FileSearchOutlined, SafetyCertificateOutlined,
  SettingOutlined,
} from '@ant-design/icons';

export const MENU_GROUPS = {
  grid: { labelKey: 'app.group.grid', icon: createElement(AppstoreOutlined) },
  registry: { labelKey: 'app.group.registry', icon: createElement(DatabaseOutlined) },
  inspection: { labelKey: 'app.group.inspection', icon: createElement(FileSearchOutlined) },
  hazard: { labelKey: 'app.group.hazard', icon: createElement(AlertOutlined) },
  analysis: { labelKey: 'app.group.analysis', icon: createElement(BarChartOutlined) },
  security: { labelKey: 'app.group.security', icon: createElement(SafetyCertificateOutlined) },
  system: { labelKey: 'app.group.system', icon: createElement(SettingOutlined) },
} satisfies Record<string, { labelKey: string; icon: ReactNode }>;

export type MenuGroupKey = keyof typeof MENU_GROUPS;
