// Text pools for synthetic records: names of people, shops, enterprises and roads, and hazard
// descriptions per category, in the register a grid worker would write them.
import { pick, type Rng } from '../../../common/random.js';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗',
  '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '萧', '程', '曹', '袁', '邓', '许', '傅', '沈', '曾', '彭', '吕', '苏', '卢',
  '蒋', '蔡', '贾', '丁', '魏', '薛', '叶', '阎', '余', '潘', '杜', '戴', '夏', '钟', '汪', '田', '任', '姜', '范', '方', '石', '姚',
  '谭', '廖', '邹', '熊', '金', '陆', '郝', '孔', '白', '崔', '康', '毛', '邱', '秦', '江', '史', '顾', '侯', '邵', '孟', '龙', '万',
  '段', '雷', '钱', '汤', '尹', '黎', '易', '常', '武', '乔', '贺', '赖', '龚', '文', '祁', '铁', '冶', '韩', '喇', '赛'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平',
  '刚', '桂英', '建华', '文', '华', '红', '志强', '玉兰', '建国', '海燕', '晓东', '雪梅', '国庆', '卫东', '春梅', '德明', '永红',
  '小龙', '丹', '萍', '鹏', '辉', '玲', '斌', '宁', '琳', '浩', '婷', '瑞', '成', '学文', '有福', '生元', '占英', '金花', '尕措',
  '卓玛', '才让', '海龙', '玉梅', '建军', '秀兰', '文斌', '子涵', '梓轩', '欣怡', '雨桐', '浩然', '思远', '一诺'];

export function personName(r: Rng): string {
  return pick(r, SURNAMES) + pick(r, GIVEN);
}

const SHOP_WORDS = ['鑫源', '恒通', '顺达', '佳美', '福瑞', '金鼎', '康乐', '华联', '兴隆', '宏泰', '天润', '昆仑', '高原',
  '湟水', '青海湖', '雪域', '祥和', '吉祥', '宝丰', '永盛', '长青', '百佳', '万家', '和顺', '德馨', '安康', '春晖', '新城', '阳光', '家和'];
const KIND_SUFFIX: Record<string, readonly string[]> = {
  small_shopping: ['便利店', '超市', '日杂店', '百货店', '五金店'],
  small_catering: ['拉面馆', '手抓羊肉馆', '饭店', '小吃店', '火锅店', '酿皮店'],
  small_lodging: ['宾馆', '旅馆', '招待所', '民宿'],
  small_entertainment: ['KTV', '网吧', '棋牌室'],
  small_leisure: ['足浴店', '健身房', '洗浴中心'],
  small_medical: ['诊所', '药店', '卫生室'],
  small_teaching: ['培训中心', '托管班', '幼儿园'],
  small_production: ['加工厂', '机械加工部', '食品加工坊'],
  small_flammable: ['液化气供应站', '烟花爆竹店', '油漆店'],
  three_small_stall: ['档口', '摊位'],
  three_small_workshop: ['作坊', '修理铺'],
  three_small_entertainment: ['游戏厅', '台球室'],
  three_in_one: ['商住店', '仓储门店'],
  crowded: ['商场', '农贸市场', '体育馆', '客运站'],
  rental_housing: ['出租屋'],
  group_rental: ['群租房'],
  high_rise: ['大厦', '国际公寓', '商务中心'],
  underground: ['地下车库', '地下商场'],
  plant: ['厂房', '工业园车间'],
  hazmat_site: ['化工仓库', '加油站'],
  construction_site: ['项目工地', '安置房工地'],
  school: ['小学', '中学', '职业学校'],
  market: ['集贸市场', '批发市场'],
  other: ['仓库', '停车场', '物业中心'],
};

export function placeName(r: Rng, kind: string, area: string): string {
  const suffix = pick(r, KIND_SUFFIX[kind] ?? ['门店']);
  if (kind === 'rental_housing' || kind === 'group_rental') return `${area}${pick(r, ROADS)}${1 + Math.floor(r() * 200)}号${suffix}`;
  return `${area}${pick(r, SHOP_WORDS)}${suffix}`;
}

const ENTERPRISE_KIND: Record<string, readonly string[]> = {
  C: ['制造有限公司', '机械有限公司', '食品有限公司', '材料科技有限公司', '化工有限公司'],
  B: ['矿业有限公司'],
  D: ['能源有限公司', '燃气有限公司'],
  E: ['建筑工程有限公司', '建设集团有限公司', '装饰工程有限公司'],
  F: ['商贸有限公司', '商贸有限责任公司', '百货有限公司'],
  G: ['物流有限公司', '运输有限公司'],
  H: ['酒店管理有限公司', '餐饮管理有限公司'],
  K: ['物业服务有限公司', '房地产开发有限公司'],
};

export function enterpriseName(r: Rng, industry: string, city: string): string {
  const section = industry.slice(0, 1);
  return `${city}${pick(r, SHOP_WORDS)}${pick(r, SHOP_WORDS)}${pick(r, ENTERPRISE_KIND[section] ?? ['有限公司', '有限责任公司'])}`;
}

const ROADS = ['七一路', '五四大街', '昆仑路', '黄河路', '长江路', '西关大街', '东关大街', '南大街', '北大街', '海湖路', '同仁路', '八一路',
  '建国路', '柴达木路', '祁连路', '互助路', '宁张路', '民和路', '湟中路', '胜利路', '文化街', '新宁路', '中华巷', '花园北街'];

