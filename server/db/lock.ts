// The embedded database belongs to one process. A lock file in the data directory says which;
// a second process (a CLI command while the server runs, or a second server) gets a clear error.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface LockInfo {
  pid: number;
  role: string;
  startedAt: string;
  port?: number;
}

export class DataDirLockedError extends Error {
  constructor(readonly holder: LockInfo, dataDir: string) {
    super(
      `The embedded database in ${dataDir} is in use by ${holder.role === 'server' ? 'the SafeGrid server' : `"safegrid ${holder.role}"`} ` +
        `(pid ${holder.pid}${holder.port ? `, port ${holder.port}` : ''}). Stop it first, or point both at a PostgreSQL server with DATABASE_URL.`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string, role: string, port?: number): { release(): void; update(info: Partial<LockInfo>): void } {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'safegrid.lock');
  const info: LockInfo = { pid: process.pid, role, startedAt: new Date().toISOString(), ...(port ? { port } : {}) };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const cur = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
          if (cur.pid === process.pid) rmSync(file, { force: true });
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return {
        release,
        update(extra) {
          Object.assign(info, extra);
          try {
            const fd2 = openSync(file, 'w', 0o600);
            writeSync(fd2, JSON.stringify(info));
            closeSync(fd2);
          } catch {
            /* best effort */
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: LockInfo | null;
      try {
        holder = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
      } catch {
        holder = null;
      }
      if (holder && (holder.pid === process.pid || alive(holder.pid))) throw new DataDirLockedError(holder, dataDir);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
