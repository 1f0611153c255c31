// The logic of the unit picker, apart from React: where the tree starts for a user, what a node
// looks like, and which units a typed text finds (name, short name, code prefix, or the pinyin
// of the name — initials "cdq" or full "chengdong" for 城东区).
import { match } from 'pinyin-pro';

export interface PickerUnit {
  code: string;
  name: string;
  shortName?: string | undefined;
  level?: string | undefined;
  /** Only the name is visible (an ancestor of the user's area): shown, not selectable. */
  restricted?: boolean | undefined;
  childCount?: number | undefined;
  /** Names of the ancestors, top first (search answers). */
  context?: string | undefined;
}

/**
 * The units the tree starts from: the units of the user's grants, without those lying inside
 * another granted unit (unit codes extend their parent's code).
 */
export function scopeRoots(grants: ReadonlyArray<{ unitCode: string; unitName: string }>): PickerUnit[] {
  const seen = new Map<string, PickerUnit>();
  for (const g of grants) if (!seen.has(g.unitCode)) seen.set(g.unitCode, { code: g.unitCode, name: g.unitName });
  const all = [...seen.values()];
  return all
    .filter((u) => !all.some((o) => o.code !== u.code && u.code.startsWith(o.code)))
    .sort((a, b) => a.code.localeCompare(b.code));
}

function pinyinMatch(text: string, q: string): boolean {
  if (!text) return false;
  return match(text, q, { continuous: true, insensitive: true }) !== null;
}

/** Whether the typed text finds the unit. */
export function unitMatches(u: PickerUnit, raw: string): boolean {
  const q = raw.trim();
  if (q === '') return true;
  if (/^\d+$/.test(q)) return u.code.startsWith(q);
  if (u.name.includes(q) || (u.shortName ?? '').includes(q)) return true;
  if (/^[A-Za-z]+$/.test(q)) {
    return pinyinMatch(u.shortName ?? '', q) || pinyinMatch(u.name, q);
  }
  return false;
}

/** Whether the text is latin letters only: a pinyin search the server cannot answer by itself. */
export function isPinyinQuery(q: string): boolean {
  return /^[A-Za-z]+$/.test(q.trim());
}

/** Search results: the server's answers and the loaded units the text finds, once each, nearest levels first. */
export function mergeMatches(loaded: Iterable<PickerUnit>, server: readonly PickerUnit[], q: string, limit = 50): PickerUnit[] {
  const out = new Map<string, PickerUnit>();
  for (const u of server) if (!u.restricted) out.set(u.code, u);
  for (const u of loaded) if (!u.restricted && !out.has(u.code) && unitMatches(u, q)) out.set(u.code, u);
  return [...out.values()].sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code)).slice(0, limit);
}

/** Levels below which the picker does not read ahead for a pinyin search (grids are many). */
export const PREFETCH_LEVELS: ReadonlySet<string> = new Set(['province', 'city', 'district', 'street']);
