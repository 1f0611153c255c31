// Reading PDFs the way a viewer would, with poppler's command-line tools: the text (pdftotext),
// the fonts (pdffonts) and a rendered page (pdftoppm) on a machine without any installed font —
// fontconfig is pointed at a configuration with no font directories, so only what the file
// embeds can be drawn.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function withFile<T>(pdf: Buffer, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'safegrid-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An environment in which fontconfig knows no font at all. */
function noFontsEnv(dir: string): NodeJS.ProcessEnv {
  const conf = path.join(dir, 'fonts.conf');
  writeFileSync(conf, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><cachedir>${path.join(dir, 'cache')}</cachedir></fontconfig>\n`);
  return { ...process.env, FONTCONFIG_FILE: conf, FONTCONFIG_PATH: dir, HOME: dir, XDG_CACHE_HOME: path.join(dir, 'cache') };
}

/** The text of every page, as pdftotext extracts it (UTF-8). */
export function pdfText(pdf: Buffer): string {
  return withFile(pdf, (file, dir) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { env: noFontsEnv(dir) }).toString('utf8'));
}

export interface PdfFont {
  name: string;
  type: string;
  encoding: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** The fonts the file uses, as pdffonts lists them. */
export function pdfFonts(pdf: Buffer): PdfFont[] {
  const out = withFile(pdf, (file, dir) => execFileSync('pdffonts', [file], { env: noFontsEnv(dir) }).toString('utf8'));
  const lines = out.split('\n').slice(2).filter((l) => l.trim() !== '');
  return lines.map((l) => {
    // name type… encoding emb sub uni object ID — the type may contain spaces, the rest does not.
    const parts = l.trim().split(/\s+/);
    const n = parts.length;
    return {
      name: parts[0] ?? '',
      type: parts.slice(1, n - 6).join(' '),
      encoding: parts[n - 6] ?? '',
      embedded: parts[n - 5] === 'yes',
      subset: parts[n - 4] === 'yes',
      unicode: parts[n - 3] === 'yes',
    };
  });
}

export interface GrayPage {
  width: number;
  height: number;
  /** One byte per pixel, 0 black … 255 white. */
  pixels: Buffer;
  /** Number of pixels darker than `threshold` inside a box given in fractions of the page. */
  darkIn(box: { left: number; top: number; right: number; bottom: number }, threshold?: number): number;
}

/** Renders one page in grey at `dpi` with no system fonts available. */
export function renderPage(pdf: Buffer, page = 1, dpi = 60): GrayPage {
  const pgm = withFile(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, path.join(dir, 'page')], { env: noFontsEnv(dir), stdio: ['ignore', 'ignore', 'pipe'] });
    return readFileSync(path.join(dir, 'page.pgm'));
  });
  // Binary PGM: "P5\n<w> <h>\n<max>\n" then the pixels.
  const head = pgm.subarray(0, 64).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(head);
  if (!m) throw new Error('pdftoppm did not write a PGM image');
  const width = Number(m[1]);
  const height = Number(m[2]);
  const pixels = pgm.subarray(m[0].length, m[0].length + width * height);
  return {
    width,
    height,
    pixels,
    darkIn(box, threshold = 128) {
      let n = 0;
      for (let y = Math.floor(box.top * height); y < Math.ceil(box.bottom * height); y++) {
        for (let x = Math.floor(box.left * width); x < Math.ceil(box.right * width); x++) if ((pixels[y * width + x] ?? 255) < threshold) n++;
      }
      return n;
    },
  };
}
