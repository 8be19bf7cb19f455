// Where inference time goes, native vs WASM: per-op profiles of onnxruntime-node and onnxruntime-web
// (same model, same input, same session options) and timings of one configuration per line. It is
// the diagnostic behind bench/inference.ts's ratio; every figure it prints comes with the load average.
//   npx tsx bench/inferenceProfile.ts --model yolox|depthnet|<file.onnx> [--input images --dims 1,3,416,416]
//     [--threads 1,2] [--runs 10] [--warmup 5] [--opt all|extended|basic|disabled] [--profile]
//     [--ort-dist <dir with ort.wasm.mjs>] [--chromium-arg <flag>]… [--only node|web|webnode]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import * as ort from 'onnxruntime-node';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';
import { closeOnStop, runBench } from './lib/serve';
import { ensureTestModels } from '../scripts/testModels';
import { BENCH_MODELS, benchInput, ensureBenchModels } from './lib/benchModels';
import { serveOrtPage } from './lib/ortPage';

const argv = process.argv.slice(2);
const opt = (name: string, fallback?: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const many = (name: string) => argv.flatMap((a, i) => (a === `--${name}` ? [argv[i + 1]] : []));
const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = Number(opt('runs', '10')), WARMUP = Number(opt('warmup', '5'));
const THREADS = opt('threads', '1,2')!.split(',').map(Number);
const LEVEL = opt('opt', 'all') as 'all' | 'extended' | 'basic' | 'disabled';
const PROFILE = argv.includes('--profile');
const ONLY = opt('only');
/** Extra session options for both runtimes, as JSON (e.g. '{"enableMemPattern":false}'). */
const EXTRA = JSON.parse(opt('session', '{}')!) as Record<string, unknown>;
let SCALARS: Record<string, number> = {};
const ORT_DIST = path.resolve(opt('ort-dist', path.join(ROOT, 'node_modules/onnxruntime-web/dist'))!);

interface Ev { cat: string; name: string; dur: number; ts: number; args?: { op_name?: string; input_type_shape?: Record<string, number[]>[] } }

/** Convolutions split by kind (depthwise, 1×1, k×k), whose kernels differ most between builds. */
function opKind(e: Ev): string {
  const op = e.args?.op_name ?? '?';
  if (!/Conv$/.test(op) || op === 'ConvTranspose') return op;
  const [x, w] = (e.args?.input_type_shape ?? []).map((t) => Object.values(t)[0]);
  if (!x || !w) return op;
  const k = w.length === 4 ? `${w[2]}x${w[3]}` : '?';
  // Weight [C_out, C_in/groups, k, k]; depthwise when each output sees one input channel.
  const depthwise = w[1] === 1 && x[1] > 1;
  return `Conv ${depthwise ? 'dw' : ''}${k}`;
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const spread = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return `${s[0].toFixed(1)}–${s[s.length - 1].toFixed(1)}`;
};

/** Per-op kernel time (ms per run) over the runs after the warm-up. */
function perOp(events: Ev[]): Map<string, number> {
  const runs = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').sort((a, b) => a.ts - b.ts).slice(WARMUP);
  const from = runs[0]?.ts ?? 0;
  const ops = new Map<string, number>();
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time') || e.ts < from) continue;
    const op = opKind(e);
    ops.set(op, (ops.get(op) ?? 0) + e.dur / 1000 / runs.length);
  }
  return ops;
}

function printOps(label: string, ops: Map<string, number>, other?: Map<string, number>) {
  const total = [...ops.values()].reduce((a, b) => a + b, 0);
  console.log(`    ${label} per-op kernel time, ms/run (share)${other ? ', ratio to native' : ''}: total ${total.toFixed(1)}`);
  for (const [op, ms] of [...ops].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    const o = other?.get(op);
    console.log(`      ${op.padEnd(22)} ${ms.toFixed(2).padStart(8)} (${((100 * ms) / total).toFixed(1)} %)${o ? `  ×${(ms / o).toFixed(2)}` : ''}`);
  }
}

