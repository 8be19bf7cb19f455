// What the robustness benches share: the built app served by `vite preview` on this checkout's port
// (SPATIAL_LENS_PORT), and a register of everything they start, stopped on the way out whatever the
// way out is (done, an error, Ctrl+C).
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

/** Kills a detached child's whole process group (it and everything it started). */
export function killGroup(p: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (!p.pid || p.exitCode !== null || p.signalCode !== null) return;
  try {
    process.kill(-p.pid, signal);
  } catch {
    p.kill(signal);
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
  const index = path.join(ROOT, 'dist/index.html');
  const sources = ['src', 'index.html', 'vite.config.ts'].map((p) => path.join(ROOT, p)).filter((p) => fs.existsSync(p));
  if (fs.existsSync(index) && !sources.some((p) => newest(p) > fs.statSync(index).mtimeMs)) return;
  console.log('building the app (dist/ is missing or older than src/)…');
  const r = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build failed: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
}

/** Serves dist/ on PORT until stopAll (refuses when something already answers there). */
export async function serve(): Promise<void> {
  const up = () => fetch(BASE).then((r) => r.ok).catch(() => false);
  if (await up()) throw new Error(`port ${PORT} already answers; stop what serves it, or set SPATIAL_LENS_PORT to a free port`);
  const p = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { cwd: ROOT, stdio: 'ignore', detached: true });
  onStop(async () => {
    killGroup(p);
    await Promise.race([exited(p), sleep(3000)]);
    killGroup(p, 'SIGKILL');
  });
  for (let i = 0; i < 150; i++) {
    if (await up()) return;
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
