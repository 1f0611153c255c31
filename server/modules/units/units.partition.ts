// Deterministic weighted partition of a polygon into pieces that cover it exactly: recursive
// bisection along the longer axis (guillotine cuts), each cut placed by bisection search so that
// the area on each side matches the weights of the items sent there. The result is one box per
// item; the boxes tile the polygon's bounding box, so the pieces ST_Intersection(polygon, box)
// cover the polygon with no gap and no overlap (neighbouring boxes share the very same cut value).
// Areas are computed here in degrees² (ratios only), with a cos(latitude) factor for the axis choice.

export type Pt = [number, number];
export type Ring = Pt[];

export interface Box {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}

export interface PartitionItem {
  key: string;
  weight: number;
}

export interface PartitionPiece {
  key: string;
  box: Box;
  /** Area of the piece in degrees² (for ratios). */
  area: number;
  /** Area centroid of the piece (lng, lat); the box centre when the piece is empty. */
  centroid: Pt;
}

/**
 * Rings of a GeoJSON Polygon / MultiPolygon with outer rings counter-clockwise and holes
 * clockwise, without the closing point, so that signed areas add up to the covered area.
 */
export function orientedRings(geometry: { type: string; coordinates: unknown }): Ring[] {
  const polys: number[][][][] =
    geometry.type === 'Polygon' ? [geometry.coordinates as number[][][]] : geometry.type === 'MultiPolygon' ? (geometry.coordinates as number[][][][]) : [];
  const out: Ring[] = [];
  for (const poly of polys) {
    poly.forEach((raw, i) => {
      const ring: Ring = raw.map((p) => [Number(p[0]), Number(p[1])] as Pt);
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (first && last && ring.length > 1 && first[0] === last[0] && first[1] === last[1]) ring.pop();
      if (ring.length < 3) return;
      const a = signedArea(ring);
      if ((i === 0 && a < 0) || (i > 0 && a > 0)) ring.reverse();
      out.push(ring);
    });
  }
  return out;
}

export function signedArea(ring: Ring): number {
  let s = 0;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const p = ring[i] as Pt;
    const q = ring[(i + 1) % n] as Pt;
    s += p[0] * q[1] - q[0] * p[1];
  }
  return s / 2;
}

export function areaOf(rings: Ring[]): number {
  let s = 0;
  for (const r of rings) s += signedArea(r);
  return s;
}

function centroidOf(rings: Ring[], fallback: Pt): Pt {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (const ring of rings) {
    const n = ring.length;
    for (let i = 0; i < n; i++) {
      const p = ring[i] as Pt;
      const q = ring[(i + 1) % n] as Pt;
      const cross = p[0] * q[1] - q[0] * p[1];
      a += cross;
      cx += (p[0] + q[0]) * cross;
      cy += (p[1] + q[1]) * cross;
    }
  }
  if (Math.abs(a) < 1e-18) return fallback;
  return [cx / (3 * a), cy / (3 * a)];
}

/**
 * Area of the part of a ring on one side of the line axis = c (less: coordinate < c), streamed
 * (Sutherland–Hodgman against one half-plane keeps the winding number inside it, so the
 * shoelace sum of the clipped ring is the clipped area, also for concave rings).
 */
function clippedRingArea(ring: Ring, axis: 0 | 1, c: number, less: boolean): number {
  const n = ring.length;
  let s = 0;
  let firstX = 0;
  let firstY = 0;
  let prevX = 0;
  let prevY = 0;
  let have = false;
  const emit = (x: number, y: number) => {
    if (!have) {
      firstX = x;
      firstY = y;
      have = true;
    } else s += prevX * y - x * prevY;
    prevX = x;
    prevY = y;
  };
  const inside = (p: Pt) => (less ? p[axis] <= c : p[axis] >= c);
  for (let i = 0; i < n; i++) {
    const p = ring[i] as Pt;
    const q = ring[(i + 1) % n] as Pt;
    const pin = inside(p);
    const qin = inside(q);
    if (pin && qin) emit(q[0], q[1]);
    else if (pin !== qin) {
      const t = (c - p[axis]) / (q[axis] - p[axis]);
      const x = axis === 0 ? c : p[0] + t * (q[0] - p[0]);
      const y = axis === 1 ? c : p[1] + t * (q[1] - p[1]);
      emit(x, y);
      if (qin) emit(q[0], q[1]);
    }
  }
  if (have) s += prevX * firstY - firstX * prevY;
  return s / 2;
}

/** The rings clipped to one side of axis = c (for the recursion). */
function clipRings(rings: Ring[], axis: 0 | 1, c: number, less: boolean): Ring[] {
  const out: Ring[] = [];
  for (const ring of rings) {
    const n = ring.length;
    const res: Ring = [];
    const inside = (p: Pt) => (less ? p[axis] <= c : p[axis] >= c);
    for (let i = 0; i < n; i++) {
      const p = ring[i] as Pt;
      const q = ring[(i + 1) % n] as Pt;
      const pin = inside(p);
      const qin = inside(q);
      if (pin && qin) res.push(q);
      else if (pin !== qin) {
        const t = (c - p[axis]) / (q[axis] - p[axis]);
        res.push(axis === 0 ? [c, p[1] + t * (q[1] - p[1])] : [p[0] + t * (q[0] - p[0]), c]);
        if (qin) res.push(q);
      }
    }
    if (res.length >= 3) out.push(res);
  }
  return out;
}

