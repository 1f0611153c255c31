// Adds up the test runs of `npm test` into one closing line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [dir, ...failedSteps] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];
for (const f of existsSync(dir) ? readdirSync(dir).filter((x) => x.endsWith('.json')).sort() : []) {
  const r = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
  const p = r.numPassedTests ?? r.passed ?? 0;
  const fl = r.numFailedTests ?? r.failed ?? 0;
  const s = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) + (r.skipped ?? 0);
  passed += p;
  failed += fl;
  skipped += s;
  lines.push(`  ${f.replace(/\.json$/, '').padEnd(14)} ${p} passed, ${fl} failed${s ? `, ${s} skipped` : ''}`);
}
console.log('\n=== summary ===');
for (const l of lines) console.log(l);
if (failedSteps.length) console.log(`  failed steps: ${failedSteps.join(', ')}`);
console.log(`Total: ${passed} passed, ${failed + failedSteps.length} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || failedSteps.length > 0 || passed === 0 ? 1 : 0);
