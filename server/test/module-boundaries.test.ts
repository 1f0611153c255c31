// The project's ESLint config enforces the module boundaries: planted sources (linted as if they
// were files of the tree) show the rule firing on a reach into another module's internals and on
// an import of bench/, and staying quiet on imports through a module file.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: root });

/** Rule ids and messages ESLint reports for `code` linted as the file `file`. */
async function lint(file: string, code: string): Promise<Array<{ rule: string | null; message: string }>> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => ({ rule: m.ruleId, message: m.message }));
}

const rules = (ms: Array<{ rule: string | null }>) => ms.map((m) => m.rule);

describe('module boundaries', () => {
  it('fires on an import of another module\'s internals and names the way in', async () => {
    const ms = await lint('server/modules/things/things.service.ts', [
      "import { placesRepository } from '../places/places.repository.js';",
      'export const planted = placesRepository;',
      '',
    ].join('\n'));
    expect(rules(ms)).toContain('safegrid/module-boundaries');
    expect(ms.find((m) => m.rule === 'safegrid/module-boundaries')?.message).toContain('server/modules/places/places.module.ts');
  }, 600_000);

  it('fires on re-exports and type-only imports too, and in common/modules', async () => {
    expect(rules(await lint('server/modules/things/things.service.ts', "export { placeRow } from '../places/places.service.js';\n")))
      .toContain('safegrid/module-boundaries');
    expect(rules(await lint('server/modules/things/things.service.ts', "import type { PlacesService } from '../places/places.service.js';\nexport type T = PlacesService;\n")))
      .toContain('safegrid/module-boundaries');
    expect(rules(await lint('common/modules/things/things.contract.ts', "import { PLACE_KIND_INFO } from '../places/places.labels.js';\nexport const K = PLACE_KIND_INFO;\n")))
      .toContain('safegrid/module-boundaries');
  }, 600_000);

  it('stays quiet on imports through the module file, within a module, and of core', async () => {
    const ms = await lint('server/modules/things/things.service.ts', [
      "import type { PlacesService } from '../places/places.module.js';",
      "import { thingsRepository } from './things.repository.js';",
      "import { sql } from '../../db/client.js';",
      'export type T = PlacesService;',
      'export const planted = [thingsRepository, sql];',
      '',
    ].join('\n'));
    expect(rules(ms)).not.toContain('safegrid/module-boundaries');
    expect(rules(ms)).not.toContain('no-restricted-imports');
  }, 600_000);

  it('keeps bench/ out of the product and modules out of core', async () => {
    for (const file of ['server/demo/demo.ts', 'cli/commands/core.ts', 'common/time.ts']) {
      expect(rules(await lint(file, "import { rng } from '../../bench/metrics.js';\nexport const r = rng;\n")), file).toContain('no-restricted-imports');
    }
    expect(rules(await lint('server/core/http.ts', "import type { AuthService } from '../modules/auth/auth.service.js';\nexport type A = AuthService;\n")))
      .toContain('no-restricted-imports');
    expect(rules(await lint('server/core/http.ts', "import type { Static } from 'typebox';\nimport type { Id } from '../../common/modules/shared/shared.contract.js';\nexport type A = Static<typeof Id>;\n")))
      .not.toContain('no-restricted-imports');
  }, 600_000);
});
