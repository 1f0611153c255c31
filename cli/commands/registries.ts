// registries import · registries template · registries export — the same services as the
// routes, acting as the system.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { systemActor } from '../../server/core/access.js';
import { writeXlsx } from '../../server/core/xlsx.js';
import { createCalculatorsService } from '../../server/modules/calculators/calculators.service.js';
import { createPlacesService } from '../../server/modules/places/places.service.js';
import { createEnterprisesService } from '../../server/modules/enterprises/enterprises.service.js';
import { createPeopleService } from '../../server/modules/people/people.service.js';
import { createThingsService } from '../../server/modules/things/things.service.js';
import type { RegistriesService } from '../../server/modules/registries/registries.module.js';
import { exportWorkbook, presentRows } from '../../server/modules/registries/registries.export.js';
import { placeExportColumns } from '../../server/modules/places/places.routes.js';
import { enterpriseExportColumns } from '../../server/modules/enterprises/enterprises.routes.js';
import { personExportColumns } from '../../server/modules/people/people.routes.js';
import { thingExportColumns } from '../../server/modules/things/things.routes.js';
import { presentPlace } from '../../server/modules/places/places.presenter.js';
import { presentEnterprise } from '../../server/modules/enterprises/enterprises.presenter.js';
import { presentPerson } from '../../server/modules/people/people.presenter.js';
import { presentThing } from '../../server/modules/things/things.presenter.js';
import { IMPORT_KINDS, IMPORT_MODES, type ImportKind, type ImportMode } from '../../common/modules/registries/registries.contract.js';
import { flag, str, UsageError, type ParsedArgs } from '../args.js';
import { openCli, type CliContext } from '../context.js';
import { progress } from '../progress.js';

function services(cli: CliContext) {
  const calculators = createCalculatorsService(cli.ctx);
  const places = createPlacesService(cli.ctx, { calculators });
  const enterprises = createEnterprisesService(cli.ctx, { calculators });
  return { calculators, places, enterprises, people: createPeopleService(cli.ctx), things: createThingsService(cli.ctx) };
}

/** The registries as the app wires them (with every module's import spec). */
function registries(cli: CliContext): RegistriesService {
  const m = cli.modules.find((x) => { const svc = x.service as Partial<RegistriesService>; return svc.imports !== undefined && svc.risk !== undefined; });
  if (!m) throw new Error('the registries module is not wired');
  return m.service as RegistriesService;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T {
  if (value === undefined || !(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

export async function registriesImport(args: ParsedArgs): Promise<number> {
  const kind = oneOf<ImportKind>(str(args.options, 'kind', true), IMPORT_KINDS, 'kind');
  const mode = oneOf<ImportMode>(str(args.options, 'mode') ?? 'keep_valid', IMPORT_MODES, 'mode');
  const file = str(args.options, 'file', true);
  const reportOut = str(args.options, 'report');
  const data = readFileSync(file);
  const cli = await openCli('registries import');
  try {
    const reg = registries(cli);
    const actor = systemActor('cli');
    const started = await reg.imports.start(actor, kind, mode, { name: path.basename(file), data });
    const bar = progress(`Importing ${kind}`);
    let job = started;
    while (!['done', 'rejected', 'failed'].includes(job.status)) {
      await new Promise((r) => setTimeout(r, 200));
      job = await reg.imports.job(actor, started.id);
      bar.update(job.processed_rows, job.total_rows || undefined, job.phase);
    }
    await reg.imports.drain();
    bar.done(job.status);
    const problems = await reg.imports.problems(actor, started.id);
    console.log(`${job.status}: ${job.inserted_rows} of ${job.total_rows} rows imported, ${job.error_rows} row(s) with problems${job.message ? ` — ${job.message}` : ''}`);
    if (flag(args.options, 'json')) console.log(JSON.stringify({ job: { ...job }, problems }));
    else for (const p of problems.slice(0, 20)) console.log(`  row ${p.row}  ${p.field}: ${p.problem}`);
    if (!flag(args.options, 'json') && problems.length > 20) console.log(`  … ${problems.length - 20} more`);
    if (reportOut && problems.length > 0) {
      writeFileSync(reportOut, await writeXlsx([{ name: 'Report', columns: [{ header: 'row' }, { header: 'field' }, { header: '问题' }, { header: 'problem' }], rows: problems.map((p) => [p.row, p.field, p.problemZh ?? null, p.problem]) }]));
      console.log(`Report written to ${reportOut}`);
    }
    return job.status === 'done' ? 0 : 5;
  } finally {
    await cli.close();
  }
}

export async function registriesTemplate(args: ParsedArgs): Promise<number> {
  const kind = oneOf<ImportKind>(str(args.options, 'kind', true), IMPORT_KINDS, 'kind');
  const format = oneOf<'xlsx' | 'csv'>(str(args.options, 'format') ?? 'xlsx', ['xlsx', 'csv'], 'format');
  const out = str(args.options, 'out', true);
  const cli = await openCli('registries template');
  try {
    const reg = registries(cli);
    writeFileSync(out, await reg.imports.template(systemActor('cli'), kind, format));
    console.log(`Template for ${kind} written to ${out}`);
    return 0;
  } finally {
    await cli.close();
  }
}

const EXPORT_KINDS = ['places', 'enterprises', 'people', 'things'] as const;

export async function registriesExport(args: ParsedArgs): Promise<number> {
  const kind = oneOf(str(args.options, 'kind', true), EXPORT_KINDS, 'kind');
  const out = str(args.options, 'out', true);
  const lang = str(args.options, 'lang') === 'en' ? 'en' : 'zh-CN';
  const unit = str(args.options, 'unit');
  const cli = await openCli('registries export');
  try {
    const s = services(cli);
    const actor = systemActor('cli');
    const q = unit ? { unit } : {};
    let data: Buffer;
    let n = 0;
    const counted = <T>(rows: AsyncIterable<T>) => presentRows(rows, (r: T) => {
      n++;
      return r;
    });
    if (kind === 'places') {
      data = await exportWorkbook({ zh: '场所', en: 'Places' }, placeExportColumns(lang, await s.places.useNames()), presentRows(counted(await s.places.exportRows(actor, q)), presentPlace), lang, cli.config.timeZone);
    } else if (kind === 'enterprises') {
      data = await exportWorkbook({ zh: '企业', en: 'Enterprises' }, enterpriseExportColumns(lang), presentRows(counted(await s.enterprises.exportRows(actor, q)), presentEnterprise), lang, cli.config.timeZone);
    } else if (kind === 'people') {
      data = await exportWorkbook({ zh: '重点人员', en: 'People at risk' }, personExportColumns(lang), presentRows(counted(await s.people.exportRows(actor, q)), presentPerson), lang, cli.config.timeZone);
    } else {
      data = await exportWorkbook({ zh: '物', en: 'Things' }, thingExportColumns(lang), presentRows(counted(await s.things.exportRows(actor, q)), presentThing), lang, cli.config.timeZone);
    }
    writeFileSync(out, data);
    console.log(`${n} ${kind} written to ${out} (personal data masked)`);
    return 0;
  } finally {
    await cli.close();
  }
}
