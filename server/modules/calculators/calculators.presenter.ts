import { formatInterval } from '../../../common/rules/interval.js';
import type { LecResult } from '../../../common/rules/lec.js';
import type { LsResult } from '../../../common/rules/ls.js';
import type { MajorHazardResult } from '../../../common/rules/major-hazard.js';
import type { UsccValidation } from '../../../common/rules/uscc.js';
import type { IdNumberValidation } from '../../../common/rules/id-number.js';
import type { SmallPlaceSuggestion } from '../../../common/rules/small-places.js';
import type { PlaceGradingResult } from '../../../common/rules/place-grading.js';
import type { WorkingStep } from '../../../common/rules/rule-types.js';
import { SMALL_KIND_TO_PLACE_KIND } from '../../../common/modules/places/places.contract.js';
import { toIso } from '../../db/client.js';
import type { RuleSetRow } from './calculators.repository.js';

export function presentLec(r: LecResult) {
  return {
    inputs: { ...r.inputs },
    D: r.D,
    level: r.level,
    colour: r.colour,
    levelName: r.levelName,
    band: { id: r.band.id, meaning: r.band.meaning, interval: formatInterval(r.band.interval) },
    working: [...r.working],
    tables: r.tables,
  };
}

export function presentLs(r: LsResult) {
  return {
    inputs: { ...r.inputs },
    R: r.R,
    level: r.level,
    colour: r.colour,
    levelName: r.levelName,
    band: { id: r.band.id, roman: r.band.roman, interval: formatInterval(r.band.interval) },
    working: [...r.working],
    table: r.table,
  };
}

export function presentMajorHazard(r: MajorHazardResult) {
  return {
    S: r.S,
    isMajorHazard: r.isMajorHazard,
    items: r.items.map((i) => ({
      index: i.index,
      name: i.name,
      ...(i.chemicalId !== undefined ? { chemicalId: i.chemicalId } : {}),
      ...(i.category !== undefined ? { category: i.category } : {}),
      q: i.q,
      Q: i.Q,
      QSource: i.QSource,
      ratio: i.ratio,
      ...(i.beta !== undefined ? { beta: i.beta } : {}),
      ...(i.betaSource !== undefined ? { betaSource: i.betaSource } : {}),
      ...(i.weighted !== undefined ? { weighted: i.weighted } : {}),
    })),
    grading: r.grading
      ? { alpha: r.grading.alpha, weightedSum: r.grading.weightedSum, R: r.grading.R, level: r.grading.level, levelName: r.grading.levelName }
      : null,
    working: [...r.working],
    tables: { ...r.tables },
  };
}

const problem = (e: { code: string; message: { zh: string; en: string } }) => ({ code: e.code, message: e.message });

export function presentUscc(v: UsccValidation, working: WorkingStep[]) {
  return {
    valid: v.valid,
    normalized: v.normalized,
    errors: v.errors.map(problem),
    warnings: v.warnings.map(problem),
    expectedCheck: v.expectedCheck ?? null,
    parts: v.parts
      ? {
          authority: v.parts.authority,
          type: v.parts.type,
          region: v.parts.region,
          orgCode: v.parts.orgCode,
          check: v.parts.check,
          authorityName: v.parts.authorityName ?? null,
          typeName: v.parts.typeName ?? null,
        }
      : null,
    working,
    table: v.table,
  };
}

export function presentIdNumber(v: IdNumberValidation, working: WorkingStep[]) {
  return {
    valid: v.valid,
    normalized: v.normalized,
    errors: v.errors.map(problem),
    expectedCheck: v.expectedCheck ?? null,
    regionCode: v.regionCode ?? null,
    birthDate: v.birthDate ?? null,
    sex: v.sex ?? null,
    working,
  };
}

export function presentSmallPlace(s: SmallPlaceSuggestion) {
  return {
    matches: s.matches.map((m) => ({ kind: m.kind, placeKind: SMALL_KIND_TO_PLACE_KIND[m.kind] ?? null, name: m.name, clause: m.clause })),
    possible: s.possible.map((p) => ({ kind: p.kind, name: p.name, missing: [...p.missing] })),
    working: [...s.working],
    table: s.table,
  };
}

export function presentPlaceGrade(r: PlaceGradingResult) {
  return {
    total: r.total,
    scoreGrade: r.scoreGrade,
    grade: r.grade,
    cappedBy: [...r.cappedBy],
    action: r.action,
    inspectionIntervalDays: r.inspectionIntervalDays,
    criteria: r.criteria.map((c) => ({ id: c.id, label: c.label, weight: c.weight, value: c.value, fraction: c.fraction, points: c.points })),
    working: [...r.working],
    rubric: r.rubric,
  };
}

export function presentVersion(r: RuleSetRow) {
  return { version: r.version, createdAt: toIso(r.created_at) ?? '', createdBy: r.created_by_name, note: r.note, active: r.active };
}
