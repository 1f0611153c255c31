// 九小场所 (nine kinds of small places) — threshold form of reference §8.1 (齐鲁晚报 2018-04-28).
// Thresholds are LOCAL (a township plan uses different numbers) → the whole table is configurable, and
// every limit carries explicit inclusive flags. "以下" defaults to inclusive, following the general
// statutory reading (民法典 Art. 1259: "以上、以下、以内、届满，包括本数"); change it per deployment.

import { formatInterval, inInterval, type Interval } from './interval.js';
import {
  fail,
  fmt,
  ok,
  ruleError,
  step,
  tableRef,
  type LocalizedText,
  type Outcome,
  type ReferenceTableMeta,
  type RuleError,
  type TableRef,
  type WorkingStep,
} from './rule-types.js';

export type SmallPlaceNumericField = 'areaM2' | 'beds' | 'seats' | 'persons' | 'staff' | 'dormStaff' | 'floor' | 'topFloor';

export const SMALL_PLACE_NUMERIC_FIELDS: readonly SmallPlaceNumericField[] = [
  'areaM2',
  'beds',
  'seats',
  'persons',
  'staff',
  'dormStaff',
  'floor',
  'topFloor',
];

export type SmallPlaceCondition =
  | { readonly kind: 'range'; readonly field: SmallPlaceNumericField; readonly interval: Interval }
  | { readonly kind: 'flag'; readonly field: 'boarding'; readonly equals: boolean };

export interface SmallPlaceClause {
  readonly id: string;
  /** Place uses this clause applies to (ids from the table's `uses`). */
  readonly uses: readonly string[];
  /** All must hold. An empty list means every place of these uses qualifies. */
  readonly conditions: readonly SmallPlaceCondition[];
  readonly text: LocalizedText;
}

export interface SmallPlaceKindRule {
  readonly kind: string;
  readonly name: LocalizedText;
  /** Alternatives: the kind applies when any clause holds. */
  readonly clauses: readonly SmallPlaceClause[];
}

export interface PlaceUse {
  readonly id: string;
  readonly name: LocalizedText;
}

export interface SmallPlaceTable extends ReferenceTableMeta {
  readonly uses: readonly PlaceUse[];
  readonly kinds: readonly SmallPlaceKindRule[];
}

export const SMALL_PLACE_FIELD_LABELS: Readonly<Record<SmallPlaceNumericField | 'boarding', LocalizedText & { readonly unit: string }>> = {
  areaM2: { zh: '建筑面积', en: 'floor area', unit: 'm²' },
  beds: { zh: '床位数', en: 'beds', unit: '' },
  seats: { zh: '额定就餐人数', en: 'rated diners', unit: '' },
  persons: { zh: '在校（园）人数', en: 'pupils/children', unit: '' },
  staff: { zh: '职工总人数', en: 'total staff', unit: '' },
  dormStaff: { zh: '员工集体宿舍人数', en: 'staff in the collective dormitory', unit: '' },
  floor: { zh: '所在最低楼层', en: 'lowest floor', unit: '' },
  topFloor: { zh: '所在最高楼层', en: 'highest floor', unit: '' },
  boarding: { zh: '寄宿制', en: 'boarding', unit: '' },
};

/** "0 ≤ x ≤ 300" style limit: [0, max] is shown as "≤ max". */
const upTo = (max: number, inclusive = true): Interval => ({ min: 0, minInclusive: true, max, maxInclusive: inclusive });
const range = (field: SmallPlaceNumericField, interval: Interval): SmallPlaceCondition => ({ kind: 'range', field, interval });
const u = (id: string, zh: string, en: string): PlaceUse => ({ id, name: { zh, en } });