async function nodeRun(file: string, input: string, dims: number[], threads: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ortprof-'));
  const session = await ort.InferenceSession.create(file, {
    executionProviders: ['cpu'], intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: LEVEL, ...EXTRA,
    ...(PROFILE ? { enableProfiling: true, profileFilePrefix: path.join(dir, 'p') } : {}),
  });
  const feeds: Record<string, ort.Tensor> = { [input]: new ort.Tensor('float32', benchInput(dims), dims) };
  for (const [name, v] of Object.entries(SCALARS)) feeds[name] = new ort.Tensor('int64', BigInt64Array.of(BigInt(v)), []);
  const times: number[] = [], cpu: number[] = [];
  for (let r = 0; r < WARMUP + RUNS; r++) {
    const t0 = performance.now(), c0 = process.cpuUsage();
    await session.run(feeds);
    const c = process.cpuUsage(c0);
    if (r >= WARMUP) (times.push(performance.now() - t0), cpu.push((c.user + c.system) / 1000));
  }
  let ops: Map<string, number> | undefined;
  if (PROFILE) {
    session.endProfiling();
    await session.release();
    const f = fs.readdirSync(dir).find((n) => n.endsWith('.json'));
    ops = f ? perOp(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))) : undefined;
  } else await session.release();
  fs.rmSync(dir, { recursive: true, force: true });
  return { times, cpu, ops };
}

