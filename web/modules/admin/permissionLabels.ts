// Readable names of permissions: `resource.action` → "资源 · 动作". A permission added later
// without a name here shows its code.
import type { Locale } from '../../app/i18n.js';

const RESOURCES: Record<string, { zh: string; en: string }> = {
  user: { zh: '用户', en: 'Users' },
  config: { zh: '系统配置', en: 'Configuration' },
  role: { zh: '角色', en: 'Roles' },
  grant: { zh: '授权', en: 'Grants' },
  security: { zh: '安全策略', en: 'Security policy' },
  audit: { zh: '审计日志', en: 'Audit log' },
  unit: { zh: '行政单位', en: 'Units' },
  grid: { zh: '网格', en: 'Grids' },
  place: { zh: '场所', en: 'Places' },
  enterprise: { zh: '企业', en: 'Enterprises' },
  person: { zh: '人员', en: 'People' },
  facility: { zh: '设施', en: 'Facilities' },
  org: { zh: '组织', en: 'Organizations' },
  risk: { zh: '风险', en: 'Risk' },
  registry: { zh: '台账', en: 'Registries' },
  calculator: { zh: '计算工具', en: 'Calculators' },
  checklist: { zh: '检查表', en: 'Checklists' },
  plan: { zh: '检查计划', en: 'Inspection plans' },
  inspection: { zh: '检查', en: 'Inspections' },
  hazard: { zh: '隐患', en: 'Hazards' },
  stats: { zh: '统计', en: 'Statistics' },
  report: { zh: '群众举报', en: 'Public reports' },
  reward: { zh: '举报奖励', en: 'Rewards' },
  open311: { zh: 'Open311 接口', en: 'Open311 interface' },
};

const ACTIONS: Record<string, { zh: string; en: string }> = {
  read: { zh: '查看', en: 'read' },
  manage: { zh: '管理', en: 'manage' },
  import: { zh: '导入', en: 'import' },
  export: { zh: '导出', en: 'export' },
  generate: { zh: '生成', en: 'generate' },
  assign: { zh: '分配', en: 'assign' },
  write: { zh: '编辑', en: 'edit' },
  grade: { zh: '分级', en: 'grade' },
  self: { zh: '本企业自管', en: 'own enterprise' },
  unmask: { zh: '查看明文', en: 'unmask' },
  assess: { zh: '评估', en: 'assess' },
  use: { zh: '使用', en: 'use' },
  perform: { zh: '执行', en: 'perform' },
  report: { zh: '上报', en: 'report' },
  confirm: { zh: '确认', en: 'confirm' },
  rectify: { zh: '整改', en: 'rectify' },
  accept: { zh: '验收', en: 'accept' },
  extend: { zh: '延期', en: 'extend' },
  supervise: { zh: '督办', en: 'supervise' },
  reopen: { zh: '重新打开', en: 'reopen' },
  triage: { zh: '分办', en: 'triage' },
  merge: { zh: '合并', en: 'merge' },
  reporter: { zh: '举报人信息', en: 'reporter details' },
};

export function permissionLabel(code: string, locale: Locale): string {
  const [res, act] = code.split('.');
  const lang = locale === 'en' ? 'en' : 'zh';
  const r = res ? RESOURCES[res] : undefined;
  const a = act ? ACTIONS[act] : undefined;
  if (!r || !a) return code;
  return lang === 'en' ? `${r.en}: ${a.en}` : `${r.zh} · ${a.zh}`;
}
