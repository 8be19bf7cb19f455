// Inference benchmark (issue: headless-Chromium WASM vs onnxruntime-node, same model and input,
// in one run; target ratio ≤ 2.5) for the generated depth-shaped network (depthnet-384, 3.8
// GFLOPs) and the shared YOLOX-Nano COCO detector. Both runtimes get the same thread count.
//   npx tsx bench/inference.ts [--threads 2] [--runs 15]
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from '@playwright/test';
import * as ort from 'onnxruntime-node';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';
import { closeOnStop, failpoint, runBench } from './lib/serve';
import { TEST_MODELS_DIR, ensureTestModels } from '../scripts/testModels';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const THREADS = arg('threads', 2), RUNS = arg('runs', 15), WARMUP = arg('warmup', 8);
const ROOT = path.resolve(import.meta.dirname, '..');
const MODELS = [
  { name: 'depthnet-384 (generated, 3.8 GFLOPs)', file: path.join(TEST_MODELS_DIR, 'depthnet-384.onnx'), input: 'pixel_values', dims: [1, 3, 384, 384] },
  { name: 'YOLOX-Nano COCO (shared/models)', file: path.resolve(ROOT, '../shared/models/yolox_nano.onnx'), input: 'images', dims: [1, 3, 416, 416] },
];

/** Deterministic input in a plausible range. */
function inputFor(dims: number[]): Float32Array {
  const n = dims.reduce((a, b) => a * b, 1);
  const x = new Float32Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    x[i] = (s / 2 ** 32) * 2 - 1;
  }
  return x;
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

async function nodeTimes(file: string, input: string, dims: number[]): Promise<number[]> {
  const session = await ort.InferenceSession.create(file, { executionProviders: ['cpu'], intraOpNumThreads: THREADS, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  const feeds = { [input]: new ort.Tensor('float32', inputFor(dims), dims) };
  const times: number[] = [];
  for (let r = 0; r < WARMUP + RUNS; r++) {
    const t0 = performance.now();
    await session.run(feeds);
    if (r >= WARMUP) times.push(performance.now() - t0);
  }
  await session.release();
  return times;
}

/** A tiny same-origin, cross-origin-isolated server for onnxruntime-web and the models. */
function serve(): Promise<{ url: string; close: () => void }> {
  const dist = path.join(ROOT, 'node_modules/onnxruntime-web/dist');
  // onnxruntime-web runs in a module worker, as in the app: on the page's own thread its WASM
  // thread pool would have to busy-wait (the main thread may not block on Atomics.wait).
  const worker = `import * as ort from '/ort/ort.wasm.min.mjs';
    ort.env.wasm.wasmPaths = '/ort/';
    onmessage = async ({ data: [model, input, dims, threads, runs, warmup, seed] }) => {
      ort.env.wasm.numThreads = threads;
      const bytes = new Uint8Array(await (await fetch(model)).arrayBuffer());
      const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
      const n = dims.reduce((a, b) => a * b, 1), x = new Float32Array(n);
      let s = seed;
      for (let i = 0; i < n; i++) { s = (Math.imul(s, 1103515245) + 12345) >>> 0; x[i] = (s / 2 ** 32) * 2 - 1; }
      const feeds = { [input]: new ort.Tensor('float32', x, dims) };
      const times = [];
      for (let r = 0; r < warmup + runs; r++) { const t0 = performance.now(); await session.run(feeds); if (r >= warmup) times.push(performance.now() - t0); }
      await session.release();
      postMessage({ times, isolated: self.crossOriginIsolated, threads: ort.env.wasm.numThreads });
    };`;
  const page = `<!doctype html><script type="module">
    window.bench = (...args) => new Promise((resolve) => {
      const w = new Worker('/bench-worker.mjs', { type: 'module' });
      w.onmessage = (e) => { w.terminate(); resolve(e.data); };
      w.postMessage(args);
    });
    window.ready = true;
  </script>`;
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0]);
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    const file = url.startsWith('/ort/') ? path.join(dist, path.basename(url)) : url.startsWith('/model/') ? MODELS[Number(path.basename(url))].file : null;
    if (url === '/') return res.end(page);
    if (url === '/bench-worker.mjs') return (res.setHeader('Content-Type', 'text/javascript'), res.end(worker));
    if (!file || !fs.existsSync(file)) return ((res.statusCode = 404), res.end());
    res.setHeader('Content-Type', file.endsWith('.mjs') ? 'text/javascript' : file.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream');
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, close: () => server.close() })));
}

await runBench(async () => {
  await ensureTestModels();
  const srv = closeOnStop(await serve());
  await failpoint('served');
  const browser = closeOnStop(await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }));
  const page = await browser.newPage();
  await page.goto(srv.url);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready);
  console.log(`inference, ${THREADS} threads each, median of ${RUNS} runs after ${WARMUP} warm-up, same model and input`);
  for (const [k, m] of MODELS.entries()) {
    const node = median(await nodeTimes(m.file, m.input, m.dims));
    const web = await page.evaluate(
      ([model, input, dims, threads, runs, warmup]) => (window as unknown as { bench: (...a: unknown[]) => Promise<{ times: number[]; isolated: boolean; threads: number }> }).bench(model, input, dims, threads, runs, warmup, 12345),
      [`/model/${k}`, m.input, m.dims, THREADS, RUNS, WARMUP] as const,
    );
    const w = median(web.times);
    console.log(`  ${m.name}: onnxruntime-node ${node.toFixed(1)} ms, Chromium WASM ${w.toFixed(1)} ms (cross-origin isolated: ${web.isolated}) → ratio ${(w / node).toFixed(2)} (target ≤ 2.5)`);
  }
});
