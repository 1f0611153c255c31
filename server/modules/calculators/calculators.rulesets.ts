// Versioned reference tables: the defaults shipped in common/rules, replaced per deployment by
// an edited version stored in `rule_sets`. Every computed result stores the versions it used.
import { Type, type TSchema } from 'typebox';
import Value from 'typebox/value';
import { LEC_BANDS_DEFAULT, LEC_FACTORS_CLASSIC, validateLecBands, type LecBandTable, type LecFactorTable } from '../../../common/rules/lec.js';
import { LS_BANDS_DEFAULT, validateLsBands, type LsBandTable } from '../../../common/rules/ls.js';
import {
  GB18218_2018, GB18218_TABLE1, GB18218_TABLE2, GB18218_TABLE4, GB18218_TABLE5_ALPHA, type Gb18218Tables,
} from '../../../common/rules/major-hazard.js';
import { NINE_SMALL_PLACES_QILU_2018, type SmallPlaceTable } from '../../../common/rules/small-places.js';
import { PLACE_GRADING_DEFAULT, validatePlaceGradingRubric, type PlaceGradingRubric } from '../../../common/rules/place-grading.js';
import { checkPartition } from '../../../common/rules/interval.js';
import type { ReferenceTableMeta, RuleError } from '../../../common/rules/rule-types.js';
import type { RuleSetKind } from '../../../common/modules/calculators/calculators.contract.js';
import type { Permission } from '../../../common/permissions.js';

export interface RuleSetTables {
  'lec.factors': LecFactorTable;
  'lec.bands': LecBandTable;
  'ls.bands': LsBandTable;
  'gb18218.table1': Gb18218Tables['named'];
  'gb18218.table2': Gb18218Tables['categoryQ'];
  'gb18218.table4': Gb18218Tables['categoryBeta'];
  'gb18218.table5': Gb18218Tables['alpha'];
  'small-places': SmallPlaceTable;
  'place-grading': PlaceGradingRubric;
}

export const RULE_SET_DEFAULTS: { [K in RuleSetKind]: RuleSetTables[K] } = {
  'lec.factors': LEC_FACTORS_CLASSIC,
  'lec.bands': LEC_BANDS_DEFAULT,
  'ls.bands': LS_BANDS_DEFAULT,
  'gb18218.table1': GB18218_TABLE1,
  'gb18218.table2': GB18218_TABLE2,
  'gb18218.table4': GB18218_TABLE4,
  'gb18218.table5': GB18218_TABLE5_ALPHA,
  'small-places': NINE_SMALL_PLACES_QILU_2018,
  'place-grading': PLACE_GRADING_DEFAULT,
};

/** Who may edit a table (and only with a grant at district level or above). */
export const RULE_SET_EDIT_PERMISSION: Record<RuleSetKind, Permission> = {
  'lec.factors': 'risk.assess',
  'lec.bands': 'risk.assess',
  'ls.bands': 'risk.assess',
  'gb18218.table1': 'risk.assess',
  'gb18218.table2': 'risk.assess',
  'gb18218.table4': 'risk.assess',
  'gb18218.table5': 'risk.assess',
  'small-places': 'place.grade',
  'place-grading': 'place.grade',
};

// Shapes ---------------------------------------------------------------------------------------

const L10n = Type.Object({ zh: Type.String({ maxLength: 500 }), en: Type.String({ maxLength: 500 }) });
const Num = Type.Number();
const Interval = Type.Object({
  min: Type.Union([Num, Type.Null()]),
  minInclusive: Type.Boolean(),
  max: Type.Union([Num, Type.Null()]),
  maxInclusive: Type.Boolean(),
});
const Level = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4)]);
const Colour = Type.Enum(['red', 'orange', 'yellow', 'blue']);
const Grade = Type.Enum(['A', 'B', 'C', 'D']);
const Str = (max = 200) => Type.String({ minLength: 1, maxLength: max });
const Rows = <T extends TSchema>(t: T, max = 500) => Type.Array(t, { minItems: 1, maxItems: max });

const FactorRows = Rows(Type.Object({ value: Num, meaning: L10n }), 20);

