// Exports of filtered lists to .xlsx, built from presented (masked) records only.
import type { FastifyReply } from 'fastify';
import { writeXlsx, type CellValue } from '../../core/xlsx.js';

export interface ExportColumn<T> {
  zh: string;
  en: string;
  width?: number;
  value: (row: T) => CellValue;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant as the deployment's wall-clock time, "2026-03-02 10:15" (a workbook has no time zones). */
export function localDateTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

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
 * A workbook of one sheet. Values are the presented records' labels; every instant (ISO text)
 * is written as the local time of `timeZone`, the deployment's zone.
 */
export function exportWorkbook<T>(title: { zh: string; en: string }, columns: ExportColumn<T>[], rows: T[], lang: 'zh-CN' | 'en', timeZone: string): Buffer {
  const cell = (v: CellValue): CellValue => (typeof v === 'string' && INSTANT.test(v) ? localDateTime(v, timeZone) : v);
  return writeXlsx([
    {
      name: lang === 'en' ? title.en : title.zh,
      columns: columns.map((c) => ({ header: lang === 'en' ? c.en : c.zh, width: c.width ?? Math.max(10, Math.min(40, (lang === 'en' ? c.en.length : c.zh.length * 2) + 4)) })),
      rows: rows.map((r) => columns.map((c) => cell(c.value(r)))),
    },
  ]);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function sendFile(reply: FastifyReply, data: Buffer, fileName: string, mime = XLSX_MIME): FastifyReply {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return reply
    .header('content-type', mime)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store')
    .send(data);
}

export const yesNo = (v: boolean | null, lang: 'zh-CN' | 'en' = 'zh-CN'): string | null => (v === null ? null : lang === 'en' ? (v ? 'yes' : 'no') : v ? '是' : '否');
