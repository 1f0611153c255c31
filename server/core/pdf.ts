// Printable documents (notices, records, agreements, sheets, reports) through pdfkit with the
// Noto Sans SC font (SIL OFL 1.1, from @expo-google-fonts/noto-sans-sc) embedded as a subset, so
// every viewer shows the same glyphs and the file can be archived. The two TrueType files
// (Regular and Bold, 10.5 MB each) are read and parsed once per process.
//
// `PdfWriter` lays out an A4 page top-down with a cursor: a title, headings, paragraphs,
// key/value fields, tables, image boxes and signature boxes; page breaks are taken when the
// next block does not fit, and every page gets "第 n 页 / 共 m 页" at the end.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

export const A4 = { width: 595.28, height: 841.89 } as const;

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
type Weight = keyof typeof FONT_FILES;
const parsed = new Map<Weight, fontkit.Font>();

/** The parsed font of a weight, read from its package the first time it is asked for. */
function font(weight: Weight): fontkit.Font {
  let f = parsed.get(weight);
  if (!f) {
    const created = fontkit.create(readFileSync(require.resolve(FONT_FILES[weight])));
    if (!('glyphForCodePoint' in created)) throw new Error(`${FONT_FILES[weight]} is a font collection, not one font`);
    f = created;
    parsed.set(weight, f);
  }
  return f;
}

/** The licence of the embedded font, for notices. */
export const PDF_FONT = { name: 'Noto Sans SC', licence: 'SIL Open Font License 1.1', package: '@expo-google-fonts/noto-sans-sc' } as const;

export interface PdfInfo {
  title: string;
  subject?: string;
  author?: string;
  /** The creation date written into the file (default now). */
  createdAt?: Date;
}

export interface PdfWriterOptions {
  /** Page margin in points (default 56, about 2 cm). */
  margin?: number;
  /** Page numbers in the footer (default true). */
  pageNumbers?: boolean;
  /** Footer text on the left of every page, e.g. the document's number. */
  footer?: string;
}

export interface TextOptions {
  size?: number;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  /** Space between lines as a fraction of the size (default 0.5). */
  lineGap?: number;
}

export interface TableColumn {
  header: string;
  /** Width in points; columns without one share what is left. */
  width?: number;
  align?: 'left' | 'center' | 'right';
}

export interface ImageBox {
  label: string;
  /** JPEG or PNG bytes; a missing or unreadable image leaves the box empty with its label. */
  data: Buffer | undefined;
}

type Doc = PDFKit.PDFDocument;

export class PdfWriter {
  readonly doc: Doc;
  readonly margin: number;
  /** The cursor: the top of the next block, in points from the top of the page. */
  y: number;
  private readonly opts: PdfWriterOptions;

  constructor(info: PdfInfo, opts: PdfWriterOptions = {}) {
    this.opts = opts;
    this.margin = opts.margin ?? 56;
    this.doc = new PDFDocument({
      size: 'A4',
      margin: this.margin,
      pdfVersion: '1.5',
      bufferPages: true,
      autoFirstPage: true,
      lang: 'zh-CN',
      displayTitle: true,
      info: {
        Title: info.title,
        ...(info.subject ? { Subject: info.subject } : {}),
        ...(info.author ? { Author: info.author } : {}),
        Producer: 'SafeGrid',
        Creator: 'SafeGrid',
        CreationDate: info.createdAt ?? new Date(),
      },
    });
    // A parsed fontkit font is accepted at run time (the typings only name paths and buffers).
    this.doc.registerFont('regular', font('regular') as unknown as Buffer);
    this.doc.registerFont('bold', font('bold') as unknown as Buffer);
    this.doc.font('regular');
    this.y = this.margin;
  }

  /** Width of the text column. */
  get width(): number {
    return A4.width - 2 * this.margin;
  }

  get left(): number {
    return this.margin;
  }

  /** The lowest y a block may reach on a page. */
  get bottom(): number {
    return A4.height - this.margin;
  }

  private use(o: TextOptions): Doc {
    return this.doc.font(o.bold ? 'bold' : 'regular').fontSize(o.size ?? 11);
  }

  /** Height of wrapped text in a box `width` wide. */
  measure(text: string, width: number, o: TextOptions = {}): number {
    const size = o.size ?? 11;
    return this.use(o).heightOfString(text || ' ', { width, lineGap: size * (o.lineGap ?? 0.5) });
  }

