// Exports of filtered lists to .xlsx, built from presented (masked) records only. Rows are
// written through exceljs's streaming writer straight into the reply, a page of records at a
// time, so an export has no row cap and no whole-file buffer.
import { PassThrough, type Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { streamXlsx, writeXlsx, XLSX_MIME, type CellValue, type WriteSheet } from '../../core/xlsx.js';
import { localDateTime } from '../../../common/time.js';

export { XLSX_MIME };

export interface ExportColumn<T> {
  zh: string;
  en: string;
  width?: number;
  value: (row: T) => CellValue;
}

type Rows<T> = Iterable<T> | AsyncIterable<T>;

async function* mapRows<T, U>(rows: Rows<T>, fn: (row: T) => U): AsyncGenerator<U> {
  for await (const r of rows) yield fn(r);
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const STATUS_LABELS: Record<string, { zh: string; en: string }> = {
  active: { zh: '正常', en: 'active' },
  closed: { zh: '已关闭', en: 'closed' },
  inactive: { zh: '已撤销', en: 'no longer listed' },
  dissolved: { zh: '已解散', en: 'dissolved' },
  normal: { zh: '正常', en: 'in order' },
  faulty: { zh: '故障', en: 'faulty' },
  retired: { zh: '已报废', en: 'retired' },
};

/** A record status as a word of the workbook's language (never the stored code). */
export function statusLabel(status: string, lang: 'zh-CN' | 'en'): string {
  const l = STATUS_LABELS[status];
  return l ? (lang === 'en' ? l.en : l.zh) : status;
}

/**
 * The sheet of an export: a header row in the chosen language and one row per record. Values
 * are the presented records' labels; every instant (ISO text) is written as the wall-clock time
 * of `timeZone`, the deployment's zone (a workbook has no time zones).
 */
export function exportSheet<T>(title: { zh: string; en: string }, columns: ExportColumn<T>[], rows: Rows<T>, lang: 'zh-CN' | 'en', timeZone: string): WriteSheet {
  const cell = (v: CellValue): CellValue => (typeof v === 'string' && INSTANT.test(v) ? localDateTime(v, timeZone) : v);
  return {
    name: lang === 'en' ? title.en : title.zh,
    columns: columns.map((c) => ({ header: lang === 'en' ? c.en : c.zh, width: c.width ?? Math.max(10, Math.min(40, (lang === 'en' ? c.en.length : c.zh.length * 2) + 4)) })),
    rows: mapRows(rows, (r) => columns.map((c) => cell(c.value(r)))),
  };
}

/** The export as one buffer (the CLI writes it to a file). */
export function exportWorkbook<T>(title: { zh: string; en: string }, columns: ExportColumn<T>[], rows: Rows<T>, lang: 'zh-CN' | 'en', timeZone: string): Promise<Buffer> {
  return writeXlsx([exportSheet(title, columns, rows, lang, timeZone)]);
}

/** Presents every record of an (async) list with `present`, lazily. */
export function presentRows<T, U>(rows: Rows<T>, present: (row: T) => U): AsyncGenerator<U> {
  return mapRows(rows, present);
}

function attachment(reply: FastifyReply, fileName: string, mime: string): FastifyReply {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return reply
    .header('content-type', mime)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store');
}

export function sendFile(reply: FastifyReply, data: Buffer | Readable, fileName: string, mime = XLSX_MIME): FastifyReply {
  return attachment(reply, fileName, mime).send(data);
}

/**
 * Streams a workbook into the reply as it is written. A failure half-way (the database going
 * away) aborts the response, so a client never keeps a truncated file that looks complete.
 */
export function sendWorkbook(reply: FastifyReply, fileName: string, sheets: WriteSheet[]): FastifyReply {
  const body = new PassThrough();
  streamXlsx(body, sheets).catch((e: unknown) => {
    reply.log.error({ err: e }, 'export failed while streaming');
    body.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  return attachment(reply, fileName, XLSX_MIME).send(body);
}

export const yesNo = (v: boolean | null, lang: 'zh-CN' | 'en' = 'zh-CN'): string | null => (v === null ? null : lang === 'en' ? (v ? 'yes' : 'no') : v ? '是' : '否');
