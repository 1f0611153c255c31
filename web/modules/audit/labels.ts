// Audit rows in words: an action as "object + verb" (from the catalogue, or composed from its
// parts), system actors by name, and the summary's fields with labelled keys and values.
import type { Locale } from '../../app/i18n.js';

type Text = { zh: string; en: string };

export const OBJECT_NAMES: Record<string, Text> = {
  auth: { zh: '登录', en: 'Sign-in' }, user: { zh: '用户', en: 'User' }, role: { zh: '角色', en: 'Role' }, grant: { zh: '授权', en: 'Grant' },
  unit: { zh: '单位', en: 'Unit' }, grid: { zh: '网格', en: 'Grid' }, place: { zh: '场所', en: 'Place' }, enterprise: { zh: '企业', en: 'Enterprise' },
  person: { zh: '人员', en: 'Person' }, thing: { zh: '设施设备', en: 'Facility' }, org: { zh: '组织', en: 'Organization' },
  checklist: { zh: '检查表', en: 'Checklist' }, plan: { zh: '检查计划', en: 'Inspection plan' }, inspection: { zh: '检查', en: 'Inspection' },
  hazard: { zh: '隐患', en: 'Hazard' }, report: { zh: '群众举报', en: "Resident's report" }, reward: { zh: '举报奖励', en: 'Reward' },
  registry: { zh: '台账', en: 'Registry' }, ruleset: { zh: '规则集', en: 'Rule set' }, risk: { zh: '风险评估', en: 'Risk assessment' },
  contacts: { zh: '联系方式', en: 'Contact details' }, security: { zh: '安全设置', en: 'Security settings' }, demo: { zh: '演示数据', en: 'Demo data' },
  audit: { zh: '审计', en: 'Audit' }, notice: { zh: '通知公告', en: 'Notice' }, file: { zh: '文件', en: 'File' }, open311: { zh: 'Open311 接口', en: 'Open311' },
  member: { zh: '成员', en: 'Member' }, service: { zh: '服务记录', en: 'Service record' }, project: { zh: '项目', en: 'Project' },
  major_hazard: { zh: '重大危险源', en: 'Major hazard installation' }, worker: { zh: '网格员', en: 'Grid worker' }, boundary: { zh: '边界', en: 'Boundary' },
  reporter: { zh: '举报人', en: 'Reporter' }, import: { zh: '导入', en: 'Import' },
};

export const VERB_NAMES: Record<string, Text> = {
  create: { zh: '新建', en: 'created' }, update: { zh: '修改', en: 'updated' }, delete: { zh: '删除', en: 'deleted' }, retire: { zh: '停用', en: 'retired' },
  revise: { zh: '修订', en: 'revised' }, export: { zh: '导出', en: 'exported' }, unmask: { zh: '查看完整信息', en: 'unmasked' }, grade: { zh: '分级', en: 'graded' },
  generate: { zh: '生成', en: 'generated' }, intervals: { zh: '设置检查周期', en: 'intervals set' }, spot_check: { zh: '抽查', en: 'spot check' },
  import: { zh: '导入', en: 'imported' }, start: { zh: '开始', en: 'started' }, confirm: { zh: '核实', en: 'confirmed' }, merge: { zh: '合并', en: 'merged' },
  reject: { zh: '驳回', en: 'rejected' }, settings: { zh: '设置', en: 'settings changed' }, submit: { zh: '提交', en: 'submitted' }, support: { zh: '附议', en: 'supported' },
  transfer: { zh: '转办', en: 'transferred' }, approve: { zh: '批准', en: 'approved' }, pay: { zh: '发放', en: 'paid' }, propose: { zh: '提议', en: 'proposed' },
  reassign: { zh: '改派', en: 'reassigned' }, assess: { zh: '评估', en: 'assessed' }, sign: { zh: '签名', en: 'signed' }, assign: { zh: '指派', en: 'assigned' },
  unassign: { zh: '撤销指派', en: 'unassigned' }, replace: { zh: '替换', en: 'replaced' }, add: { zh: '添加', en: 'added' }, calendar: { zh: '更新节假日日历', en: 'calendar updated' },
  link_source: { zh: '关联来源', en: 'source linked' }, login: { zh: '登录', en: 'signed in' }, logout: { zh: '退出', en: 'signed out' }, reset: { zh: '重置', en: 'reset' },
  close: { zh: '销号', en: 'closed' }, accept: { zh: '验收', en: 'accepted' }, rectify: { zh: '整改', en: 'rectified' }, extend: { zh: '延期', en: 'extended' },
  reopen: { zh: '重新打开', en: 'reopened' }, list: { zh: '挂牌督办', en: 'listed' }, delist: { zh: '摘牌', en: 'delisted' }, escalate: { zh: '升级', en: 'escalated' },
  read: { zh: '查看', en: 'read' }, verify: { zh: '校验', en: 'verified' }, disable: { zh: '停用', en: 'disabled' }, enable: { zh: '启用', en: 'enabled' },
  lock: { zh: '锁定', en: 'locked' }, unlock: { zh: '解锁', en: 'unlocked' }, password: { zh: '修改密码', en: 'password changed' }, issue: { zh: '发布', en: 'issued' },
};

