// The people and things the history happens to: staff accounts for every grid, community,
// street and district; enterprises, places and people at risk, placed at random points inside
// their grids. Personal data is sealed exactly as the registries seal it (SM4 + keyed hash +
// masked form); phone numbers come from a small pre-sealed pool, identity numbers are unique.
import type { ModuleContext } from '../../core/module.js';
import { hashPassword } from '../../core/passwords.js';
import { sealIdNumber, sealPhone, type SealedValue } from '../../modules/registries/registries.shared.js';
import { idNumberCheckChar } from '../../../common/rules/id-number.js';
import { orgCodeCheckChar, usccCheckChar } from '../../../common/rules/uscc.js';
import { randomBytes } from 'node:crypto';
import { bool, bytea, esc, NULL, opt, point, type TableSink } from './bulk.js';
import { randomPointIn, type Geography } from './geography.js';
import { INDUSTRIES, PEOPLE_CATEGORIES, PLACE_KIND_WEIGHTS } from './profiles.js';
import { Alias, chance, int, lognormal, pick, weighted, type Rng } from '../../../common/random.js';
import { address, enterpriseName, homeAddress, personName, placeName } from './texts.js';
import { isoOfDayNumber } from './calendar.js';

export interface Staff {
  id: string;
  name: string;
}

export interface PlaceRec {
  id: string;
  grid: number;
  x: number;
  y: number;
  name: string;
  kind: string;
  grade: string | null;
  risk: number | null;
  enterprise: number;
  createdDay: number;
  closedDay: number | null;
  operator: string;
}

export interface EnterpriseRec {
  id: string;
  grid: number;
  x: number;
  y: number;
  name: string;
  industry: string;
  risk: number;
  createdDay: number;
  principal: string;
}

export interface Registries {
  workers: Staff[];
  communityOfficials: Map<string, Staff>;
  streetOfficials: Map<string, Staff>;
  districtOffices: Map<string, Staff>;
  places: PlaceRec[];
  enterprises: EnterpriseRec[];
  placesByGrid: number[][];
  enterprisesByGrid: number[][];
  phones: SealedValue[];
  names: Buffer[];
}

export interface IdCounters {
  next(table: string): string;
  peek(table: string): string;
}

export interface RegistrySinks {
  users: TableSink;
  grants: TableSink;
  gridWorkers: TableSink;
  enterprises: TableSink;
  places: TableSink;
  people: TableSink;
}

async function push(p: Promise<void> | null): Promise<void> {
  if (p) await p;
}

function randomPhone(r: Rng): string {
  const prefixes = ['138', '139', '137', '136', '135', '150', '151', '152', '157', '158', '159', '182', '183', '187', '188', '199', '177', '133', '153', '180'];
  return pick(r, prefixes) + String(int(r, 0, 99_999_999)).padStart(8, '0');
}