export const NINE_SMALL_PLACES_QILU_2018: SmallPlaceTable = {
  id: 'small-places.nine.threshold',
  version: 'qilu-2018-04-28.1',
  source: '齐鲁晚报 2018-04-28 “九小场所” threshold definition (epaper.qlwb.com.cn); reference §8.1',
  confidence: 'local',
  confidenceNote: {
    zh: '地方口径（二手资料），其他地区数值不同（如客房数50间以下、生产加工企业建筑面积300平方米以下）；“以下”默认含本数，可按当地文件修改。第4类所含业态（歌舞厅、网吧等）原文未列明，为本平台假设。',
    en: 'A local definition (secondary source); other places use other numbers. "以下" defaults to inclusive — edit per local document. The uses under kind 4 (KTV, internet cafés …) are not listed in the source and are our assumption.',
  },
  configurable: true,
  local: true,
  uses: [
    u('shop', '商店', 'shop'),
    u('mall', '商场', 'shopping mall'),
    u('market', '市场', 'market'),
    u('restaurant', '饭店、餐馆', 'restaurant'),
    u('hotel', '旅馆', 'hotel / guesthouse'),
    u('ktv', '歌舞厅、卡拉OK厅', 'KTV / dance hall'),
    u('nightclub', '夜总会', 'nightclub'),
    u('game_room', '游艺厅', 'amusement arcade'),
    u('internet_cafe', '网吧', 'internet café'),
    u('bath', '洗浴', 'bath house'),
    u('foot_massage', '足疗', 'foot massage'),
    u('beauty_salon', '美容美发美体', 'beauty / hair salon'),
    u('bar', '酒吧', 'bar'),
    u('teahouse', '茶社', 'teahouse'),
    u('chess_room', '棋牌室', 'chess / mahjong room'),
    u('cafe', '咖啡厅', 'café'),
    u('gym', '健身俱乐部', 'gym'),
    u('township_health_centre', '乡镇卫生院', 'township health centre'),
    u('street_health_centre', '街道卫生院', 'street health centre'),
    u('community_health_centre', '社区卫生院', 'community health centre'),
    u('hospital', '医院', 'hospital'),
    u('clinic', '诊所', 'clinic'),
    u('sanatorium', '疗养院', 'sanatorium'),
    u('elderly_home', '养老院', 'elderly care home'),
    u('welfare_home', '福利院', 'welfare home'),
    u('school', '学校', 'school'),
    u('kindergarten', '幼儿园', 'kindergarten'),
    u('nursery', '托儿所', 'nursery'),
    u('manufacturing', '生产加工企业', 'production / processing business'),
    u('hazmat_sales', '易燃易爆危险品销售场所', 'flammable/explosive goods shop'),
    u('hazmat_storage', '易燃易爆危险品储存场所', 'flammable/explosive goods store'),
  ],
  kinds: [
    {
      kind: 'shopping',
      name: { zh: '小购物场所', en: 'small shopping place' },
      clauses: [
        {
          id: 'shopping',
          uses: ['shop', 'mall', 'market'],
          conditions: [range('areaM2', upTo(300))],
          text: { zh: '建筑面积300平方米以下的小商场（商店、市场）', en: 'shops/markets with floor area up to 300 m²' },
        },
      ],
    },
    {
      kind: 'catering',
      name: { zh: '小餐饮场所', en: 'small catering place' },
      clauses: [
        {
          id: 'catering',
          uses: ['restaurant'],
          conditions: [range('seats', upTo(100))],
          text: { zh: '额定就餐人数100人以下的小饭店', en: 'restaurants rated for up to 100 diners' },
        },
      ],
    },
    {
      kind: 'lodging',
      name: { zh: '小住宿场所', en: 'small lodging place' },
      clauses: [
        {
          id: 'lodging',
          uses: ['hotel'],
          conditions: [range('beds', upTo(50))],
          text: { zh: '床位数50张以下的小旅馆', en: 'hotels with up to 50 beds' },
        },
      ],
    },
    {
      kind: 'entertainment',
      name: { zh: '小公共娱乐场所', en: 'small public entertainment place' },
      clauses: [
        {
          id: 'entertainment',
          uses: ['ktv', 'nightclub', 'game_room', 'internet_cafe'],
          conditions: [
            range('floor', { min: 1, minInclusive: true, max: 3, maxInclusive: true }),
            range('topFloor', { min: 1, minInclusive: true, max: 3, maxInclusive: true }),
            range('areaM2', upTo(200)),
          ],
          text: {
            zh: '设置在建筑物首层、二层、三层且建筑面积200平方米以下',
            en: 'on the 1st–3rd floor with floor area up to 200 m²',
          },
        },
      ],
    },
    {
      kind: 'leisure',
      name: { zh: '小休闲健身场所', en: 'small leisure / fitness place' },
      clauses: [
        {
          id: 'leisure',
          uses: ['bath', 'foot_massage', 'beauty_salon', 'bar', 'teahouse', 'chess_room', 'cafe', 'gym'],
          conditions: [range('areaM2', upTo(200))],
          text: {
            zh: '建筑面积200平方米以下的洗浴、足疗、美容美发美体、酒吧、茶社、棋牌室、咖啡厅、健身俱乐部等',
            en: 'baths, foot massage, beauty salons, bars, teahouses, chess rooms, cafés, gyms up to 200 m²',
          },
        },
      ],
    },
    {
      kind: 'medical',
      name: { zh: '小医疗场所', en: 'small medical place' },
      clauses: [
        {
          id: 'medical.health-centre',
          uses: ['township_health_centre', 'street_health_centre', 'community_health_centre'],
          conditions: [],
          text: { zh: '乡镇卫生院、街道卫生院、社区卫生院', en: 'township, street and community health centres' },
        },
        {
          id: 'medical.other',
          uses: ['hospital', 'clinic', 'sanatorium', 'elderly_home', 'welfare_home'],
          conditions: [range('beds', upTo(30))],
          text: {
            zh: '床位数30张以下的其他小医院（诊所）、疗养院、养老院、福利院',
            en: 'other hospitals/clinics, sanatoriums, elderly and welfare homes with up to 30 beds',
          },
        },
      ],
    },
    {
      kind: 'teaching',
      name: { zh: '小教学场所', en: 'small teaching place' },
      clauses: [
        {
          id: 'teaching.boarding',
          uses: ['school', 'kindergarten', 'nursery'],
          conditions: [{ kind: 'flag', field: 'boarding', equals: true }, range('beds', upTo(50))],
          text: { zh: '床位数50张以下的寄宿制学校和托儿所、幼儿园', en: 'boarding schools/nurseries/kindergartens with up to 50 beds' },
        },
        {
          id: 'teaching.day-school',
          uses: ['school'],
          conditions: [{ kind: 'flag', field: 'boarding', equals: false }, range('persons', upTo(500))],
          text: { zh: '500人以下的非寄宿制学校', en: 'day schools with up to 500 pupils' },
        },
        {
          id: 'teaching.day-kindergarten',
          uses: ['kindergarten', 'nursery'],
          conditions: [{ kind: 'flag', field: 'boarding', equals: false }, range('persons', upTo(100))],
          text: { zh: '100人以下的非寄宿制托儿所、幼儿园', en: 'day nurseries/kindergartens with up to 100 children' },
        },
      ],
    },
    {
      kind: 'production',
      name: { zh: '小生产加工企业', en: 'small production / processing business' },
      clauses: [
        {
          id: 'production.staff',
          uses: ['manufacturing'],
          conditions: [range('staff', upTo(50))],
          text: { zh: '职工总人数50人以下', en: 'up to 50 staff in total' },
        },
        {
          id: 'production.dormitory',
          uses: ['manufacturing'],
          conditions: [range('dormStaff', { min: 0, minInclusive: false, max: 30, maxInclusive: true })],
          text: { zh: '设有30人以下员工集体宿舍', en: 'has a staff dormitory for up to 30 people' },
        },
      ],
    },
    {
      kind: 'flammable',
      name: { zh: '小易燃易爆场所', en: 'small flammable / explosive goods place' },
      clauses: [
        {
          id: 'flammable',
          uses: ['hazmat_sales', 'hazmat_storage'],
          conditions: [range('areaM2', upTo(100))],
          text: { zh: '建筑面积100平方米以下的易燃易爆危险品销售、储存场所', en: 'flammable/explosive goods shops and stores up to 100 m²' },
        },
      ],
    },
  ],
};

