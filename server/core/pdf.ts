// A minimal PDF writer for printable documents (notices, records): A4 pages, text in the
// standard Chinese CID font STSong-Light with the UniGB-UCS2-H encoding (Adobe-GB1; every PDF
// viewer supplies it, nothing is embedded), lines, rectangles and JPEG/PNG images.
import { deflateSync, inflateSync } from 'node:zlib';

export const A4 = { width: 595.28, height: 841.89 } as const;

interface PdfImage {
  name: string;
  width: number;
  height: number;
  objectId: number;
}

type Op = string;

/** Widths (1/1000 em) of ASCII 0x20–0x7E, Adobe-GB1 CIDs 1–95 (proportional Latin, Helvetica metrics). */
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278,
  584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944,
  667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
  278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/** Advance width of a character in ems: ASCII proportional, CJK and full-width forms 1. */
export function charWidth(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 0x20 && c <= 0x7e) return (ASCII_WIDTHS[c - 0x20] ?? 500) / 1000;
  if (c < 0x80) return 0.5;
  if ((c >= 0xff61 && c <= 0xffdc) || (c >= 0x2000 && c <= 0x206f)) return 0.5;
  return 1;
}

export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w * size;
}

/** Breaks text into lines no wider than `maxWidth` (newlines are kept; Latin words are not split when avoidable). */
export function wrapText(s: string, maxWidth: number, size: number): string[] {
  const out: string[] = [];
  for (const para of s.split(/\r?\n/)) {
    let line = '';
    let width = 0;
    const tokens = para.match(/[\x21-\x7e]+|\s+|./gsu) ?? [];
    for (const tok of tokens) {
      const w = textWidth(tok, size);
      if (width + w > maxWidth && line.trim() !== '') {
        out.push(line.trimEnd());
        line = '';
        width = 0;
        if (/^\s+$/.test(tok)) continue;
      }
      if (w > maxWidth) {
        for (const ch of tok) {
          const cw = textWidth(ch, size);
          if (width + cw > maxWidth && line !== '') {
            out.push(line);
            line = '';
            width = 0;
          }
          line += ch;
          width += cw;
        }
      } else {
        line += tok;
        width += w;
      }
    }
    out.push(line.trimEnd());
  }
  return out;
}

function hexUcs2(s: string): string {
  let out = '';
  for (const ch of s) {
    let c = ch.codePointAt(0) ?? 0x3f;
    if (c > 0xffff || (c < 0x20 && c !== 0x09)) c = 0x3f;
    if (c === 0x09) c = 0x20;
    out += c.toString(16).padStart(4, '0');
  }
  return `<${out}>`;
}

const fmt = (n: number) => (Math.round(n * 100) / 100).toString();

export class PdfPage {
  readonly ops: Op[] = [];
  readonly images = new Set<PdfImage>();
  constructor(readonly width: number, readonly height: number) {}

  /** Text with its baseline at (x, y), y measured from the top of the page. */
  text(x: number, y: number, size: number, s: string, opts: { align?: 'left' | 'center' | 'right'; bold?: boolean } = {}): this {
    const w = textWidth(s, size);
    const left = opts.align === 'center' ? x - w / 2 : opts.align === 'right' ? x - w : x;
    const render = opts.bold ? `2 Tr ${fmt(size / 30)} w ` : '0 Tr ';
    this.ops.push(`BT /F1 ${fmt(size)} Tf ${render}${fmt(left)} ${fmt(this.height - y)} Td ${hexUcs2(s)} Tj ET`);
    return this;
  }

  /** Wrapped text starting at (x, y); returns the y below the last line. */
  paragraph(x: number, y: number, maxWidth: number, size: number, s: string, lineGap = 1.5): number {
    let yy = y;
    for (const line of wrapText(s, maxWidth, size)) {
      this.text(x, yy, size, line);
      yy += size * lineGap;
    }
    return yy;
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.8): this {
    this.ops.push(`${fmt(width)} w ${fmt(x1)} ${fmt(this.height - y1)} m ${fmt(x2)} ${fmt(this.height - y2)} l S`);
    return this;
  }

  rect(x: number, y: number, w: number, h: number, width = 0.8): this {
    this.ops.push(`${fmt(width)} w ${fmt(x)} ${fmt(this.height - y - h)} ${fmt(w)} ${fmt(h)} re S`);
    return this;
  }