  /** Starts a new page when fewer than `h` points are left. */
  ensure(h: number): this {
    if (this.y + h > this.bottom) this.newPage();
    return this;
  }

  newPage(): this {
    this.doc.addPage();
    this.y = this.margin;
    return this;
  }

  space(h: number): this {
    this.y += h;
    return this;
  }

  /** Text at a fixed place without moving the cursor; `y` is the top of the line. */
  textAt(x: number, y: number, text: string, o: TextOptions & { width?: number } = {}): this {
    const width = o.width ?? (o.align === 'center' ? this.width : this.left + this.width - x);
    const left = o.align === 'center' && o.width === undefined ? this.left : x;
    this.use(o).text(text, left, y, { width, align: o.align ?? 'left', lineBreak: false, ellipsis: true, height: (o.size ?? 11) * 1.6 });
    return this;
  }

  /** The document title, centred and bold, with an optional second line (e.g. English). */
  title(text: string, sub?: string): this {
    this.textAt(this.left, this.y, text, { size: 20, bold: true, align: 'center' });
    this.y += 30;
    if (sub) {
      this.textAt(this.left, this.y, sub, { size: 10, align: 'center' });
      this.y += 18;
    }
    this.y += 4;
    return this;
  }

  /** One right-aligned line, e.g. the document number under the title. */
  rightLine(text: string, size = 10): this {
    this.textAt(this.left, this.y - size, text, { size, align: 'right', width: this.width });
    this.y += size + 4;
    return this;
  }

  /** A section heading with a rule under it; `keepWith` keeps room for what follows. */
  heading(text: string, keepWith = 40): this {
    this.ensure(30 + keepWith);
    this.y += 8;
    this.textAt(this.left, this.y, text, { size: 12, bold: true });
    this.doc.lineWidth(0.5).moveTo(this.left, this.y + 19).lineTo(this.left + this.width, this.y + 19).stroke();
    this.y += 24;
    return this;
  }

  /** Wrapped text over the full width (it may run onto the next page). */
  paragraph(text: string, o: TextOptions = {}): this {
    const size = o.size ?? 11;
    this.ensure(size * 2);
    const lineGap = size * (o.lineGap ?? 0.5);
    this.use(o).text(text, this.left, this.y, { width: this.width, align: o.align ?? 'left', lineGap });
    this.y = this.doc.y + 4;
    return this;
  }

  /** A label and its wrapped value in two columns. */
  field(label: string, value: string, o: { size?: number; labelWidth?: number } = {}): this {
    const size = o.size ?? 11;
    const labelW = o.labelWidth ?? 150;
    const text = value || '—';
    const h = Math.max(this.measure(label, labelW - 6, { size }), this.measure(text, this.width - labelW, { size }));
    this.ensure(Math.min(h, this.bottom - this.margin) + 4);
    const top = this.y;
    this.use({ size }).text(label, this.left, top, { width: labelW - 6, lineGap: size * 0.5 });
    const afterLabel = this.doc.y;
    this.use({ size }).text(text, this.left + labelW, top, { width: this.width - labelW, lineGap: size * 0.5 });
    this.y = Math.max(afterLabel, this.doc.y) + 2;
    return this;
  }

  /** Several fields. */
  fields(rows: Array<[label: string, value: string]>, o: { size?: number; labelWidth?: number } = {}): this {
    for (const [label, value] of rows) this.field(label, value, o);
    return this;
  }

  /** A bordered table; rows grow with their wrapped text and the header repeats on each new page. */
  table(columns: TableColumn[], rows: string[][], o: { size?: number; headerBold?: boolean } = {}): this {
    const size = o.size ?? 9;
    const pad = 4;
    const fixed = columns.reduce((s, c) => s + (c.width ?? 0), 0);
    const free = columns.filter((c) => c.width === undefined).length;
    const widths = columns.map((c) => c.width ?? Math.max(30, (this.width - fixed) / Math.max(1, free)));
    const rowHeight = (cells: string[], bold: boolean) =>
      Math.max(...cells.map((t, i) => this.measure(t, (widths[i] ?? 30) - 2 * pad, { size, bold, lineGap: 0.2 }))) + 2 * pad;
    const drawRow = (cells: string[], bold: boolean) => {
      const h = rowHeight(cells, bold);
      let x = this.left;
      cells.forEach((t, i) => {
        const w = widths[i] ?? 30;
        this.doc.lineWidth(0.5).rect(x, this.y, w, h).stroke();
        this.use({ size, bold }).text(t, x + pad, this.y + pad, { width: w - 2 * pad, align: columns[i]?.align ?? 'left', lineGap: size * 0.2 });
        x += w;
      });
      this.y += h;
    };
    const header = columns.map((c) => c.header);
    const headerBold = o.headerBold ?? true;
    this.ensure(rowHeight(header, headerBold) + (rows[0] ? rowHeight(rows[0], false) : 0));
    drawRow(header, headerBold);
    for (const r of rows) {
      const cells = columns.map((_, i) => r[i] ?? '');
      if (this.y + rowHeight(cells, false) > this.bottom) {
        this.newPage();
        drawRow(header, headerBold);
      }
      drawRow(cells, false);
    }
    this.y += 6;
    return this;
  }

