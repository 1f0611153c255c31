// Risk points of places and enterprises, assessed by LEC or LS with the current band tables.
// The subject's risk level is the highest risk (smallest level number) among its current points.
import type { Actor } from '../../core/access.js';
import { inScope, require } from '../../core/access.js';
import { AppError, notFound } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { sql, type Executor } from '../../db/client.js';
import type { CreateRiskPointBody } from '../../../common/modules/registries/risk.contract.js';
import type { LecResult } from '../../../common/rules/lec.js';
import type { LsResult } from '../../../common/rules/ls.js';
import { insertRow, ts } from './registries.sql.js';

export interface RiskPointRow {
  id: string;
  place_id: string | null;
  enterprise_id: string | null;
  name: string;
  hazard_factors: string | null;
  controls: string | null;
  method: 'lec' | 'ls';
  inputs: Record<string, number>;
  value: number;
  level: 1 | 2 | 3 | 4;
  result: { levelName?: { zh: string; en: string }; working?: Array<{ zh: string; en: string }>; colour?: string };
  rule_set_id: string;
  rule_set_version: string;
  assessed_at: string;
  assessed_by_name: string | null;
  retired_at: string | null;
}

const cols = sql`r.id, r.place_id, r.enterprise_id, r.name, r.hazard_factors, r.controls, r.method, r.inputs, r.value, r.level, r.result,
  r.rule_set_id, r.rule_set_version, r.assessed_at, u.username AS assessed_by_name, r.retired_at`;

export type Subject = { type: 'place' | 'enterprise'; id: string };

/** What risk points need of other modules, handed over at wiring time (server/app.ts). */
export interface RiskDeps {
  calculators: { compute: { lec(input: { L: number; E: number; C: number }): Promise<LecResult>; ls(input: { L: number; S: number }): Promise<LsResult> } };
  places: { get(actor: Actor, id: string): Promise<{ name: string; unit_path: string; industry_code: string | null; enterprise_id: string | null }> };
  enterprises: { get(actor: Actor, id: string): Promise<{ id: string; name: string; unit_path: string; industry_code: string | null }> };
}

