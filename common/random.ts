// Seeded pseudo-random numbers (sfc32) — the one seeded source of the product and the bench: the
// provisional grid partition, the demo-city generator and the benchmark draw from it. One independent
// stream per purpose, so that adding draws to one part does not shift every other part.

export interface Rng {
  /** Uniform in [0, 1). */
  (): number;
}

function hashSeed(seed: string): [number, number, number, number] {
  // Four 32-bit words from the string (FNV-1a variants), as sfc32's state.
  const out: [number, number, number, number] = [0, 0, 0, 0];
  for (let k = 0; k < 4; k++) {
    let h = (2166136261 ^ (k * 0x9e3779b9)) >>> 0;
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i);
      h = Math.imul(h, 16777619) >>> 0;
    }
    out[k] = h;
  }
  return out;
}

/** sfc32: small, fast, and good enough for synthetic data. */
export function rng(seed: string): Rng {
  let [a, b, c, d] = hashSeed(seed);
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

export function int(r: Rng, min: number, max: number): number {
  return min + Math.floor(r() * (max - min + 1));
}

export function chance(r: Rng, p: number): boolean {
  return r() < p;
}

export function pick<T>(r: Rng, items: readonly T[]): T {
  const v = items[Math.floor(r() * items.length)];
  if (v === undefined) throw new Error('pick from an empty list');
  return v;
}

/** Standard normal (Box–Muller). */
export function normal(r: Rng): number {
  const u = 1 - r();
  const v = r();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Log-normal with the given median and shape. */
export function lognormal(r: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(r));
}

/** Poisson-distributed count (Knuth for small means, normal approximation above 60). */
export function poisson(r: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(r)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = r();
  while (p > limit) {
    k++;
    p *= r();
  }
  return k;
}

/** Weighted choice in O(1) per draw (Walker's alias method). */
export class Alias<T> {
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;
  constructor(readonly items: readonly T[], weights: readonly number[]) {
    const n = items.length;
    if (n === 0) throw new Error('no items to choose from');
    const total = weights.reduce((s, w) => s + Math.max(0, w), 0);
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = weights.map((w) => (total > 0 ? (Math.max(0, w) * n) / total : 1));
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length && large.length) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.prob[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of [...small, ...large]) this.prob[i] = 1;
  }
  index(r: Rng): number {
    const i = Math.floor(r() * this.items.length);
    return r() < this.prob[i]! ? i : this.alias[i]!;
  }
  draw(r: Rng): T {
    return this.items[this.index(r)]!;
  }
}

/** Weighted choice from a small table of [value, weight] pairs. */
export function weighted<T>(r: Rng, table: ReadonlyArray<readonly [T, number]>): T {
  let total = 0;
  for (const [, w] of table) total += w;
  let x = r() * total;
  for (const [v, w] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return table[table.length - 1]![0];
}
