// `npm test`: type check, unit tests (Vitest), build, end-to-end tests (Playwright, system
// Chromium), then one closing line "N passed, N failed" over everything. Exits non-zero if
// anything failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

fs.mkdirSync('test-results', { recursive: true });
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
const counts = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

const step = (name, cmd, args, env) => {
  console.log(`\n=== ${name} ===`);
  const code = run(cmd, args, env);
  if (code !== 0) failures.push(`${name} exited ${code}`);
  return code;
};

step('type check', 'npx', ['tsc', '--noEmit', '-p', '.']);

step('unit tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit.json']);
try {
  const u = JSON.parse(fs.readFileSync('test-results/unit.json', 'utf8'));
  counts.passed += u.numPassedTests;
  counts.failed += u.numFailedTests;
  counts.skipped += u.numPendingTests + u.numTodoTests;
} catch {
  failures.push('no unit-test report');
}

if (step('build', 'npx', ['vite', 'build']) === 0) {
  step('end-to-end tests (playwright)', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/e2e.json' });
  try {
    const e = JSON.parse(fs.readFileSync('test-results/e2e.json', 'utf8')).stats;
    counts.passed += e.expected;
    counts.failed += e.unexpected + e.flaky;
    counts.skipped += e.skipped;
  } catch {
    failures.push('no end-to-end report');
  }
}

if (failures.length) console.log(`\nProblems: ${failures.join('; ')}`);
console.log(`\n${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
process.exit(failures.length || counts.failed ? 1 : 0);
