// Background imports of places, enterprises and people from .xlsx or .csv. The upload answers at
// once with a job; the job parses the sheet, checks every row in batches (yielding to the event
// loop between them, so the server stays responsive), and writes either everything or nothing
// (all_or_nothing) or each batch's valid rows (keep_valid), keeping a report of every problem by
// row and field. Progress is polled from the job row.
import { sql, toIso, type Executor } from '../../db/client.js';
import type { Actor } from '../../core/access.js';
import { can, require } from '../../core/access.js';
import { AppError, notFound } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { readXlsx, writeXlsx, XlsxError, type CellValue, type WriteSheet } from '../../core/xlsx.js';
import { CsvError, decodeCsv, parseCsv, writeCsv } from '../../core/csv.js';
import type { Permission } from '../../../common/permissions.js';
import { REGISTRY_LIMITS, type ImportKind, type ImportMode, type ImportProblem } from '../../../common/modules/registries/registries.contract.js';
import { headerIndex, isBlankRow, parseRow, type CellProblem, type FieldSpec, type ParsedValues } from './registries.fields.js';

export interface ImportRow {
  row: number;
  values: ParsedValues;
}

export interface ValidatedRow<V> {
  row: number;
  value?: V;
  problems: CellProblem[];
}

export interface ImportSpec<V = unknown> {
  kind: ImportKind;
  title: { zh: string; en: string };
  permission: Permission;
  fields: FieldSpec[];
  /** Checks a batch of rows whose cells parsed; `seen` carries keys across batches (duplicates in the file). */
  validate(db: Executor, actor: Actor, rows: ImportRow[], seen: Map<string, number>): Promise<ValidatedRow<V>[]>;
  /** Inserts validated values (inside the caller's transaction); returns the new ids. */
  insert(tx: Executor, actor: Actor, values: V[], jobId: string): Promise<string[]>;
}

