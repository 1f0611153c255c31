// Pure rules of the unit tree: levels, statistical codes, kinds read from name and code, display
// names, the name normalization used to match polygons to divisions, and grid codes.
// Reference: domain-standards §7.2–7.3 (grids, 15-digit grid code) and §11 (division codes).

export const UNIT_LEVELS = ['root', 'province', 'city', 'district', 'street', 'community', 'grid'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];
export type ImportLevel = 'province' | 'city' | 'district' | 'street' | 'community';

/** The level below (undefined under a grid). */
export function childLevel(level: UnitLevel): UnitLevel | undefined {
  const i = UNIT_LEVELS.indexOf(level);
  return i >= 0 && i < UNIT_LEVELS.length - 1 ? UNIT_LEVELS[i + 1] : undefined;
}

export function levelDepth(level: UnitLevel): number {
  return UNIT_LEVELS.indexOf(level);
}

/** The level a statistical code names by its length: 2 province, 4 city, 6 county, 9 township, 12 village, 15 grid. */
export function levelOfCode(code: string): UnitLevel | undefined {
  if (!/^\d+$/.test(code)) return undefined;
  switch (code.length) {
    case 2:
      return 'province';
    case 4:
      return 'city';
    case 6:
      return 'district';
    case 9:
      return 'street';
    case 12:
      return 'community';
    case 15:
      return 'grid';
    default:
      return undefined;
  }
}

/** The code of the parent a code implies (its prefix), or undefined at the top. */
export function parentCodeOf(code: string): string | undefined {
  switch (code.length) {
    case 4:
      return code.slice(0, 2);
    case 6:
      return code.slice(0, 4);
    case 9:
      return code.slice(0, 6);
    case 12:
      return code.slice(0, 9);
    case 15:
      return code.slice(0, 12);
    default:
      return undefined;
  }
}

export type StreetKind = '街道' | '镇' | '乡' | '园区';
export type CommunityKind = '社区' | '村';
export type GridKind = '综合网格' | '专属网格';

export interface KindReading {
  kind: string;
  /** What the code range alone suggests (undefined where the range has no meaning). */
  byCode: string | undefined;
  /** Whether the name decided (true) or only the code range (false). */
  byName: boolean;
}

const PARK_WORDS = ['园区', '工业园', '产业园', '开发区', '高新区', '经济区', '示范区', '新城', '农场', '林场', '牧场', '管委会'];

function streetKindByCode(code: string): StreetKind | undefined {
  const t = Number(code.slice(6, 9));
  if (!Number.isFinite(t) || code.length < 9) return undefined;
  if (t >= 1 && t <= 99) return '街道';
  if (t >= 100 && t <= 199) return '镇';
  if (t >= 200 && t <= 399) return '乡';
  if (t >= 400 && t <= 599) return '园区';
  return undefined;
}

function communityKindByCode(code: string): CommunityKind | undefined {
  const v = Number(code.slice(9, 12));
  if (!Number.isFinite(v) || code.length < 12) return undefined;
  if (v >= 1 && v <= 199) return '社区';
  if (v >= 200 && v <= 399) return '村';
  return undefined;
}

/**
 * A unit's kind from its name and code together. The name decides where it is explicit
 * (…街道, …镇, …乡, …社区, …居委会, …村委会, parks); the code range (township 001–099 街道,
 * 100–199 镇, 200–399 乡, 400–599 园区; village 001–199 居委会, 200–399 村委会) is only the
 * default. Users can correct the result (kind_source = 'manual').
 */
export function kindFromNameAndCode(level: UnitLevel, name: string, code: string): KindReading {
  const n = name.replace(/\s+/g, '');
  switch (level) {
    case 'root':
      return { kind: 'root', byCode: undefined, byName: false };
    case 'province': {
      const kind = n.endsWith('自治区') ? '自治区' : n.endsWith('特别行政区') ? '特别行政区' : n.endsWith('市') ? '直辖市' : '省';
      return { kind, byCode: undefined, byName: true };
    }
    case 'city': {
      const kind = n.endsWith('自治州') ? '自治州' : n.endsWith('地区') ? '地区' : n.endsWith('盟') ? '盟' : n === '市辖区' ? '市辖区' : n.endsWith('县') ? '县' : '地级市';
      return { kind, byCode: undefined, byName: true };
    }
    case 'district': {
      const c = Number(code.slice(4, 6));
      const byCode = !Number.isFinite(c) ? undefined : c >= 1 && c <= 20 ? '区' : c >= 21 && c <= 80 ? '县' : c >= 81 && c <= 99 ? '县级市' : undefined;
      let kind: string | undefined;
      if (n.endsWith('自治县')) kind = '自治县';
      else if (n.endsWith('自治旗')) kind = '自治旗';
      else if (n.endsWith('旗')) kind = '旗';
      else if (n.endsWith('县')) kind = '县';
      else if (n.endsWith('区')) kind = '区';
      else if (n.endsWith('市')) kind = '县级市';
      return kind ? { kind, byCode, byName: true } : { kind: byCode ?? '区', byCode, byName: false };
    }
    case 'street': {
      const byCode = streetKindByCode(code);
      let kind: StreetKind | undefined;
      if (n.endsWith('街道') || n.endsWith('街道办事处')) kind = '街道';
      else if (PARK_WORDS.some((w) => n.includes(w))) kind = '园区';
      else if (n.endsWith('镇')) kind = '镇';
      else if (n.endsWith('乡') || n.endsWith('苏木')) kind = '乡';
      return kind ? { kind, byCode, byName: true } : { kind: byCode ?? '街道', byCode, byName: false };
    }
    case 'community': {
      const byCode = communityKindByCode(code);
      let kind: CommunityKind | undefined;
      if (n.includes('社区') || n.endsWith('居委会') || n.endsWith('居民委员会')) kind = '社区';
      else if (/(村委会|村民委员会|牧委会|嘎查|村)$/.test(n)) kind = '村';
      return kind ? { kind, byCode, byName: true } : { kind: byCode ?? '社区', byCode, byName: false };
    }
    case 'grid':
      return { kind: '综合网格', byCode: undefined, byName: false };
  }
}