export function address(r: Rng, area: string): string {
  return `${area}${pick(r, ROADS)}${1 + Math.floor(r() * 300)}号`;
}

export function homeAddress(r: Rng, community: string): string {
  return `${community}${1 + Math.floor(r() * 30)}号楼${1 + Math.floor(r() * 4)}单元${1 + Math.floor(r() * 24)}0${1 + Math.floor(r() * 4)}室`;
}

const HAZARD_TEXT: Record<string, readonly string[]> = {
  fire: ['灭火器压力不足，未及时更换', '室内消火栓被杂物遮挡，无法正常使用', '消防设施未按规定定期维护保养', '未按规定配置灭火器材',
    '火灾自动报警系统故障未修复', '消防控制室无人值守', '厨房油烟管道长期未清洗'],
  evacuation: ['安全出口上锁，无法正常开启', '疏散通道堆放杂物', '应急照明灯损坏', '疏散指示标志缺失', '防火门常开，闭门器损坏'],
  electrical: ['电气线路私拉乱接', '电线未穿管保护，绝缘层老化', '配电箱无漏电保护装置', '大功率电器与插座不匹配', '电气线路敷设在可燃物上'],
  gas: ['燃气软管老化开裂', '未安装燃气泄漏报警装置', '液化气钢瓶与灶具间距不足', '液化气钢瓶存放在地下室', '燃气管道私自改装'],
  e_bike: ['电动自行车在楼道内停放充电', '电动自行车飞线充电', '集中充电设施故障', '电动自行车进入电梯'],
  three_in_one: ['生产经营区域与住宿区域未有效分隔', '仓库内设置员工宿舍', '店铺阁楼住人且无独立疏散通道'],
  building: ['外墙装饰层松动有坠落风险', '房屋承重墙私自拆改', '屋面防水层破损导致渗漏', '围墙倾斜开裂'],
  road_traffic: ['路口交通标志缺失', '人行道井盖缺失', '路面塌陷未设置警示', '学校周边减速带损坏'],
  crowded_place: ['营业期间安全出口数量不足', '人员超员未控制', '装修使用易燃可燃材料'],
  special_equipment: ['电梯超期未检验', '锅炉安全阀未定期校验', '压力容器无使用登记证', '起重机械限位装置失效'],
  hazardous_chemicals: ['危险化学品未分类存放', '危化品储存场所无防爆电气', '未建立危险化学品出入库台账'],
  construction: ['脚手架连墙件缺失', '临边洞口未设置防护栏杆', '施工人员未佩戴安全帽', '塔吊司机无证上岗', '基坑边堆载过大'],
  production_equipment: ['机械设备传动部位无防护罩', '设备安全联锁装置失效', '作业场所照明不足', '砂轮机无防护挡板'],
  occupational_health: ['粉尘作业场所未配备除尘设施', '作业人员未配备防护用品', '噪声作业未进行职业病危害告知'],
  disaster: ['排水沟堵塞，汛期存在内涝风险', '边坡有滑塌迹象', '河道行洪区内违规堆放', '地质灾害隐患点警示牌缺失'],
  environment: ['垃圾堆放点未及时清运', '餐饮油烟直排', '下水井盖破损'],
  safety_management: ['未建立安全生产责任制', '未开展从业人员安全培训', '安全管理台账不全', '应急预案未演练'],
  other: ['存在其他安全隐患，需现场核实处理', '广告牌固定不牢'],
};

export function hazardDescription(r: Rng, category: string, where: string | null): string {
  const t = pick(r, HAZARD_TEXT[category] ?? HAZARD_TEXT.other!);
  return where ? `${where}：${t}` : t;
}

export const MAJOR_BASIS = [
  '《重大火灾隐患判定方法》(GB 35181-2017) 第6条',
  '《工贸企业重大事故隐患判定标准》第四条',
  '《房屋市政工程生产安全重大事故隐患判定标准》第八条',
  '《城镇燃气经营安全重大隐患判定标准》第三条',
];

export const REJECT_REASONS = ['经现场核实，不属于安全隐患', '问题已在核实前自行消除', '与已登记隐患重复', '不属于本辖区管理范围，已告知相关部门'];
export const RETURN_REASONS = ['整改照片不清晰，请补充整改后照片', '整改不彻底，请继续整改', '未提供整改记录'];
export const EXTENSION_REASONS = ['需采购配件，申请延期', '涉及多方协调，申请延长整改期限', '施工受天气影响，申请延期'];
export const SUBMIT_COMMENTS = ['已按要求完成整改', '已整改到位，请验收', '整改完毕，附整改后照片'];
export const ACCEPT_COMMENTS = ['经复查，整改到位，同意销号', '现场复核合格', null, null];
export const REPORT_REJECT_REASONS = ['经核实，反映的情况不属于安全隐患', '反映的问题已处理完毕', '信息不足，无法核实'];
export const INSPECTION_SUMMARIES = ['检查发现问题已当场告知并下达整改', '总体情况良好', '部分问题已现场整改', '发现问题已录入隐患台账'];

export const PLAN = {
  objective: '消除重大事故隐患，确保场所安全运行',
  methods: '停用相关区域，委托专业单位实施改造',
  funds: '企业自筹整改资金，物资已落实',
  organization: '企业主要负责人牵头，安全管理部门具体实施',
  timeLimit: '限期完成整改并申请验收',
  safetyMeasures: '整改期间设置警戒区域，制定应急预案并组织演练',
};
