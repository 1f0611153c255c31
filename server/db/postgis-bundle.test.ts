import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { filterTar, trimmedBundle, unusedEntry } from './postgis-bundle.js';

const require = createRequire(import.meta.url);
const published = path.join(path.dirname(require.resolve('@electric-sql/pglite-postgis')), 'postgis.tar.gz');
const dir = mkdtempSync(path.join(os.tmpdir(), 'sg-postgis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const list = (tarFile: string) => execFileSync('tar', ['tf', tarFile], { maxBuffer: 1 << 24 }).toString().split('\n').filter(Boolean);

describe('the trimmed PostGIS bundle', () => {
  it('keeps postgis, its upgrade scripts and PROJ data, drops raster, topology and the geocoder, and is a valid tar', () => {
    const target = trimmedBundle(published, dir);
    expect(target).not.toBeNull();
    const tarFile = path.join(dir, 'trimmed.tar');
    writeFileSync(tarFile, gunzipSync(readFileSync(target!)));
    const names = list(tarFile);
    const before = list((() => {
      const f = path.join(dir, 'published.tar');
      writeFileSync(f, gunzipSync(readFileSync(published)));
      return f;
    })());
    expect(names).toContain('lib/postgresql/postgis-3.so');
    expect(names).toContain('share/postgresql/extension/postgis.control');
    expect(names).toContain('share/proj/proj.db');
    expect(names.some((n) => n.includes('raster') || n.includes('topology') || n.includes('tiger'))).toBe(false);
    expect(names).toEqual(before.filter((n) => !unusedEntry(n)));
    // Made once: the second call finds it.
    expect(trimmedBundle(published, dir)).toBe(target);
  });

  it('carries long-name headers with their entry and drops them with it', () => {
    const src = path.join(dir, 'src');
    const long = `${'a'.repeat(120)}.txt`;
    execFileSync('mkdir', ['-p', path.join(src, 'keep'), path.join(src, 'drop')]);
    writeFileSync(path.join(src, 'keep', long), 'kept');
    writeFileSync(path.join(src, 'drop', long), 'dropped');
    const tarFile = path.join(dir, 'long.tar');
    execFileSync('tar', ['cf', tarFile, '--format=gnu', '-C', src, 'keep', 'drop']);
    const r = filterTar(readFileSync(tarFile), (n) => n.startsWith('drop'));
    const out = path.join(dir, 'long-out.tar');
    writeFileSync(out, r.tar);
    expect(list(out)).toEqual(['keep/', `keep/${long}`]);
    expect(r.dropped).toBe(2);
  });

  it('answers null when the published bundle is missing (the caller then uses the published path)', () => {
    expect(trimmedBundle(path.join(dir, 'missing.tar.gz'), dir)).toBeNull();
  });
});
