// The embedded database belongs to one process. A lock file in the data directory says which;
// a second process (a CLI command while the server runs, or a second server) gets a clear error.
//
// A lock names its holder by PID, the kernel's boot id and the process's start time (field 22
// of /proc/<pid>/stat). After kill -9 in a fresh PID namespace (a restarted container keeping
// its volume) the new server often gets the dead one's PID; the start time (or the boot id after
// a reboot) then differs, so the lock is stale and is taken over. A PID equal to ours is held
// only when this very process holds the lock.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface LockInfo {
  pid: number;
  role: string;
  startedAt: string;
  port?: number;
  /** /proc/sys/kernel/random/boot_id when the lock was taken (Linux). */
  bootId?: string;
  /** The holder's start time in clock ticks since boot (/proc/<pid>/stat field 22, Linux). */
  procStart?: string;
}

export class DataDirLockedError extends Error {
  constructor(readonly holder: LockInfo, dataDir: string) {
    super(
      `The embedded database in ${dataDir} is in use by ${holder.role === 'server' ? 'the SafeGrid server' : `"safegrid ${holder.role}"`} ` +
        `(pid ${holder.pid}${holder.port ? `, port ${holder.port}` : ''}). Stop it first, or point both at a PostgreSQL server with DATABASE_URL.`,
    );
  }
}

/** Lock files this process holds (absolute paths). */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The kernel's boot id, or undefined where there is no /proc. */
export function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** A process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or undefined. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command) is in parentheses and may hold spaces: count from the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return rest[19]; // fields 3.. → field 22 is index 19
  } catch {
    return undefined;
  }
}

/** Whether the process named by a lock file still runs and still holds it. */
export function holderRuns(holder: LockInfo, file: string): boolean {
  if (!Number.isInteger(holder.pid) || holder.pid <= 0) return false;
  if (holder.pid === process.pid) {
    // The same PID as ours: either we hold it, or it was left by a process that had our PID
    // before (a container restarted after a crash).
    return heldHere.has(file);
  }
  const boot = bootId();
  if (holder.bootId && boot && holder.bootId !== boot) return false; // written before a reboot
  if (!alive(holder.pid)) return false;
  if (holder.procStart) {
    const now = processStart(holder.pid);
    if (now !== undefined && now !== holder.procStart) return false; // the PID was reused
  }
  return true;
}

export function acquireDataDirLock(dataDir: string, role: string, port?: number): { release(): void; update(info: Partial<LockInfo>): void } {
  mkdirSync(dataDir, { recursive: true });
  const file = path.resolve(dataDir, 'safegrid.lock');
  const boot = bootId();
  const start = processStart(process.pid);
  const info: LockInfo = {
    pid: process.pid,
    role,
    startedAt: new Date().toISOString(),
    ...(port ? { port } : {}),
    ...(boot ? { bootId: boot } : {}),
    ...(start ? { procStart: start } : {}),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      heldHere.add(file);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        heldHere.delete(file);
        try {
          const cur = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
          if (cur.pid === process.pid && cur.procStart === info.procStart) rmSync(file, { force: true });
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
      if (holder && holderRuns(holder, file)) throw new DataDirLockedError(holder, dataDir);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