/** An action code in words: "plan.generate" → 检查计划 · 生成; null when no part is known. */
export function composeAction(action: string, locale: Locale): string | null {
  const parts = action.split('.');
  const lang = locale === 'en' ? 'en' : 'zh';
  const verb = VERB_NAMES[parts[parts.length - 1] ?? ''];
  const objects = parts.slice(0, -1).map((p) => OBJECT_NAMES[p]);
  if (!verb || objects.length === 0 || objects.some((o) => !o)) return null;
  const obj = objects.map((o) => (o as Text)[lang]).join(lang === 'en' ? ' ' : '');
  return lang === 'en' ? `${obj} ${verb.en}` : `${obj}${verb.zh}`;
}

/** Accounts the system acts as. */
export const SYSTEM_ACTORS: Record<string, Text> = {
  planner: { zh: '系统（检查计划）', en: 'System (inspection planner)' },
  scheduler: { zh: '系统（定时任务）', en: 'System (scheduler)' },
  system: { zh: '系统', en: 'System' },
  demo: { zh: '系统（演示数据）', en: 'System (demo data)' },
  escalation: { zh: '系统（逾期升级）', en: 'System (escalation)' },
  cli: { zh: '命令行', en: 'Command line' },
};

export function actorName(name: string | null, locale: Locale): string {
  if (!name) return locale === 'en' ? 'System' : '系统';
  const sys = SYSTEM_ACTORS[name];
  return sys ? (locale === 'en' ? sys.en : sys.zh) : name;
}

export const SUMMARY_KEYS: Record<string, Text> = {
  reason: { zh: '原因', en: 'reason' }, name: { zh: '名称', en: 'name' }, grid: { zh: '网格', en: 'grid' }, code: { zh: '编号', en: 'code' },
  unit: { zh: '单位', en: 'unit' }, rows: { zh: '行数', en: 'rows' }, kind: { zh: '类型', en: 'kind' }, gridOverride: { zh: '手工指定网格', en: 'grid set by hand' },
  after: { zh: '之后', en: 'after' }, to: { zh: '改为', en: 'to' }, from: { zh: '原为', en: 'from' }, source: { zh: '来源', en: 'source' },
  role: { zh: '角色', en: 'role' }, grade: { zh: '等级', en: 'grade' }, fields: { zh: '字段', en: 'fields' }, before: { zh: '之前', en: 'before' },
  username: { zh: '用户名', en: 'username' }, user: { zh: '用户', en: 'user' }, ref: { zh: '编号', en: 'reference' }, project: { zh: '项目', en: 'project' },
  mode: { zh: '方式', en: 'mode' }, member: { zh: '成员', en: 'member' }, level: { zh: '层级', en: 'level' }, filters: { zh: '筛选条件', en: 'filters' },
  category: { zh: '类别', en: 'category' }, version: { zh: '版本', en: 'version' }, supporters: { zh: '附议人数', en: 'supporters' },
  seed: { zh: '随机种子', en: 'seed' }, retired: { zh: '停用', en: 'retired' }, period: { zh: '周期', en: 'period' }, note: { zh: '备注', en: 'note' },
  method: { zh: '方法', en: 'method' }, industry: { zh: '行业', en: 'industry' }, hazard: { zh: '隐患', en: 'hazard' }, file: { zh: '文件', en: 'file' },
  created: { zh: '新建', en: 'created' }, changed: { zh: '变更', en: 'changed' }, amount: { zh: '金额', en: 'amount' }, added: { zh: '新增', en: 'added' },
  total: { zh: '合计', en: 'total' }, template: { zh: '检查表', en: 'checklist' }, state: { zh: '状态', en: 'state' }, result: { zh: '结果', en: 'result' },
  removed: { zh: '删除', en: 'removed' }, places: { zh: '场所', en: 'places' }, streets: { zh: '街道', en: 'streets' }, value: { zh: '值', en: 'value' },
  previous: { zh: '原值', en: 'previous' }, uscc: { zh: '统一社会信用代码', en: 'credit code' }, table: { zh: '数据表', en: 'table' }, where: { zh: '位置', en: 'where' },
  rubric: { zh: '评分标准', en: 'rubric' }, rubricGrade: { zh: '评分等级', en: 'rubric grade' }, subjectLevel: { zh: '对象层级', en: 'subject level' },
  enterpriseLevel: { zh: '企业层级', en: 'enterprise level' }, workdays: { zh: '工作日', en: 'working days' }, corrects: { zh: '更正', en: 'corrects' },
  outcome: { zh: '结果', en: 'outcome' }, count: { zh: '数量', en: 'count' }, ids: { zh: '编号', en: 'ids' },
};

function valueText(v: unknown, locale: Locale): string {
  if (v === null || v === undefined || v === '') return locale === 'en' ? '(none)' : '（空）';
  if (v === true) return locale === 'en' ? 'yes' : '是';
  if (v === false) return locale === 'en' ? 'no' : '否';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map((x) => valueText(x, locale)).join(locale === 'en' ? ', ' : '、');
  if (typeof v === 'object') return summaryText(v as Record<string, unknown>, locale);
  return JSON.stringify(v);
}

/** An audit summary in words: labelled keys, readable values ("改为 D；原为（空）"). */
export function summaryText(s: Record<string, unknown>, locale: Locale): string {
  const lang = locale === 'en' ? 'en' : 'zh';
  return Object.entries(s)
    .map(([k, v]) => `${SUMMARY_KEYS[k]?.[lang] ?? k}${lang === 'en' ? ': ' : '：'}${valueText(v, locale)}`)
    .join(lang === 'en' ? '; ' : '；');
}
