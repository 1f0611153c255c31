// The README promises Node.js 20.19+: every package the lockfile installs must accept it, or
// `npm ci` and `npm start` warn EBADENGINE. (content-disposition 3 and cookie 2 asked for
// Node 22; package.json overrides them with the API-compatible 2.0.1 and 1.1.1.)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const semver = createRequire(import.meta.url)('semver') as { satisfies(v: string, range: string, o?: { includePrerelease?: boolean }): boolean; minVersion(r: string): { version: string } | null };
const root = new URL('../../', import.meta.url);

describe('dependencies and the promised Node.js version', () => {
  it('installs no package whose engines refuse the oldest Node.js the README and package.json promise', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
    const oldest = semver.minVersion(pkg.engines.node)?.version ?? '';
    expect(oldest).toBe('20.19.0');
    expect(readFileSync(new URL('README.md', root), 'utf8')).toContain('Node.js 20.19+');
    const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as { packages: Record<string, { version?: string; engines?: unknown; optional?: boolean }> };
    const refusing = Object.entries(lock.packages)
      .filter(([, p]) => p.engines && typeof p.engines === 'object' && !Array.isArray(p.engines) && typeof (p.engines as { node?: unknown }).node === 'string')
      .filter(([, p]) => !semver.satisfies(oldest, (p.engines as { node: string }).node))
      .map(([name, p]) => `${name.replace(/^.*node_modules\//, '')}@${p.version ?? '?'} (${(p.engines as { node: string }).node})`);
    expect(refusing).toEqual([]);
  });
});
