// The look: antd tokens shared by the whole app.
import type { ThemeConfig } from 'antd';

export const BRAND = '#1554ad';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND,
    colorInfo: BRAND,
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px', siderBg: '#001a3d', bodyBg: '#f3f5f8' },
    Menu: { darkItemBg: '#001a3d', darkSubMenuItemBg: '#00132e', darkItemSelectedBg: BRAND },
  },
};