export const RULE_SET_SHAPES: Record<RuleSetKind, TSchema> = {
  'lec.factors': Type.Object({ L: FactorRows, E: FactorRows, C: FactorRows }),
  'lec.bands': Type.Object({ bands: Rows(Type.Object({ id: Str(64), interval: Interval, meaning: L10n, level: Level, colour: Colour }), 10) }),
  'ls.bands': Type.Object({
    scale: Type.Object({ min: Type.Integer({ minimum: 1, maximum: 10 }), max: Type.Integer({ minimum: 1, maximum: 10 }) }),
    bands: Rows(Type.Object({ id: Str(64), interval: Interval, level: Level, colour: Colour, roman: Type.Enum(['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ']) }), 10),
  }),
  'gb18218.table1': Type.Object({
    rows: Rows(
      Type.Object({
        id: Str(64),
        name: L10n,
        cas: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 }),
        criticalQuantityT: Type.Number({ exclusiveMinimum: 0 }),
        toxicGasId: Type.Optional(Str(64)),
        hazardCategory: Type.Optional(Str(16)),
        note: Type.Optional(L10n),
      }),
      2000,
    ),
  }),
  'gb18218.table2': Type.Object({ rows: Rows(Type.Object({ symbol: Str(16), criticalQuantityT: Type.Number({ exclusiveMinimum: 0 }), note: Type.Optional(L10n) }), 100) }),
  'gb18218.table4': Type.Object({ rows: Rows(Type.Object({ symbol: Str(16), beta: Type.Number({ exclusiveMinimum: 0 }) }), 100) }),
  'gb18218.table5': Type.Object({ rows: Rows(Type.Object({ interval: Interval, alpha: Type.Number({ exclusiveMinimum: 0 }) }), 20) }),
  'small-places': Type.Object({
    uses: Rows(Type.Object({ id: Str(48), name: L10n }), 500),
    kinds: Rows(
      Type.Object({
        kind: Str(48),
        name: L10n,
        clauses: Rows(
          Type.Object({
            id: Str(64),
            uses: Type.Array(Str(48), { maxItems: 100 }),
            conditions: Type.Array(
              Type.Union([
                Type.Object({ kind: Type.Literal('range'), field: Type.Enum(['areaM2', 'beds', 'seats', 'persons', 'staff', 'dormStaff', 'floor', 'topFloor']), interval: Interval }),
                Type.Object({ kind: Type.Literal('flag'), field: Type.Literal('boarding'), equals: Type.Boolean() }),
              ]),
              { maxItems: 20 },
            ),
            text: L10n,
          }),
          20,
        ),
      }),
      50,
    ),
  }),
  'place-grading': Type.Object({
    criteria: Rows(
      Type.Union([
        Type.Object({
          id: Str(64),
          field: Str(64),
          label: L10n,
          weight: Num,
          type: Type.Literal('count'),
          steps: Rows(Type.Object({ interval: Interval, fraction: Num, capGrade: Type.Optional(Grade) }), 20),
        }),
        Type.Object({
          id: Str(64),
          field: Str(64),
          label: L10n,
          weight: Num,
          type: Type.Literal('choice'),
          options: Rows(Type.Object({ value: Str(64), label: L10n, fraction: Num, capGrade: Type.Optional(Grade) }), 20),
        }),
      ]),
      50,
    ),
    bands: Rows(Type.Object({ grade: Grade, interval: Interval, action: L10n, inspectionIntervalDays: Type.Integer({ minimum: 1, maximum: 3650 }) }), 4),
  }),
};

export interface ShapeProblem {
  path: string;
  message: string;
}

const rule = (zh: string, en: string): RuleError => ({ code: 'rule_set.invalid', message: { zh, en } });

/** Checks an edited table: its shape, then the rule's own consistency checks (partitions etc.). */
export function checkRuleSet(kind: RuleSetKind, data: unknown): { shape: ShapeProblem[]; rules: RuleError[] } {
  const schema = RULE_SET_SHAPES[kind];
  if (!Value.Check(schema, data)) {
    const shape = [...Value.Errors(schema, data)].slice(0, 20).map((e) => ({ path: e.instancePath || '/', message: e.message ?? 'is invalid' }));
    return { shape, rules: [] };
  }
  const rules: RuleError[] = [];
  switch (kind) {
    case 'lec.bands':
      rules.push(...validateLecBands(data as LecBandTable));
      break;
    case 'ls.bands': {
      const t = data as LsBandTable;
      if (t.scale.min > t.scale.max) rules.push(rule('分值范围下限大于上限', 'The scale minimum is above its maximum'));
      else rules.push(...validateLsBands(t));
      break;
    }
    case 'place-grading':
      rules.push(...validatePlaceGradingRubric(data as PlaceGradingRubric));
      break;
    case 'gb18218.table5':
      rules.push(...checkPartition((data as Gb18218Tables['alpha']).rows, { min: 0, minInclusive: true, max: null, maxInclusive: false }));
      break;
    case 'lec.factors': {
      const t = data as LecFactorTable;
      for (const f of ['L', 'E', 'C'] as const) {
        const values = t[f].map((r) => r.value);
        if (new Set(values).size !== values.length) rules.push(rule(`${f} 的取值重复`, `${f} has a repeated value`));
        if (values.some((v) => !(v > 0))) rules.push(rule(`${f} 的取值必须为正数`, `${f} values must be positive`));
      }
      break;
    }
    case 'gb18218.table1':
    case 'gb18218.table2':
    case 'gb18218.table4': {
      const rows = (data as { rows: Array<{ id?: string; symbol?: string }> }).rows;
      const keys = rows.map((r) => r.id ?? r.symbol ?? '');
      const dup = keys.filter((k, i) => keys.indexOf(k) !== i);
      if (dup.length > 0) rules.push(rule(`重复的行：${[...new Set(dup)].join('、')}`, `Repeated rows: ${[...new Set(dup)].join(', ')}`));
      break;
    }
    case 'small-places': {
      const t = data as SmallPlaceTable;
      const useIds = new Set(t.uses.map((u) => u.id));
      for (const k of t.kinds) {
        for (const c of k.clauses) {
          const unknown = c.uses.filter((u) => !useIds.has(u));
          if (unknown.length > 0) rules.push(rule(`条款 ${c.id} 引用了未定义的用途：${unknown.join('、')}`, `Clause ${c.id} names unknown uses: ${unknown.join(', ')}`));
        }
      }
      break;
    }
  }
  return { shape: [], rules };
}

export function metaOf(t: ReferenceTableMeta) {
  return {
    id: t.id,
    version: t.version,
    source: t.source,
    confidence: t.confidence,
    confidenceNote: t.confidenceNote,
    configurable: t.configurable,
    local: t.local ?? false,
  };
}

/** The GB 18218 tables assembled from the four editable ones and the two fixed ones. */
export function gb18218From(parts: Pick<RuleSetTables, 'gb18218.table1' | 'gb18218.table2' | 'gb18218.table4' | 'gb18218.table5'>): Gb18218Tables {
  return {
    named: parts['gb18218.table1'],
    categoryQ: parts['gb18218.table2'],
    toxicGasBeta: GB18218_2018.toxicGasBeta,
    categoryBeta: parts['gb18218.table4'],
    alpha: parts['gb18218.table5'],
    levels: GB18218_2018.levels,
  };
}
