// Who is acting, what they may do and where: the actor's grants, permission checks, and the SQL
// that scopes a query to the unit subtrees (and industries / enterprise) where a permission holds.
import { sql, type SQL } from '../db/client.js';
import type { Permission } from '../../common/permissions.js';
import { AppError } from './errors.js';

export interface Grant {
  id: string;
  role: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  unitPath: string;
  industryCode: string | null;
  enterpriseId: string | null;
  permissions: readonly Permission[];
}

export interface Actor {
  kind: 'user' | 'system';
  userId: string | null;
  username: string;
  displayName: string;
  sessionId: string | null;
  ip: string | null;
  grants: readonly Grant[];
  mustChangePassword: boolean;
}

/** The CLI and background jobs act as the system: every permission on the whole tree. */
export function systemActor(name = 'system', permissions: readonly Permission[] = []): Actor {
  return {
    kind: 'system',
    userId: null,
    username: name,
    displayName: name,
    sessionId: null,
    ip: null,
    mustChangePassword: false,
    grants: [{ id: '0', role: 'system', unitId: '1', unitCode: 'root', unitName: 'root', unitPath: 'root', industryCode: null, enterpriseId: null, permissions }],
  };
}

export function can(actor: Actor, p: Permission): boolean {
  if (actor.kind === 'system') return true;
  return actor.grants.some((g) => g.permissions.includes(p));
}

export function permissionsOf(actor: Actor): Permission[] {
  return [...new Set(actor.grants.flatMap((g) => g.permissions))];
}

export function require(actor: Actor, p: Permission): void {
  if (!can(actor, p)) throw new AppError('FORBIDDEN', `Missing permission ${p}`);
}

function grantsFor(actor: Actor, p: Permission): readonly Grant[] {
  if (actor.kind === 'system') return actor.grants;
  return actor.grants.filter((g) => g.permissions.includes(p));
}

export function pathWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(ancestor + '.');
}

export interface ScopeTarget {
  /** The record's unit path (ltree). */
  path: string;
  industryCode?: string | null;
  enterpriseId?: string | null;
}

/** Does the permission hold for this record? (Single-record form of `scopeSql`.) */
export function inScope(actor: Actor, p: Permission, target: ScopeTarget): boolean {
  return grantsFor(actor, p).some((g) => grantCovers(g, target));
}

function grantCovers(g: Grant, t: ScopeTarget): boolean {
  if (g.unitPath !== 'root' && !pathWithin(t.path, g.unitPath)) return false;
  return extraCovers(g, t);
}
function extraCovers(g: Grant, t: ScopeTarget): boolean {
  if (g.enterpriseId !== null) return t.enterpriseId !== undefined && t.enterpriseId !== null && t.enterpriseId === g.enterpriseId;
  if (g.industryCode !== null) {
    return t.industryCode !== undefined && t.industryCode !== null && t.industryCode.startsWith(g.industryCode);
  }
  return true;
}

export function requireInScope(actor: Actor, p: Permission, target: ScopeTarget): void {
  if (!can(actor, p)) throw new AppError('FORBIDDEN', `Missing permission ${p}`);
  if (!inScope(actor, p, target)) throw new AppError('OUT_OF_SCOPE');
}

export interface ScopeColumns {
  path: SQL;
  /** The record's industry code column, for industry-department grants. */
  industry?: SQL;
  /** The record's enterprise id column, for enterprise-user grants. */
  enterprise?: SQL;
}

/**
 * A SQL boolean expression that is true for the rows the permission covers: the OR over the
 * actor's grants holding it of "path within the grant's unit" (and the grant's industry or
 * enterprise). `false` when no grant holds it. Applied in WHERE clauses, never after fetching.
 */
export function scopeSql(actor: Actor, p: Permission, cols: ScopeColumns): SQL {
  const grants = grantsFor(actor, p);
  const plainPaths = grants.filter((g) => g.industryCode === null && g.enterpriseId === null).map((g) => g.unitPath);
  const parts: SQL[] = [];
  if (plainPaths.includes('root')) return sql`true`;
  if (plainPaths.length > 0) parts.push(sql`(${cols.path} <@ ${`{${plainPaths.join(',')}}`}::ltree[])`);
  for (const g of grants) {
    if (g.enterpriseId !== null) {
      if (cols.enterprise) parts.push(sql`(${cols.enterprise} = ${g.enterpriseId}::bigint)`);
    } else if (g.industryCode !== null) {
      if (cols.industry) {
        parts.push(sql`(${cols.path} <@ ${g.unitPath}::ltree AND ${cols.industry} LIKE ${g.industryCode + '%'})`);
      }
    }
  }
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/** Access checks take a set of ids and return the permitted subset. */
export function permittedSubset<T extends ScopeTarget & { id: string }>(actor: Actor, p: Permission, items: readonly T[]): string[] {
  return items.filter((i) => inScope(actor, p, i)).map((i) => i.id);
}
