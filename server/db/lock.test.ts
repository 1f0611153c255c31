import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, bootId, DataDirLockedError, processStart } from './lock.js';

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

  it('takes over a lock left by a crashed process that had our PID (a restarted container)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sg-lock-'));
    // The dead server had the PID we have now, but it started at another time.
    const mine = processStart(process.pid);
    const other = mine === undefined ? '1' : String(Number(mine) + 12345);
    writeFileSync(
      path.join(dir, 'safegrid.lock'),
      JSON.stringify({ pid: process.pid, role: 'server', startedAt: '2026-01-01T00:00:00Z', bootId: bootId(), procStart: other }),
    );
    const lock = acquireDataDirLock(dir, 'server');
    // …and the lock is ours now: a second acquisition in this process is refused.
    expect(() => acquireDataDirLock(dir, 'demo')).toThrow(DataDirLockedError);
    lock.release();
    expect(existsSync(path.join(dir, 'safegrid.lock'))).toBe(false);
    rmSync(dir, { recursive: true });
  });

  it('takes over a lock with our PID written by a process of an earlier boot', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sg-lock-'));
    writeFileSync(
      path.join(dir, 'safegrid.lock'),
      JSON.stringify({ pid: process.pid, role: 'server', startedAt: '', bootId: '00000000-0000-0000-0000-000000000000', procStart: processStart(process.pid) }),
    );
    acquireDataDirLock(dir, 'server').release();
    rmSync(dir, { recursive: true });
  });

  it.runIf(processStart(process.pid) !== undefined)('honours a live holder, and only while its PID names the same process', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sg-lock-'));
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      await new Promise((r) => child.once('spawn', r));
      const pid = child.pid!;
      const file = path.join(dir, 'safegrid.lock');
      writeFileSync(file, JSON.stringify({ pid, role: 'server', startedAt: '', port: 8080, bootId: bootId(), procStart: processStart(pid) }));
      expect(() => acquireDataDirLock(dir, 'demo')).toThrow(DataDirLockedError);
      // The same PID with another start time is another process that reused the PID: stale.
      writeFileSync(file, JSON.stringify({ pid, role: 'server', startedAt: '', bootId: bootId(), procStart: '1' }));
      acquireDataDirLock(dir, 'demo').release();
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true });
    }
  });
});
