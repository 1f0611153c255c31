// Counts and content checksums of what the generator writes (ciphertexts and keyed hashes are
// left out: they differ with every key and IV), to show that a seed gives the same records.
import { sql, type Executor } from '../../../db/client.js';

const CONTENT: Record<string, string> = {
  users: 'username, display_name',
  enterprises: 'uscc, name, industry_code, ST_AsText(location), grid_id',
  places: 'name, kind, grade, ST_AsText(location), grid_id',
  people_at_risk: 'category, name, id_number_masked, ST_AsText(location)',
  inspections: 'code, target_name, started_at, submitted_at',
  hazards: 'code, state, source, category, grade, ST_AsText(location), deadline, created_at, updated_at, closed_at, escalation_level, overdue_since',
  hazard_events: 'hazard_id, action, at, from_state, to_state, data',
  hazard_escalations: 'hazard_id, level, due_on, at',
  public_reports: 'code, ref, state, created_at, hazard_id',
  hazard_stats_daily: 'unit_path, industry_code, day, category, grade, found, rejected, rectified, rectified_on_time, overdue, escalated, reopened',
};
const ORDER: Record<string, string> = { hazard_escalations: 'hazard_id, level', hazard_stats_daily: 'unit_path, industry_code, day, category, grade' };

export async function scaleChecksums(db: Executor): Promise<Record<string, { rows: number; md5: string }>> {
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const [table, expr] of Object.entries(CONTENT)) {
    const r = await db.one<{ rows: number; md5: string }>(sql.raw(`SELECT count(*)::int AS rows, md5(coalesce(string_agg(concat_ws('~', ${expr}), '|' ORDER BY ${ORDER[table] ?? 'id'}), '')) AS md5 FROM ${table}`));
    out[table] = r ?? { rows: 0, md5: '' };
  }
  return out;
}