export async function buildRegistries(
  ctx: ModuleContext,
  geo: Geography,
  residents: Float64Array,
  sinks: RegistrySinks,
  ids: IdCounters,
  opts: { seed: string; rng: (purpose: string) => Rng; startDay: number; endDay: number; nowIso: string; onProgress: (done: number, total: number) => void },
): Promise<Registries> {
  const { cipher } = ctx;
  const r = opts.rng('registries');
  const nowIso = opts.nowIso;
  const startIso = isoOfDayNumber(opts.startDay) + 'T00:00:00Z';

  // Pools of sealed values (encryption is the slow part; phones repeat across records).
  const pr = opts.rng('phones');
  const phones = Array.from({ length: 512 }, () => sealPhone(cipher, randomPhone(pr)));
  const names = Array.from({ length: 256 }, () => cipher.encrypt(personName(pr)));

  // ---- staff accounts: one password hash of a random password nobody knows (admins reset them) ----
  const hash = await hashPassword(randomBytes(24).toString('base64url') + 'aA1!');
  const addUser = async (username: string, display: string, unitId: string, role: string): Promise<Staff> => {
    const id = ids.next('users');
    await push(sinks.users.push(`${id}\t${esc(username)}\t${esc(display)}\t${esc(hash)}\tt\t${unitId}\tactive\t${startIso}\t${startIso}`));
    await push(sinks.grants.push(`${id}\t${role}\t${unitId}\t${startIso}`));
    return { id, name: display };
  };
  const workers: Staff[] = [];
  for (const g of geo.grids) {
    const s = await addUser(`gw${g.code}`, `${personName(r)}（网格员）`, g.id, 'grid_worker');
    await push(sinks.gridWorkers.push(`${g.id}\t${s.id}\t${startIso}`));
    workers.push(s);
  }
  const communityOfficials = new Map<string, Staff>();
  for (const c of geo.communities) communityOfficials.set(c.id, await addUser(`co${c.code}`, `${personName(r)}（${c.name}）`, c.id, 'community_official'));
  const streetOfficials = new Map<string, Staff>();
  for (const s of geo.streets) streetOfficials.set(s.id, await addUser(`st${s.code}`, `${personName(r)}（${s.name}）`, s.id, 'street_official'));
  const districtOffices = new Map<string, Staff>();
  for (const d of geo.districts) districtOffices.set(d.id, await addUser(`ds${d.code}`, `${d.name}安委办 ${personName(r)}`, d.id, 'district_safety_office'));

  const total = residents.reduce((s, v) => s + v, 0);
  const gridAlias = new Alias(geo.grids.map((_, i) => i), [...residents]);
  const span = opts.endDay - opts.startDay;
  // Registry entries: most existed before the history starts, the rest were registered during it.
  const createdDay = (rr: Rng) => (chance(rr, 0.7) ? opts.startDay - int(rr, 1, 700) : opts.startDay + int(rr, 0, span));
  const sample = randomPointIn;

  // ---- enterprises ----
  const re = opts.rng('enterprises');
  const nEnt = Math.max(1, Math.round(total * (1 / 200)));
  const enterprises: EnterpriseRec[] = [];
  const enterprisesByGrid: number[][] = geo.grids.map(() => []);
  const totalSteps = nEnt + Math.round(total / 45) + Math.round(total / 35);
  let step = 0;
  for (let i = 0; i < nEnt; i++) {
    const gi = gridAlias.draw(re);
    const g = geo.grids[gi]!;
    const [x, y] = sample(g, re);
    const id = ids.next('enterprises');
    const industry = weighted(re, INDUSTRIES);
    const org = String(Number(id) % 100_000_000).padStart(8, '0');
    const first17 = `91${g.district.code.slice(0, 6).padEnd(6, '0')}${org}${orgCodeCheckChar(org) ?? '0'}`;
    const uscc = first17 + (usccCheckChar(first17) ?? '0');
    const name = enterpriseName(re, industry, geo.city.name.replace(/市$/, ''));
    const employees = Math.max(1, Math.round(lognormal(re, 18, 1.1)));
    const scale = employees >= 1000 ? 'large' : employees >= 300 ? 'medium' : employees >= 20 ? 'small' : 'micro';
    const risk = weighted(re, [[1, 2], [2, 8], [3, 35], [4, 55]] as const);
    const legal = personName(re);
    const principal = chance(re, 0.6) ? legal : personName(re);
    const lp = pick(re, phones);
    const pp = pick(re, phones);
    const created = createdDay(re);
    const createdIso = isoOfDayNumber(created) + 'T02:00:00Z';
    const hazardous = industry.startsWith('C26') || industry.startsWith('B') || industry.startsWith('D45');
    await push(sinks.enterprises.push([
      id, uscc, esc(name), industry, scale, esc(address(re, g.street.name)), esc(legal), bytea(lp.enc), opt(lp.hash), opt(lp.masked),
      esc(principal), bytea(pp.enc), opt(pp.hash), opt(pp.masked), esc(personName(re)), String(employees),
      pick(re, ['应急管理局', '市场监督管理局', '住房和城乡建设局', '工业和信息化局', '商务局']),
      weighted(re, [['level2', 5], ['level3', 25], ['none', 70]] as const), weighted(re, [['daily', 10], ['weekly', 40], ['monthly', 50]] as const),
      String(risk), hazardous && chance(re, 0.3) ? String(int(re, 2, 4)) : NULL, 'active', point(x, y), g.id, g.path, createdIso, createdIso,
    ].join('\t')));
    enterprisesByGrid[gi]!.push(enterprises.length);
    enterprises.push({ id, grid: gi, x, y, name, industry, risk, createdDay: created, principal });
    if (++step % 2000 === 0) opts.onProgress(step, totalSteps);
  }

  // ---- places ----
  const rp = opts.rng('places');
  const nPlaces = Math.max(1, Math.round(total / 45));
  const places: PlaceRec[] = [];
  const placesByGrid: number[][] = geo.grids.map(() => []);
  const gradable = new Set(['small_shopping', 'small_catering', 'small_lodging', 'small_entertainment', 'small_leisure', 'small_medical', 'small_teaching',
    'small_production', 'small_flammable', 'three_small_stall', 'three_small_workshop', 'three_small_entertainment', 'three_in_one']);
  const linked = new Set(['plant', 'hazmat_site', 'construction_site', 'small_production']);
  for (let i = 0; i < nPlaces; i++) {
    const gi = gridAlias.draw(rp);
    const g = geo.grids[gi]!;
    const kind = weighted(rp, PLACE_KIND_WEIGHTS);
    let ent = -1;
    let [x, y] = sample(g, rp);
    if (linked.has(kind) && enterprisesByGrid[gi]!.length > 0 && chance(rp, 0.7)) {
      ent = pick(rp, enterprisesByGrid[gi]!);
      const e = enterprises[ent]!;
      x = e.x;
      y = e.y;
    }
    const id = ids.next('places');
    const name = placeName(rp, kind, g.community.name.replace(/(社区居民委员会|居民委员会|村民委员会|社区|村)$/, ''));
    const grade = gradable.has(kind) ? weighted(rp, [['A', 35], ['B', 35], ['C', 22], ['D', 8]] as const) : null;
    const risk = chance(rp, 0.85) ? weighted(rp, [[1, 3], [2, 12], [3, 35], [4, 50]] as const) : null;
    const area = Math.round(lognormal(rp, kind.startsWith('small') || kind.startsWith('three') ? 80 : 600, 0.8));
    const op = pick(rp, phones);
    const operator = personName(rp);
    const created = createdDay(rp);
    const closed = chance(rp, 0.05) ? Math.min(opts.endDay, created + int(rp, 60, 1500)) : null;
    const createdIso = isoOfDayNumber(created) + 'T03:00:00Z';
    const gradedOn = grade ? isoOfDayNumber(Math.max(created, opts.endDay - int(rp, 10, 700))) : null;
    await push(sinks.places.push([
      id, esc(name), kind, esc(address(rp, g.street.name)), String(area), String(int(rp, 1, kind === 'high_rise' ? 33 : 6)),
      String(Math.round(area / 8)), String(int(rp, 1, 30)), bool(kind === 'three_in_one'), esc(operator), bytea(op.enc), opt(op.hash), opt(op.masked),
      grade ?? NULL, gradedOn ?? NULL, risk === null ? NULL : String(risk), ent >= 0 ? enterprises[ent]!.id : NULL,
      closed !== null && closed < opts.endDay ? 'closed' : 'active', point(x, y), g.id, g.path, createdIso, closed !== null ? isoOfDayNumber(closed) + 'T03:00:00Z' : createdIso,
    ].join('\t')));
    placesByGrid[gi]!.push(places.length);
    places.push({ id, grid: gi, x, y, name, kind, grade, risk, enterprise: ent, createdDay: created, closedDay: closed, operator });
    if (++step % 2000 === 0) opts.onProgress(step, totalSteps);
  }

  // ---- people at risk: identity numbers are unique, so each is sealed on its own ----
  const rh = opts.rng('people');
  const nPeople = Math.max(1, Math.round(total / 35));
  const seenIds = new Set<string>();
  const needs: Record<string, readonly string[]> = {
    elderly_alone: ['定期上门探访', '助餐服务', '代购药品', '安装燃气报警器'],
    disabled: ['无障碍改造', '康复服务', '定期探访'],
    low_income: ['临时救助', '冬季取暖补贴', '就业帮扶'],
    left_behind_child: ['课后托管', '心理关爱', '假期安全教育'],
    key_person: ['定期走访', '心理疏导'],
  };
  for (let i = 0; i < nPeople; i++) {
    const gi = gridAlias.draw(rh);
    const g = geo.grids[gi]!;
    const [x, y] = sample(g, rh);
    const category = weighted(rh, PEOPLE_CATEGORIES);
    const sex = chance(rh, 0.5) ? 'male' : 'female';
    const nowYear = Number(nowIso.slice(0, 4));
    const age = category === 'elderly_alone' ? int(rh, 70, 95) : category === 'left_behind_child' ? int(rh, 4, 15) : int(rh, 18, 80);
    let idNumber: string;
    do {
      const birth = `${nowYear - age}${String(int(rh, 1, 12)).padStart(2, '0')}${String(int(rh, 1, 28)).padStart(2, '0')}`;
      const seq = int(rh, 0, 99) * 10 + (sex === 'male' ? 2 * int(rh, 0, 4) + 1 : 2 * int(rh, 0, 4));
      const first17 = `${g.district.code.slice(0, 6)}${birth}${String(seq).padStart(3, '0')}`;
      idNumber = first17 + (idNumberCheckChar(first17) ?? '0');
    } while (seenIds.has(idNumber));
    seenIds.add(idNumber);
    const sealed = sealIdNumber(cipher, idNumber);
    const ph = category === 'left_behind_child' ? null : pick(rh, phones);
    const helper = pick(rh, phones);
    const created = isoOfDayNumber(opts.startDay + int(rh, -300, opts.endDay - opts.startDay)) + 'T04:00:00Z';
    await push(sinks.people.push([
      ids.next('people_at_risk'), category, esc(personName(rh)), sex, bytea(sealed.enc), opt(sealed.hash), opt(sealed.masked),
      ph ? bytea(ph.enc) : NULL, ph ? opt(ph.hash) : NULL, ph ? opt(ph.masked) : NULL, esc(homeAddress(rh, g.community.name)),
      esc(personName(rh)), bytea(helper.enc), opt(helper.hash), opt(helper.masked), esc(pick(rh, needs[category]!)),
      chance(rh, 0.04) ? 'inactive' : 'active', point(x, y), g.id, g.path, created, created,
    ].join('\t')));
    if (++step % 2000 === 0) opts.onProgress(step, totalSteps);
  }
  opts.onProgress(totalSteps, totalSteps);

  return { workers, communityOfficials, streetOfficials, districtOffices, places, enterprises, placesByGrid, enterprisesByGrid, phones, names };
}

