import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './lock.js';

describe('data directory lock', () => {
  it('refuses a second holder with a message naming the first, and frees on release', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sg-lock-'));
    const lock = acquireDataDirLock(dir, 'server', 8080);
    let err: unknown;
    try {
      acquireDataDirLock(dir, 'import divisions');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect((err as Error).message).toContain('the SafeGrid server');
    expect((err as Error).message).toContain('port 8080');
    lock.release();
    expect(existsSync(path.join(dir, 'safegrid.lock'))).toBe(false);
    acquireDataDirLock(dir, 'demo').release();
    rmSync(dir, { recursive: true });
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sg-lock-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(path.join(dir, 'safegrid.lock'), JSON.stringify({ pid: Number(dead), role: 'server', startedAt: '' }));
    const lock = acquireDataDirLock(dir, 'server');
    lock.release();
    rmSync(dir, { recursive: true });
  });
});
