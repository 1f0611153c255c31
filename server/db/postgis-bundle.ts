// PGlite's PostGIS bundle, trimmed once per installation: the published bundle carries the
// raster and topology libraries (two 16 MB WebAssembly modules PGlite compiles at every start),
// the tiger geocoder and the pre-extension install scripts, none of which SafeGrid loads. The
// trimmed copy (postgis itself, its upgrade scripts, PROJ data) is cached beside the dependencies
// and used by every later start; when it cannot be written, the published bundle is used.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Extension } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'safegrid');

/** Entries of the bundle PGlite need not load. */
export function unusedEntry(name: string): boolean {
  return /^(\.\/)?lib\/postgresql\/postgis_(raster|topology)-\d+\.so$/.test(name)
    || /^(\.\/)?share\/postgresql\/extension\/(postgis_raster|postgis_topology|postgis_tiger_geocoder|address_standardizer)[-_.]/.test(name)
    || /^(\.\/)?share\/postgresql\/extension\/postgis--unpackaged--/.test(name)
    || /^(\.\/)?share\/postgresql\/contrib\//.test(name);
}

const BLOCK = 512;

function field(h: Buffer, offset: number, length: number): string {
  const raw = h.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString('utf8');
}

/**
 * Copies a tar archive without the entries `drop` selects. Headers and data are copied block for
 * block; a pax or GNU long-name header travels with the entry it describes.
 */
export function filterTar(tar: Buffer, drop: (name: string) => boolean): { tar: Buffer; kept: number; dropped: number } {
  const out: Buffer[] = [];
  let pending: Buffer[] = [];
  let longName: string | null = null;
  let kept = 0;
  let dropped = 0;
  let pos = 0;
  while (pos + BLOCK <= tar.length) {
    const h = tar.subarray(pos, pos + BLOCK);
    if (h.every((b) => b === 0)) break;
    const size = parseInt(field(h, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(h[156] ?? 48);
    const span = BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    const whole = tar.subarray(pos, pos + span);
    pos += span;
    if (type === 'x' || type === 'L' || type === 'g') {
      const body = whole.subarray(BLOCK, BLOCK + size).toString('utf8');
      if (type === 'L') longName = body.replace(/\0+$/, '');
      else if (type === 'x') longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body)?.[1] ?? longName;
      if (type === 'g') out.push(whole);
      else pending.push(whole);
      continue;
    }
    const prefix = field(h, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100));
    if (drop(name)) {
      dropped++;
    } else {
      out.push(...pending, whole);
      kept++;
    }
    pending = [];
    longName = null;
  }
  out.push(Buffer.alloc(BLOCK * 2));
  return { tar: Buffer.concat(out), kept, dropped };
}

/** The trimmed bundle's path, made on first use; null when it cannot be made. */
export function trimmedBundle(source: string, cacheDir = CACHE_DIR): string | null {
  try {
    const st = statSync(source);
    const key = createHash('sha256').update(`${source}\0${st.size}\0${st.mtimeMs}`).digest('hex').slice(0, 16);
    const target = path.join(cacheDir, `postgis-${key}.tar.gz`);
    if (existsSync(target)) return target;
    const { tar } = filterTar(gunzipSync(readFileSync(source)), unusedEntry);
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, gzipSync(tar, { level: 1 }));
    renameSync(tmp, target);
    return target;
  } catch {
    return null;
  }
}

/** PGlite's postgis extension, loading the trimmed bundle when there is one. */
export const postgisTrimmed: Extension = {
  name: 'postgis',
  async setup(pg, emscriptenOpts: unknown) {
    const r = await postgis.setup(pg, emscriptenOpts);
    if (!r.bundlePath || r.bundlePath.protocol !== 'file:') return r;
    const trimmed = trimmedBundle(fileURLToPath(r.bundlePath));
    return trimmed ? { ...r, bundlePath: pathToFileURL(trimmed) } : r;
  },
};
