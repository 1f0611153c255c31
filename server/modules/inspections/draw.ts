// 双随机 draws that can be repeated: a Fisher–Yates shuffle driven by SHA-256 of (seed, purpose,
// step). The same seed and the same candidate lists always give the same selection.
import { createHash, randomBytes } from 'node:crypto';

export function newSeed(): string {
  return randomBytes(12).toString('hex');
}

/** A uniform integer in [0, n) from the seed, purpose and step (rejection sampling, no modulo bias). */
function uniform(seed: string, purpose: string, step: number, n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  for (let attempt = 0; ; attempt++) {
    const h = createHash('sha256').update(`${seed}\u0000${purpose}\u0000${step}\u0000${attempt}`).digest();
    const v = h.readUInt32BE(0);
    if (v < limit) return v % n;
  }
}

export function seededShuffle<T>(items: readonly T[], seed: string, purpose: string): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = uniform(seed, purpose, i, i + 1);
    const tmp = a[i] as T;
    a[i] = a[j] as T;
    a[j] = tmp;
  }
  return a;
}

export interface Draw {
  placeId: string;
  inspectorIds: string[];
}

/** Picks `placeCount` places and, for each, `perPlace` different inspectors. */
export function drawSpotCheck(places: readonly string[], inspectors: readonly string[], seed: string, placeCount: number, perPlace: number): Draw[] {
  const chosen = seededShuffle(places, seed, 'places').slice(0, placeCount);
  return chosen.map((placeId) => ({ placeId, inspectorIds: seededShuffle(inspectors, seed, `inspectors:${placeId}`).slice(0, perPlace) }));
}
