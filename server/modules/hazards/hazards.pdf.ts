// Printable documents of a hazard: the rectification notice (责令限期整改指令书) and the
// acceptance record (隐患整改验收记录), Chinese first with English labels.
import { PdfWriter } from '../../core/pdf.js';
import { HAZARD_CATEGORIES, RESPONSIBILITY_NAMES, RESPONSIBILITY_ROLES } from '../../../common/modules/hazards/hazards.contract.js';
import { PLAN_ITEMS, PLAN_ITEM_NAMES, STATE_NAMES } from '../../../common/modules/hazards/hazards.workflow.js';
import type { HazardDetail } from '../../../common/modules/hazards/hazards.contract.js';
import { localDateTime } from '../../../common/time.js';

export interface PdfImages {
  /** Bytes of photos by file id (JPEG/PNG), as many as should be shown. */
  byId: Map<string, Buffer>;
}

/** Printed under a deadline counted across a year whose State Council holiday notice is not entered yet. */
export const PROVISIONAL_LINE = '注：该期限跨越的年份节假日安排尚未公布，暂按法定节假日计算，期限可能调整。 Provisional: the holiday arrangement of a year this deadline crosses is not published yet; counted with the statutory holidays, the date may change.';

const SIG_ROLES: Record<string, { zh: string; en: string }> = {
  leader: { zh: '检查组长', en: 'Team leader' },
  inspector: { zh: '检查人员', en: 'Inspector' },
  premises: { zh: '被检查单位人员', en: 'Inspected premises' },
};

function local(iso: string | null, timeZone: string): string {
  return iso ? localDateTime(iso, timeZone) : '—';
}

function category(code: string): string {
  const c = HAZARD_CATEGORIES.find((x) => x.code === code);
  return c ? `${c.zh}（${c.en}）` : code;
}

function signatureBlock(w: PdfWriter, h: HazardDetail, images: PdfImages, timeZone: string): void {
  w.signatures(h.signatures.map((s) => ({
    label: `${SIG_ROLES[s.role]?.zh ?? s.role} ${s.signerName} ${local(s.signedAt, timeZone)}`,
    data: images.byId.get(s.file.id),
  })), '现场签字 Signatures on site');
}

export function rectificationNoticePdf(h: HazardDetail, images: PdfImages, opts: { timeZone: string; issuer: string; legalBasis: string | null }): Promise<Buffer> {
  const w = new PdfWriter({ title: `责令限期整改指令书 ${h.code}`, subject: 'Rectification notice', author: opts.issuer }, { footer: `责令限期整改指令书 ${h.code}` });
  w.title('责令限期整改指令书', 'Order to rectify within a time limit');
  w.rightLine(`编号 No. ${h.code}`);
  const target = h.enterprise?.name ?? h.place?.name ?? h.grid?.name ?? '';
  w.paragraph(`${target}：`, { size: 12 });
  w.paragraph(`经检查，你单位（场所）存在下列事故隐患（${h.grade === 'major' ? '重大事故隐患' : '一般事故隐患'}）：`, { size: 12 });
  w.field('隐患类别 Category', category(h.category));
  w.field('隐患描述 Description', h.description);
  if (h.grade === 'major') w.field('重大隐患判定依据 Basis', h.majorBasis ?? '');
  w.field('位置 Location', `${h.grid?.name ?? ''}（${h.location.lng.toFixed(6)}, ${h.location.lat.toFixed(6)}）`);
  if (opts.legalBasis) w.field('依据 Legal basis', opts.legalBasis);
  w.space(6);
  const deadline = h.deadline ?? '—';
  const limit = h.rectifyDays === 0 ? { zh: `立即整改（${deadline} 前）`, en: `immediately (by ${deadline})` } : { zh: `于 ${deadline} 前（${h.rectifyDays ?? '—'} 个工作日内）整改完毕`, en: `by ${deadline} (${h.rectifyDays ?? '—'} working days)` };
  w.paragraph(`现责令你单位${limit.zh}，整改期间应当采取必要的安全防范措施，防止事故发生。整改完成后，请及时报请验收。`, { size: 12 });
  w.paragraph(`You are ordered to rectify the hazard above ${limit.en} and to keep the necessary safety measures in place meanwhile; report for acceptance when done.`, { size: 10 });
  if (h.deadlineProvisional) w.paragraph(PROVISIONAL_LINE, { size: 10 });
  w.heading('责任人 Responsibilities');
  for (const k of RESPONSIBILITY_ROLES) {
    const p = h.responsible[k];
    w.field(`${RESPONSIBILITY_NAMES[k].zh} ${RESPONSIBILITY_NAMES[k].en}`, p?.name ?? '—');
  }
  if (h.grade === 'major' && h.plan) {
    w.heading('治理方案 Treatment plan');
    for (const k of PLAN_ITEMS) w.field(`${PLAN_ITEM_NAMES[k].zh}`, h.plan[k]);
  }
  if (h.photos.before.length) {
    w.heading('现场照片 Photos', 134);
    w.images(h.photos.before.slice(0, 3).map((p) => ({ label: local(p.takenAt, opts.timeZone), data: images.byId.get(p.id) })));
  }
  signatureBlock(w, h, images, opts.timeZone);
  w.signLines([
    ['被检查单位负责人（签字）：', `检查单位：${opts.issuer}`],
    ['日期：', `日期：${local(h.createdAt, opts.timeZone).slice(0, 10)}`],
  ]);
  return w.toBuffer();
}

