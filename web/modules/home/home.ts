// What each role's home shows, apart from React: which home a user gets, the grid worker's day
// split into tasks and hazards, the worst units of a roll-up, the short phone menu.
import type { BuiltinRole } from '../../../common/permissions.js';
import type { WorkItem } from '../../../common/modules/notifications/notifications.contract.js';

export type HomeKind = 'district' | 'official' | 'grid' | 'general';

const KIND_OF_ROLE: Partial<Record<BuiltinRole, HomeKind>> = {
  district_safety_office: 'district',
  industry_department: 'district',
  street_official: 'official',
  community_official: 'official',
  grid_worker: 'grid',
};
const RANK: Record<HomeKind, number> = { district: 3, official: 2, grid: 1, general: 0 };

/** The home of a user: that of the widest of the user's roles (administrators get the general one). */
export function homeKind(grants: ReadonlyArray<{ role: string }>, permissions: readonly string[]): HomeKind {
  let best: HomeKind = 'general';
  for (const g of grants) {
    const k = KIND_OF_ROLE[g.role as BuiltinRole];
    if (k && RANK[k] > RANK[best]) best = k;
  }
  // The figures need stats.read; without it a district-level role falls back to the to-do list.
  if (best === 'district' && !permissions.includes('stats.read')) return 'official';
  return best;
}

export const TASK_KINDS: ReadonlySet<string> = new Set(['inspection_task', 'inspection_draft', 'report_triage']);

/** The grid worker's day: inspections and reports to do, hazards to follow up; overdue first, then by due date. */
export function splitToday(items: readonly WorkItem[]): { tasks: WorkItem[]; hazards: WorkItem[]; overdue: number } {
  const order = (a: WorkItem, b: WorkItem) =>
    Number(b.overdue) - Number(a.overdue) || b.daysOverdue - a.daysOverdue || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999');
  const tasks = items.filter((i) => TASK_KINDS.has(i.kind)).sort(order);
  const hazards = items.filter((i) => !TASK_KINDS.has(i.kind)).sort(order);
  return { tasks, hazards, overdue: items.filter((i) => i.overdue).length };
}

export interface UnitFigures {
  key: string;
  label: { zh: string; en: string };
  found: number;
  rectified: number;
  rejected: number;
  overdue: number;
  escalated: number;
}

/** Hazards still open in the period's figures (found, neither rectified nor rejected). */
export function stillOpen(g: UnitFigures): number {
  return Math.max(0, g.found - g.rectified - g.rejected);
}

/** The worst units: most overdue, then most escalated, then most still open; units with nothing wrong are left out. */
export function worstUnits<T extends UnitFigures>(groups: readonly T[], n = 5): T[] {
  return groups
    .filter((g) => g.overdue > 0 || g.escalated > 0 || stillOpen(g) > 0)
    .sort((a, b) => b.overdue - a.overdue || b.escalated - a.escalated || stillOpen(b) - stillOpen(a) || a.key.localeCompare(b.key))
    .slice(0, n);
}

/** The first day of the year of a local date (YYYY-MM-DD). */
export function yearStart(today: string): string {
  return `${today.slice(0, 4)}-01-01`;
}

/** The local date of an instant in the browser's zone. */
export function localDay(d: Date): string {
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

/** The grid worker's menu on a phone: the day's work only, at most seven entries, in this order. */
export const GRID_WORKER_PHONE_MENU: readonly string[] = [
  'home', 'notifications.work', 'inspections.list', 'hazards.list', 'reports.triage', 'place.map', 'notifications.inbox',
];

/** The entries a phone shows: for a grid worker the short list (of those the user may see), for others all. */
export function phoneMenu<E extends { key: string }>(entries: readonly E[], kind: HomeKind): E[] {
  if (kind !== 'grid') return [...entries];
  const byKey = new Map(entries.map((e) => [e.key, e]));
  return GRID_WORKER_PHONE_MENU.map((k) => byKey.get(k)).filter((e): e is E => e !== undefined).slice(0, 7);
}