export interface SmallPlaceInput {
  /** Place use id from the table's `uses`. */
  readonly use: string;
  readonly areaM2?: number;
  readonly beds?: number;
  /** 额定就餐人数 */
  readonly seats?: number;
  /** Pupils / children (for schools and kindergartens). */
  readonly persons?: number;
  readonly staff?: number;
  /** People in the staff collective dormitory; 0 = no dormitory. */
  readonly dormStaff?: number;
  /** Lowest floor the place occupies: 1 = ground floor, −1 = first basement. */
  readonly floor?: number;
  /** Highest floor the place occupies; defaults to `floor`. */
  readonly topFloor?: number;
  readonly boarding?: boolean;
}

export interface SmallPlaceMatch {
  readonly kind: string;
  readonly name: LocalizedText;
  readonly clauseId: string;
  readonly clause: LocalizedText;
  readonly reasons: readonly WorkingStep[];
}

export interface SmallPlacePossible {
  readonly kind: string;
  readonly name: LocalizedText;
  readonly clauseId: string;
  /** Inputs needed to decide. */
  readonly missing: readonly (SmallPlaceNumericField | 'boarding')[];
}

export interface SmallPlaceSuggestion {
  readonly inputs: SmallPlaceInput;
  readonly table: TableRef;
  /** Kinds whose conditions all hold. */
  readonly matches: readonly SmallPlaceMatch[];
  /** Kinds whose use matches but an input is missing; none of the known inputs rules them out. */
  readonly possible: readonly SmallPlacePossible[];
  readonly working: readonly WorkingStep[];
}

