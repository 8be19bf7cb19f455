// Post-processing benchmark (issue: ≤ 40 ms per megapixel in Node, one thread; ≤ 0.6 × NumPy).
// Lifts a deterministic 1 MP analytic scene (floor, boxes, sensor noise, flying pixels at the box
// silhouettes) with the TypeScript pipeline, then runs the same steps written with NumPy
// (bench/postprocess_numpy.py) on the same input, and prints both and their ratio.
//   npx tsx bench/postprocess.ts [--width 1152 --height 864 --runs 30]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { intrinsicsFromHfov } from '../src/domain/geometry/camera';
import { Workspace } from '../src/domain/geometry/workspace';
import { liftImage } from '../src/domain/lifting/pipeline';
import { renderFloorScene } from '../src/test/scenes';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const W = arg('width', 1152), H = arg('height', 868), RUNS = arg('runs', 30), WARMUP = arg('warmup', 20);
const MP = (W * H) / 1e6;
const K = intrinsicsFromHfov(W, H, 65);
const rad = (d: number) => (d * Math.PI) / 180;
const boxes = [
  { min: [-0.8, 2.0, 0], max: [0.1, 2.8, 0.75] },
  { min: [0.4, 3.1, 0], max: [1.3, 3.7, 1.2] },
  { min: [-1.6, 4.0, 0], max: [-0.9, 4.5, 0.45] },
] as { min: [number, number, number]; max: [number, number, number] }[];
const depth = renderFloorScene(W, H, K, { roll: rad(2), pitch: rad(24) }, 1.45, boxes, 0.004, 11);
// flying pixels: blend across every left-to-right silhouette step
for (let i = 1; i < depth.length - 1; i++) if (depth[i] > 0 && depth[i + 1] > 0 && depth[i + 1] < 0.8 * depth[i]) depth[i] = 0.5 * (depth[i] + depth[i + 1]);
const rgba = new Uint8Array(W * H * 4);
for (let i = 0; i < W * H; i++) rgba.set([(i * 7) & 255, (i >> 3) & 255, 128, 255], i * 4);

const ws = new Workspace();
const input = { id: 'bench', image: { file: 'bench.png', width: W, height: H }, rgba, camera: { ...K, source: 'manual' as const }, depth: { kind: 'metric' as const, depth, source: 'bench' } };
for (let r = 0; r < WARMUP; r++) liftImage(input, undefined, ws);
const times: number[] = [];
const stages: Record<string, number[]> = {};
let points = 0;
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  const res = liftImage(input, undefined, ws);
  times.push(performance.now() - t0);
  points = res.cloud.count;
  for (const [k, v] of Object.entries(res.stats.timingsMs)) (stages[k] ??= []).push(v);
}
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
// post-processing proper: everything but the colour gathering, which is timed apart
const colourMs = median(stages.colour ?? [0]);
const tsMs = median(times) - colourMs;

// Same input for NumPy: raw float32 depth + uint8 RGBA + the camera.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bench-'));
fs.writeFileSync(path.join(dir, 'depth.f32'), Buffer.from(depth.buffer));
fs.writeFileSync(path.join(dir, 'rgba.u8'), Buffer.from(rgba.buffer));
fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({ width: W, height: H, ...K, runs: RUNS, warmup: 3 }));
let numpy: { median_ms: number; points: number } | null = null;
try {
  const out = execFileSync('python3', [path.join(import.meta.dirname, 'postprocess_numpy.py'), dir], { encoding: 'utf8' });
  numpy = JSON.parse(out.trim().split('\n').pop()!);
} catch (e) {
  console.error('NumPy comparison not run:', (e as Error).message.split('\n')[0]);
}
fs.rmSync(dir, { recursive: true, force: true });

console.log(`post-processing, ${W}×${H} (${MP.toFixed(2)} MP), ${points} points kept, median of ${RUNS} runs after ${WARMUP} warm-up, one thread`);
console.log(`  stages (ms): ${Object.entries(stages).map(([k, v]) => `${k} ${median(v).toFixed(1)}`).join(', ')}`);
console.log(`  TypeScript: ${tsMs.toFixed(1)} ms = ${(tsMs / MP).toFixed(1)} ms per MP (target ≤ 40); colour gathering ${colourMs.toFixed(1)} ms more`);
if (numpy) {
  console.log(`  NumPy:      ${numpy.median_ms.toFixed(1)} ms = ${(numpy.median_ms / MP).toFixed(1)} ms per MP (${numpy.points} points kept)`);
  console.log(`  ratio TypeScript / NumPy: ${(tsMs / numpy.median_ms).toFixed(2)} (target ≤ 0.6)`);
}
