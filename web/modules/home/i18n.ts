import { defineMessages } from '../../app/i18n.js';

export const messages = defineMessages({
  zh: {
    'home.menu.home': '工作台',
    'home.welcome': '您好，{name}',
    'home.unitLine': '所属单位：{unit}',
    'home.grants.title': '我的角色与管辖范围',
    'home.grants.role': '角色',
    'home.grants.unit': '管辖单位（含下级）',
    'home.grants.industry': '行业',
    'home.grants.enterprise': '企业',
    'home.grants.none': '您的账号尚未被授予任何角色，请联系安全管理员。',
    'home.links.title': '快捷入口',
    'home.links.none': '暂无可用的功能入口。',
    'home.session': '本次登录有效期至 {time}',
  },
  en: {
    'home.menu.home': 'Home',
    'home.welcome': 'Hello, {name}',
    'home.unitLine': 'Unit: {unit}',
    'home.grants.title': 'My roles and areas',
    'home.grants.role': 'Role',
    'home.grants.unit': 'Unit (and everything below it)',
    'home.grants.industry': 'Industry',
    'home.grants.enterprise': 'Enterprise',
    'home.grants.none': 'Your account holds no role yet; ask the security administrator.',
    'home.links.title': 'Quick links',
    'home.links.none': 'No functions are available to you yet.',
    'home.session': 'This session lasts until {time}',
  },
});