  /** An image in the box (x, y, w, h), keeping its aspect ratio, centred in the box. */
  image(img: PdfImage, x: number, y: number, w: number, h: number): this {
    const scale = Math.min(w / img.width, h / img.height);
    const dw = img.width * scale;
    const dh = img.height * scale;
    const dx = x + (w - dw) / 2;
    const dy = y + (h - dh) / 2;
    this.images.add(img);
    this.ops.push(`q ${fmt(dw)} 0 0 ${fmt(dh)} ${fmt(dx)} ${fmt(this.height - dy - dh)} cm /${img.name} Do Q`);
    return this;
  }
}

interface RawObject {
  dict: string;
  stream?: Buffer;
}

export class PdfDocument {
  private objects: Array<RawObject | null> = [];
  private pages: PdfPage[] = [];
  private imageCount = 0;
  private info: Record<string, string>;

  constructor(info: { title?: string; author?: string; subject?: string } = {}) {
    this.info = { Producer: 'SafeGrid', ...Object.fromEntries(Object.entries(info).filter(([, v]) => v).map(([k, v]) => [k[0]?.toUpperCase() + k.slice(1), v])) };
  }

  private reserve(): number {
    this.objects.push(null);
    return this.objects.length;
  }

  private set(id: number, obj: RawObject): void {
    this.objects[id - 1] = obj;
  }

  addPage(width: number = A4.width, height: number = A4.height): PdfPage {
    const p = new PdfPage(width, height);
    this.pages.push(p);
    return p;
  }

  /** A JPEG or PNG for `page.image`; null when the bytes are neither (or an unsupported PNG). */
  addImage(data: Buffer): PdfImage | null {
    if (data.length > 3 && data[0] === 0xff && data[1] === 0xd8) return this.addJpeg(data);
    if (data.length > 8 && data.readUInt32BE(0) === 0x89504e47) return this.addPng(data);
    return null;
  }

  private addJpeg(data: Buffer): PdfImage | null {
    let p = 2;
    while (p + 9 < data.length) {
      if (data[p] !== 0xff) return null;
      const m = data[p + 1] ?? 0;
      const len = data.readUInt16BE(p + 2);
      if ((m >= 0xc0 && m <= 0xc3) || (m >= 0xc5 && m <= 0xc7) || (m >= 0xc9 && m <= 0xcb) || (m >= 0xcd && m <= 0xcf)) {
        const height = data.readUInt16BE(p + 5);
        const width = data.readUInt16BE(p + 7);
        const comps = data[p + 9] ?? 3;
        const cs = comps === 1 ? '/DeviceGray' : comps === 4 ? '/DeviceCMYK' : '/DeviceRGB';
        const id = this.reserve();
        this.set(id, { dict: `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace ${cs} /BitsPerComponent 8 /Filter /DCTDecode${comps === 4 ? ' /Decode [1 0 1 0 1 0 1 0]' : ''}`, stream: data });
        return { name: `Im${++this.imageCount}`, width, height, objectId: id };
      }
      p += 2 + len;
    }
    return null;
  }

