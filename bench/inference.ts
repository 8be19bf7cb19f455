// Inference benchmark: onnxruntime-web's WASM build in headless Chromium vs onnxruntime-node, same
// model, same input, same thread count and graph optimisation level (issue target: ratio ≤ 2.5). Models:
// the generated depthnet-384, the shared YOLOX-Nano, and a generated graph per catalogue architecture
// at the input size the app feeds it (bench/lib/benchModels.ts). Native and WASM blocks alternate
// (--rounds), so both see the same machine load; every line carries the load average, because on
// a shared CPU the wall-clock ratio moves with it. bench/inferenceProfile.ts says where the time goes.
//   npx tsx bench/inference.ts [--threads 2] [--runs 15] [--warmup 8] [--rounds 2]
//     [--models depthnet,yolox,dav2,moge2,metric3d]
// The ViT-S graphs take seconds a run in WASM: they get at most 3 runs after 1 warm-up.
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import * as ort from 'onnxruntime-node';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';
import { closeOnStop, failpoint, runBench } from './lib/serve';
import { ensureTestModels } from '../scripts/testModels';
import { BENCH_MODELS, type BenchModel, benchInput, ensureBenchModels } from './lib/benchModels';
import { serveOrtPage } from './lib/ortPage';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const THREADS = Number(arg('threads', '2')), RUNS = Number(arg('runs', '15')), WARMUP = Number(arg('warmup', '8')), ROUNDS = Number(arg('rounds', '2'));
const KEYS = arg('models', 'depthnet,yolox,dav2,moge2,metric3d').split(',');
const ROOT = path.resolve(import.meta.dirname, '..');
const MODELS = BENCH_MODELS.filter((m) => KEYS.includes(m.key));
const runsFor = (m: BenchModel) => (m.vit ? { runs: Math.min(RUNS, 3), warmup: Math.min(WARMUP, 1) } : { runs: RUNS, warmup: WARMUP });

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const range = (a: number[]) => `${Math.min(...a).toFixed(1)}–${Math.max(...a).toFixed(1)}`;
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

async function nodeTimes(m: BenchModel): Promise<number[]> {
  const session = await ort.InferenceSession.create(m.file, { executionProviders: ['cpu'], intraOpNumThreads: THREADS, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  const feeds: Record<string, ort.Tensor> = { [m.input]: new ort.Tensor('float32', benchInput(m.dims), m.dims) };
  for (const [name, v] of Object.entries(m.scalars ?? {})) feeds[name] = new ort.Tensor('int64', BigInt64Array.of(BigInt(v)), []);
  const { runs, warmup } = runsFor(m);
  const times: number[] = [];
  for (let r = 0; r < warmup + runs; r++) {
    const t0 = performance.now();
    await session.run(feeds);
    if (r >= warmup) times.push(performance.now() - t0);
  }
  await session.release();
  return times;
}

/** The WASM side: onnxruntime-web in a module worker of a cross-origin-isolated page, as in the app. */
function serve(): Promise<{ url: string; close: () => void }> {
  const dist = path.join(ROOT, 'node_modules/onnxruntime-web/dist');
  const worker = `import * as ort from '/ort/ort.wasm.min.mjs';
    ort.env.wasm.wasmPaths = '/ort/';
    onmessage = async ({ data: [model, input, dims, scalars, threads, runs, warmup, seed] }) => {
      ort.env.wasm.numThreads = threads;
      const bytes = new Uint8Array(await (await fetch(model)).arrayBuffer());
      const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
      const n = dims.reduce((a, b) => a * b, 1), x = new Float32Array(n);
      let s = seed;
      for (let i = 0; i < n; i++) { s = (Math.imul(s, 1103515245) + 12345) >>> 0; x[i] = (s / 2 ** 32) * 2 - 1; }
      const feeds = { [input]: new ort.Tensor('float32', x, dims) };
      for (const [name, v] of Object.entries(scalars)) feeds[name] = new ort.Tensor('int64', BigInt64Array.of(BigInt(v)), []);
      const times = [];
      for (let r = 0; r < warmup + runs; r++) { const t0 = performance.now(); await session.run(feeds); if (r >= warmup) times.push(performance.now() - t0); }
      await session.release();
      postMessage({ times, isolated: self.crossOriginIsolated, threads: ort.env.wasm.numThreads });
    };`;
  return serveOrtPage(worker, dist, (url) => (url.startsWith('/model/') ? BENCH_MODELS[Number(path.basename(url))].file : null));
}

await runBench(async () => {
  await ensureTestModels();
  await ensureBenchModels(KEYS);
  const srv = closeOnStop(await serve());
  await failpoint('served');
  const browser = closeOnStop(await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }));
  const page = await browser.newPage();
  await page.goto(srv.url);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready);
  console.log(`${new Date().toISOString()} inference, ${THREADS} thread(s) each, graph optimisation 'all', ${ROUNDS} alternating rounds of ${RUNS} runs after ${WARMUP} warm-up${MODELS.some((m) => m.vit) ? ` (ViT-S graphs: ${Math.min(RUNS, 3)} after ${Math.min(WARMUP, 1)})` : ''}, ${os.cpus().length} CPUs`);
  for (const m of MODELS) {
    const k = BENCH_MODELS.indexOf(m);
    const { runs, warmup } = runsFor(m);
    const native: number[] = [], web: number[] = [];
    let isolated = false, webThreads = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const n = await nodeTimes(m);
      const w = await page.evaluate(
        ([model, input, dims, scalars, threads, runs, warmup]) => (window as unknown as { bench: (a: unknown[]) => Promise<{ times: number[]; isolated: boolean; threads: number }> }).bench([model, input, dims, scalars, threads, runs, warmup, 12345]),
        [`/model/${k}`, m.input, m.dims, m.scalars ?? {}, THREADS, runs, warmup] as const,
      );
      ({ isolated, threads: webThreads } = w);
      native.push(...n);
      web.push(...w.times);
      console.log(`  ${m.name} round ${round}: node ${median(n).toFixed(1)} ms (${range(n)}), WASM ${median(w.times).toFixed(1)} ms (${range(w.times)}) → ${(median(w.times) / median(n)).toFixed(2)}×, load ${load()}`);
    }
    console.log(`  ${m.name}: onnxruntime-node ${median(native).toFixed(1)} ms, Chromium WASM ${median(web).toFixed(1)} ms (${webThreads} threads, cross-origin isolated: ${isolated}) → ratio ${(median(web) / median(native)).toFixed(2)} (target ≤ 2.5)`);
  }
});
