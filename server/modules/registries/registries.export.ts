// Exports of filtered lists to .xlsx, built from presented (masked) records only.
import type { FastifyReply } from 'fastify';
import { writeXlsx, type CellValue } from '../../core/xlsx.js';

export interface ExportColumn<T> {
  zh: string;
  en: string;
  width?: number;
  value: (row: T) => CellValue;
}

export function exportWorkbook<T>(title: { zh: string; en: string }, columns: ExportColumn<T>[], rows: T[], lang: 'zh-CN' | 'en' = 'zh-CN'): Buffer {
  return writeXlsx([
    {
      name: lang === 'en' ? title.en : title.zh,
      columns: columns.map((c) => ({ header: lang === 'en' ? c.en : c.zh, width: c.width ?? Math.max(10, Math.min(40, (lang === 'en' ? c.en.length : c.zh.length * 2) + 4)) })),
      rows: rows.map((r) => columns.map((c) => c.value(r))),
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
