// Printable documents of a hazard: the rectification notice (责令限期整改指令书) and the
// acceptance record (隐患整改验收记录), Chinese first with English labels.
import { PdfDocument, type PdfPage } from '../../core/pdf.js';
import { HAZARD_CATEGORIES, RESPONSIBILITY_NAMES, RESPONSIBILITY_ROLES } from '../../../common/modules/hazards/hazards.contract.js';
import { PLAN_ITEMS, PLAN_ITEM_NAMES, STATE_NAMES } from '../../../common/modules/hazards/hazards.workflow.js';
import type { HazardDetail } from '../../../common/modules/hazards/hazards.contract.js';

export interface PdfImages {
  /** Bytes of photos by file id (JPEG/PNG), as many as should be shown. */
  byId: Map<string, Buffer>;
}

/** Printed under a deadline counted across a year whose State Council holiday notice is not entered yet. */
export const PROVISIONAL_LINE = '注：该期限跨越的年份节假日安排尚未公布，暂按法定节假日计算，期限可能调整。 Provisional: the holiday arrangement of a year this deadline crosses is not published yet; counted with the statutory holidays, the date may change.';

const M = 56;
const W = 595.28 - 2 * M;
const SIG_ROLES: Record<string, { zh: string; en: string }> = {
  leader: { zh: '检查组长', en: 'Team leader' },
  inspector: { zh: '检查人员', en: 'Inspector' },
  premises: { zh: '被检查单位人员', en: 'Inspected premises' },
};

