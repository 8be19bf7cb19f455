// What the robustness benches share: the built app served on a port of their own, a headless
// Chromium they start and can measure (renderer memory from /proc, JS heap over CDP), the CLI run
// under /usr/bin/time, and the one rule that every process started is stopped again — on success,
// on failure and on Ctrl+C.
//   SPATIAL_LENS_PORT     ports are derived from it (preview +10, Chromium's debugging port +5190)
//   ROBUSTNESS_CHECKOUT   measure another checkout of the app (its dist/ and bin/), e.g. the code before a fix
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, type CDPSession, type Page, chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../playwright.config';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
/** The checkout whose app and CLI are measured. */
export const APP = path.resolve(process.env.ROBUSTNESS_CHECKOUT ?? ROOT);
export const SHARED = path.resolve(ROOT, '../shared/data');
const BASE_PORT = Number(process.env.SPATIAL_LENS_PORT ?? 4173);
export const PORT = BASE_PORT + 10;
export const BASE = `http://localhost:${PORT}/`;
const CDP_PORT = BASE_PORT + 5190;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `p`, or a rejection naming `what` after `ms`: no step of a bench may hang. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
export const log = (s: string) => console.log(s);

// ---------------------------------------------------------------- stopping what was started

const started = new Set<ChildProcess>();
const cleanups = new Set<() => Promise<void> | void>();

/** Kills a process started detached, with its whole process group (npx and what it started). */
function kill(p: ChildProcess): void {
  if (!p.pid || p.exitCode !== null) return;
  try {
    process.kill(-p.pid, 'SIGKILL');
  } catch {
    p.kill('SIGKILL');
  }
}

export function track(p: ChildProcess): ChildProcess {
  started.add(p);
  p.on('exit', () => started.delete(p));
  return p;
}

export function onCleanup(f: () => Promise<void> | void): void {
  cleanups.add(f);
}

export async function stopAll(): Promise<void> {
  for (const f of [...cleanups].reverse()) await Promise.resolve(f()).catch(() => undefined);
  cleanups.clear();
  for (const p of started) kill(p);
  started.clear();
}

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    log(`\n${sig}: stopping what this bench started…`);
    void stopAll().finally(() => process.exit(130));
  });
process.on('exit', () => {
  for (const p of started) kill(p);
});

/** Runs the bench's main, stops everything it started, exits 1 on failure. */
export async function runMain(main: () => Promise<boolean>): Promise<void> {
  let ok = false;
  try {
    ok = await main();
  } catch (e) {
    console.error(e);
  } finally {
    await stopAll();
  }
  process.exit(ok ? 0 : 1);
}

// ---------------------------------------------------------------- the app

function newestSource(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return /\.test\.tsx?$/.test(p) ? 0 : st.mtimeMs;
  let m = 0;
  for (const f of fs.readdirSync(p)) if (f !== 'test') m = Math.max(m, newestSource(path.join(p, f)));
  return m;
}

