import { afterAll, beforeAll, it, expect } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { systemActor } from '../../core/access.js';
import { createUnitsService } from './units.service.js';
import { classifyFiles, readDivisionDir } from './units.source.js';
import { XINING_DIR } from './units.testdata.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => t.close());

it('scratch', async () => {
  const svc = createUnitsService(t.ctx);
  const a = systemActor('t');
  let t0 = Date.now();
  const lap = (l: string) => { console.log('LAP', l, Date.now() - t0); t0 = Date.now(); };
  await svc.importDivisions(a, classifyFiles(readDivisionDir(XINING_DIR)), { onProgress: (l) => lap('  imp ' + l) }); lap('import');
  await svc.generate(a, { unit: '6301' }, (l) => lap('  gen ' + l)); lap('generate');
  for (const c of ['6301', '630102', '630102001', '630102001001', '630106100']) { const r = await svc.coverage(a, c); lap(`cov ${c} ${r.ok}`); }
  const tr = await svc.coverageTree(a, '630102'); lap(`tree 630102 ${tr.ok} ${tr.checked}`);
  const tc = await svc.coverageTree(a, '6301'); lap(`tree 6301 ${tc.ok} ${tc.checked} ${JSON.stringify(tc.problems).slice(0, 500)}`);
  await svc.generate(a, { unit: '6301' }); lap('generate again');
  expect(1).toBe(1);
}, 600_000);