function local(iso: string | null, timeZone: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const parts = new Intl.DateTimeFormat('zh-CN', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d);
  const g = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${g('year')}-${g('month')}-${g('day')} ${g('hour')}:${g('minute')}`;
}

function category(code: string): string {
  const c = HAZARD_CATEGORIES.find((x) => x.code === code);
  return c ? `${c.zh}（${c.en}）` : code;
}

class Writer {
  page: PdfPage;
  y = M;
  constructor(private doc: PdfDocument) {
    this.page = doc.addPage();
  }
  ensure(h: number): void {
    if (this.y + h > 841.89 - M) {
      this.page = this.doc.addPage();
      this.y = M;
    }
  }
  title(zh: string, en: string): void {
    this.page.text(595.28 / 2, this.y + 16, 20, zh, { align: 'center', bold: true });
    this.page.text(595.28 / 2, this.y + 36, 10, en, { align: 'center' });
    this.y += 52;
  }
  field(label: string, value: string, size = 11): void {
    const labelW = 150;
    const lines = Math.max(1, Math.ceil(value.length / 38));
    this.ensure(lines * size * 1.6 + 4);
    this.page.text(M, this.y + size, size, label);
    this.y = this.page.paragraph(M + labelW, this.y + size, W - labelW, size, value || '—') - size * 0.5 + 2;
  }
  para(text: string, size = 11): void {
    this.ensure(size * 3);
    this.y = this.page.paragraph(M, this.y + size, W, size, text) + 2;
  }
  /** A section heading; `keepWith` reserves room for what follows so the heading is not left alone at a page end. */
  heading(text: string, keepWith = 40): void {
    this.ensure(30 + keepWith);
    this.y += 8;
    this.page.text(M, this.y + 12, 12, text, { bold: true });
    this.page.line(M, this.y + 17, M + W, this.y + 17, 0.5);
    this.y += 24;
  }
  images(items: Array<{ label: string; data: Buffer | undefined }>, boxW = 150, boxH = 110): void {
    const shown = items.filter((i) => i.data);
    if (shown.length === 0) return;
    this.ensure(boxH + 24);
    let x = M;
    for (const it of shown) {
      if (x + boxW > M + W) {
        x = M;
        this.y += boxH + 24;
        this.ensure(boxH + 24);
      }
      const img = it.data ? this.doc.addImage(it.data) : null;
      this.page.rect(x, this.y, boxW, boxH, 0.4);
      if (img) this.page.image(img, x + 2, this.y + 2, boxW - 4, boxH - 4);
      this.page.text(x, this.y + boxH + 12, 9, it.label);
      x += boxW + 12;
    }
    this.y += boxH + 24;
  }
}

function signatureBlock(w: Writer, h: HazardDetail, images: PdfImages, timeZone: string): void {
  if (h.signatures.length > 0) {
    w.heading('现场签字 Signatures on site', 94);
    w.images(h.signatures.map((s) => ({
      label: `${SIG_ROLES[s.role]?.zh ?? s.role} ${s.signerName} ${local(s.signedAt, timeZone)}`,
      data: images.byId.get(s.file.id),
    })), 150, 70);
  }
}

export function rectificationNoticePdf(h: HazardDetail, images: PdfImages, opts: { timeZone: string; issuer: string; legalBasis: string | null }): Buffer {
  const doc = new PdfDocument({ title: `责令限期整改指令书 ${h.code}`, subject: 'Rectification notice', author: opts.issuer });
  const w = new Writer(doc);
  w.title('责令限期整改指令书', 'Order to rectify within a time limit');
  w.page.text(M + W, w.y, 10, `编号 No. ${h.code}`, { align: 'right' });
  w.y += 16;
  const target = h.enterprise?.name ?? h.place?.name ?? h.grid?.name ?? '';
  w.para(`${target}：`, 12);
  w.para(`经检查，你单位（场所）存在下列事故隐患（${h.grade === 'major' ? '重大事故隐患' : '一般事故隐患'}）：`, 12);
  w.field('隐患类别 Category', category(h.category));
  w.field('隐患描述 Description', h.description);
  if (h.grade === 'major') w.field('重大隐患判定依据 Basis', h.majorBasis ?? '');
  w.field('位置 Location', `${h.grid?.name ?? ''}（${h.location.lng.toFixed(6)}, ${h.location.lat.toFixed(6)}）`);
  if (opts.legalBasis) w.field('依据 Legal basis', opts.legalBasis);
  w.y += 6;
  const deadline = h.deadline ?? '—';
  const limit = h.rectifyDays === 0 ? { zh: `立即整改（${deadline} 前）`, en: `immediately (by ${deadline})` } : { zh: `于 ${deadline} 前（${h.rectifyDays ?? '—'} 个工作日内）整改完毕`, en: `by ${deadline} (${h.rectifyDays ?? '—'} working days)` };
  w.para(`现责令你单位${limit.zh}，整改期间应当采取必要的安全防范措施，防止事故发生。整改完成后，请及时报请验收。`, 12);
  w.para(`You are ordered to rectify the hazard above ${limit.en} and to keep the necessary safety measures in place meanwhile; report for acceptance when done.`, 10);
  if (h.deadlineProvisional) w.para(PROVISIONAL_LINE, 10);
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
  w.ensure(80);
  w.y += 10;
  w.page.text(M, w.y + 12, 11, '被检查单位负责人（签字）：');
  w.page.text(M + W / 2, w.y + 12, 11, `检查单位：${opts.issuer}`);
  w.y += 28;
  w.page.text(M, w.y + 12, 11, '日期：');
  w.page.text(M + W / 2, w.y + 12, 11, `日期：${local(h.createdAt, opts.timeZone).slice(0, 10)}`);
  return doc.toBuffer();
}

export function acceptanceRecordPdf(h: HazardDetail, images: PdfImages, opts: { timeZone: string; issuer: string }): Buffer {
  const doc = new PdfDocument({ title: `隐患整改验收记录 ${h.code}`, subject: 'Acceptance record', author: opts.issuer });
  const w = new Writer(doc);
  w.title('事故隐患整改验收记录', 'Record of the acceptance of a rectified hazard');
  w.page.text(M + W, w.y, 10, `编号 No. ${h.code}`, { align: 'right' });
  w.y += 16;
  w.field('单位/场所 Premises', h.enterprise?.name ?? h.place?.name ?? '—');
  w.field('网格 Grid', h.grid?.name ?? '—');
  w.field('隐患类别 Category', category(h.category));
  w.field('隐患等级 Grade', h.grade === 'major' ? '重大隐患 major' : '一般隐患 general');
  w.field('隐患描述 Description', h.description);
  w.field('整改期限 Deadline', h.deadline ?? '—');
  if (h.deadlineProvisional) w.para(PROVISIONAL_LINE, 10);
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
    w.field(local(e.at, opts.timeZone), `${e.actionName.zh}（${e.actionName.en}） — ${e.actor}${e.comment ? `：${e.comment}` : ''}`, 10);
  }
  signatureBlock(w, h, images, opts.timeZone);
  w.ensure(60);
  w.y += 10;
  w.page.text(M, w.y + 12, 11, '验收人（签字）：');
  w.page.text(M + W / 2, w.y + 12, 11, '被检查单位负责人（签字）：');
  return doc.toBuffer();
}
