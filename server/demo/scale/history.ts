// Years of a grid centre's work, day by day: planned inspections of places and enterprises at
// the intervals their grade and risk ask for, hazards found on them and from every other source
// (patrols, residents' reports, enterprises' self-inspections, the hotline, drills), each hazard
// taken through the workflow (confirm or reject, rectify, extension, submit, return, accept,
// reopen; 重大 hazards listed and planned) with the overdue notices and escalations the scheduler
// would have recorded, cut at "now". Rows are written as the service writes them.
import type { HazardSettings } from '../../../common/modules/hazards/hazards.contract.js';
import { ENTRY_STATE, type HazardSource, type HazardState } from '../../../common/modules/hazards/hazards.workflow.js';
import { bool, esc, json, NULL, opt, point, bytea, type TableSink } from './bulk.js';
import { DAY, HOUR, dayOfLocal, isoOfDayNumber, type LocalTime, type WorkingDays } from './calendar.js';
import { jitterIn, randomPointIn, type Geography, type GridInfo } from './geography.js';
import {
  CATEGORY_WEIGHTS, DEFAULT_RECTIFY_DAYS, OTHER_SOURCES, RATES, RECTIFY_DAYS, categorySeason, dayFactor,
} from './profiles.js';
import { Alias, chance, int, lognormal, pick, poisson, weighted, type Rng } from '../../../common/random.js';
import type { IdCounters, Registries, Staff } from './registries.js';
import {
  ACCEPT_COMMENTS, EXTENSION_REASONS, INSPECTION_SUMMARIES, MAJOR_BASIS, PLAN, REJECT_REASONS, REPORT_REJECT_REASONS, RETURN_REASONS,
  SUBMIT_COMMENTS, hazardDescription,
} from './texts.js';

export interface HistorySinks {
  inspections: TableSink;
  hazards: TableSink;
  events: TableSink;
  escalations: TableSink;
  sources: TableSink;
  reports: TableSink;
  reportEvents: TableSink;
}

export interface HistoryOptions {
  geo: Geography;
  reg: Registries;
  residents: Float64Array;
  wd: WorkingDays;
  lt: LocalTime;
  settings: HazardSettings;
  calendarVersion: string;
  startDay: number;
  endDay: number;
  nowLocal: number;
  rng: (purpose: string) => Rng;
  ids: IdCounters;
  codes: { hazard: number; inspection: number };
  templates: { place: string | null; enterprise: string | null; byKind: Map<string, string> };
  /** Months between inspections by `${grade}|${risk}` ('-' and 0 for none). */
  intervals: Map<string, number>;
  onProgress: (done: number, total: number) => void;
}

export interface HistoryCounts {
  inspections: number;
  hazards: number;
  reports: number;
}

async function push(p: Promise<void> | null): Promise<void> {
  if (p) await p;
}

const SWEEP_TIME = 5 * 60_000;

interface Spec {
  t: number;
  source: HazardSource;
  grid: number;
  x: number;
  y: number;
  place: number;
  enterprise: number;
  category: string;
  grade: 'general' | 'major';
  reporter: Staff | null;
  sourceId: string | null;
  description: string;
  report: ReportRec | null;
}

interface ReportRec {
  id: string;
  code: string;
  ref: string;
  t: number;
  triageT: number;
  grid: number;
  x: number;
  y: number;
  category: string;
  description: string;
  channel: 'portal' | 'open311';
  source: 'map' | 'gps' | 'address';
  outcome: 'confirmed' | 'rejected' | 'merged';
  contact: number;
}

interface Ev {
  t: number;
  action: string;
  from: HazardState | null;
  to: HazardState | null;
  actor: Staff | null;
  comment: string | null;
  data: Record<string, unknown>;
  apply?: (h: HState) => void;
  level?: number;
  dueOn?: number;
  unitId?: string;
}

interface HState {
  state: HazardState;
  rectifyDays: number | null;
  deadline: number | null;
  extensionRequest: unknown;
  extensions: number;
  rejectReason: string | null;
  rectifiedBy: string | null;
  submittedAt: number | null;
  acceptedBy: string | null;
  closedAt: number | null;
  closedOnTime: boolean | null;
  escalationLevel: number;
  overdueSince: number | null;
  plan: unknown;
  listedAt: number | null;
  listedBy: string | null;
  listedUnitId: string | null;
  delistedAt: number | null;
  responsible: Record<string, { userId?: string | null; name: string }>;
}

