// Runs every bench/robustness/*.ts one after another (each also runs alone:
// `npx tsx bench/robustness/<file>.ts`), passing their tables through, and exits non-zero when any
// of them failed. Ctrl+C stops the one running (each stops what it started).
//   npm run bench:robustness          (SPATIAL_LENS_PORT sets the ports they use)
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const DIR = path.resolve(import.meta.dirname, 'robustness');
const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.ts'))
  .sort();

let running: ChildProcess | null = null;
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    // the bench cleans up on SIGINT; it runs in its own process group so nothing else is hit
    if (running?.pid) process.kill(-running.pid, 'SIGINT');
    setTimeout(() => process.exit(130), 15_000).unref();
  });

const results: { file: string; code: number | null; s: number }[] = [];
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const t0 = Date.now();
  const code = await new Promise<number | null>((resolve) => {
    running = spawn('npx', ['tsx', path.join(DIR, file)], { stdio: 'inherit', detached: true });
    running.on('exit', (c, signal) => resolve(signal ? 1 : c));
  });
  running = null;
  results.push({ file, code, s: (Date.now() - t0) / 1000 });
}
console.log('\n=== robustness ===');
for (const r of results) console.log(`${r.code === 0 ? 'passed' : 'FAILED'}  ${r.file} (${r.s.toFixed(0)} s)`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