export interface ImportJobRow {
  id: string;
  kind: ImportKind;
  mode: ImportMode;
  format: 'xlsx' | 'csv';
  file_name: string;
  status: 'queued' | 'running' | 'done' | 'rejected' | 'failed';
  phase: string;
  total_rows: number;
  processed_rows: number;
  inserted_rows: number;
  error_rows: number;
  problem_count: number;
  problems_truncated: boolean;
  message: string | null;
  created_by: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const jobCols = sql`id, kind, mode, format, file_name, status, phase, total_rows, processed_rows, inserted_rows, error_rows,
  jsonb_array_length(problems) AS problem_count, problems_truncated, message, created_by, created_at, started_at, finished_at`;

const BATCH = 500;
const XLS_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function presentJob(r: ImportJobRow) {
  return {
    id: r.id,
    kind: r.kind,
    mode: r.mode,
    format: r.format,
    fileName: r.file_name,
    status: r.status,
    phase: r.phase,
    totalRows: r.total_rows,
    processedRows: r.processed_rows,
    insertedRows: r.inserted_rows,
    errorRows: r.error_rows,
    problemCount: Number(r.problem_count),
    problemsTruncated: r.problems_truncated,
    message: r.message,
    createdAt: toIso(r.created_at) ?? '',
    startedAt: toIso(r.started_at),
    finishedAt: toIso(r.finished_at),
  };
}

export function createImportRunner(ctx: ModuleContext, specs: Record<ImportKind, ImportSpec>) {
  const { db, audit, clock, log } = ctx;
  const running = new Set<Promise<void>>();
  const now = () => clock.now().toISOString();

  async function setProgress(id: string, set: { phase?: string; processed?: number; total?: number; status?: string }) {
    await db.rows(sql`UPDATE import_jobs SET
      phase = COALESCE(${set.phase ?? null}, phase),
      processed_rows = COALESCE(${set.processed ?? null}::int, processed_rows),
      total_rows = COALESCE(${set.total ?? null}::int, total_rows),
      status = COALESCE(${set.status ?? null}, status)
      WHERE id = ${id}::bigint`);
  }

  async function finish(id: string, f: { status: string; inserted: number; errorRows: number; problems: ImportProblem[]; truncated: boolean; message: string | null; processed?: number }) {
    // Parse problems of a batch are found before its row checks: report in row order (stable within a row).
    f.problems.sort((a, b) => a.row - b.row);
    await db.rows(sql`UPDATE import_jobs SET status = ${f.status}, phase = 'finished', inserted_rows = ${f.inserted}, error_rows = ${f.errorRows},
      problems = ${JSON.stringify(f.problems)}::jsonb, problems_truncated = ${f.truncated}, message = ${f.message},
      processed_rows = COALESCE(${f.processed ?? null}::int, processed_rows), finished_at = ${now()}::timestamptz
      WHERE id = ${id}::bigint`);
  }

  async function readSheet(format: 'xlsx' | 'csv', data: Buffer): Promise<Array<{ row: number; cells: CellValue[] }>> {
    if (format === 'xlsx') return (await readXlsx(data, { maxRows: REGISTRY_LIMITS.importRowsMax + 50 })).rows;
    return parseCsv(decodeCsv(data).text, { maxRows: REGISTRY_LIMITS.importRowsMax + 50 });
  }

  async function run(jobId: string, actor: Actor, spec: ImportSpec, mode: ImportMode, format: 'xlsx' | 'csv', data: Buffer) {
    const problems: ImportProblem[] = [];
    const badRows = new Set<number>();
    let truncated = false;
    const report = (row: number, p: CellProblem) => {
      badRows.add(row);
      if (problems.length >= REGISTRY_LIMITS.importProblemsMax) {
        truncated = true;
        return;
      }
      problems.push({ row, field: p.field, problem: p.en, problemZh: p.zh });
    };
    await db.rows(sql`UPDATE import_jobs SET status = 'running', phase = 'parsing', started_at = ${now()}::timestamptz WHERE id = ${jobId}::bigint`);
    await yieldToLoop();

    let sheet: Array<{ row: number; cells: CellValue[] }>;
    try {
      sheet = await readSheet(format, data);
    } catch (e) {
      if (e instanceof XlsxError || e instanceof CsvError) {
        await finish(jobId, { status: 'rejected', inserted: 0, errorRows: 0, problems: [], truncated: false, message: e.message });
        return;
      }
      throw e;
    }
    const headerAt = sheet.findIndex((r) => !isBlankRow(r.cells));
    const header = sheet[headerAt];
    if (!header) {
      await finish(jobId, { status: 'rejected', inserted: 0, errorRows: 0, problems: [], truncated: false, message: 'The sheet is empty' });
      return;
    }
    const { map, unknown, missing } = headerIndex(spec.fields, header.cells);
    if (missing.length > 0) {
      for (const f of missing) report(header.row, { field: f.key, zh: `缺少必填列“${f.zh}”`, en: `the required column "${f.en}" is missing` });
      await finish(jobId, {
        status: 'rejected', inserted: 0, errorRows: 0, problems, truncated, message: `Missing required columns: ${missing.map((f) => f.zh).join(', ')}`,
      });
      return;
    }
    const dataRows = sheet.slice(headerAt + 1).filter((r) => !isBlankRow(r.cells));
    if (dataRows.length > REGISTRY_LIMITS.importRowsMax) {
      await finish(jobId, { status: 'rejected', inserted: 0, errorRows: 0, problems: [], truncated: false, message: `More than ${REGISTRY_LIMITS.importRowsMax} rows; split the file` });
      return;
    }
    await setProgress(jobId, { phase: 'checking', total: dataRows.length, processed: 0 });
    const note = unknown.length > 0 ? `Ignored columns: ${unknown.join(', ')}` : null;

    const seen = new Map<string, number>();
    const pending: Array<{ row: number; value: unknown }> = [];
    let inserted = 0;
    for (let i = 0; i < dataRows.length; i += BATCH) {
      const chunk = dataRows.slice(i, i + BATCH);
      const parsed: ImportRow[] = [];
      for (const r of chunk) {
        const { values, problems: ps } = parseRow(map, spec.fields, r.cells);
        if (ps.length > 0) ps.forEach((p) => report(r.row, p));
        else parsed.push({ row: r.row, values });
      }
      const checked = await spec.validate(db, actor, parsed, seen);
      const valid: Array<{ row: number; value: unknown }> = [];
      for (const c of checked) {
        if (c.problems.length > 0 || c.value === undefined) c.problems.forEach((p) => report(c.row, p));
        else valid.push({ row: c.row, value: c.value });
      }
      if (mode === 'keep_valid' && valid.length > 0) inserted += await insertBatch(jobId, actor, spec, valid, report);
      else if (mode === 'all_or_nothing') pending.push(...valid);
      await setProgress(jobId, { processed: Math.min(dataRows.length, i + chunk.length) });
      await yieldToLoop();
    }

    if (mode === 'all_or_nothing') {
      if (badRows.size > 0) {
        await finish(jobId, {
          status: 'rejected', inserted: 0, errorRows: badRows.size, problems, truncated,
          message: `${badRows.size} row(s) have problems; nothing was imported (all-or-nothing)${note ? `. ${note}` : ''}`,
        });
        return;
      }
      await setProgress(jobId, { phase: 'writing' });
      try {
        inserted = await db.tx(async (tx) => {
          let n = 0;
          for (let i = 0; i < pending.length; i += BATCH) {
            const ids = await spec.insert(tx, actor, pending.slice(i, i + BATCH).map((p) => p.value), jobId);
            n += ids.length;
            await yieldToLoop();
          }
          await audit.write(tx, actor, { action: 'registry.import', objectType: 'import_job', objectId: jobId, summary: { kind: spec.kind, mode, rows: n } });
          return n;
        });
      } catch (e) {
        await finish(jobId, { status: 'failed', inserted: 0, errorRows: 0, problems, truncated, message: `Nothing was imported: ${(e as Error).message}` });
        return;
      }
    }
    await finish(jobId, {
      status: 'done', inserted, errorRows: badRows.size, problems, truncated,
      message: [badRows.size > 0 ? `${badRows.size} row(s) skipped` : null, note].filter((x) => x !== null).join('. ') || null,
    });
  }

  async function insertBatch(jobId: string, actor: Actor, spec: ImportSpec, valid: Array<{ row: number; value: unknown }>, report: (row: number, p: CellProblem) => void): Promise<number> {
    const write = (rows: Array<{ row: number; value: unknown }>) =>
      db.tx(async (tx) => {
        const ids = await spec.insert(tx, actor, rows.map((r) => r.value), jobId);
        await audit.write(tx, actor, {
          action: 'registry.import', objectType: 'import_job', objectId: jobId,
          summary: { kind: spec.kind, mode: 'keep_valid', rows: ids.length, firstRow: rows[0]?.row ?? null, lastRow: rows[rows.length - 1]?.row ?? null },
        });
        return ids.length;
      });
    try {
      return await write(valid);
    } catch {
      // A row conflicted with data written meanwhile: write the rows one by one and report the ones that fail.
      let n = 0;
      for (const r of valid) {
        try {
          n += await write([r]);
        } catch (e) {
          const msg = (e as Error).message;
          const dup = /duplicate key|unique/i.test(msg);
          report(r.row, dup ? { field: 'row', zh: '与已有记录重复', en: 'duplicates an existing record' } : { field: 'row', zh: `无法写入：${msg}`, en: `could not be written: ${msg}` });
        }
      }
      return n;
    }
  }

  return {
    specs,

    async start(actor: Actor, kind: ImportKind, mode: ImportMode, file: { name: string; data: Buffer }) {
      require(actor, 'registry.import');
      const spec = specs[kind];
      require(actor, spec.permission);
      const head = file.data.subarray(0, 4);
      if (head.equals(XLS_MAGIC)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Old .xls workbooks are not read; save the file as .xlsx (Excel Workbook) or CSV', { fields: [{ field: 'body/file', message: 'save as .xlsx or .csv' }] });
      if (file.data.length === 0) throw new AppError('VALIDATION_FAILED', 'body/file: the file is empty', { fields: [{ field: 'body/file', message: 'empty file' }] });
      const format: 'xlsx' | 'csv' = head.equals(ZIP_MAGIC) ? 'xlsx' : 'csv';
      const primary = actor.grants.find((g) => g.permissions.includes(spec.permission)) ?? actor.grants[0];
      const row = await db.tx(async (tx) => {
        const r = await tx.one<{ id: string }>(sql`INSERT INTO import_jobs (kind, mode, format, file_name, status, created_by, unit_path, created_at)
          VALUES (${kind}, ${mode}, ${format}, ${file.name.slice(0, 200)}, 'queued', ${actor.userId}::bigint, ${primary?.unitPath ?? 'root'}::ltree, ${now()}::timestamptz)
          RETURNING id`);
        if (!r) throw new Error('insert failed');
        await audit.write(tx, actor, { action: 'registry.import.start', objectType: 'import_job', objectId: r.id, summary: { kind, mode, format, file: file.name.slice(0, 200), bytes: file.data.length } });
        return r;
      });
      const p = run(row.id, actor, spec, mode, format, file.data)
        .catch(async (e: unknown) => {
          log?.error({ err: e, job: row.id }, 'import failed');
          await finish(row.id, { status: 'failed', inserted: 0, errorRows: 0, problems: [], truncated: false, message: `The import stopped: ${(e as Error).message}` }).catch(() => undefined);
        })
        .finally(() => running.delete(p));
      running.add(p);
      return this.job(actor, row.id);
    },

    async job(actor: Actor, id: string) {
      require(actor, 'registry.import');
      const r = await db.one<ImportJobRow>(sql`SELECT ${jobCols} FROM import_jobs WHERE id = ${id}::bigint`);
      if (!r || (actor.kind !== 'system' && r.created_by !== actor.userId)) throw notFound('import job');
      return r;
    },

    async problems(actor: Actor, id: string): Promise<ImportProblem[]> {
      await this.job(actor, id);
      const r = await db.one<{ problems: ImportProblem[] }>(sql`SELECT problems FROM import_jobs WHERE id = ${id}::bigint`);
      return r?.problems ?? [];
    },

    async list(actor: Actor) {
      require(actor, 'registry.import');
      return db.rows<ImportJobRow>(sql`SELECT ${jobCols} FROM import_jobs WHERE created_by = ${actor.userId}::bigint ORDER BY id DESC LIMIT 50`);
    },

    async template(actor: Actor, kind: ImportKind, format: 'xlsx' | 'csv'): Promise<Buffer> {
      if (!can(actor, 'registry.import')) throw new AppError('FORBIDDEN', 'Missing permission registry.import');
      return buildTemplate(specs[kind], format);
    },

    /** Resolves when every running import has finished (shutdown, tests). */
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
export type ImportRunner = ReturnType<typeof createImportRunner>;

function typeText(f: FieldSpec): { zh: string; en: string } {
  switch (f.type) {
    case 'int':
      return { zh: '整数', en: 'whole number' };
    case 'number':
      return { zh: '数字', en: 'number' };
    case 'bool':
      return { zh: '是/否', en: 'yes/no' };
    case 'date':
      return { zh: '日期（2026-03-02）', en: 'date (2026-03-02)' };
    case 'enum':
      return { zh: '从下拉列表选择', en: 'one of the listed values' };
    case 'list':
      return { zh: '多个值用逗号分隔', en: 'values separated by commas' };
    case 'code':
      return { zh: '文本（请将单元格设为文本格式）', en: 'text (format the cells as text)' };
    default:
      return { zh: '文本', en: 'text' };
  }
}

export function templateHeader(f: FieldSpec): string {
  return `${f.zh}${f.required ? '*' : ''}`;
}

export async function buildTemplate(spec: ImportSpec, format: 'xlsx' | 'csv'): Promise<Buffer> {
  const header = spec.fields.map(templateHeader);
  if (format === 'csv') return writeCsv([header]);
  const enums = spec.fields.filter((f) => f.type === 'enum' && (f.options?.length ?? 0) > 0);
  const optionsSheet: WriteSheet = {
    name: '选项 Options',
    columns: enums.map((f) => ({ header: f.zh, width: 24 })),
    rows: Array.from({ length: Math.max(0, ...enums.map((f) => f.options?.length ?? 0)) }, (_v, i) => enums.map((f) => f.options?.[i]?.zh ?? null)),
  };
  const colLetter = (i: number) => {
    let n = i + 1;
    let s = '';
    while (n > 0) {
      const r = (n - 1) % 26;
      s = String.fromCharCode(65 + r) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  };
  const data: WriteSheet = {
    name: spec.title.zh,
    columns: spec.fields.map((f) => ({ header: templateHeader(f), width: Math.max(10, Math.min(40, f.zh.length * 2 + 6)) })),
    rows: [],
    validations: enums.map((f, j) => ({
      column: spec.fields.indexOf(f),
      range: `'选项 Options'!$${colLetter(j)}$2:$${colLetter(j)}$${(f.options?.length ?? 0) + 1}`,
    })),
  };
  const help: WriteSheet = {
    name: '说明 Instructions',
    columns: [
      { header: '列 Column', width: 22 },
      { header: '字段 Field', width: 22 },
      { header: '必填 Required', width: 10 },
      { header: '类型 Type', width: 26 },
      { header: '说明 Notes', width: 60 },
      { header: '示例 Example', width: 24 },
    ],
    rows: [
      ...spec.fields.map((f) => [
        templateHeader(f),
        `${f.en} (${f.key})`,
        f.required ? '是 yes' : '',
        `${typeText(f).zh} / ${typeText(f).en}`,
        [f.note ? `${f.note.zh} / ${f.note.en}` : '', f.type === 'enum' ? `可选：${(f.options ?? []).map((o) => o.zh).join('、')}` : ''].filter((x) => x !== '').join('；'),
        f.example === undefined ? null : typeof f.example === 'boolean' ? (f.example ? '是' : '否') : f.example,
      ] as CellValue[]),
      [],
      ['第1行为表头，数据从第2行开始；带 * 的列必填。列的顺序可以调整，表头可用中文或英文名称。', null, null, null, null, null],
      ['Row 1 is the header and data starts on row 2; columns marked * are required. Columns may be in any order; headers may be in Chinese or English.', null, null, null, null, null],
    ],
  };
  return writeXlsx([data, help, optionsSheet]);
}
