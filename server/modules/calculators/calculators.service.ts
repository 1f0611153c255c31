// Calculators (LEC, LS, GB 18218, USCC, ID number, small-place kind, A/B/C/D grade) over the
// deployment's current reference tables, each answering with its working; and the tables
// themselves (read by anyone who calculates, edited at district level and above).
import type { Actor } from '../../core/access.js';
import { can, require } from '../../core/access.js';
import { AppError, fieldErrors } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { assessLec, type LecResult } from '../../../common/rules/lec.js';
import { assessLs, type LsResult } from '../../../common/rules/ls.js';
import { identifyMajorHazard, type MajorHazardInput, type MajorHazardResult } from '../../../common/rules/major-hazard.js';
import { USCC_CHARSET, USCC_WEIGHTS, validateUscc, type UsccValidation } from '../../../common/rules/uscc.js';
import { ID_NUMBER_CHECK_CHARS, ID_NUMBER_WEIGHTS, validateIdNumber, type IdNumberValidation } from '../../../common/rules/id-number.js';
import { suggestPlaceKind, type SmallPlaceInput, type SmallPlaceSuggestion } from '../../../common/rules/small-places.js';
import { gradePlace, type PlaceGradingInput, type PlaceGradingResult } from '../../../common/rules/place-grading.js';
import { step, type WorkingStep } from '../../../common/rules/rule-types.js';
import { RULE_SET_KINDS, type RuleSetKind, type UpdateRuleSetBody } from '../../../common/modules/calculators/calculators.contract.js';
import {
  ruleFieldError,
} from '../registries/registries.shared.js';
import { localDay } from '../../../common/time.js';
import { calculatorsRepository as repo, type RuleSetRow } from './calculators.repository.js';
import { checkRuleSet, gb18218From, metaOf, RULE_SET_DEFAULTS, RULE_SET_EDIT_PERMISSION, type RuleSetTables } from './calculators.rulesets.js';

const EDIT_LEVELS = new Set(['root', 'province', 'city', 'district']);