  private addPng(data: Buffer): PdfImage | null {
    let p = 8;
    let width = 0;
    let height = 0;
    let depth = 0;
    let colorType = 0;
    let interlace = 0;
    let palette: Buffer | null = null;
    const idat: Buffer[] = [];
    while (p + 8 <= data.length) {
      const len = data.readUInt32BE(p);
      const type = data.toString('latin1', p + 4, p + 8);
      const body = data.subarray(p + 8, p + 8 + len);
      if (type === 'IHDR') {
        width = body.readUInt32BE(0);
        height = body.readUInt32BE(4);
        depth = body[8] ?? 0;
        colorType = body[9] ?? 0;
        interlace = body[12] ?? 0;
      } else if (type === 'PLTE') palette = Buffer.from(body);
      else if (type === 'IDAT') idat.push(body);
      else if (type === 'IEND') break;
      p += 12 + len;
    }
    if (!width || !height || depth !== 8 || interlace !== 0) return null;
    const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colorType];
    if (!channels) return null;
    const raw = unfilter(inflateSync(Buffer.concat(idat)), width, height, channels);
    if (!raw) return null;
    let color: Buffer;
    let alpha: Buffer | null = null;
    let cs: string;
    let ncolor: number;
    if (colorType === 3) {
      if (!palette) return null;
      color = Buffer.alloc(width * height * 3);
      for (let i = 0; i < width * height; i++) palette.copy(color, i * 3, (raw[i] ?? 0) * 3, (raw[i] ?? 0) * 3 + 3);
      cs = '/DeviceRGB';
      ncolor = 3;
    } else if (colorType === 4 || colorType === 6) {
      ncolor = channels - 1;
      color = Buffer.alloc(width * height * ncolor);
      alpha = Buffer.alloc(width * height);
      for (let i = 0; i < width * height; i++) {
        for (let c = 0; c < ncolor; c++) color[i * ncolor + c] = raw[i * channels + c] ?? 0;
        alpha[i] = raw[i * channels + ncolor] ?? 255;
      }
      cs = ncolor === 1 ? '/DeviceGray' : '/DeviceRGB';
    } else {
      color = raw;
      ncolor = channels;
      cs = channels === 1 ? '/DeviceGray' : '/DeviceRGB';
    }
    void ncolor;
    let smask = '';
    if (alpha) {
      const sid = this.reserve();
      this.set(sid, { dict: `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`, stream: deflateSync(alpha) });
      smask = ` /SMask ${sid} 0 R`;
    }
    const id = this.reserve();
    this.set(id, { dict: `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace ${cs} /BitsPerComponent 8 /Filter /FlateDecode${smask}`, stream: deflateSync(color) });
    return { name: `Im${++this.imageCount}`, width, height, objectId: id };
  }

  toBuffer(): Buffer {
    const catalog = this.reserve();
    const pagesId = this.reserve();
    const fontDesc = this.reserve();
    const cidFont = this.reserve();
    const font = this.reserve();
    this.set(fontDesc, { dict: '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>' });
    this.set(cidFont, { dict: `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor ${fontDesc} 0 R /DW 1000 /W [1 [${ASCII_WIDTHS.join(' ')}]] >>` });
    this.set(font, { dict: `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFont} 0 R] >>` });
    const kids: number[] = [];
    for (const page of this.pages) {
      const content = this.reserve();
      const pid = this.reserve();
      this.set(content, { dict: '<< /Filter /FlateDecode', stream: deflateSync(Buffer.from(page.ops.join('\n'), 'latin1')) });
      const xobjects = [...page.images].map((i) => `/${i.name} ${i.objectId} 0 R`).join(' ');
      this.set(pid, {
        dict: `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${fmt(page.width)} ${fmt(page.height)}] /Contents ${content} 0 R /Resources << /Font << /F1 ${font} 0 R >>${xobjects ? ` /XObject << ${xobjects} >>` : ''} >> >>`,
      });
      kids.push(pid);
    }
    this.set(pagesId, { dict: `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>` });
    this.set(catalog, { dict: `<< /Type /Catalog /Pages ${pagesId} 0 R >>` });
    const infoId = this.reserve();
    this.set(infoId, { dict: `<< ${Object.entries(this.info).map(([k, v]) => `/${k} <feff${hexUcs2(v).slice(1, -1)}>`).join(' ')} >>` });

    const chunks: Buffer[] = [Buffer.from('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    let offset = chunks[0]?.length ?? 0;
    const offsets: number[] = [];
    this.objects.forEach((o, i) => {
      if (!o) throw new Error(`PDF object ${i + 1} was reserved but not written`);
      offsets.push(offset);
      const parts: Buffer[] = [];
      if (o.stream) {
        parts.push(Buffer.from(`${i + 1} 0 obj\n${o.dict} /Length ${o.stream.length} >>\nstream\n`, 'latin1'), o.stream, Buffer.from('\nendstream\nendobj\n', 'latin1'));
      } else {
        parts.push(Buffer.from(`${i + 1} 0 obj\n${o.dict}\nendobj\n`, 'latin1'));
      }
      for (const p of parts) {
        chunks.push(p);
        offset += p.length;
      }
    });
    const xref = [`xref\n0 ${this.objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
    chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${this.objects.length + 1} /Root ${catalog} 0 R /Info ${infoId} 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(chunks);
  }
}

function unfilter(data: Buffer, width: number, height: number, bpp: number): Buffer | null {
  const stride = width * bpp;
  if (data.length < (stride + 1) * height) return null;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const f = data[y * (stride + 1)] ?? 0;
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    for (let x = 0; x < stride; x++) {
      const raw = data[src + x] ?? 0;
      const a = x >= bpp ? out[dst + x - bpp] ?? 0 : 0;
      const b = y > 0 ? out[dst - stride + x] ?? 0 : 0;
      const c = x >= bpp && y > 0 ? out[dst - stride + x - bpp] ?? 0 : 0;
      let v: number;
      switch (f) {
        case 0: v = raw; break;
        case 1: v = raw + a; break;
        case 2: v = raw + b; break;
        case 3: v = raw + ((a + b) >> 1); break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          v = raw + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default: return null;
      }
      out[dst + x] = v & 0xff;
    }
  }
  return out;
}