export function acceptanceRecordPdf(h: HazardDetail, images: PdfImages, opts: { timeZone: string; issuer: string }): Promise<Buffer> {
  const w = new PdfWriter({ title: `隐患整改验收记录 ${h.code}`, subject: 'Acceptance record', author: opts.issuer }, { footer: `事故隐患整改验收记录 ${h.code}` });
  w.title('事故隐患整改验收记录', 'Record of the acceptance of a rectified hazard');
  w.rightLine(`编号 No. ${h.code}`);
  w.field('单位/场所 Premises', h.enterprise?.name ?? h.place?.name ?? '—');
  w.field('网格 Grid', h.grid?.name ?? '—');
  w.field('隐患类别 Category', category(h.category));
  w.field('隐患等级 Grade', h.grade === 'major' ? '重大隐患 major' : '一般隐患 general');
  w.field('隐患描述 Description', h.description);
  w.field('整改期限 Deadline', h.deadline ?? '—');
  if (h.deadlineProvisional) w.paragraph(PROVISIONAL_LINE, { size: 10 });
  w.field('状态 State', `${STATE_NAMES[h.state].zh} ${STATE_NAMES[h.state].en}`);
  w.field('整改人 Rectified by', h.rectifiedBy ?? '—');
  w.field('验收人 Accepted by', h.acceptedBy ?? '—');
  w.field('验收时间 Accepted at', local(h.closedAt, opts.timeZone));
  w.field('按期整改 On time', h.closedOnTime === null ? '—' : h.closedOnTime ? '是 yes' : '否 no');
  if (h.grade === 'major') {
    w.field('治理方案 Plan', h.planComplete ? '完整 complete' : '不完整 incomplete');
    if (h.supervision) w.field('挂牌督办 Supervision', `${h.supervision.unit?.name ?? ''} ${local(h.supervision.listedAt, opts.timeZone)} — ${h.supervision.delistedAt ? `摘牌 ${local(h.supervision.delistedAt, opts.timeZone)}` : '督办中'}`);
  }
  w.heading('整改前后 Before and after', 134);
  w.images([
    ...h.photos.before.slice(0, 2).map((p) => ({ label: `整改前 before ${local(p.takenAt, opts.timeZone)}`, data: images.byId.get(p.id) })),
    ...h.photos.after.slice(0, 2).map((p) => ({ label: `整改后 after ${local(p.takenAt, opts.timeZone)}`, data: images.byId.get(p.id) })),
  ]);
  w.heading('处理过程 Timeline');
  for (const e of h.timeline) {
    w.field(local(e.at, opts.timeZone), `${e.actionName.zh}（${e.actionName.en}） — ${e.actor}${e.comment ? `：${e.comment}` : ''}`, { size: 10 });
  }
  signatureBlock(w, h, images, opts.timeZone);
  w.signLines([['验收人（签字）：', '被检查单位负责人（签字）：']]);
  return w.toBuffer();
}