export type SmallPlaceErrorCode = 'small_places.unknown_use' | 'small_places.invalid_number';

type ConditionState = { readonly state: 'pass' | 'fail'; readonly step: WorkingStep } | { readonly state: 'unknown'; readonly field: SmallPlaceNumericField | 'boarding' };

function describeInterval(i: Interval, unit: string): string {
  const u2 = unit === '' ? '' : ` ${unit}`;
  if (i.min === 0 && i.minInclusive && i.max !== null) return `${i.maxInclusive ? '≤' : '<'} ${fmt(i.max)}${u2}`;
  return `∈ ${formatInterval(i)}${u2}`;
}

function evaluate(c: SmallPlaceCondition, input: SmallPlaceInput): ConditionState {
  const label = SMALL_PLACE_FIELD_LABELS[c.field];
  if (c.kind === 'flag') {
    const v = input.boarding;
    if (v === undefined) return { state: 'unknown', field: 'boarding' };
    const pass = v === c.equals;
    const zh = `${label.zh}：${v ? '是' : '否'}（要求${c.equals ? '是' : '否'}）${pass ? '✓' : '✗'}`;
    const en = `${label.en}: ${v ? 'yes' : 'no'} (required ${c.equals ? 'yes' : 'no'}) ${pass ? '✓' : '✗'}`;
    return { state: pass ? 'pass' : 'fail', step: step(zh, en) };
  }
  const v = c.field === 'topFloor' ? (input.topFloor ?? input.floor) : input[c.field];
  if (v === undefined) return { state: 'unknown', field: c.field };
  const pass = inInterval(v, c.interval);
  const unit = label.unit === '' ? '' : ` ${label.unit}`;
  const limit = describeInterval(c.interval, label.unit);
  return {
    state: pass ? 'pass' : 'fail',
    step: step(
      `${label.zh} ${fmt(v)}${unit}，要求 ${limit}（${c.interval.maxInclusive ? '含本数' : '不含本数'}）${pass ? '✓' : '✗'}`,
      `${label.en} ${fmt(v)}${unit}, required ${limit} ${pass ? '✓' : '✗'}`,
    ),
  };
}

