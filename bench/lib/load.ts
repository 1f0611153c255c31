// Load from a separate process on loopback, bounded in time.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadResult, LoadSpec } from './cannon.js';
import { runTask } from './proc.js';

export type { LoadResult, LoadSpec };

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sg-load-'));
  const file = path.join(dir, 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  try {
    return await runTask<LoadResult>('bench/lib/cannon.ts', [file], {}, (spec.durationS + spec.warmupS + 120) * 1000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