export const REGISTRY_COLUMNS = {
  users: ['id', 'username', 'display_name', 'password_hash', 'must_change_password', 'unit_id', 'status', 'created_at', 'updated_at'],
  grants: ['user_id', 'role_code', 'unit_id', 'created_at'],
  grid_workers: ['grid_id', 'user_id', 'assigned_at'],
  enterprises: ['id', 'uscc', 'name', 'industry_code', 'scale', 'address', 'legal_rep_name', 'legal_rep_phone_enc', 'legal_rep_phone_hash',
    'legal_rep_phone_masked', 'principal_name', 'principal_phone_enc', 'principal_phone_hash', 'principal_phone_masked', 'safety_manager_name',
    'employees', 'supervising_department', 'standardization_level', 'self_inspection_cycle', 'risk_level', 'major_hazard_level', 'status',
    'location', 'grid_id', 'unit_path', 'created_at', 'updated_at'],
  places: ['id', 'name', 'kind', 'address', 'area_m2', 'floors', 'persons', 'staff', 'three_in_one', 'operator_name', 'operator_phone_enc',
    'operator_phone_hash', 'operator_phone_masked', 'grade', 'graded_on', 'risk_level', 'enterprise_id', 'status', 'location', 'grid_id',
    'unit_path', 'created_at', 'updated_at'],
  people_at_risk: ['id', 'category', 'name', 'sex', 'id_number_enc', 'id_number_hash', 'id_number_masked', 'phone_enc', 'phone_hash',
    'phone_masked', 'address', 'helper_name', 'helper_phone_enc', 'helper_phone_hash', 'helper_phone_masked', 'needs', 'status', 'location',
    'grid_id', 'unit_path', 'created_at', 'updated_at'],
} as const;