  /** An image fitted and centred in the box (x, y, w, h); false when the bytes are not a JPEG or PNG pdfkit reads. */
  imageIn(data: Buffer, x: number, y: number, w: number, h: number): boolean {
    if (!isJpeg(data) && !isPng(data)) return false;
    try {
      this.doc.image(data, x, y, { fit: [w, h], align: 'center', valign: 'center' });
      return true;
    } catch {
      return false;
    }
  }

  /** Framed image boxes in rows with a label under each (photos). */
  images(items: ImageBox[], boxW = 150, boxH = 110, o: { skipMissing?: boolean } = {}): this {
    const shown = o.skipMissing === false ? items : items.filter((i) => i.data);
    if (shown.length === 0) return this;
    this.ensure(boxH + 24);
    let x = this.left;
    for (const it of shown) {
      if (x + boxW > this.left + this.width + 0.01) {
        x = this.left;
        this.y += boxH + 24;
        this.ensure(boxH + 24);
      }
      this.doc.lineWidth(0.4).rect(x, this.y, boxW, boxH).stroke();
      if (it.data) this.imageIn(it.data, x + 2, this.y + 2, boxW - 4, boxH - 4);
      this.textAt(x, this.y + boxH + 3, it.label, { size: 9, width: boxW + 10 });
      x += boxW + 12;
    }
    this.y += boxH + 24;
    return this;
  }

  /** Signature images (drawn on a phone) in low boxes with the signer under each. */
  signatures(items: ImageBox[], heading?: string): this {
    const shown = items.filter((i) => i.data);
    if (shown.length === 0) return this;
    if (heading) this.heading(heading, 94);
    return this.images(shown, 150, 70);
  }

  /** Lines to sign by hand: each pair of labels on one line, left and right half. */
  signLines(pairs: Array<[left: string, right?: string]>, o: { size?: number; gap?: number } = {}): this {
    const size = o.size ?? 11;
    const gap = o.gap ?? 28;
    this.ensure(pairs.length * gap + 10);
    this.y += 10;
    for (const [l, r] of pairs) {
      this.textAt(this.left, this.y, l, { size, width: this.width / 2 - 6 });
      if (r) this.textAt(this.left + this.width / 2, this.y, r, { size, width: this.width / 2 });
      this.y += gap;
    }
    return this;
  }

  /** Finishes the document (page numbers, footer) and returns its bytes. */
  toBuffer(): Promise<Buffer> {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    const total = range.count;
    if (this.opts.pageNumbers !== false || this.opts.footer) {
      for (let i = range.start; i < range.start + total; i++) {
        doc.switchToPage(i);
        // Writing into the bottom margin: lift the margin so pdfkit does not break the page.
        const bottomMargin = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        const y = A4.height - this.margin / 2 - 6;
        if (this.opts.footer) doc.font('regular').fontSize(8).text(this.opts.footer, this.left, y, { width: this.width / 2, lineBreak: false, ellipsis: true });
        if (this.opts.pageNumbers !== false) {
          doc.font('regular').fontSize(8).text(`第 ${i - range.start + 1} 页 / 共 ${total} 页`, this.left, y, { width: this.width, align: 'right', lineBreak: false });
        }
        doc.page.margins.bottom = bottomMargin;
      }
    }
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      doc.end();
    });
  }
}

export const isJpeg = (b: Buffer): boolean => b.length > 3 && b[0] === 0xff && b[1] === 0xd8;
export const isPng = (b: Buffer): boolean => b.length > 8 && b.readUInt32BE(0) === 0x89504e47;