function boundsOf(rings: Ring[]): Box | null {
  let xmin = Infinity;
  let ymin = Infinity;
  let xmax = -Infinity;
  let ymax = -Infinity;
  for (const r of rings) {
    for (const p of r) {
      if (p[0] < xmin) xmin = p[0];
      if (p[0] > xmax) xmax = p[0];
      if (p[1] < ymin) ymin = p[1];
      if (p[1] > ymax) ymax = p[1];
    }
  }
  return xmin === Infinity ? null : { xmin, ymin, xmax, ymax };
}

/** The index k (1…n-1) splitting the ordered weights closest to half. */
function splitIndex(weights: number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let acc = 0;
  let best = 1;
  let bestDiff = Infinity;
  for (let k = 1; k < weights.length; k++) {
    acc += weights[k - 1] ?? 0;
    const d = Math.abs(acc - total / 2);
    if (d < bestDiff - 1e-12) {
      bestDiff = d;
      best = k;
    }
  }
  return best;
}

export interface PartitionOptions {
  rng: () => number;
  /** Margin added around the polygon's bounds for the outer box, in degrees. */
  margin?: number;
}

/**
 * Splits the polygon (oriented rings) among the items, in their order: the first items go
 * west (vertical cuts) or north (horizontal cuts). Weights must be positive.
 */
export function partition(rings: Ring[], items: PartitionItem[], opts: PartitionOptions): PartitionPiece[] {
  const pieces: PartitionPiece[] = [];
  const bounds = boundsOf(rings);
  if (!bounds || items.length === 0) return pieces;
  const margin = opts.margin ?? 1e-4;
  const outer: Box = { xmin: bounds.xmin - margin, ymin: bounds.ymin - margin, xmax: bounds.xmax + margin, ymax: bounds.ymax + margin };
  const cosLat = Math.cos((((bounds.ymin + bounds.ymax) / 2) * Math.PI) / 180);

  const rec = (region: Ring[], box: Box, group: PartitionItem[]): void => {
    const first = group[0];
    if (!first) return;
    const centre: Pt = [(box.xmin + box.xmax) / 2, (box.ymin + box.ymax) / 2];
    if (group.length === 1) {
      pieces.push({ key: first.key, box, area: Math.max(0, areaOf(region)), centroid: centroidOf(region, centre) });
      return;
    }
    const total = areaOf(region);
    const b = boundsOf(region) ?? box;
    const w = (b.xmax - b.xmin) * cosLat;
    const h = b.ymax - b.ymin;
    const axis: 0 | 1 = w > h * 1.15 ? 0 : h > w * 1.15 ? 1 : opts.rng() < 0.5 ? 0 : 1;
    const weights = group.map((g) => g.weight);
    const k = splitIndex(weights);
    const wTotal = weights.reduce((s, x) => s + x, 0);
    const f = weights.slice(0, k).reduce((s, x) => s + x, 0) / wTotal;
    // Target: the area with coordinate < c equals f (west part) or 1 − f (south part, axis 1).
    const targetLess = (axis === 0 ? f : 1 - f) * total;
    let lo = axis === 0 ? b.xmin : b.ymin;
    let hi = axis === 0 ? b.xmax : b.ymax;
    if (total <= 0) {
      lo = axis === 0 ? box.xmin : box.ymin;
      hi = axis === 0 ? box.xmax : box.ymax;
    }
    let c = lo + (hi - lo) * (axis === 0 ? f : 1 - f);
    if (total > 0) {
      for (let it = 0; it < 64 && hi - lo > 1e-13; it++) {
        c = (lo + hi) / 2;
        let a = 0;
        for (const ring of region) a += clippedRingArea(ring, axis, c, true);
        if (a < targetLess) lo = c;
        else hi = c;
      }
      c = (lo + hi) / 2;
    }
    const less = clipRings(region, axis, c, true);
    const more = clipRings(region, axis, c, false);
    if (axis === 0) {
      rec(less, { ...box, xmax: c }, group.slice(0, k));
      rec(more, { ...box, xmin: c }, group.slice(k));
    } else {
      rec(more, { ...box, ymin: c }, group.slice(0, k));
      rec(less, { ...box, ymax: c }, group.slice(k));
    }
  };
  rec(rings, outer, items);
  return pieces;
}

/**
 * Reading order of pieces: rows from north to south, west to east inside a row. A piece joins
 * the current row when its centroid lies within half a typical piece height of the row's first.
 */
export function readingOrder(points: Pt[], typicalHeight: number): number[] {
  const idx = points.map((_, i) => i).sort((a, b) => (points[b]?.[1] ?? 0) - (points[a]?.[1] ?? 0) || (points[a]?.[0] ?? 0) - (points[b]?.[0] ?? 0));
  const out: number[] = [];
  let i = 0;
  while (i < idx.length) {
    const top = points[idx[i] as number]?.[1] ?? 0;
    const row: number[] = [];
    while (i < idx.length && top - (points[idx[i] as number]?.[1] ?? 0) <= typicalHeight / 2) {
      row.push(idx[i] as number);
      i++;
    }
    row.sort((a, b) => (points[a]?.[0] ?? 0) - (points[b]?.[0] ?? 0));
    out.push(...row);
  }
  return out;
}