export function createRiskService(ctx: ModuleContext, deps: RiskDeps) {
  const { db, audit, clock } = ctx;

  /** The subject as the actor may see it, with the scope target for risk.assess. */
  async function subjectOf(actor: Actor, s: Subject) {
    if (s.type === 'place') {
      const p = await deps.places.get(actor, s.id);
      return { name: p.name, target: { path: p.unit_path, industryCode: p.industry_code, enterpriseId: p.enterprise_id } };
    }
    const e = await deps.enterprises.get(actor, s.id);
    return { name: e.name, target: { path: e.unit_path, industryCode: e.industry_code, enterpriseId: e.id } };
  }

  async function refreshLevel(tx: Executor, s: Subject): Promise<number | null> {
    const table = s.type === 'place' ? sql`places` : sql`enterprises`;
    const col = s.type === 'place' ? sql`place_id` : sql`enterprise_id`;
    const r = await tx.one<{ level: number | null }>(sql`UPDATE ${table} SET risk_level =
        (SELECT min(level) FROM risk_points WHERE ${col} = ${s.id}::bigint AND retired_at IS NULL)
      WHERE id = ${s.id}::bigint RETURNING risk_level AS level`);
    return r?.level ?? null;
  }

  async function subjectLevel(s: Subject): Promise<number | null> {
    const table = s.type === 'place' ? sql`places` : sql`enterprises`;
    const r = await db.one<{ level: number | null }>(sql`SELECT risk_level AS level FROM ${table} WHERE id = ${s.id}::bigint`);
    return r?.level ?? null;
  }

  return {
    async list(actor: Actor, s: Subject, includeRetired = false) {
      await subjectOf(actor, s);
      const col = s.type === 'place' ? sql`r.place_id` : sql`r.enterprise_id`;
      const items = await db.rows<RiskPointRow>(sql`SELECT ${cols} FROM risk_points r LEFT JOIN users u ON u.id = r.assessed_by
        WHERE ${col} = ${s.id}::bigint ${includeRetired ? sql`` : sql`AND r.retired_at IS NULL`} ORDER BY r.level, r.id`);
      return { items, subjectLevel: await subjectLevel(s) };
    },

    async assess(actor: Actor, s: Subject, body: CreateRiskPointBody) {
      require(actor, 'risk.assess');
      const subj = await subjectOf(actor, s);
      if (!inScope(actor, 'risk.assess', subj.target)) throw new AppError('OUT_OF_SCOPE', 'You may not assess risks here');
      const computed = body.method === 'lec'
        ? await (async () => {
          const r = await deps.calculators.compute.lec(body.inputs);
          return { value: r.D, level: r.level, colour: r.colour, levelName: r.levelName, working: r.working, tables: r.tables, ruleSet: r.tables.bands, band: r.band.id };
        })()
        : await (async () => {
          const r = await deps.calculators.compute.ls(body.inputs);
          return { value: r.R, level: r.level, colour: r.colour, levelName: r.levelName, working: r.working, tables: { bands: r.table }, ruleSet: r.table, band: r.band.id };
        })();
      const at = clock.now();
      const id = await db.tx(async (tx) => {
        const rid = await insertRow(tx, 'risk_points', {
          place_id: s.type === 'place' ? s.id : null,
          enterprise_id: s.type === 'enterprise' ? s.id : null,
          name: body.name.trim(),
          hazard_factors: body.hazardFactors ?? null,
          controls: body.controls ?? null,
          method: body.method,
          inputs: sql`${JSON.stringify(body.inputs)}::jsonb`,
          value: computed.value,
          level: computed.level,
          result: sql`${JSON.stringify({ colour: computed.colour, levelName: computed.levelName, working: computed.working, tables: computed.tables, band: computed.band })}::jsonb`,
          rule_set_id: computed.ruleSet.id,
          rule_set_version: computed.ruleSet.version,
          assessed_at: ts(at),
          assessed_by: actor.userId,
        });
        const level = await refreshLevel(tx, s);
        await audit.write(tx, actor, {
          action: 'risk.assess', objectType: s.type, objectId: s.id,
          summary: { point: rid, name: body.name, method: body.method, inputs: body.inputs, value: computed.value, level: computed.level, subjectLevel: level, table: `${computed.ruleSet.id} v${computed.ruleSet.version}` },
        });
        return rid;
      });
      const row = await db.one<RiskPointRow>(sql`SELECT ${cols} FROM risk_points r LEFT JOIN users u ON u.id = r.assessed_by WHERE r.id = ${id}::bigint`);
      if (!row) throw new Error('risk point vanished');
      return row;
    },

    async retire(actor: Actor, id: string) {
      require(actor, 'risk.assess');
      const r = await db.one<RiskPointRow>(sql`SELECT ${cols} FROM risk_points r LEFT JOIN users u ON u.id = r.assessed_by WHERE r.id = ${id}::bigint AND r.retired_at IS NULL`);
      if (!r) throw notFound('risk point');
      const s: Subject = r.place_id ? { type: 'place', id: r.place_id } : { type: 'enterprise', id: r.enterprise_id ?? '' };
      const subj = await subjectOf(actor, s).catch((e: unknown) => {
        throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('risk point') : e;
      });
      if (!inScope(actor, 'risk.assess', subj.target)) throw new AppError('OUT_OF_SCOPE');
      await db.tx(async (tx) => {
        await tx.rows(sql`UPDATE risk_points SET retired_at = ${clock.now().toISOString()}::timestamptz WHERE id = ${id}::bigint`);
        const level = await refreshLevel(tx, s);
        await audit.write(tx, actor, { action: 'risk.retire', objectType: s.type, objectId: s.id, summary: { point: id, name: r.name, subjectLevel: level } });
      });
    },
  };
}
export type RiskService = ReturnType<typeof createRiskService>;
