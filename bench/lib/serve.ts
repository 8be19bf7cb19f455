// What the benches share: the built app served by `vite preview` on this checkout's port
// (SPATIAL_LENS_PORT), and a register of everything they start, stopped on the way out whatever the
// way out is (done, an error, Ctrl+C, SIGTERM). `vite preview` runs in a process group of its own
// (npx and the vite below it), which the terminal's Ctrl+C does not reach: only this register stops it.
// SPATIAL_LENS_BENCH_DIST serves another folder than dist/ (no build); SPATIAL_LENS_BENCH_FAIL=<step>
// makes a bench fail at that step (and hang:<step> wait there), to check that it still stops everything.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PORT } from '../../playwright.config';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BASE = `http://localhost:${PORT}/`;
export { PORT };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- cleanup

const stops: (() => void | Promise<void>)[] = [];
/** Registers a stop function; they run in reverse order on exit, error or signal. */
export function onStop(fn: () => void | Promise<void>): void {
  stops.push(fn);
}
let stopping: Promise<void> | null = null;
export function stopAll(): Promise<void> {
  stopping ??= (async () => {
    while (stops.length) {
      try {
        await stops.pop()!();
      } catch {
        /* keep stopping the rest */
      }
    }
  })();
  return stopping;
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.once(sig, () => {
    console.error(`\n${sig}: stopping what this bench started…`);
    void stopAll().finally(() => process.exit(130));
  });

// The last resort when the process ends without stopAll (process.exit in a bench, a crash): the
// process groups it started are killed synchronously.
const groups = new Set<number>();
process.once('exit', () => {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone already */
    }
  }
});

/** Runs a bench's body; whatever way it ends, everything it started is stopped before the process exits. */
export async function runBench(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    console.error(`bench failed: ${(e as Error)?.stack ?? e}`);
    process.exitCode = 1;
  } finally {
    await stopAll();
  }
}

/** A step a test can make fail (SPATIAL_LENS_BENCH_FAIL=<step>) or hang (=hang:<step>), to check the cleanup. */
export async function failpoint(step: string): Promise<void> {
  const f = process.env.SPATIAL_LENS_BENCH_FAIL;
  if (f === step) throw new Error(`failing on purpose at "${step}" (SPATIAL_LENS_BENCH_FAIL)`);
  if (f === `hang:${step}`) {
    console.log(`hanging on purpose at "${step}" (SPATIAL_LENS_BENCH_FAIL)`);
    await new Promise(() => setInterval(() => undefined, 1 << 30));
  }
}

/** Closes the thing (a browser, a context, a server) when the bench stops. */
export function closeOnStop<T extends { close(): unknown }>(thing: T): T {
  onStop(async () => {
    await Promise.race([Promise.resolve(thing.close()).catch(() => undefined), sleep(5000)]);
  });
  return thing;
}

/** Kills a detached child's whole process group (it and everything it started). */
export function killGroup(p: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (!p.pid) return;
  // the group, even when its leader (npx) has ended: what it started may still run
  try {
    process.kill(-p.pid, signal);
  } catch {
    if (p.exitCode === null && p.signalCode === null) p.kill(signal);
  }
}

export const exited = (p: ChildProcess) => (p.exitCode !== null || p.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => p.once('exit', () => r())));

// ---------------------------------------------------------------- the app

function newest(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return /\.test\.tsx?$/.test(p) ? 0 : st.mtimeMs;
  let m = 0;
  for (const f of fs.readdirSync(p)) m = Math.max(m, newest(path.join(p, f)));
  return m;
}

/** Builds the app when dist/ is missing or older than the sources. */
export function ensureBuild(): void {
  if (process.env.SPATIAL_LENS_BENCH_DIST) return;
  const index = path.join(ROOT, 'dist/index.html');
  const sources = ['src', 'index.html', 'vite.config.ts'].map((p) => path.join(ROOT, p)).filter((p) => fs.existsSync(p));
  if (fs.existsSync(index) && !sources.some((p) => newest(p) > fs.statSync(index).mtimeMs)) return;
  console.log('building the app (dist/ is missing or older than src/)…');
  const r = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build failed: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
}

/**
 * Serves the built app (dist/, or `outDir`) on `port` (PORT) until stopAll; refuses when something
 * already answers there, unless `reuse` (then it serves nothing and stops nothing).
 */
export async function serve(opts: { outDir?: string; port?: number; reuse?: boolean } = {}): Promise<void> {
  const port = opts.port ?? PORT;
  const base = `http://localhost:${port}/`;
  const up = () => fetch(base).then((r) => r.ok).catch(() => false);
  if (await up()) {
    if (opts.reuse) return;
    throw new Error(`port ${port} already answers; stop what serves it, or set SPATIAL_LENS_PORT to a free port`);
  }
  const outDir = opts.outDir ?? process.env.SPATIAL_LENS_BENCH_DIST ?? 'dist';
  if (!fs.existsSync(path.resolve(ROOT, outDir, 'index.html'))) throw new Error(`${outDir}/index.html is missing: build the app first (npx vite build)`);
  const p = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--outDir', outDir], { cwd: ROOT, stdio: 'ignore', detached: true });
  if (p.pid) groups.add(p.pid);
  onStop(async () => {
    killGroup(p);
    await Promise.race([exited(p), sleep(3000)]);
    killGroup(p, 'SIGKILL');
    if (p.pid) groups.delete(p.pid);
  });
  for (let i = 0; i < 150; i++) {
    if (await up()) return;
    if (p.exitCode !== null) throw new Error(`vite preview ended at once (exit ${p.exitCode}): is port ${port} free?`);
    await sleep(200);
  }
  throw new Error('vite preview did not start');
}

/** A plain-text table: the first row is the header. */
export function table(rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map(String));
  const w = cells[0].map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((x, c) => (c === 0 ? x.padEnd(w[c]) : x.padStart(w[c]))).join('  ');
  return [line(cells[0]), w.map((n) => '-'.repeat(n)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