function validateInput(input: SmallPlaceInput, table: SmallPlaceTable): RuleError<SmallPlaceErrorCode>[] {
  const errors: RuleError<SmallPlaceErrorCode>[] = [];
  if (!table.uses.some((x) => x.id === input.use)) {
    errors.push(
      ruleError('small_places.unknown_use', `场所用途“${input.use}”不在表 ${table.id} 中`, `Place use "${input.use}" is not in table ${table.id}`, {
        use: input.use,
      }),
    );
  }
  for (const f of SMALL_PLACE_NUMERIC_FIELDS) {
    const v = input[f];
    if (v === undefined) continue;
    const isFloor = f === 'floor' || f === 'topFloor';
    const integer = f !== 'areaM2';
    const okValue = Number.isFinite(v) && (!integer || Number.isInteger(v)) && (isFloor ? v !== 0 : v >= 0);
    if (!okValue) {
      const label = SMALL_PLACE_FIELD_LABELS[f];
      errors.push(
        ruleError(
          'small_places.invalid_number',
          `${label.zh}取值 ${String(v)} 无效（${isFloor ? '楼层为非零整数，地下为负数' : integer ? '应为非负整数' : '应为非负数'}）`,
          `${label.en} value ${String(v)} is invalid (${isFloor ? 'floors are non-zero integers, basements negative' : integer ? 'non-negative integer expected' : 'non-negative number expected'})`,
          { field: f, value: Number.isFinite(v) ? v : String(v) },
        ),
      );
    }
  }
  return errors;
}

/** Suggests which of the nine small-place kinds a place falls under, with the reason for each. */
export function suggestPlaceKind(
  input: SmallPlaceInput,
  table: SmallPlaceTable = NINE_SMALL_PLACES_QILU_2018,
): Outcome<SmallPlaceSuggestion, SmallPlaceErrorCode> {
  const errors = validateInput(input, table);
  if (errors.length > 0) return fail(errors);
  const useName = table.uses.find((x) => x.id === input.use)?.name ?? { zh: input.use, en: input.use };
  const working: WorkingStep[] = [step(`场所用途：${useName.zh}`, `Place use: ${useName.en}`)];
  const matches: SmallPlaceMatch[] = [];
  const possible: SmallPlacePossible[] = [];
  for (const kind of table.kinds) {
    let matched: SmallPlaceMatch | undefined;
    let maybe: SmallPlacePossible | undefined;
    for (const clause of kind.clauses) {
      if (!clause.uses.includes(input.use)) continue;
      const states = clause.conditions.map((c) => evaluate(c, input));
      const steps = states.flatMap((s) => (s.state === 'unknown' ? [] : [s.step]));
      const missing = states.flatMap((s) => (s.state === 'unknown' ? [s.field] : []));
      const failed = states.some((s) => s.state === 'fail');
      const head = { zh: `${kind.name.zh}（${clause.text.zh}）`, en: `${kind.name.en} (${clause.text.en})` };
      if (failed) {
        working.push(step(`不属于${head.zh}：${steps.map((s) => s.zh).join('；')}`, `Not ${head.en}: ${steps.map((s) => s.en).join('; ')}`));
      } else if (missing.length > 0) {
        maybe ??= { kind: kind.kind, name: kind.name, clauseId: clause.id, missing };
        const names = missing.map((m) => SMALL_PLACE_FIELD_LABELS[m]);
        working.push(
          step(`可能属于${head.zh}：缺少 ${names.map((n) => n.zh).join('、')}`, `Possibly ${head.en}: missing ${names.map((n) => n.en).join(', ')}`),
        );
      } else {
        const reasons = steps.length > 0 ? steps : [step('该用途不设规模门槛', 'No size threshold for this use')];
        matched ??= { kind: kind.kind, name: kind.name, clauseId: clause.id, clause: clause.text, reasons };
        working.push(step(`属于${head.zh}：${reasons.map((s) => s.zh).join('；')}`, `Is ${head.en}: ${reasons.map((s) => s.en).join('; ')}`));
      }
    }
    if (matched !== undefined) matches.push(matched);
    else if (maybe !== undefined) possible.push(maybe);
  }
  if (matches.length === 0 && possible.length === 0) {
    working.push(step('不属于任何“九小场所”类别', 'Not one of the nine small-place kinds'));
  }
  working.push(step(`依据：${table.id} v${table.version}`, `Rule set: ${table.id} v${table.version}`));
  return ok({ inputs: { ...input }, table: tableRef(table), matches, possible, working });
}