/** onnxruntime-web's WASM build inside Node (1 thread: its thread pool needs a browser worker). */
async function webNodeRun(file: string, input: string, dims: number[]) {
  // The WASM module keeps the console.log it found when it loaded: route its profile lines first.
  const lines: string[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => (String(a[0]).includes('"cat"') ? void lines.push(a.join(' ')) : log(...a));
  const web = await import(path.join(ORT_DIST, 'ort.wasm.mjs'));
  web.env.wasm.numThreads = 1;
  {
    const session = await web.InferenceSession.create(fs.readFileSync(file), { executionProviders: ['wasm'], graphOptimizationLevel: LEVEL, enableProfiling: PROFILE, ...EXTRA });
    const feeds: Record<string, unknown> = { [input]: new web.Tensor('float32', benchInput(dims), dims) };
    for (const [name, v] of Object.entries(SCALARS)) feeds[name] = new web.Tensor('int64', BigInt64Array.of(BigInt(v)), []);
    const times: number[] = [], cpu: number[] = [];
    for (let r = 0; r < WARMUP + RUNS; r++) {
      const t0 = performance.now(), c0 = process.cpuUsage();
      await session.run(feeds);
      const c = process.cpuUsage(c0);
      if (r >= WARMUP) (times.push(performance.now() - t0), cpu.push((c.user + c.system) / 1000));
    }
    if (PROFILE) session.endProfiling();
    await session.release();
    return { times, cpu, ops: PROFILE ? perOp(parseProfileLines(lines.splice(0))) : undefined };
  }
}

/** The WASM build prints its profile to the console, one JSON event per line. */
function parseProfileLines(lines: string[]): Ev[] {
  return lines.flatMap((l) => l.split('\n')).map((l) => l.trim().replace(/,$/, '')).filter((l) => l.startsWith('{"cat"')).map((l) => JSON.parse(l) as Ev);
}

function serve(model: string): Promise<{ url: string; close: () => void }> {
  const worker = `const lines = []; const log = console.log; console.log = (...a) => { const s = a.join(' '); if (s.includes('"cat"')) lines.push(s); else log(...a); };
    // WebNN is only in the full bundle; the app's WASM path uses the wasm-only one.
    const loading = import(${JSON.stringify(argv.includes('--webnn') ? '/ort/ort.all.mjs' : '/ort/ort.wasm.mjs')});
    onmessage = async ({ data: { input, dims, scalars, threads, runs, warmup, level, profile, webnn, extra } }) => {
      try {
        const ort = await loading;
        ort.env.wasm.wasmPaths = '/ort/';
        ort.env.wasm.numThreads = threads;
        const bytes = new Uint8Array(await (await fetch('/model')).arrayBuffer());
        const session = await ort.InferenceSession.create(bytes, { executionProviders: webnn ? [{ name: 'webnn', deviceType: 'cpu' }] : ['wasm'], graphOptimizationLevel: level, enableProfiling: profile, ...extra });
        const n = dims.reduce((a, b) => a * b, 1), x = new Float32Array(n);
        let s = 12345;
        for (let i = 0; i < n; i++) { s = (Math.imul(s, 1103515245) + 12345) >>> 0; x[i] = (s / 2 ** 32) * 2 - 1; }
        const feeds = { [input]: new ort.Tensor('float32', x, dims) };
        for (const [name, v] of Object.entries(scalars)) feeds[name] = new ort.Tensor('int64', BigInt64Array.of(BigInt(v)), []);
        const times = [];
        for (let r = 0; r < warmup + runs; r++) { const t0 = performance.now(); await session.run(feeds); if (r >= warmup) times.push(performance.now() - t0); }
        if (profile) session.endProfiling();
        await session.release();
        postMessage({ times, lines, isolated: self.crossOriginIsolated, threads: ort.env.wasm.numThreads, ml: 'ml' in navigator });
      } catch (e) { postMessage({ error: String(e?.message ?? e), ml: 'ml' in navigator }); }
    };`;
  return serveOrtPage(worker, ORT_DIST, (url) => (url === '/model' ? model : null));
}

await runBench(async () => {
  await ensureTestModels();
  const key = opt('model', 'yolox')!;
  await ensureBenchModels([key]);
  const known = BENCH_MODELS.find((m) => m.key === key);
  const file = known ? known.file : path.resolve(key);
  const input = known?.input ?? opt('input', 'pixel_values')!;
  const dims = known?.dims ?? opt('dims', '1,3,384,384')!.split(',').map(Number);
  SCALARS = known?.scalars ?? {};
  const webnn = argv.includes('--webnn');
  console.log(`${new Date().toISOString()} ${path.basename(file)} ${dims.join('×')}, opt level ${LEVEL}, ${RUNS} runs after ${WARMUP} warm-up, ort-web from ${ORT_DIST}${Object.keys(EXTRA).length ? `, session options ${JSON.stringify(EXTRA)}` : ''}`);
  const srv = closeOnStop(await serve(file));
  const browser = ONLY && ONLY !== 'web' ? null : closeOnStop(await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...many('chromium-arg')] }));
  const page = browser ? await browser.newPage() : null;
  if (page) {
    await page.goto(srv.url);
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready);
  }
  // CPU time of this process per run: with one thread it is the work done, whatever else the machine runs.
  const say = (what: string, times: number[], cpu?: number[]) =>
    console.log(`  ${what.padEnd(34)} median ${median(times).toFixed(1)} ms (range ${spread(times)}, n=${times.length})${cpu ? `, CPU ${median(cpu).toFixed(1)} ms` : ''} load ${load()}`);
  for (const threads of THREADS) {
    let native: Map<string, number> | undefined;
    if (!ONLY || ONLY === 'node') {
      const n = await nodeRun(file, input, dims, threads);
      say(`onnxruntime-node, ${threads} thread(s)`, n.times, n.cpu);
      native = n.ops;
      if (n.ops) printOps('native', n.ops);
    }
    if ((!ONLY || ONLY === 'webnode') && threads === 1) {
      const w = await webNodeRun(file, input, dims);
      say('onnxruntime-web in Node, 1 thread', w.times, w.cpu);
      // In Node the WASM module prints its profile past console.log: only Chromium's is read.
      if (w.ops?.size) printOps('web-in-Node', w.ops, native);
    }
    if (page) {
      const r = await page.evaluate((a) => (window as unknown as { bench: (x: unknown) => Promise<{ times: number[]; lines: string[]; isolated: boolean; threads: number; ml: boolean; error?: string }> }).bench(a), { input, dims, scalars: SCALARS, extra: EXTRA, threads, runs: RUNS, warmup: WARMUP, level: LEVEL, profile: PROFILE, webnn });
      if (r.error) {
        console.log(`  Chromium ${webnn ? 'WebNN' : 'WASM'}, ${threads} thread(s): FAILED ${r.error} (navigator.ml: ${r.ml})`);
        continue;
      }
      say(`Chromium ${webnn ? 'WebNN cpu' : 'WASM'}, ${r.threads} thread(s)${r.isolated ? '' : ' NOT isolated'}`, r.times);
      if (PROFILE) printOps('Chromium', perOp(parseProfileLines(r.lines)), native);
    }
  }
});