export function createCalculatorsService(ctx: ModuleContext) {
  const { db, audit, clock, config } = ctx;
  let cache: { at: number; rows: Map<string, RuleSetRow> } | null = null;
  const CACHE_MS = 5_000;

  async function activeRows(): Promise<Map<string, RuleSetRow>> {
    const now = Date.now();
    if (cache && now - cache.at < CACHE_MS) return cache.rows;
    const rows = await repo.activeRuleSets(db);
    cache = { at: now, rows: new Map(rows.map((r) => [r.kind, r])) };
    return cache.rows;
  }

  /** The current table of a kind (the edited version, or the shipped default). */
  async function table<K extends RuleSetKind>(kind: K): Promise<RuleSetTables[K]> {
    const row = (await activeRows()).get(kind);
    return (row ? (row.data as RuleSetTables[K]) : RULE_SET_DEFAULTS[kind]);
  }

  async function gb18218() {
    return gb18218From({
      'gb18218.table1': await table('gb18218.table1'),
      'gb18218.table2': await table('gb18218.table2'),
      'gb18218.table4': await table('gb18218.table4'),
      'gb18218.table5': await table('gb18218.table5'),
    });
  }

  function today(): string {
    return localDay(clock.now(), config.timeZone);
  }

  /** The computations, without an actor: the registries call them for their records. */
  const compute = {
    async lec(input: { L: number; E: number; C: number }): Promise<LecResult> {
      const r = assessLec(input, await table('lec.bands'), await table('lec.factors'));
      if (!r.ok) throw ruleFieldError((e) => `body/${String(e.details?.factor ?? 'inputs')}`, r.errors);
      return r.value;
    },
    async ls(input: { L: number; S: number }): Promise<LsResult> {
      const r = assessLs(input, await table('ls.bands'));
      if (!r.ok) throw ruleFieldError((e) => `body/${String(e.details?.factor ?? 'inputs')}`, r.errors);
      return r.value;
    },
    async majorHazard(input: MajorHazardInput): Promise<MajorHazardResult> {
      const r = identifyMajorHazard(input, await gb18218());
      if (!r.ok) {
        throw ruleFieldError((e) => (e.details?.index !== undefined ? `body/items/${String(e.details.index)}` : e.code === 'major_hazard.invalid_people' ? 'body/exposedPeople' : 'body/items'), r.errors);
      }
      return r.value;
    },
    async smallPlace(input: SmallPlaceInput): Promise<SmallPlaceSuggestion> {
      const r = suggestPlaceKind(input, await table('small-places'));
      if (!r.ok) throw ruleFieldError((e) => (e.code === 'small_places.unknown_use' ? 'body/use' : `body/${String(e.details?.field ?? 'use')}`), r.errors);
      return r.value;
    },
    async placeGrade(inputs: PlaceGradingInput): Promise<PlaceGradingResult> {
      const r = gradePlace(inputs, await table('place-grading'));
      if (!r.ok) throw ruleFieldError((e) => `body/inputs/${String(e.details?.field ?? '')}`.replace(/\/$/, ''), r.errors);
      return r.value;
    },
    uscc(code: string): UsccValidation {
      return validateUscc(code);
    },
    idNumber(id: string): IdNumberValidation {
      return validateIdNumber(id, { today: today() });
    },
  };

  function usccWorking(v: UsccValidation): WorkingStep[] {
    const code = v.normalized;
    if (code.length < 17) return [step(`共 ${code.length} 位，不足 17 位，无法计算校验码`, `${code.length} characters: fewer than 17, no check character can be computed`)];
    const first = code.slice(0, 17);
    const terms: string[] = [];
    let sum = 0;
    for (let i = 0; i < 17; i++) {
      const ch = first.charAt(i);
      const val = USCC_CHARSET.indexOf(ch);
      const w = USCC_WEIGHTS[i] ?? 0;
      if (val < 0) return [step(`第${i + 1}位“${ch}”不在代码字符集中，无法计算校验码`, `Character "${ch}" at position ${i + 1} is not in the code's character set; no check character`)];
      sum += val * w;
      terms.push(`${ch}(${val})×${w}`);
    }
    const mod = sum % 31;
    const c = 31 - mod;
    const check = USCC_CHARSET.charAt(c === 31 ? 0 : c);
    return [
      step(`字符值：0–9 为 0–9，A=10 … Y=30（不用 I、O、Z、S、V）`, `Character values: 0–9 are 0–9, A=10 … Y=30 (I, O, Z, S, V are not used)`),
      step(`Σ(字符值 × 权重) = ${terms.join(' + ')} = ${sum}`, `Σ(value × weight) = ${terms.join(' + ')} = ${sum}`),
      step(`${sum} mod 31 = ${mod}；31 − ${mod} = ${c}${c === 31 ? '（31 记为 0）' : ''} → 校验码“${check}”`, `${sum} mod 31 = ${mod}; 31 − ${mod} = ${c}${c === 31 ? ' (31 counts as 0)' : ''} → check character "${check}"`),
      code.length === 18
        ? step(`第18位为“${code.charAt(17)}”${code.charAt(17) === check ? '，校验通过' : `，应为“${check}”`}`, `Position 18 is "${code.charAt(17)}"${code.charAt(17) === check ? ': check passes' : `: should be "${check}"`}`)
        : step(`共 ${code.length} 位`, `${code.length} characters`),
    ];
  }

  function idWorking(v: IdNumberValidation): WorkingStep[] {
    const id = v.normalized;
    const steps: WorkingStep[] = [];
    if (v.regionCode) steps.push(step(`第1–6位地址码：${v.regionCode}`, `Address code (1–6): ${v.regionCode}`));
    if (v.birthDate) steps.push(step(`第7–14位出生日期：${v.birthDate}`, `Birth date (7–14): ${v.birthDate}`));
    if (v.sex) steps.push(step(`第17位为${v.sex === 'male' ? '奇数 → 男' : '偶数 → 女'}`, `Position 17 is ${v.sex === 'male' ? 'odd → male' : 'even → female'}`));
    if (!/^\d{17}/.test(id)) {
      steps.push(step('前17位不全是数字，无法计算校验码', 'The first 17 characters are not all digits; no check character'));
      return steps;
    }
    let sum = 0;
    const terms: string[] = [];
    for (let i = 0; i < 17; i++) {
      const d = Number(id.charAt(i));
      const w = ID_NUMBER_WEIGHTS[i] ?? 0;
      sum += d * w;
      terms.push(`${d}×${w}`);
    }
    const mod = sum % 11;
    const check = ID_NUMBER_CHECK_CHARS.charAt(mod);
    steps.push(
      step(`Σ(数字 × 权重) = ${terms.join(' + ')} = ${sum}`, `Σ(digit × weight) = ${terms.join(' + ')} = ${sum}`),
      step(`${sum} mod 11 = ${mod}；查表“10X98765432”第${mod}位 → 校验码“${check}”`, `${sum} mod 11 = ${mod}; position ${mod} of "10X98765432" → check character "${check}"`),
    );
    if (id.length === 18) {
      steps.push(step(`第18位为“${id.charAt(17)}”${id.charAt(17) === check ? '，校验通过' : `，应为“${check}”`}`, `Position 18 is "${id.charAt(17)}"${id.charAt(17) === check ? ': check passes' : `: should be "${check}"`}`));
    }
    return steps;
  }

  async function canEditAtDistrict(actor: Actor, kind: RuleSetKind): Promise<boolean> {
    const perm = RULE_SET_EDIT_PERMISSION[kind];
    if (actor.kind === 'system') return true;
    const grants = actor.grants.filter((g) => g.permissions.includes(perm));
    if (grants.length === 0) return false;
    const levels = await repo.unitLevels(db, grants.map((g) => g.unitId));
    return levels.some((l) => EDIT_LEVELS.has(l.level));
  }

  async function summary(kind: RuleSetKind, actorPerm?: boolean) {
    void actorPerm;
    const row = (await activeRows()).get(kind);
    const t = row ? (row.data as RuleSetTables[RuleSetKind]) : RULE_SET_DEFAULTS[kind];
    return {
      kind,
      ...metaOf(t),
      isDefault: !row,
      editPermission: RULE_SET_EDIT_PERMISSION[kind],
      updatedAt: row ? row.created_at : null,
    };
  }

  return {
    table,
    gb18218,
    compute,
    today,

    async lec(actor: Actor, body: { L: number; E: number; C: number }) {
      require(actor, 'calculator.use');
      return compute.lec(body);
    },
    async ls(actor: Actor, body: { L: number; S: number }) {
      require(actor, 'calculator.use');
      return compute.ls(body);
    },
    async majorHazard(actor: Actor, body: MajorHazardInput) {
      require(actor, 'calculator.use');
      return compute.majorHazard(body);
    },
    async uscc(actor: Actor, code: string) {
      require(actor, 'calculator.use');
      const v = compute.uscc(code);
      return { v, working: usccWorking(v) };
    },
    async idNumber(actor: Actor, id: string) {
      require(actor, 'calculator.use');
      const v = compute.idNumber(id);
      return { v, working: idWorking(v) };
    },
    async smallPlace(actor: Actor, input: SmallPlaceInput) {
      require(actor, 'calculator.use');
      return compute.smallPlace(input);
    },
    async placeGrade(actor: Actor, inputs: PlaceGradingInput) {
      require(actor, 'calculator.use');
      return compute.placeGrade(inputs);
    },

    async listRuleSets(actor: Actor) {
      if (!can(actor, 'calculator.use') && !can(actor, 'place.read')) throw new AppError('FORBIDDEN');
      const items = [];
      for (const kind of RULE_SET_KINDS) items.push(await summary(kind));
      return items;
    },

    async getRuleSet(actor: Actor, kind: RuleSetKind) {
      if (!can(actor, 'calculator.use') && !can(actor, 'place.read')) throw new AppError('FORBIDDEN');
      const versions = await repo.ruleSetVersions(db, kind);
      return { summary: await summary(kind), data: await table(kind), versions, canEdit: await canEditAtDistrict(actor, kind) };
    },

    async updateRuleSet(actor: Actor, kind: RuleSetKind, body: UpdateRuleSetBody) {
      const perm = RULE_SET_EDIT_PERMISSION[kind];
      require(actor, perm);
      if (!(await canEditAtDistrict(actor, kind))) {
        throw new AppError('FORBIDDEN', `Editing ${kind} needs ${perm} at district level or above`);
      }
      const base = RULE_SET_DEFAULTS[kind];
      const data = { ...(body.data as Record<string, unknown>) };
      const { shape, rules } = checkRuleSet(kind, data);
      if (shape.length > 0) throw fieldErrors(shape.map((p) => ({ field: `body/data${p.path}`, message: p.message })));
      if (rules.length > 0) throw ruleFieldError('body/data', rules);
      const before = await table(kind);
      const saved = await db.tx(async (tx) => {
        const n = (await repo.countVersions(tx, kind)) + 1;
        const version = `${base.version}+local.${n}`;
        const stored = {
          ...data,
          ...metaOf(base),
          version,
          source: `${base.source}; edited locally: ${body.note}`,
          confidence: 'local',
          configurable: true,
          local: true,
        };
        await repo.insertActive(tx, { kind, version, data: stored, note: body.note, by: actor.userId });
        await audit.write(tx, actor, { action: 'ruleset.update', objectType: 'rule_set', objectId: kind, summary: { from: before.version, to: version, note: body.note } });
        return version;
      });
      cache = null;
      return saved;
    },
  };
}
export type CalculatorsService = ReturnType<typeof createCalculatorsService>;
