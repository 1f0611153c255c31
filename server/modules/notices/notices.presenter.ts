// Notices: rows to the response contract, with explicit fields.
import { toIso } from '../../db/client.js';
import type { NoticeDetail, NoticeView } from '../../../common/modules/notices/notices.contract.js';
import type { FileRow } from '../files/files.service.js';
import type { NoticeRow } from './notices.repository.js';

export function presentNotice(r: NoticeRow): NoticeView {
  return {
    id: r.id,
    title: r.title,
    issuer: { code: r.issuer_code, name: r.issuer_name },
    status: r.status,
    audience: r.audience,
    publishedAt: toIso(r.published_at),
    createdBy: r.created_by_name,
    readAt: toIso(r.read_at),
    isRecipient: r.is_recipient,
    recipients: r.recipients,
    read: r.read_count,
    attachments: r.attachments,
  };
}

export function presentNoticeDetail(d: {
  row: NoticeRow; units: Array<{ code: string; name: string }>; files: FileRow[]; abilities: NoticeDetail['abilities'];
}): NoticeDetail {
  const r = d.row;
  return {
    ...presentNotice(r),
    body: r.body,
    units: d.units.map((u) => ({ code: u.code, name: u.name })),
    files: d.files.map((f) => ({ id: f.id, mime: f.mime, sizeBytes: Number(f.size_bytes), name: f.original_name, url: `/api/notices/${r.id}/files/${f.id}` })),
    withdrawnAt: toIso(r.withdrawn_at),
    withdrawReason: r.withdraw_reason,
    createdAt: toIso(r.created_at) ?? '',
    abilities: d.abilities,
  };
}
