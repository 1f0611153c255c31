// The PDF writer: Chinese text comes back out of pdftotext, both weights of Noto Sans SC are
// embedded as subsets, and a page renders with its text on a machine without any font.
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { sampleJpeg, signaturePng } from '../test/files.fixtures.js';
import { pdfFonts, pdfText, renderPage } from '../test/pdf-tools.js';
import { A4, PdfWriter } from './pdf.js';

/** The band of the page where a title written at the top margin lands (fractions of the page). */
const TITLE_BAND = { left: 0.2, right: 0.8, top: 56 / A4.height, bottom: 86 / A4.height };

async function sampleDocument(): Promise<Buffer> {
  const w = new PdfWriter({ title: '安全检查记录 测试', author: '城东区应急管理局' }, { footer: '编号 AQ-2026-0001' });
  w.title('安全检查记录', 'Safety inspection record');
  w.rightLine('编号 No. AQ-2026-0001');
  w.paragraph('西宁市城东区东关大街街道：经检查，你单位存在下列事故隐患，请于期限内整改完毕。');
  w.fields([
    ['被检查单位', '东关大街1号小餐馆（堃犇淼喆）'],
    ['检查时间', '2026-05-01 08:30'],
  ]);
  w.heading('检查项目 Items');
  w.table(
    [{ header: '序号', width: 40, align: 'center' }, { header: '检查内容' }, { header: '结果', width: 80 }],
    Array.from({ length: 40 }, (_, i) => [String(i + 1), `灭火器压力、有效期和放置位置检查第${i + 1}项`, i % 7 === 0 ? '不合格' : '合格']),
  );
  w.heading('现场照片 Photos', 134);
  w.images([{ label: '整改前', data: sampleJpeg('before') }, { label: '整改后', data: sampleJpeg('after') }, { label: '无图', data: Buffer.from('not an image') }]);
  w.signatures([{ label: '检查组长 王组长', data: signaturePng(3) }], '现场签字 Signatures');
  w.signLines([['被检查单位负责人（签字）：', '检查单位：城东区应急管理局']]);
  return w.toBuffer();
}

describe('PDF writer', () => {
  it('writes Chinese text that pdftotext gives back, with page numbers on every page', async () => {
    const pdf = await sampleDocument();
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.5');
    const text = pdfText(pdf);
    for (const s of ['安全检查记录', 'Safety inspection record', '编号 No. AQ-2026-0001', '西宁市城东区东关大街街道', '东关大街1号小餐馆（堃犇淼喆）', '检查项目 Items', '灭火器压力、有效期和放置位置检查第40项', '不合格', '整改前', '检查组长 王组长', '被检查单位负责人（签字）：']) {
      expect(text).toContain(s);
    }
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    // pdftotext drops the spaces between Chinese and digits.
    pages.forEach((p, i) => expect(p.replace(/\s+/g, '')).toContain(`第${i + 1}页/共${pages.length}页`));
  });

  it('embeds both weights of Noto Sans SC as subsets', async () => {
    const fonts = pdfFonts(await sampleDocument());
    expect(fonts.length).toBe(2);
    for (const f of fonts) {
      expect(f.name).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/);
      expect(f).toMatchObject({ embedded: true, subset: true, unicode: true, encoding: 'Identity-H' });
    }
    expect(new Set(fonts.map((f) => f.name.slice(7)))).toEqual(new Set(['NotoSansSC-Regular', 'NotoSansSC-Bold']));
  });

  it('renders its text without any font installed, where a non-embedded font draws nothing', async () => {
    const page = renderPage(await sampleDocument());
    expect(page.darkIn(TITLE_BAND)).toBeGreaterThan(200);
    // A control: the same title in a standard font that is not embedded stays blank here, so the
    // rendering above cannot have borrowed a system font.
    const plain = new PDFDocument({ size: 'A4', margin: 56 });
    plain.fontSize(20).text('SAFETY INSPECTION RECORD', 56, 58, { width: A4.width - 112, align: 'center' });
    const chunks: Buffer[] = [];
    plain.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((r) => plain.on('end', r));
    plain.end();
    await done;
    expect(renderPage(Buffer.concat(chunks)).darkIn(TITLE_BAND)).toBe(0);
  });
});
