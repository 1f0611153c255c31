// The CLI side of `demo --scale`: open the deployment's database, make sure the Xining demo
// (hierarchy, grids, accounts) is there, generate, and print what was written and how fast.
import { sql } from '../../server/db/client.js';
import { loadDemo } from '../../server/demo/demo.js';
import { str, UsageError, type ParsedArgs } from '../args.js';
import { openCli } from '../context.js';
import { progress, type Progress } from '../progress.js';
import { generateScale, type ScaleOptions } from '../../server/demo/scale/generate.js';
import { gridCount, importXining } from '../../server/demo/scale/hierarchy.js';
import { SCALES, type ScaleName } from '../../server/demo/scale/profiles.js';

const PHASES: Record<string, string> = {
  registries: 'Staff, enterprises, places, people',
  history: 'Inspections, hazards, reports (days)',
  indexes: 'Rebuilding indexes',
  figures: 'Hazard figures',
  analyze: 'ANALYZE',
};

export async function demoScale(args: ParsedArgs): Promise<number> {
  const scaleArg = str(args.options, 'scale', true);
  let scale: ScaleOptions['scale'];
  if (scaleArg in SCALES) scale = scaleArg as ScaleName;
  else if (/^\d+$/.test(scaleArg)) scale = { residents: Number(scaleArg) };
  else throw new UsageError(`--scale must be one of ${Object.keys(SCALES).join(', ')} or a number of residents`);
  const years = Number(str(args.options, 'years') ?? '5');
  if (!Number.isInteger(years) || years < 1 || years > 30) throw new UsageError('--years must be a whole number from 1 to 30');
  const seed = str(args.options, 'seed') ?? 'safegrid';
  const until = str(args.options, 'until');
  if (until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(until)) throw new UsageError('--until must be a date YYYY-MM-DD');

  const cli = await openCli('demo');
  try {
    const t0 = Date.now();
    const grids = () => gridCount(cli.ctx);
    if ((await grids()) === 0) {
      process.stderr.write('[demo] importing the Xining divisions and generating the grids …\n');
      const h = await importXining(cli.ctx);
      process.stderr.write(`[demo] ${h.units} units, ${h.grids} grids (import ${(h.importMs / 1000).toFixed(1)} s, grids ${(h.generateMs / 1000).toFixed(1)} s)\n`);
    }
    if ((await grids()) === 0) {
      console.error('The hierarchy has no grids with boundaries: import the divisions and generate the grids first.');
      return 1;
    }
    const users = (await cli.ctx.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM users`))?.n ?? 0;
    if (users === 0) {
      const report = await loadDemo(cli.ctx, { log: (m) => process.stderr.write(`[demo] ${m}\n`) });
      console.log(report.credentialsText);
    }
    const bars = new Map<string, Progress>();
    let current: string | null = null;
    const report = await generateScale(cli.ctx, {
      scale, years, seed, ...(until ? { until } : {}),
      log: (m) => process.stderr.write(`[scale] ${m}\n`),
      onProgress: (phase, done, total) => {
        if (phase !== current) {
          if (current) bars.get(current)?.done();
          current = phase;
          bars.set(phase, progress(PHASES[phase] ?? phase));
        }
        bars.get(phase)?.update(done, total);
      },
    });
    if (current) bars.get(current)?.done();
    const width = Math.max(...Object.keys(report.rows).map((k) => k.length));
    console.log(`\nGenerated ${report.scale} (${report.residents.toLocaleString('en')} residents), ${report.years} years ${report.from} … ${report.to}, seed ${report.seed}, on ${report.engine}:`);
    for (const [table, n] of Object.entries(report.rows)) console.log(`  ${table.padEnd(width)} ${n.toLocaleString('en').padStart(12)}`);
    console.log(`  ${'total'.padEnd(width)} ${report.totalRows.toLocaleString('en').padStart(12)} rows in ${(report.totalMs / 1000).toFixed(1)} s (${report.rowsPerSecond.toLocaleString('en')} rows/s)`);
    console.log(`  phases: ${Object.entries(report.phasesMs).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}; whole command ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (args.options.json) console.log(JSON.stringify(report));
    return 0;
  } finally {
    await cli.close();
  }
}