/** The name shown on maps and in trees: "北关社区居民委员会" → "北关社区", "杨家村村民委员会" → "杨家村". */
export function shortUnitName(level: UnitLevel, name: string): string {
  const n = name.trim();
  if (level === 'community') {
    let m = /^(.+社区)(居民委员会|居委会)$/.exec(n);
    if (m?.[1]) return m[1];
    m = /^(.+?)(村民委员会|村委会)$/.exec(n);
    if (m?.[1]) return m[1].endsWith('村') ? m[1] : `${m[1]}村`;
  }
  if (level === 'street') {
    const m = /^(.+街道)办事处$/.exec(n);
    if (m?.[1]) return m[1];
  }
  return n;
}

/** Ethnic groups, stripped from the end of names of autonomous units when matching. */
const ETHNIC_GROUPS = [
  '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克', '傣', '黎',
  '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土', '达斡尔', '仫佬', '羌', '布朗', '撒拉',
  '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔',
  '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺', '各',
].sort((a, b) => b.length - a.length);

const NAME_SUFFIXES = ['特别行政区', '自治区', '自治州', '自治县', '自治旗', '街道办事处', '街道', '地区', '林区', '特区', '新区', '矿区', '区', '县', '市', '旗', '盟', '省', '镇', '乡'];

/**
 * A division name reduced for matching: "大通回族土族自治县" → "大通", "湟中县" and "湟中区" → "湟中",
 * "易县" → "易". A suffix is only removed when something remains.
 */
export function normalizeDivisionName(name: string): string {
  let n = name.replace(/[\s\u3000()（）·]/g, '');
  for (const suf of NAME_SUFFIXES) {
    if (n.endsWith(suf) && n.length - suf.length >= 1) {
      n = n.slice(0, -suf.length);
      break;
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const g of ETHNIC_GROUPS) {
      const suffix = `${g}族`;
      if (n.endsWith(suffix) && n.length - suffix.length >= 2) {
        n = n.slice(0, -suffix.length);
        changed = true;
        break;
      }
    }
  }
  return n;
}

/** The 15-digit grid code: the 12-digit community code and a 3-digit sequence. */
export function gridCode(communityCode: string, seq: number): string {
  if (!/^\d{12}$/.test(communityCode) || levelOfDivisionCode12(communityCode) !== 'community') throw new Error(`not a 12-digit community code: ${communityCode}`);
  if (!Number.isInteger(seq) || seq < 1 || seq > 999) throw new Error(`grid sequence out of range: ${seq}`);
  return communityCode + String(seq).padStart(3, '0');
}

/** A 15-digit grid code under a community or village (never directly under a township), sequence 001–999. */
export function isGridCode(code: string): boolean {
  return /^\d{15}$/.test(code) && code.slice(12) !== '000' && levelOfDivisionCode12(code.slice(0, 12)) === 'community';
}

/**
 * The level of a 12-digit statistical division code padded with zeros (110105001000 is a street),
 * or undefined when a non-zero part follows a zero part (110105000001). The county part alone may
 * be zero below a city without counties (东莞 441900003001).
 */
export function levelOfDivisionCode12(code: string): UnitLevel | undefined {
  if (!/^\d{12}$/.test(code)) return undefined;
  const zero = [code.slice(0, 2), code.slice(2, 4), code.slice(4, 6), code.slice(6, 9), code.slice(9, 12)].map((p) => /^0+$/.test(p));
  const last = zero.lastIndexOf(false);
  if (last < 0) return undefined;
  if (zero.slice(0, last).some((z, i) => z && !(i === 2 && last > 2))) return undefined;
  return (['province', 'city', 'district', 'street', 'community'] as const)[last];
}

/** "北关社区" + 1 → "北关社区第1网格"; a single or dedicated grid keeps the community's name. */
export function gridName(communityShortName: string, seq: number, total: number, dedicated: boolean): string {
  if (dedicated) return total === 1 ? `${communityShortName}专属网格` : `${communityShortName}专属网格${seq}`;
  if (total === 1) return `${communityShortName}网格`;
  return `${communityShortName}第${seq}网格`;
}

/** Unit codes accepted in URLs: the root or 2–15 digits. */
export const UNIT_CODE_PATTERN = '^(root|[0-9]{2,15})$';

/** The kinds a user may choose for a unit of each level (the import reads them from name and code). */
export const KINDS_BY_LEVEL: Record<UnitLevel, readonly string[]> = {
  root: ['root'],
  province: ['省', '自治区', '直辖市', '特别行政区'],
  city: ['地级市', '自治州', '地区', '盟', '市辖区', '县'],
  district: ['区', '县', '自治县', '县级市', '旗', '自治旗', '林区', '特区'],
  street: ['街道', '镇', '乡', '园区'],
  community: ['社区', '村'],
  grid: ['综合网格', '专属网格'],
};