/** Builds the measured checkout's app when its dist/ is missing or older than its sources. */
export function ensureBuild(): void {
  const index = path.join(APP, 'dist/index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestSource(path.join(APP, 'src'))) return;
  log(`building the app in ${APP}…`);
  const r = spawnSync('npx', ['vite', 'build'], { cwd: APP, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build failed: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
}

/** Where files put are served from the app's origin (under /robustness/), set by serveApp. */
export let servedDir = '';

/** Serves a copy of dist/ (a rebuild by someone else mid-run cannot pull chunks from under the page). */
export async function serveApp(): Promise<void> {
  ensureBuild();
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-robust-dist-'));
  fs.cpSync(path.join(APP, 'dist'), copy, { recursive: true });
  servedDir = path.join(copy, 'robustness');
  fs.mkdirSync(servedDir);
  onCleanup(() => fs.rmSync(copy, { recursive: true, force: true }));
  const up = () => fetch(BASE).then((r) => r.ok).catch(() => false);
  if (await up()) throw new Error(`port ${PORT} is taken already; stop what serves it, or set SPATIAL_LENS_PORT`);
  track(spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--outDir', copy], { cwd: ROOT, stdio: 'ignore', detached: true }));
  for (let i = 0; i < 150; i++) {
    if (await up()) return;
    await sleep(200);
  }
  throw new Error('vite preview did not start');
}

export interface Chromium {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** CDP session on the page (Performance.getMetrics). */
  cdp: CDPSession;
  /** CDP session on the browser (SystemInfo.getProcessInfo). */
  browserCdp: CDPSession;
  /** Kills the browser (its processes) at once: used when a run passes its memory or time cap. */
  kill(): void;
}

/** A headless Chromium of our own (a fresh profile), started detached so that it can be measured and killed. */
export async function launchChromium(): Promise<Chromium> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-robust-profile-'));
  const proc = track(spawn(CHROMIUM, [...CHROMIUM_ARGS, '--headless=new', `--remote-debugging-port=${CDP_PORT}`, `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore', detached: true }));
  let browser: Browser | null = null;
  for (let i = 0; i < 100 && !browser; i++) {
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${CDP_PORT}`).catch(() => null);
    if (!browser) await sleep(150);
  }
  if (!browser) throw new Error('Chromium did not start');
  const context = browser.contexts()[0];
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1440, height: 900 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const browserCdp = await browser.newBrowserCDPSession();
  const kill = () => {
    if (proc.pid)
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {
        proc.kill('SIGKILL');
      }
  };
  onCleanup(async () => {
    await browser!.close().catch(() => undefined);
    kill();
    fs.rmSync(profile, { recursive: true, force: true });
  });
  return { browser, context, page, cdp, browserCdp, kill };
}

/**
 * Puts files where the page can fetch them, and fetches them into the page (untimed): a drop made
 * with dropStaged then costs what a person's drop costs, not the copy of megabytes over CDP.
 */
export async function stageFiles(c: Chromium, files: string[]): Promise<void> {
  for (const f of files) fs.copyFileSync(f, path.join(servedDir, path.basename(f)));
  await c.page.evaluate(async (names) => {
    const w = window as unknown as { __staged: File[] };
    w.__staged = await Promise.all(names.map(async (n) => new File([await (await fetch(`/robustness/${encodeURIComponent(n)}`)).blob()], n)));
  }, files.map((f) => path.basename(f)));
}

/** Drops the staged files on the window, as a person drops them. */
export async function dropStaged(c: Chromium): Promise<void> {
  await c.page.evaluate(() => {
    const dt = new DataTransfer();
    for (const f of (window as unknown as { __staged: File[] }).__staged) dt.items.add(f);
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true }));
  });
}

// ---------------------------------------------------------------- memory

/** Resident memory of a process in MB (VmRSS), or 0 when it is gone. */
export function rssMB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The renderer processes of the browser (the page and its workers live in one of them). */
export async function rendererPids(c: Chromium): Promise<number[]> {
  const info = (await c.browserCdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
  return info.processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
}

export interface Measured {
  ms: number;
  /** Peak RSS of the renderer processes together, MB. */
  peakRssMB: number;
  /** Their RSS just before, MB. */
  baseRssMB: number;
  /** Peak JS heap of the page's main thread, MB (CDP Performance.getMetrics). */
  peakHeapMB: number;
  /** Stopped by the memory or time cap before it ended. */
  capped?: string;
}

export const CAP_MB = Number(process.env.ROBUSTNESS_CAP_MB ?? 3000);
export const CAP_S = Number(process.env.ROBUSTNESS_CAP_S ?? 90);

/**
 * Runs `act` in the browser while sampling the renderers' RSS every 20 ms and the page's JS heap
 * every 100 ms; `done` resolves when the app has answered. Past CAP_MB or CAP_S the browser is
 * killed and the run reported as capped.
 */
export async function measureInBrowser(c: Chromium, act: () => Promise<void>, done: () => Promise<unknown>): Promise<Measured> {
  const pids = await rendererPids(c);
  const total = () => pids.reduce((n, p) => n + rssMB(p), 0);
  const baseRssMB = total();
  let peakRssMB = baseRssMB;
  let peakHeapMB = 0;
  let capped: string | undefined;
  const t0 = performance.now();
  const rss = setInterval(() => {
    const now = total();
    peakRssMB = Math.max(peakRssMB, now);
    if (!capped && (now > CAP_MB || performance.now() - t0 > CAP_S * 1000)) {
      capped = now > CAP_MB ? `renderers past ${CAP_MB} MB after ${((performance.now() - t0) / 1000).toFixed(1)} s` : `still running after ${CAP_S} s`;
      c.kill();
    }
  }, 20);
  let heapBusy = false;
  const heap = setInterval(() => {
    if (heapBusy || capped) return;
    heapBusy = true;
    c.cdp
      .send('Performance.getMetrics')
      .then((m) => {
        const used = (m.metrics as { name: string; value: number }[]).find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0;
        peakHeapMB = Math.max(peakHeapMB, used / 1e6);
      })
      .catch(() => undefined)
      .finally(() => (heapBusy = false));
  }, 100);
  try {
    await act();
    await Promise.race([
      done(),
      new Promise<void>((resolve) => {
        const t = setInterval(() => capped && (clearInterval(t), resolve()), 50);
      }),
    ]);
  } catch (e) {
    if (!capped) throw e;
  } finally {
    clearInterval(rss);
    clearInterval(heap);
  }
  return { ms: performance.now() - t0, peakRssMB, baseRssMB, peakHeapMB, ...(capped ? { capped } : {}) };
}

export interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** The process's peak RSS (from /usr/bin/time; sampled when it was killed at the cap), MB. */
  maxRssMB: number;
  /** Stopped by the memory or time cap before it ended. */
  capped?: string;
}

/** Resident memory of a process and its descendants, MB. */
function treeRssMB(pid: number): number {
  let kids: number[] = [];
  try {
    kids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // gone
  }
  return rssMB(pid) + kids.reduce((n, k) => n + treeRssMB(k), 0);
}

/**
 * Runs a command under /usr/bin/time (its exact peak RSS) in `cwd`; past CAP_MB of resident memory
 * or CAP_S seconds it is killed and reported as capped.
 */
export async function runMeasured(cmd: string, args: string[], cwd: string): Promise<ProcessRun> {
  const t0 = performance.now();
  const p = track(spawn('/usr/bin/time', ['-f', 'MAXRSS_KB %M', cmd, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true }));
  let stdout = '';
  let stderr = '';
  p.stdout!.on('data', (d) => (stdout += d));
  p.stderr!.on('data', (d) => (stderr += d));
  let capped: string | undefined;
  let sampledMB = 0;
  const watch = setInterval(() => {
    const mb = treeRssMB(p.pid!);
    sampledMB = Math.max(sampledMB, mb);
    const s = (performance.now() - t0) / 1000;
    if (capped || (mb <= CAP_MB && s <= CAP_S)) return;
    capped = mb > CAP_MB ? `past ${CAP_MB} MB after ${s.toFixed(1)} s` : `still running after ${CAP_S} s`;
    try {
      process.kill(-p.pid!, 'SIGKILL');
    } catch {
      p.kill('SIGKILL');
    }
  }, 20);
  const code = await new Promise<number | null>((resolve) => p.on('close', (c) => resolve(c)));
  clearInterval(watch);
  const ms = performance.now() - t0;
  const m = /MAXRSS_KB (\d+)/.exec(stderr);
  const err = stderr
    .split('\n')
    .filter((l) => !/^MAXRSS_KB|^npm warn|^Command (exited|terminated)/.test(l))
    .join('\n')
    .trim();
  // a run killed at the cap leaves no report from /usr/bin/time: the peak sampled every 20 ms stands in
  return { code: capped ? null : code, stdout: stdout.trim(), stderr: err, ms, maxRssMB: m ? Number(m[1]) / 1024 : sampledMB, ...(capped ? { capped } : {}) };
}

/** The measured checkout's command line (`spatial-lens …`), measured. */
export const runCli = (args: string[]): Promise<ProcessRun> => runMeasured('node', [path.join(APP, 'bin/spatial-lens.js'), ...args], APP);

// ---------------------------------------------------------------- printing

/** A Markdown table (pipes in cells escaped). */
export function table(head: string[], rows: (string | number)[][]): string {
  const cell = (v: string | number) => String(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

export const tmpDir = (prefix: string): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  onCleanup(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
};
