// The roles × permissions table of docs/PERMISSIONS.md, generated from common/permissions.ts.
import { ALL_PERMISSIONS, BUILTIN_ROLES, PERMISSIONS, ROLE_CODES } from '../common/permissions.js';

export const BEGIN = '<!-- generated: roles-permissions -->';
export const END = '<!-- end generated -->';

export function permissionsTable(): string {
  const head = `| permission | group | ${ROLE_CODES.map((r) => BUILTIN_ROLES[r].name.zh).join(' | ')} |`;
  const sep = `| --- | --- | ${ROLE_CODES.map(() => ':-:').join(' | ')} |`;
  const rows = ALL_PERMISSIONS.map(
    (p) => `| \`${p}\` | ${PERMISSIONS[p]} | ${ROLE_CODES.map((r) => (BUILTIN_ROLES[r].permissions.includes(p) ? '●' : '')).join(' | ')} |`,
  );
  return [BEGIN, '', head, sep, ...rows, '', END].join('\n');
}

export function withTable(doc: string): string {
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a < 0 || b < 0) throw new Error('docs/PERMISSIONS.md lacks the generated-table markers');
  return doc.slice(0, a) + permissionsTable() + doc.slice(b + END.length);
}