/** Reversible numbering into the public codes' alphabets, so every report code is unique. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
function reportCode(n: number): string {
  let v = (BigInt(n) * 7_919_213_771n + 104_729n) % 31n ** 10n;
  let s = '';
  for (let i = 0; i < 10; i++) {
    s = CODE_ALPHABET[Number(v % 31n)]! + s;
    v /= 31n;
  }
  return s;
}
function reportRef(n: number): string {
  return ((BigInt(n) * 0x5deece66dn + 0xbn) % 2n ** 48n).toString(16).padStart(12, '0');
}

const INSPECTION_CATEGORY_MASK: Record<'place' | 'enterprise', Record<string, number>> = {
  place: { fire: 2, evacuation: 2, electrical: 1.6, gas: 1.5, e_bike: 1.2, three_in_one: 2.5, crowded_place: 1.2, building: 0.6,
    safety_management: 1, special_equipment: 0.4, production_equipment: 0.2, hazardous_chemicals: 0.2, construction: 0.1,
    occupational_health: 0.1, road_traffic: 0.05, disaster: 0.1, environment: 0.2, other: 0.3 },
  enterprise: { fire: 1.2, evacuation: 0.8, electrical: 1.2, gas: 0.5, e_bike: 0.3, three_in_one: 0.3, crowded_place: 0.2, building: 0.4,
    safety_management: 3, special_equipment: 2.5, production_equipment: 4, hazardous_chemicals: 3, construction: 1.5,
    occupational_health: 3, road_traffic: 0.1, disaster: 0.2, environment: 0.5, other: 0.3 },
};

function yyyymmdd(day: number): string {
  return isoOfDayNumber(day).replaceAll('-', '');
}

export async function generateHistory(o: HistoryOptions, sinks: HistorySinks): Promise<HistoryCounts> {
  const { geo, reg, wd, lt, settings } = o;
  const rDay = o.rng('days');
  const rHaz = o.rng('hazards');
  const rIns = o.rng('inspections');
  const rRep = o.rng('reports');
  const gridAlias = new Alias(geo.grids.map((_, i) => i), [...o.residents]);
  const totalResidents = o.residents.reduce((s, v) => s + v, 0);
  const days = o.endDay - o.startDay + 1;
  const years = days / 365.25;
  const totalCases = totalResidents * RATES.casesPerResidentYear * years;
  const counts: HistoryCounts = { inspections: 0, hazards: 0, reports: 0 };
  const calendarVersion = o.calendarVersion;
  const maxLevel = Math.min(3, settings.maxEscalationLevel);

  // ---- inspection schedule: a bucket of targets per day ----
  type Target = { kind: 'place' | 'enterprise'; idx: number; months: number };
  const buckets: Target[][] = Array.from({ length: days + 1 }, () => []);
  const schedule = (t: Target, day: number) => {
    const i = day - o.startDay;
    if (i >= 0 && i < days) buckets[i]!.push(t);
  };
  let expectedInspections = 0;
  const monthsFor = (grade: string | null, risk: number | null) => o.intervals.get(`${grade ?? '-'}|${risk ?? 0}`) ?? 3;
  const planTarget = (t: Target, createdDay: number, closedDay: number | null) => {
    const every = t.months * 30.4;
    const first = Math.max(o.startDay, createdDay) + Math.floor(rIns() * every);
    const last = Math.min(o.endDay, closedDay ?? o.endDay);
    if (last > first) expectedInspections += (last - Math.max(o.startDay, createdDay)) / every;
    schedule(t, first);
  };
  if (o.templates.place) {
    reg.places.forEach((p, idx) => planTarget({ kind: 'place', idx, months: monthsFor(p.grade, p.risk) }, p.createdDay, p.closedDay));
  }
  if (o.templates.enterprise) {
    reg.enterprises.forEach((e, idx) => planTarget({ kind: 'enterprise', idx, months: monthsFor(null, e.risk) }, e.createdDay, null));
  }
  const perInspection = expectedInspections > 0 ? (RATES.inspectionShare * totalCases) / expectedInspections : 0;
  const otherCases = totalCases - perInspection * expectedInspections;

  // ---- the daily load of the other sources: season, weekday, festival, growth ----
  const weights = new Float64Array(days);
  let wsum = 0;
  for (let i = 0; i < days; i++) {
    const w = dayFactor(o.startDay + i) * Math.pow(1 + RATES.yearlyGrowth, (i - days) / 365.25);
    weights[i] = w;
    wsum += w;
  }
  const reportShare = OTHER_SOURCES.find(([s]) => s === 'report')![1];
  const reportsPerHazard = 1 / (1 - RATES.reportRejected - RATES.reportMerged);

  // ---- helpers ----
  const officialOf = (g: GridInfo) => reg.communityOfficials.get(g.community.id)!;
  const streetOf = (g: GridInfo) => reg.streetOfficials.get(g.street.id)!;
  const districtOf = (g: GridInfo) => reg.districtOffices.get(g.district.id)!;
  const categoryAt = (r: Rng, day: number, mask: Record<string, number> | null) => {
    const d = new Date(day * DAY);
    const m = d.getUTCMonth() + 1;
    const dd = d.getUTCDate();
    return weighted(r, CATEGORY_WEIGHTS.map(([c, w]) => [c, w * categorySeason(c, m, dd) * (mask ? mask[c] ?? 1 : 1)] as const));
  };
  const workTime = (r: Rng, day: number) => day * DAY + (chance(r, 0.88) ? 8.5 * HOUR + r() * 9.5 * HOUR : 18 * HOUR + r() * 5 * HOUR);
  const majorChance = (category: string, enterprise: boolean) =>
    ['hazardous_chemicals', 'special_equipment', 'construction', 'gas'].includes(category) ? 0.05 : enterprise ? 0.025 : 0.008;
  const rectifyDaysFor = (r: Rng, category: string, grade: string) =>
    grade === 'major' ? weighted(r, [[30, 2], [60, 5], [90, 2]] as const) : weighted(r, RECTIFY_DAYS[category] ?? DEFAULT_RECTIFY_DAYS);

  const lastConfirmedReport: Array<string | undefined> = geo.grids.map(() => undefined);

  // ---- one hazard through the workflow ----
  async function emitHazard(spec: Spec): Promise<void> {
    const r = rHaz;
    const g = geo.grids[spec.grid]!;
    const id = o.ids.next('hazards');
    const day0 = dayOfLocal(spec.t);
    const code = `YH${yyyymmdd(day0)}${String(o.codes.hazard++).padStart(5, '0')}`;
    const gw = reg.workers[spec.grid]!;
    const co = officialOf(g);
    const st = streetOf(g);
    const ds = districtOf(g);
    const place = spec.place >= 0 ? reg.places[spec.place]! : null;
    const entIdx = spec.enterprise >= 0 ? spec.enterprise : place && place.enterprise >= 0 ? place.enterprise : -1;
    const ent = entIdx >= 0 ? reg.enterprises[entIdx]! : null;
    const industry = ent ? ent.industry : null;
    const implementer = ent ? ent.principal : place ? place.operator : null;
    const rectDays = rectifyDaysFor(r, spec.category, spec.grade);
    const entry = ENTRY_STATE[spec.source];
    const ev: Ev[] = [];
    const intervals: Array<{ start: number; end: number; deadline: number }> = [];
    const fullResponsible = {
      checks: { userId: spec.reporter?.id ?? gw.id, name: spec.reporter?.name ?? gw.name },
      followsUp: { userId: co.id, name: co.name },
      ...(implementer ? { implements: { name: implementer } } : {}),
      supervises: { userId: st.id, name: st.name },
    };

    let t0: number;
    let deadline: number;
    const createData: Record<string, unknown> = { source: spec.source, ...(spec.sourceId ? { sourceId: spec.sourceId } : {}) };
    if (entry === 'rectifying') {
      deadline = wd.add(day0, rectDays);
      Object.assign(createData, { deadline: isoOfDayNumber(deadline), rectifyDays: rectDays });
      const dl = deadline;
      ev.push({ t: spec.t, action: 'create', from: null, to: 'rectifying', actor: spec.reporter, comment: null, data: createData,
        apply: (h) => { h.state = 'rectifying'; h.deadline = dl; h.rectifyDays = rectDays; h.responsible = fullResponsible; } });
      t0 = spec.t;
    } else {
      ev.push({ t: spec.t, action: 'create', from: null, to: 'reported', actor: spec.reporter, comment: null, data: createData,
        apply: (h) => { h.state = 'reported'; h.responsible = { checks: fullResponsible.checks }; } });
      const triage = spec.t + Math.min(15 * DAY, lognormal(r, 5 * HOUR, 1.1));
      const rejectP = spec.source === 'hotline' ? 0.18 : spec.source === 'report' ? 0.05 : spec.source === 'patrol' ? 0.04 : 0.03;
      if (chance(r, rejectP)) {
        const reason = pick(r, REJECT_REASONS);
        ev.push({ t: triage, action: 'reject', from: 'reported', to: 'rejected', actor: co, comment: reason, data: {},
          apply: (h) => { h.state = 'rejected'; h.rejectReason = reason; } });
        return finish();
      }
      ev.push({ t: triage, action: 'confirm', from: 'reported', to: 'confirmed', actor: co, comment: null, data: { rectifyDays: rectDays },
        apply: (h) => { h.state = 'confirmed'; h.rectifyDays = rectDays; h.responsible = fullResponsible; } });
      t0 = triage + Math.min(3 * DAY, lognormal(r, 1.5 * HOUR, 1));
      deadline = wd.add(dayOfLocal(t0), rectDays);
      const dl = deadline;
      ev.push({ t: t0, action: 'issue', from: 'confirmed', to: 'rectifying', actor: co, comment: null,
        data: { deadline: isoOfDayNumber(dl), rectifyDays: rectDays, calendarVersion },
        apply: (h) => { h.state = 'rectifying'; h.deadline = dl; } });
    }

    let planT = -1;
    let listed = false;
    if (spec.grade === 'major') {
      planT = t0 + (2 + r() * 8) * DAY;
      ev.push({ t: planT, action: 'set_plan', from: null, to: null, actor: st, comment: null, data: { complete: true }, apply: (h) => { h.plan = PLAN; } });
      if (chance(r, 0.8)) {
        listed = true;
        const lt0 = t0 + (1 + r() * 2) * DAY;
        ev.push({ t: lt0, action: 'list', from: null, to: null, actor: ds, comment: null,
          data: { unit: { code: g.district.code, name: g.district.name }, planComplete: lt0 > planT },
          apply: (h) => { h.listedAt = lt0; h.listedBy = ds.id; h.listedUnitId = g.district.id; h.delistedAt = null; } });
      }
    }

    // Rectification rounds: extension, submit, acceptance or return, and rarely a reopening.
    let start = t0;
    let returns = 0;
    let reopened = false;
    let extensions = 0;
    for (;;) {
      let spanEnd = (deadline + 1) * DAY;
      if (extensions < settings.maxExtensions && start < spanEnd && chance(r, 0.04)) {
        const reqT = start + 0.6 * (spanEnd - start);
        const days = Math.max(2, Math.round(rectDays / 2));
        const reason = pick(r, EXTENSION_REASONS);
        const req = { days, reason, byId: gw.id, byName: gw.name, at: lt.iso(reqT) };
        ev.push({ t: reqT, action: 'request_extension', from: 'rectifying', to: 'rectifying', actor: gw, comment: reason, data: { days },
          apply: (h) => { h.extensionRequest = req; } });
        const decT = reqT + Math.min(5 * DAY, lognormal(r, 20 * HOUR, 0.7));
        if (chance(r, 0.75)) {
          const old = deadline;
          deadline = wd.add(old, days);
          const nd = deadline;
          extensions++;
          intervals.push({ start, end: decT, deadline: old });
          start = decT;
          ev.push({ t: decT, action: 'approve_extension', from: 'rectifying', to: 'rectifying', actor: co, comment: null,
            data: { days, deadline: [isoOfDayNumber(old), isoOfDayNumber(nd)] },
            apply: (h) => { h.deadline = nd; h.extensionRequest = null; h.extensions++; } });
          spanEnd = (deadline + 1) * DAY;
        } else {
          ev.push({ t: decT, action: 'deny_extension', from: 'rectifying', to: 'rectifying', actor: co, comment: null, data: {},
            apply: (h) => { h.extensionRequest = null; } });
        }
      }
      const stuck = chance(r, 0.006);
      const f = stuck ? 2.5 + r() * 25 : lognormal(r, 0.45, 0.55);
      const submitT = Math.max(start + HOUR, start + f * Math.max(spanEnd - start, 12 * HOUR));
      intervals.push({ start, end: submitT, deadline });
      const subComment = pick(r, SUBMIT_COMMENTS);
      ev.push({ t: submitT, action: 'submit', from: 'rectifying', to: 'submitted', actor: gw, comment: subComment, data: {},
        apply: (h) => { h.state = 'submitted'; h.rectifiedBy = gw.id; h.submittedAt = submitT; } });
      let acceptT = submitT + Math.min(30 * DAY, lognormal(r, 20 * HOUR, 0.8));
      if (planT >= 0 && acceptT <= planT) acceptT = planT + HOUR;
      if (returns < 2 && chance(r, 0.07)) {
        const reason = pick(r, RETURN_REASONS);
        ev.push({ t: acceptT, action: 'return', from: 'submitted', to: 'rectifying', actor: co, comment: reason, data: {},
          apply: (h) => { h.state = 'rectifying'; h.submittedAt = null; } });
        returns++;
        start = acceptT;
        continue;
      }
      const onTime = dayOfLocal(acceptT) <= deadline;
      const comment = pick(r, ACCEPT_COMMENTS);
      const at = acceptT;
      ev.push({ t: at, action: 'accept', from: 'submitted', to: 'closed', actor: co, comment, data: { onTime, ...(listed ? { delisted: true } : {}) },
        apply: (h) => {
          h.state = 'closed'; h.acceptedBy = co.id; h.closedAt = at; h.closedOnTime = onTime;
          if (h.listedAt !== null && h.delistedAt === null) h.delistedAt = at;
        } });
      if (listed) ev.push({ t: at, action: 'delist', from: 'closed', to: 'closed', actor: co, comment: null, data: {} });
      if (!reopened && chance(r, 0.01)) {
        reopened = true;
        const reT = at + Math.min(90 * DAY, lognormal(r, 7 * DAY, 1));
        deadline = wd.add(dayOfLocal(reT), rectDays);
        const nd = deadline;
        ev.push({ t: reT, action: 'reopen', from: 'closed', to: 'rectifying', actor: st, comment: '复查发现问题反弹，重新整改', data: { deadline: isoOfDayNumber(nd) },
          apply: (h) => {
            h.state = 'rectifying'; h.closedAt = null; h.closedOnTime = null; h.acceptedBy = null; h.rectifiedBy = null; h.submittedAt = null;
            h.deadline = nd; h.rectifyDays = rectDays;
          } });
        start = reT;
        continue;
      }
      break;
    }

    // The scheduler's sweeps while the hazard waited past its deadline (once per level, ever).
    const recorded = new Set<number>();
    const units = [
      { id: g.id, code: g.code, name: g.name },
      { id: g.community.id, code: g.community.code, name: g.community.name },
      { id: g.street.id, code: g.street.code, name: g.street.name },
      { id: g.district.id, code: g.district.code, name: g.district.name },
    ];
    for (const iv of intervals) {
      if (recorded.size > maxLevel) break;
      const dues = Array.from({ length: maxLevel + 1 }, (_, L) => (L === 0 ? iv.deadline + 1 : wd.add(iv.deadline, L * settings.escalateAfterWorkingDays)));
      const firstSweep = dayOfLocal(iv.start) + (iv.start - dayOfLocal(iv.start) * DAY > SWEEP_TIME ? 1 : 0);
      let d = Math.max(firstSweep, iv.deadline + 1);
      while (d * DAY + SWEEP_TIME < iv.end && d * DAY + SWEEP_TIME <= o.nowLocal) {
        const sweepT = d * DAY + SWEEP_TIME;
        let nextDue = Infinity;
        for (let L = 0; L <= maxLevel; L++) {
          if (recorded.has(L)) continue;
          const due = dues[L]!;
          if (due > d) {
            nextDue = Math.min(nextDue, due);
            continue;
          }
          recorded.add(L);
          const u = units[L]!;
          const dl = iv.deadline;
          ev.push({ t: sweepT, action: L === 0 ? 'overdue' : 'escalate', from: null, to: null, actor: null, comment: null,
            data: { level: L, dueOn: isoOfDayNumber(due), unit: { code: u.code, name: u.name }, deadline: isoOfDayNumber(dl) },
            level: L, dueOn: due, unitId: u.id,
            apply: (h) => { if (L === 0) h.overdueSince = due; else h.escalationLevel = Math.max(h.escalationLevel, L); } });
        }
        if (recorded.size > maxLevel || nextDue === Infinity) break;
        d = Math.max(d + 1, nextDue);
      }
    }
    return finish();

    async function finish(): Promise<void> {
      ev.sort((a, b) => a.t - b.t);
      const h: HState = {
        state: entry, rectifyDays: null, deadline: null, extensionRequest: null, extensions: 0, rejectReason: null, rectifiedBy: null, submittedAt: null,
        acceptedBy: null, closedAt: null, closedOnTime: null, escalationLevel: 0, overdueSince: null, plan: null, listedAt: null, listedBy: null,
        listedUnitId: null, delistedAt: null, responsible: {},
      };
      let updated = spec.t;
      for (const e of ev) {
        if (e.t > o.nowLocal) break;
        const from = e.from ?? h.state;
        e.apply?.(h);
        const to = e.to ?? h.state;
        updated = e.t;
        await push(sinks.events.push(`${id}\t${lt.iso(e.t)}\t${e.actor ? e.actor.id : NULL}\t${esc(e.actor ? e.actor.name : '系统 / system')}\t${e.action}\t${e.action === 'create' ? NULL : from}\t${to}\t${opt(e.comment)}\t{}\t${json(e.data)}`));
        if (e.level !== undefined) {
          await push(sinks.escalations.push(`${id}\t${e.level}\t${e.unitId ?? NULL}\t${isoOfDayNumber(e.dueOn!)}\t${lt.iso(e.t)}\tscale`));
        }
      }
      const iso = (v: number | null) => (v === null ? NULL : lt.iso(v));
      const dayIso = (v: number | null) => (v === null ? NULL : isoOfDayNumber(v));
      await push(sinks.hazards.push([
        id, code, h.state, spec.source, place ? place.id : NULL, ent ? ent.id : NULL, industry ?? NULL, point(spec.x, spec.y), g.id, g.path,
        spec.category, spec.grade, spec.grade === 'major' ? esc(pick(r, MAJOR_BASIS)) : NULL, esc(spec.description), spec.reporter ? spec.reporter.id : NULL,
        h.rectifyDays === null ? NULL : String(h.rectifyDays), dayIso(h.deadline), h.deadline === null ? NULL : esc(calendarVersion),
        h.extensionRequest ? json(h.extensionRequest) : NULL, String(h.extensions), json(h.responsible), opt(h.rejectReason), h.rectifiedBy ?? NULL,
        iso(h.submittedAt), h.acceptedBy ?? NULL, iso(h.closedAt), bool(h.closedOnTime), String(h.escalationLevel), dayIso(h.overdueSince),
        h.plan ? json(h.plan) : NULL, iso(h.listedAt), h.listedBy ?? NULL, h.listedUnitId ?? NULL, iso(h.delistedAt), lt.iso(spec.t), lt.iso(updated),
      ].join('\t')));
      if (spec.sourceId) await push(sinks.sources.push(`${id}\t${spec.source}\t${spec.sourceId}\t${lt.iso(spec.t)}\t${spec.reporter ? spec.reporter.id : NULL}`));
      if (spec.report) await writeReport(spec.report, id, spec.grade);
      counts.hazards++;
    }
  }

  // ---- residents' reports ----
  const pendingReports: ReportRec[] = [];
  const triageBuckets: ReportRec[][] = Array.from({ length: days + 1 }, () => []);
  function newReport(day: number): void {
    const r = rRep;
    const gi = gridAlias.draw(r);
    const g = geo.grids[gi]!;
    const t = day * DAY + (chance(r, 0.6) ? 8 * HOUR + r() * 10 * HOUR : r() * 24 * HOUR);
    if (t > o.nowLocal) return;
    const [x, y] = randomPointIn(g, r);
    const category = categoryAt(r, day, null);
    const roll = r();
    const outcome = roll < RATES.reportRejected ? 'rejected' : roll < RATES.reportRejected + RATES.reportMerged ? 'merged' : 'confirmed';
      const id = o.ids.next('public_reports');
    const rec: ReportRec = {
      id, code: reportCode(Number(id)), ref: reportRef(Number(id)), t,
      triageT: t + Math.min(10 * DAY, lognormal(r, RATES.reportTriageHours * HOUR, 1.2)), grid: gi, x, y, category,
      description: hazardDescription(r, category, null), channel: chance(r, 0.92) ? 'portal' : 'open311',
      source: weighted(r, [['map', 55], ['gps', 35], ['address', 10]] as const), outcome, contact: chance(r, 0.65) ? int(r, 0, reg.phones.length - 1) : -1,
    };
    const td = dayOfLocal(rec.triageT);
    if (rec.triageT > o.nowLocal || td > o.endDay) pendingReports.push(rec);
    else triageBuckets[td - o.startDay]!.push(rec);
  }

  async function writeReport(rec: ReportRec, hazardId: string | null, grade: string | null): Promise<void> {
    const r = rRep;
    const g = geo.grids[rec.grid]!;
    const co = officialOf(g);
    let state: string = rec.outcome;
    let merged: string | undefined;
    if (rec.triageT > o.nowLocal) state = 'pending';
    else if (rec.outcome === 'merged') {
      merged = lastConfirmedReport[rec.grid];
      if (!merged) state = 'rejected';
    }
    const reason = state === 'rejected' ? pick(r, REPORT_REJECT_REASONS) : null;
    const phone = rec.contact >= 0 ? reg.phones[rec.contact]! : null;
    const triaged = state !== 'pending';
    const deviceHash = hex64(r);
    await push(sinks.reports.push([
      rec.id, rec.code, rec.ref, rec.channel, rec.category, esc(rec.description), '{}', NULL, rec.source, point(rec.x, rec.y), g.id, g.path,
      state, hazardId ?? NULL, grade ?? NULL, merged ?? NULL, opt(reason), '0', phone ? bytea(reg.names[rec.contact % reg.names.length]!) : NULL,
      phone ? bytea(phone.enc) : NULL, phone ? opt(phone.hash) : NULL, deviceHash, hex64(r), lt.iso(rec.t), triaged ? co.id : NULL,
      triaged ? lt.iso(rec.triageT) : NULL, lt.iso(rec.t), lt.iso(triaged ? rec.triageT : rec.t),
    ].join('\t')));
    await push(sinks.reportEvents.push(`${rec.id}\t${lt.iso(rec.t)}\tsubmitted\t${NULL}\t${esc('已收到您的报告，我们会尽快核实处理')}\t${NULL}`));
    if (triaged) {
      const note = state === 'rejected' ? esc(reason!) : NULL;
      const internal = state === 'merged' ? esc(`→ 合并`) : NULL;
      await push(sinks.reportEvents.push(`${rec.id}\t${lt.iso(rec.triageT)}\t${state}\t${co.id}\t${note}\t${internal}`));
    }
    if (state === 'confirmed') lastConfirmedReport[rec.grid] = rec.id;
    counts.reports++;
  }

  const hexPool = Array.from({ length: 4096 }, () => Array.from({ length: 8 }, () => Math.floor(rRep() * 0x100000000).toString(16).padStart(8, '0')).join(''));
  function hex64(r: Rng): string {
    return hexPool[Math.floor(r() * hexPool.length)]!;
  }

  // ---- the days ----
  for (let i = 0; i < days; i++) {
    const day = o.startDay + i;
    const today: Spec[] = [];

    // Planned inspections due today (weekends and holidays move to the next working day).
    const due = buckets[i]!;
    buckets[i] = [];
    for (const t of due) {
      const p = t.kind === 'place' ? reg.places[t.idx]! : null;
      const e = t.kind === 'enterprise' ? reg.enterprises[t.idx]! : null;
      const createdDay = p ? p.createdDay : e!.createdDay;
      if (p && p.closedDay !== null && p.closedDay <= day) continue;
      if (createdDay > day) {
        schedule(t, createdDay + Math.floor(rIns() * t.months * 30.4));
        continue;
      }
      if (!wd.isWorking(day)) {
        schedule(t, day + 1);
        continue;
      }
      const gi = p ? p.grid : e!.grid;
      const g = geo.grids[gi]!;
      const gw = reg.workers[gi]!;
      const startT = day * DAY + 8.5 * HOUR + rIns() * 8 * HOUR;
      const endT = startT + (15 + rIns() * 50) * 60_000;
      if (endT > o.nowLocal) {
        continue;
      }
      const inspId = o.ids.next('inspections');
      const code = `XJ${yyyymmdd(day)}${String(o.codes.inspection++).padStart(5, '0')}`;
      const x = p ? p.x : e!.x;
      const y = p ? p.y : e!.y;
      const [ix, iy] = jitterIn(g, [x, y], 30, rIns);
      const dist = Math.hypot((ix - x) * 111_000 * Math.cos((y * Math.PI) / 180), (iy - y) * 111_000);
      const template = p ? o.templates.byKind.get(p.kind) ?? o.templates.place! : o.templates.enterprise!;
      const entId = p ? (p.enterprise >= 0 ? reg.enterprises[p.enterprise]!.id : NULL) : e!.id;
      const industry = p ? (p.enterprise >= 0 ? reg.enterprises[p.enterprise]!.industry : NULL) : e!.industry;
      await push(sinks.inspections.push([
        inspId, code, template, p ? p.id : NULL, entId, industry, esc(p ? p.name : e!.name), point(x, y), g.id, g.path, point(ix, iy),
        String(Math.round(5 + rIns() * 25)), dist.toFixed(1), 'submitted', gw.id, esc(pick(rIns, INSPECTION_SUMMARIES)), lt.iso(startT), lt.iso(endT), lt.iso(endT),
      ].join('\t')));
      counts.inspections++;
      const gradeFactor = p ? ({ A: 0.6, B: 0.9, C: 1.3, D: 2 } as Record<string, number>)[p.grade ?? ''] ?? 1 : e!.risk <= 2 ? 1.6 : 1;
      const k = poisson(rIns, perInspection * gradeFactor * 0.93);
      for (let j = 0; j < k; j++) {
        const category = categoryAt(rIns, day, INSPECTION_CATEGORY_MASK[t.kind]);
        const grade = chance(rIns, majorChance(category, !!e)) ? 'major' : 'general';
        today.push({
          t: endT + j * 1000, source: 'inspection', grid: gi, x, y, place: p ? t.idx : -1, enterprise: e ? t.idx : -1, category, grade, reporter: gw,
          sourceId: inspId, description: hazardDescription(rIns, category, p ? p.name : e!.name), report: null,
        });
      }
      schedule(t, day + Math.max(7, Math.round(t.months * 30.4 * (0.85 + rIns() * 0.3))));
    }

    // Hazards from the other sources; residents' reports wait for their triage.
    const n = poisson(rDay, (otherCases * weights[i]!) / wsum);
    const nReports = poisson(rDay, ((otherCases * weights[i]!) / wsum) * reportShare * (reportsPerHazard - 1));
    for (let j = 0; j < n; j++) {
      const source = weighted(rDay, OTHER_SOURCES);
      if (source === 'report') {
        newReport(day);
        continue;
      }
      const r = rHaz;
      let gi = gridAlias.draw(r);
      let place = -1;
      let enterprise = -1;
      let x: number;
      let y: number;
      if (source === 'self_inspection' && reg.enterprises.length > 0) {
        enterprise = int(r, 0, reg.enterprises.length - 1);
        const e = reg.enterprises[enterprise]!;
        gi = e.grid;
        x = e.x;
        y = e.y;
      } else if (source === 'patrol' && reg.placesByGrid[gi]!.length > 0 && chance(r, 0.5)) {
        place = pick(r, reg.placesByGrid[gi]!);
        x = reg.places[place]!.x;
        y = reg.places[place]!.y;
      } else {
        [x, y] = randomPointIn(geo.grids[gi]!, r);
      }
      const g = geo.grids[gi]!;
      const t = workTime(r, day);
      if (t > o.nowLocal) continue;
      const category = categoryAt(r, day, enterprise >= 0 ? INSPECTION_CATEGORY_MASK.enterprise : null);
      const grade = chance(r, majorChance(category, enterprise >= 0)) ? 'major' : 'general';
      const reporter = source === 'hotline' ? streetOf(g) : reg.workers[gi]!;
      const where = place >= 0 ? reg.places[place]!.name : enterprise >= 0 ? reg.enterprises[enterprise]!.name : null;
      today.push({ t, source, grid: gi, x, y, place, enterprise, category, grade, reporter, sourceId: null, description: hazardDescription(r, category, where), report: null });
    }
    for (let j = 0; j < nReports; j++) newReport(day);

    // Reports triaged today: confirmed ones become hazards now.
    const triaged = triageBuckets[i]!;
    triageBuckets[i] = [];
    triaged.sort((a, b) => a.triageT - b.triageT);
    for (const rec of triaged) {
      if (rec.outcome !== 'confirmed') {
        await writeReport(rec, null, null);
        continue;
      }
      const g = geo.grids[rec.grid]!;
      const grade = chance(rRep, majorChance(rec.category, false)) ? 'major' : 'general';
      today.push({ t: rec.triageT, source: 'report', grid: rec.grid, x: rec.x, y: rec.y, place: -1, enterprise: -1, category: rec.category, grade,
        reporter: officialOf(g), sourceId: rec.id, description: rec.description, report: rec });
    }

    today.sort((a, b) => a.t - b.t);
    for (const s of today) await emitHazard(s);
    if (i % 7 === 0 || i === days - 1) o.onProgress(i + 1, days);
  }
  for (const rec of pendingReports) await writeReport(rec, null, null);
  return counts;
}

export const HISTORY_COLUMNS = {
  inspections: ['id', 'code', 'template_id', 'place_id', 'enterprise_id', 'industry_code', 'target_name', 'location', 'grid_id', 'unit_path',
    'inspector_position', 'position_accuracy_m', 'distance_m', 'status', 'inspector_id', 'summary', 'started_at', 'submitted_at', 'updated_at'],
  hazards: ['id', 'code', 'state', 'source', 'place_id', 'enterprise_id', 'industry_code', 'location', 'grid_id', 'unit_path', 'category', 'grade',
    'major_basis', 'description', 'reported_by', 'rectify_days', 'deadline', 'calendar_version', 'extension_request', 'extensions', 'responsible',
    'reject_reason', 'rectified_by', 'submitted_at', 'accepted_by', 'closed_at', 'closed_on_time', 'escalation_level', 'overdue_since', 'plan',
    'listed_at', 'listed_by', 'listed_unit_id', 'delisted_at', 'created_at', 'updated_at'],
  hazard_events: ['hazard_id', 'at', 'actor_id', 'actor_name', 'action', 'from_state', 'to_state', 'comment', 'evidence', 'data'],
  hazard_escalations: ['hazard_id', 'level', 'unit_id', 'due_on', 'at', 'instance'],
  hazard_sources: ['hazard_id', 'source', 'source_id', 'linked_at', 'linked_by'],
  public_reports: ['id', 'code', 'ref', 'channel', 'category', 'description', 'attributes', 'address', 'location_source', 'location', 'grid_id',
    'unit_path', 'state', 'hazard_id', 'hazard_grade', 'merged_into', 'reject_reason', 'supporter_count', 'contact_name_enc', 'contact_phone_enc',
    'contact_phone_hash', 'device_hash', 'ip_hash', 'privacy_ack_at', 'triaged_by', 'triaged_at', 'created_at', 'updated_at'],
  public_report_events: ['report_id', 'at', 'kind', 'actor_id', 'public_note', 'internal_note'],
} as const;
